//! The paradigms lab: three ways of making a small transformer do a
//! string task, trained and measured. [`tasks`] declares the tasks, their
//! instructions' wordings (some held out) and how an example is written;
//! [`vocab`] turns text into ids; [`texts`] writes each paradigm's
//! training text from a seed; [`ask`] prompts a model and checks its
//! greedy answers; [`stage`] trains a model on a text; [`finetune`],
//! [`fewshot`] and [`instruct`] are the three runs (pretrain–finetune,
//! prompting with examples, instruction tuning), each stepped by a worker
//! and measured into its result.

pub mod ask;
pub mod fewshot;
pub mod finetune;
pub mod instruct;
pub mod run;
pub mod stage;
pub mod tasks;
pub mod texts;
pub mod vocab;
