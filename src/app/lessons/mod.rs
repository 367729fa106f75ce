//! The course: eight lessons along the notes' path, each a mode, a setup
//! made of ordinary [`Action`]s (applied through the same door as the
//! user's), the page controls it points at, and a task the app checks by
//! itself. The texts live in `en.rs` and `zh.rs`; the state in `course.rs`.

use crate::core::data::{Point, Preset, Task};
use crate::core::model::ModelKind;
use crate::core::settings::Knob;

use super::action::Action;
use super::chart::Chart;
use super::lang::Lang;
use super::workspace::Mode;

mod check;
pub mod course;
pub mod en;
mod flow;
pub mod zh;

pub use check::FIT_STEPS;

/// What a lesson asks for, checked on the workspace after every action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// Every point on its side of the perceptron's line, set by hand.
    Separate,
    /// A perceptron epoch without a single change.
    Converge,
    /// [`NEVER_SETTLES`] perceptron epochs on XOR without a mistake-free one.
    NeverSettles,
    /// A network at 100% on XOR.
    Xor,
    /// Softmax trained on three clusters to at least 90%.
    ThreeClusters,
    /// The polynomial degree with the lowest held-out loss of those
    /// trained, 9 and its own neighbours among them.
    BestDegree,
    /// Both plane modes seen.
    BothModes,
    /// The next character above 90%, then a generated one.
    Confident,
}

/// Epochs the perceptron must run on XOR without settling (lesson 3).
pub const NEVER_SETTLES: u64 = 20;

/// One lesson.
pub struct Lesson {
    /// The mode it runs in.
    pub mode: Mode,
    /// The actions that set it up, for the page's language.
    pub setup: fn(Lang) -> Vec<Action>,
    /// Ids of the page's elements it points at.
    pub controls: &'static [&'static str],
    /// Its task.
    pub goal: Goal,
}

/// A lesson's words in one language: `code` in backticks.
pub struct Text {
    /// The title.
    pub title: &'static str,
    /// Two to four short paragraphs.
    pub body: &'static [&'static str],
    /// The task.
    pub task: &'static str,
}

/// The lesson's texts in `lang`.
pub fn text(lang: Lang, i: usize) -> &'static Text {
    match lang {
        Lang::En => &en::LESSONS[i],
        Lang::Zh => &zh::LESSONS[i],
    }
}

fn knob(knob: Knob, v: &str) -> Action {
    Action::SetKnob {
        knob,
        text: v.into(),
    }
}

fn param(index: usize, v: f64) -> Action {
    Action::SetParam {
        index,
        text: v.to_string(),
    }
}

/// A fresh start in classification with `kind` and the points `pts`
/// (`(x1, x2, class)`).
fn plane(kind: ModelKind, pts: &[(f64, f64, usize)]) -> Vec<Action> {
    let mut a = vec![
        Action::StartFresh,
        Action::SetModel(kind),
        Action::ClearPoints,
    ];
    a.extend(
        pts.iter()
            .map(|&(x, y, class)| Action::AddPoint { x, y, class }),
    );
    a
}

/// Two small clusters (lessons 1 and 2).
const CLUSTERS: [(f64, f64, usize); 6] = [
    (2.0, 1.0, 1),
    (3.0, 2.0, 1),
    (2.5, -0.5, 1),
    (-2.0, -1.0, 0),
    (-3.0, 0.5, 0),
    (-1.5, -2.5, 0),
];

/// The course, in order.
pub const LESSONS: [Lesson; 8] = [
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Perceptron, &CLUSTERS);
            a.extend([param(0, 0.0), param(1, 1.0), param(2, 2.0)]);
            a
        },
        controls: &["lesson-sliders", "params", "plot-wrap"],
        goal: Goal::Separate,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Perceptron, &CLUSTERS);
            a.extend([param(0, -1.0), param(1, 0.5), param(2, 0.0)]);
            a
        },
        controls: &["step", "update", "params"],
        goal: Goal::Converge,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Perceptron, &[]);
            a.extend([Action::ChoosePreset(Preset::Xor), Action::SetSpeed(20)]);
            a
        },
        controls: &["preset", "play", "epoch"],
        goal: Goal::NeverSettles,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Network, &[]);
            a.extend([
                Action::ChoosePreset(Preset::Xor),
                knob(Knob::Units, "4"),
                knob(Knob::LearningRate, "0.1"),
                Action::SelectChart(Chart::Hidden),
                Action::SetSpeed(20),
            ]);
            a
        },
        controls: &["network-group", "tab-hidden", "play"],
        goal: Goal::Xor,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Softmax, &[]);
            a.extend([knob(Knob::Classes, "3"), Action::SetSpeed(20)]);
            a
        },
        controls: &["class-buttons", "plot-wrap", "play", "accuracy"],
        goal: Goal::ThreeClusters,
    },
    Lesson {
        mode: Mode::Regression,
        setup: |_| {
            vec![
                Action::StartFresh,
                Action::SetTask(Task::Regression),
                Action::SetModel(ModelKind::Polynomial),
                knob(Knob::Count, "18"),
                knob(Knob::Noise, "0.4"),
                knob(Knob::DataSeed, "2"),
                knob(Knob::Holdout, "30"),
                knob(Knob::Degree, "9"),
                knob(Knob::LearningRate, "0.5"),
                Action::ChoosePreset(Preset::Sine),
                Action::SetSpeed(50),
            ]
        },
        controls: &["degree", "holdout", "loss", "tab-loss"],
        goal: Goal::BestDegree,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| vec![Action::StartFresh],
        controls: &["mode"],
        goal: Goal::BothModes,
    },
    Lesson {
        mode: Mode::Language,
        setup: |lang| {
            let (id, prompt) = match lang {
                Lang::Zh => ("zh-repeat", "我们"),
                Lang::En => ("en-repeat", "hel"),
            };
            vec![
                Action::StartFresh,
                Action::SetMode(Mode::Language),
                Action::ChooseText(id.into()),
                Action::SetPrompt(prompt.into()),
                Action::SetSpeed(20),
            ]
        },
        controls: &["play", "next-char", "generate-one", "temperature", "blank"],
        goal: Goal::Confident,
    },
];

/// The points a lesson's check needs at least, per class.
pub const MIN_PER_CLASS: usize = 3;

/// How many points of each class `pts` has (first five classes).
pub(crate) fn per_class(pts: &[Point]) -> [usize; 5] {
    let mut n = [0; 5];
    pts.iter().for_each(|p| n[p.class.min(4)] += 1);
    n
}
