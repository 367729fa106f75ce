//! Native tests of the app layer and of the project's structure, in one
//! test binary (one link instead of ten): every action and its event,
//! undo and redo, loading and autosave, settings, training, the message
//! table and every error's wording, random action sequences, the page's
//! number fields against their declarations, and the layers' imports.

#![cfg(not(target_arch = "wasm32"))]

mod attention_lab;
mod cells;
mod copy_text;
mod diagram;
mod digits;
mod edits;
mod hands;
mod knobs;
mod knobs_html;
mod layers;
mod lessons;
mod load;
mod messages;
mod narration;
mod paradigms;
mod props;
mod scaling;
mod settings;
mod support;
mod training;
mod undo;
mod update_text;
mod wording;
mod worker;
