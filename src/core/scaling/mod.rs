//! The scaling lab's experiment: a family of transformers trained on
//! budgets of one text and scored on its held-out end, so the scaling law
//! (loss falling as a power of parameters, tokens and compute) can be
//! measured rather than drawn. [`corpus`] is the text, [`family`] the
//! sizes, budgets and what a sweep would cost, [`run`] one model trained
//! on one budget; the law is fitted in [`crate::core::analysis::scaling`].

pub mod corpus;
pub mod family;
pub mod run;
