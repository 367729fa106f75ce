//! The paradigms lab's small string tasks, declared once: what each task
//! does to its input, the wordings of its instruction in English and
//! Chinese (some held out of every training set, to test whether a model
//! follows an instruction it never saw worded that way), the task held
//! out of instruction tuning altogether, and how an example is written
//! as text a character model reads: `instruction input>answer` and a
//! line end.

pub mod tasks;
