//! The course: lessons along the notes' path, each a mode, a setup made of
//! ordinary [`Action`]s (applied through the same door as the user's), the
//! pace at which Play shows its point, the page controls it points at, and
//! a task the app checks by itself. The texts live in `en.rs` and `zh.rs`;
//! the state in `course.rs`; the checks in `check.rs`. A lesson joins the
//! course by one entry in [`LESSONS`] (and its two texts).

use crate::core::data::{Point, Preset, Task};
use crate::core::lm::settings::{LmKind, TRANSFORMER_CONTEXT};
use crate::core::lm::texts::by_id;
use crate::core::model::ModelKind;
use crate::core::settings::Knob;

use super::action::Action;
use super::attention::AttentionPick;
use super::chart::Chart;
use super::lang::Lang;
use super::workspace::Mode;

mod check;
pub mod course;
pub mod en;
mod flow;
pub mod saved;
pub mod zh;

pub use check::{
    CLASS_MARK, COPY_MARK, FIT_STEPS, OOD_DROP, OOD_MARK, PREDICT_MARK, REGRESSION_MARK,
    SIGMOID_MARK, SOFTMAX_MARK,
};

/// What a lesson asks for, checked on the workspace after every action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// Every point on its side of the perceptron's line, set by hand.
    Separate,
    /// A perceptron epoch without a single change, after a missed 1 was
    /// pulled in and a false 1 pushed away.
    Converge,
    /// The perceptron gave up ([`NEVER_SETTLES`] epochs, each with a
    /// mistake) on the overlapping blobs and on XOR.
    NeverSettles,
    /// A network at 100% on XOR.
    Xor,
    /// Logistic regression trained below [`SIGMOID_MARK`], then softmax on
    /// three clusters trained from below [`SOFTMAX_MARK`] to it.
    Probabilities,
    /// The polynomial degree with the lowest held-out loss of those
    /// trained, 9 and its own neighbours among them.
    BestDegree,
    /// A classifier trained to [`CLASS_MARK`] and a regression line to
    /// [`REGRESSION_MARK`].
    BothTrained,
    /// A character generated that the model gave more than 90%.
    Confident,
    /// On a copy text, a transformer's head picked whose measured pattern
    /// is copying (an induction head), and at least [`COPY_MARK`] of the
    /// held-out second copies right.
    CopyHead,
    /// On the comparison's blank, the two-sided transformer beat the
    /// left-only one; the left-only one wrote on; the two-sided one refused.
    BothSides,
    /// Held-out accuracy at [`OOD_MARK`], and shifted points at least
    /// [`OOD_DROP`] lower with one the model is sure of and wrong.
    Shifted,
    /// The scaling lab predicted a run's loss from its law, trained the
    /// run, and the two agreed within [`PREDICT_MARK`].
    Predicted,
    /// The paradigms lab measured all three paradigms.
    Paradigms,
}

/// Epochs the perceptron must run without settling (lesson 3).
pub const NEVER_SETTLES: u64 = super::walk::GIVE_UP_EPOCHS as u64;

/// One lesson.
pub struct Lesson {
    /// The mode it runs in.
    pub mode: Mode,
    /// The actions that set it up, for the page's language.
    pub setup: fn(Lang) -> Vec<Action>,
    /// Updates per frame while playing: a pace at which its point shows.
    pub pace: usize,
    /// The number `Train N steps` starts at.
    pub steps: u64,
    /// Ids of the page's elements it points at.
    pub controls: &'static [&'static str],
    /// Its task.
    pub goal: Goal,
    /// Its words in English.
    pub en: &'static Text,
    /// Its words in Chinese.
    pub zh: &'static Text,
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

/// The words of lesson `i` in `lang`.
pub fn text(lang: Lang, i: usize) -> &'static Text {
    match lang {
        Lang::En => LESSONS[i].en,
        Lang::Zh => LESSONS[i].zh,
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

/// Two small clusters (lesson 1).
const CLUSTERS: [(f64, f64, usize); 6] = [
    (2.0, 1.0, 1),
    (3.0, 2.0, 1),
    (2.5, -0.5, 1),
    (-2.0, -1.0, 0),
    (-3.0, 0.5, 0),
    (-1.5, -2.5, 0),
];

/// Lesson 2's points, left against right: from the line `w = (−1, 0.5)`,
/// `b = 0` (five of six wrong) the rule needs two pulls and two pushes,
/// and `w1` walks −1 → 0 → 1 as in the notes.
const WALK: [(f64, f64, usize); 6] = [
    (-1.0, 0.5, 0),
    (-1.5, 2.5, 0),
    (-1.0, -3.0, 0),
    (2.5, -0.5, 1),
    (1.5, 2.5, 1),
    (1.0, 1.0, 1),
];

/// Lesson 5's two clusters, with room below for a third.
const TWO_CLUSTERS: [(f64, f64, usize); 10] = [
    (-3.0, 1.5, 0),
    (-2.2, 2.4, 0),
    (-3.6, 2.6, 0),
    (-1.8, 1.0, 0),
    (-2.8, 0.4, 0),
    (3.0, 1.5, 1),
    (2.2, 2.4, 1),
    (3.6, 2.6, 1),
    (1.8, 1.0, 1),
    (2.8, 0.4, 1),
];

/// The course, in order.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Perceptron, &CLUSTERS);
            a.extend([param(0, 0.0), param(1, 1.0), param(2, 2.0)]);
            a
        },
        pace: 5,
        steps: 100,
        controls: &["lesson-sliders", "params", "plot-wrap"],
        goal: Goal::Separate,
        en: &en::NEURON,
        zh: &zh::NEURON,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Perceptron, &WALK);
            a.extend([param(0, -1.0), param(1, 0.5), param(2, 0.0)]);
            a
        },
        pace: 1,
        steps: 6,
        controls: &["step", "update", "params"],
        goal: Goal::Converge,
        en: &en::PERCEPTRON,
        zh: &zh::PERCEPTRON,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Perceptron, &[]);
            // Seed 2's blobs overlap at the usual noise (seed 1's happen
            // to be separable), and XOR drawn from it stays clean.
            a.extend([
                knob(Knob::DataSeed, "2"),
                Action::ChoosePreset(Preset::Overlapping),
            ]);
            a
        },
        pace: 1,
        steps: 100,
        controls: &["preset", "play", "epoch", "accuracy"],
        goal: Goal::NeverSettles,
        en: &en::ONE_LINE,
        zh: &zh::ONE_LINE,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Network, &[]);
            a.extend([
                Action::ChoosePreset(Preset::Xor),
                knob(Knob::Layers, "2"),
                knob(Knob::Units, "2"),
                knob(Knob::LearningRate, "0.1"),
                Action::SelectChart(Chart::Hidden),
            ]);
            a
        },
        pace: 1,
        steps: 100,
        controls: &["network-group", "tab-hidden", "play"],
        goal: Goal::Xor,
        en: &en::BEND,
        zh: &zh::BEND,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Logistic, &TWO_CLUSTERS);
            a.extend([
                knob(Knob::Classes, "3"),
                knob(Knob::LearningRate, "0.005"),
                param(0, 0.0),
                param(1, 0.0),
                param(2, 0.0),
            ]);
            a
        },
        pace: 1,
        steps: 100,
        controls: &["probe", "loss", "model", "class-buttons", "accuracy"],
        goal: Goal::Probabilities,
        en: &en::PROBABILITIES,
        zh: &zh::PROBABILITIES,
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
            ]
        },
        pace: 5,
        steps: FIT_STEPS,
        controls: &["degree", "train-n", "loss", "tab-loss"],
        goal: Goal::BestDegree,
        en: &en::REGRESSION,
        zh: &zh::REGRESSION,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            // Both start wrong and learn slowly enough to watch: the
            // line flat at 0, the boundary across the blobs.
            vec![
                Action::StartFresh,
                Action::SetTask(Task::Regression),
                Action::SetModel(ModelKind::Linear),
                knob(Knob::LearningRate, "0.003"),
                param(0, 0.0),
                param(1, 0.0),
                Action::SetTask(Task::Classification),
                Action::SetModel(ModelKind::Logistic),
                knob(Knob::LearningRate, "0.001"),
                param(0, -1.0),
                param(1, 1.0),
                param(2, 0.0),
            ]
        },
        pace: 1,
        steps: 100,
        controls: &["mode", "accuracy", "loss", "probe"],
        goal: Goal::BothTrained,
        en: &en::TWO_ANSWERS,
        zh: &zh::TWO_ANSWERS,
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
                knob(Knob::LearningRate, "0.1"),
                knob(Knob::Temperature, "0.5"),
                Action::SetPrompt(prompt.into()),
            ]
        },
        pace: 1,
        steps: 100,
        controls: &["play", "next-char", "generate-one", "perplexity", "blank"],
        goal: Goal::Confident,
        en: &en::LANGUAGE,
        zh: &zh::LANGUAGE,
    },
    Lesson {
        mode: Mode::Language,
        setup: |lang| {
            let id = match lang {
                Lang::Zh => "copy-zh",
                Lang::En => "copy-en",
            };
            vec![
                Action::StartFresh,
                Action::SetMode(Mode::Language),
                Action::ChooseText(id.into()),
                Action::SetLabModel(LmKind::Transformer),
                Action::SetPrompt(copy_prompt(id)),
                Action::PickAttention(AttentionPick {
                    block: 1,
                    ..AttentionPick::default()
                }),
            ]
        },
        pace: 1,
        steps: 100,
        controls: &[
            "play",
            "copy-score",
            "att-block",
            "att-head",
            "att-captions",
        ],
        goal: Goal::CopyHead,
        en: &en::ATTENTION,
        zh: &zh::ATTENTION,
    },
    Lesson {
        mode: Mode::Language,
        setup: |lang| {
            let (id, sentence) = match lang {
                Lang::Zh => ("zh-repeat", "我们一起学习人工智能。"),
                Lang::En => ("en-repeat", "hello world"),
            };
            vec![
                Action::StartFresh,
                Action::SetMode(Mode::Language),
                Action::ChooseText(id.into()),
                Action::SetLabModel(LmKind::Transformer),
                knob(Knob::ContextLength, "16"),
                knob(Knob::Width, "16"),
                knob(Knob::Blocks, "1"),
                Action::SetPrompt(sentence.chars().take(2).collect()),
                Action::SetBlank {
                    sentence: sentence.into(),
                    at: 0,
                },
            ]
        },
        pace: 1,
        steps: 100,
        controls: &[
            "compare-play",
            "blank-bars",
            "compare-scores",
            "compare-write-left",
            "compare-write-both",
        ],
        goal: Goal::BothSides,
        en: &en::BOTH_SIDES,
        zh: &zh::BOTH_SIDES,
    },
    Lesson {
        mode: Mode::Classification,
        setup: |_| {
            let mut a = plane(ModelKind::Network, &[]);
            a.extend([
                knob(Knob::Count, "100"),
                Action::ChoosePreset(Preset::Moons),
                knob(Knob::Holdout, "30"),
                knob(Knob::LearningRate, "0.1"),
            ]);
            a
        },
        pace: 2,
        steps: 100,
        controls: &["ood-group", "shifted-box", "play", "plot-wrap"],
        goal: Goal::Shifted,
        en: &en::OOD,
        zh: &zh::OOD,
    },
    Lesson {
        mode: Mode::Language,
        setup: |_| vec![Action::StartFresh, Action::SetMode(Mode::Language)],
        pace: 1,
        steps: 100,
        controls: &[
            "sweep-sizes",
            "run-sweep",
            "scaling-plot",
            "exponent",
            "run-check",
        ],
        goal: Goal::Predicted,
        en: &en::SCALING,
        zh: &zh::SCALING,
    },
    Lesson {
        mode: Mode::Language,
        setup: |_| vec![Action::StartFresh, Action::SetMode(Mode::Language)],
        pace: 1,
        steps: 100,
        controls: &[
            "run-paradigms",
            "pd-length",
            "paradigms-table",
            "shots",
            "pd-prompt",
        ],
        goal: Goal::Paradigms,
        en: &en::PARADIGMS,
        zh: &zh::PARADIGMS,
    },
];

/// The attention lesson's prompt: the last lines of copy text `id` (held
/// out of training), as many characters as the transformer reads.
fn copy_prompt(id: &str) -> String {
    let text = by_id(id).map_or("", |t| t.text);
    let chars: Vec<char> = text.chars().collect();
    let from = chars.len().saturating_sub(TRANSFORMER_CONTEXT);
    chars[from..].iter().collect()
}

/// The points a lesson's check needs at least, per class.
pub const MIN_PER_CLASS: usize = 3;

/// How many points of each class `pts` has (first five classes).
pub(crate) fn per_class(pts: &[Point]) -> [usize; 5] {
    let mut n = [0; 5];
    pts.iter().for_each(|p| n[p.class.min(4)] += 1);
    n
}
