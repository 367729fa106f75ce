//! The browser facade and DOM wiring.
