//! Everything the user sets besides the data, each number declared once as
//! a [`Knob`]: its id (the form field and the JSON field), its range, its
//! default and how it reads and writes [`Settings`]. Validation, the form's
//! parsing and syncing, and the check of the page's `min`/`max` all come
//! from this one table.

use super::activation::Activation;
use super::data::{Task, MAX_CLASSES, MAX_POINTS};
use super::features::Feature;
use super::lm::model::{MAX_EMBED, MAX_HIDDEN};
use super::lm::sample::{MAX_TEMPERATURE, MAX_TOP_K};
use super::lm::transformer::layout as tf;
use super::model::{ModelKind, ModelSpec, MAX_HIDDEN_LAYERS, MAX_UNITS};

/// Largest batch size accepted.
pub const MAX_BATCH: usize = 100_000;
/// Largest seed accepted (seeds are typed, so they stay 32-bit).
pub const MAX_SEED: u64 = u32::MAX as u64;
/// Most updates one press of `Train N steps` makes.
pub const MAX_STEPS: u64 = 100_000;
/// Largest shift of the test points (data units; a turn of 15° each).
pub const MAX_SHIFT: f64 = 6.0;

/// Why a setting or a model shape was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingError {
    /// `knob` was given `value`, outside [`Knob::range`] (or not whole).
    OutOfRange {
        /// Which setting.
        knob: Knob,
        /// The value refused.
        value: f64,
    },
    /// The text typed for `knob` is not a number.
    NotANumber {
        /// Which setting.
        knob: Knob,
    },
    /// The model does not do this task.
    ModelForTask {
        /// The model asked for.
        kind: ModelKind,
        /// The task it was asked for.
        task: Task,
    },
    /// The step function has no gradient: it cannot be a hidden activation.
    StepHidden,
    /// An input feature that this task does not offer.
    Feature,
    /// Fewer classes than the data already has.
    ClassesInData {
        /// Classes the data has.
        have: usize,
    },
    /// A context length the chosen language model cannot read.
    ContextForModel {
        /// The value refused.
        value: usize,
        /// The model's shortest context.
        min: usize,
        /// The model's longest context.
        max: usize,
    },
    /// A transformer width that its heads cannot share equally.
    WidthHeads {
        /// The width `C`.
        width: usize,
        /// The heads `H`.
        heads: usize,
    },
}

/// The range a knob accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// Lower bound.
    pub min: f64,
    /// Upper bound (always allowed).
    pub max: f64,
    /// True when `min` itself is not allowed (`v > min`).
    pub open_min: bool,
    /// True when only whole numbers are allowed.
    pub whole: bool,
}

impl Range {
    const fn real(min: f64, max: f64) -> Self {
        Range {
            min,
            max,
            open_min: false,
            whole: false,
        }
    }
    const fn whole(min: f64, max: f64) -> Self {
        Range {
            min,
            max,
            open_min: false,
            whole: true,
        }
    }

    /// True when `v` is in the range.
    pub fn contains(&self, v: f64) -> bool {
        let low = if self.open_min {
            v > self.min
        } else {
            v >= self.min
        };
        v.is_finite() && low && v <= self.max && (!self.whole || v.fract() == 0.0)
    }
}

/// What a [`Knob`] sets, and so where its value is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnobGroup {
    /// How the plane's model trains ([`Settings`]: learning rate, batch,
    /// momentum, L2, held-out share, seed). The language lab keeps its own
    /// learning rate, batch size and seed under the same fields.
    Training,
    /// The plane model's shape ([`Settings`]: classes, layers, units,
    /// degree).
    Model,
    /// How the next data set is generated (the workspace's generator).
    Data,
    /// The language model's shape and sampling (its own settings and the
    /// lab).
    Language,
    /// The workspace's own, in every mode (`Train N steps`, `Shift`).
    Workspace,
}

/// A number the user sets: one field of the form, its id, range, default
/// and parsing in one place (its [`KnobGroup`] says whose value it is).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Knob {
    /// Learning rate `η` (> 0).
    LearningRate,
    /// Samples per update (1 = per-sample).
    BatchSize,
    /// Momentum `μ`.
    Momentum,
    /// L2 weight decay `λ`.
    L2,
    /// Percentage of points held out.
    Holdout,
    /// Seed of the initial weights and the sample order.
    Seed,
    /// Number of classes K.
    Classes,
    /// Hidden layers of a network.
    Layers,
    /// Units per hidden layer.
    Units,
    /// Polynomial degree.
    Degree,
    /// Points a generated data set has.
    Count,
    /// Noise of a generated data set.
    Noise,
    /// Seed of a generated data set.
    DataSeed,
    /// Language model: characters of context on each side, `n`.
    ContextLength,
    /// Language model: embedding size `d`.
    EmbeddingSize,
    /// Language model: hidden units (0 = none).
    HiddenUnits,
    /// Language model: sampling temperature `T` (0 = the most likely).
    Temperature,
    /// Transformer: blocks `L`.
    Blocks,
    /// Transformer: heads `H` per attention layer.
    Heads,
    /// Transformer: width `C` of each token's vector.
    Width,
    /// Language model: only the `k` most likely are sampled (0 = all).
    TopK,
    /// Updates `Train N steps` makes.
    Steps,
    /// How far the shifted test points are moved, turned or widened.
    Shift,
}

impl Knob {
    /// Every knob, in the order of the form.
    pub const ALL: [Knob; 23] = [
        Knob::LearningRate,
        Knob::BatchSize,
        Knob::Momentum,
        Knob::L2,
        Knob::Holdout,
        Knob::Seed,
        Knob::Classes,
        Knob::Layers,
        Knob::Units,
        Knob::Degree,
        Knob::Count,
        Knob::Noise,
        Knob::DataSeed,
        Knob::ContextLength,
        Knob::EmbeddingSize,
        Knob::HiddenUnits,
        Knob::Blocks,
        Knob::Heads,
        Knob::Width,
        Knob::Temperature,
        Knob::TopK,
        Knob::Steps,
        Knob::Shift,
    ];

    /// The form field's id.
    pub fn id(self) -> &'static str {
        match self {
            Knob::LearningRate => "lr",
            Knob::BatchSize => "batch",
            Knob::Momentum => "momentum",
            Knob::L2 => "l2",
            Knob::Holdout => "holdout",
            Knob::Seed => "seed",
            Knob::Classes => "classes",
            Knob::Layers => "layers",
            Knob::Units => "units",
            Knob::Degree => "degree",
            Knob::Count => "count",
            Knob::Noise => "noise",
            Knob::DataSeed => "data-seed",
            Knob::ContextLength => "context",
            Knob::EmbeddingSize => "embed",
            Knob::HiddenUnits => "hidden",
            Knob::Temperature => "temperature",
            Knob::TopK => "top-k",
            Knob::Blocks => "blocks",
            Knob::Heads => "heads",
            Knob::Width => "width",
            Knob::Steps => "steps",
            Knob::Shift => "shift",
        }
    }

    /// The knob whose form field is `id`.
    pub fn from_id(id: &str) -> Option<Knob> {
        Knob::ALL.into_iter().find(|k| k.id() == id)
    }

    /// What it accepts.
    pub fn range(self) -> Range {
        match self {
            Knob::LearningRate => Range {
                open_min: true,
                ..Range::real(0.0, 100.0)
            },
            Knob::BatchSize => Range::whole(1.0, MAX_BATCH as f64),
            Knob::Momentum => Range::real(0.0, 0.99),
            Knob::L2 => Range::real(0.0, 10.0),
            Knob::Holdout => Range::real(0.0, 90.0),
            Knob::Seed | Knob::DataSeed => Range::whole(0.0, MAX_SEED as f64),
            Knob::Classes => Range::whole(2.0, MAX_CLASSES as f64),
            Knob::Layers => Range::whole(0.0, MAX_HIDDEN_LAYERS as f64),
            Knob::Units => Range::whole(1.0, MAX_UNITS as f64),
            Knob::Degree => Range::whole(1.0, 9.0),
            Knob::Count => Range::whole(1.0, MAX_POINTS as f64),
            Knob::Noise => Range::real(0.0, 1.0),
            Knob::ContextLength => Range::whole(1.0, tf::MAX_KNOB_CONTEXT as f64),
            Knob::Blocks => Range::whole(1.0, tf::MAX_BLOCKS as f64),
            Knob::Heads => Range::whole(1.0, tf::MAX_HEADS as f64),
            Knob::Width => Range::whole(tf::MIN_WIDTH as f64, tf::MAX_WIDTH as f64),
            Knob::EmbeddingSize => Range::whole(2.0, MAX_EMBED as f64),
            Knob::HiddenUnits => Range::whole(0.0, MAX_HIDDEN as f64),
            Knob::Temperature => Range::real(0.0, MAX_TEMPERATURE),
            Knob::TopK => Range::whole(0.0, MAX_TOP_K as f64),
            Knob::Steps => Range::whole(1.0, MAX_STEPS as f64),
            Knob::Shift => Range::real(0.0, MAX_SHIFT),
        }
    }

    /// The value at start (the data and language-model knobs' own; settings
    /// knobs of the default model).
    pub fn default_value(self) -> f64 {
        match self {
            Knob::ContextLength => 3.0,
            Knob::EmbeddingSize => 2.0,
            Knob::HiddenUnits => 0.0,
            Knob::Temperature => 1.0,
            Knob::TopK => 10.0,
            Knob::Blocks => 2.0,
            Knob::Heads => 2.0,
            Knob::Width => 32.0,
            Knob::Count => 40.0,
            Knob::Noise => 0.2,
            Knob::DataSeed => 1.0,
            Knob::Steps => 100.0,
            Knob::Shift => 0.0,
            k => k
                .get(&Settings::for_model(
                    Task::Classification,
                    ModelKind::Network,
                ))
                .unwrap_or(0.0),
        }
    }

    /// What it sets.
    pub fn group(self) -> KnobGroup {
        match self {
            Knob::LearningRate
            | Knob::BatchSize
            | Knob::Momentum
            | Knob::L2
            | Knob::Holdout
            | Knob::Seed => KnobGroup::Training,
            Knob::Classes | Knob::Layers | Knob::Units | Knob::Degree => KnobGroup::Model,
            Knob::Count | Knob::Noise | Knob::DataSeed => KnobGroup::Data,
            Knob::ContextLength
            | Knob::EmbeddingSize
            | Knob::HiddenUnits
            | Knob::Temperature
            | Knob::TopK
            | Knob::Blocks
            | Knob::Heads
            | Knob::Width => KnobGroup::Language,
            Knob::Steps | Knob::Shift => KnobGroup::Workspace,
        }
    }

    /// True for the knobs that choose a generated data set, not a setting.
    pub fn is_data(self) -> bool {
        self.group() == KnobGroup::Data
    }

    /// True for the workspace's own knobs, in every mode: how many steps
    /// `Train N steps` makes and how far the test points are shifted.
    pub fn is_workspace(self) -> bool {
        self.group() == KnobGroup::Workspace
    }

    /// True for the language model's own knobs (not part of [`Settings`]).
    pub fn is_lm(self) -> bool {
        self.group() == KnobGroup::Language
    }

    /// The value in `s`, in the form's units (`None` for data and
    /// language-model knobs).
    pub fn get(self, s: &Settings) -> Option<f64> {
        let m = &s.model;
        Some(match self {
            Knob::LearningRate => s.learning_rate,
            Knob::BatchSize => s.batch_size as f64,
            Knob::Momentum => s.momentum,
            Knob::L2 => s.l2,
            Knob::Holdout => s.holdout * 100.0,
            Knob::Seed => s.seed as f64,
            Knob::Classes => s.classes as f64,
            Knob::Layers => m.hidden.len() as f64,
            Knob::Units => m.hidden.first().copied().unwrap_or(8) as f64,
            Knob::Degree => m.degree as f64,
            Knob::Count | Knob::Noise | Knob::DataSeed | Knob::Steps | Knob::Shift => return None,
            Knob::ContextLength
            | Knob::EmbeddingSize
            | Knob::HiddenUnits
            | Knob::Temperature
            | Knob::TopK
            | Knob::Blocks
            | Knob::Heads
            | Knob::Width => return None,
        })
    }

    /// Writes `v` (already checked) into `s`; data and language-model knobs
    /// change nothing.
    pub fn set(self, s: &mut Settings, v: f64) {
        let m = &mut s.model;
        match self {
            Knob::LearningRate => s.learning_rate = v,
            Knob::BatchSize => s.batch_size = v as usize,
            Knob::Momentum => s.momentum = v,
            Knob::L2 => s.l2 = v,
            Knob::Holdout => s.holdout = v / 100.0,
            Knob::Seed => s.seed = v as u64,
            Knob::Classes => s.classes = v as usize,
            Knob::Layers => {
                let units = m.hidden.first().copied().unwrap_or(8);
                m.hidden = vec![units; v as usize];
            }
            Knob::Units => {
                let n = m.hidden.len();
                m.hidden = vec![v as usize; n];
            }
            Knob::Degree => m.degree = v as usize,
            Knob::Count | Knob::Noise | Knob::DataSeed | Knob::Steps | Knob::Shift => {}
            Knob::ContextLength
            | Knob::EmbeddingSize
            | Knob::HiddenUnits
            | Knob::Temperature
            | Knob::TopK
            | Knob::Blocks
            | Knob::Heads
            | Knob::Width => {}
        }
    }

    /// `v` if it is in range, else the typed refusal.
    pub fn check(self, v: f64) -> Result<f64, SettingError> {
        if self.range().contains(v) {
            Ok(v)
        } else {
            Err(SettingError::OutOfRange {
                knob: self,
                value: v,
            })
        }
    }

    /// The number typed as `text`, checked.
    pub fn parse(self, text: &str) -> Result<f64, SettingError> {
        let v = crate::core::decimal::parse_f64(text.trim())
            .ok_or(SettingError::NotANumber { knob: self })?;
        if !v.is_finite() {
            return Err(SettingError::NotANumber { knob: self });
        }
        self.check(v)
    }
}

/// Everything the user sets besides the data.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Classification or regression.
    pub task: Task,
    /// The model and its shape.
    pub model: ModelSpec,
    /// Number of classes K offered (2–5; classification).
    pub classes: usize,
    /// Learning rate `η` (> 0).
    pub learning_rate: f64,
    /// Samples per update (1 = per-sample; ≥ N = full batch).
    pub batch_size: usize,
    /// Momentum `μ` in `[0, 0.99]`.
    pub momentum: f64,
    /// L2 weight decay `λ` ≥ 0.
    pub l2: f64,
    /// Fraction of points held out to measure generalisation, `[0, 0.9]`.
    pub holdout: f64,
    /// Seed for initial weights and the shuffling of samples.
    pub seed: u64,
}

impl Settings {
    /// Sensible defaults for a model kind (η = 1 for the perceptron, as in the notes).
    pub fn for_model(task: Task, kind: ModelKind) -> Self {
        let (lr, batch) = match kind {
            ModelKind::Perceptron => (1.0, 1),
            ModelKind::Logistic | ModelKind::Softmax => (0.1, 10),
            ModelKind::Network => (0.03, 10),
            ModelKind::Linear | ModelKind::Polynomial => (0.02, 10),
        };
        Settings {
            task,
            model: ModelSpec::new(kind),
            classes: 2,
            learning_rate: lr,
            batch_size: batch,
            momentum: 0.0,
            l2: 0.0,
            holdout: 0.0,
            seed: 1,
        }
    }

    /// Checks every value's range; the error names the first one out of range.
    pub fn validate(&self) -> Result<(), SettingError> {
        for knob in Knob::ALL {
            if let Some(v) = knob.get(self) {
                knob.check(v)?;
            }
        }
        let m = &self.model;
        if !m.kind.supports(self.task) {
            return Err(SettingError::ModelForTask {
                kind: m.kind,
                task: self.task,
            });
        }
        if m.kind == ModelKind::Network {
            // Layers may differ in width in a file; each must be in range.
            for &u in &m.hidden {
                Knob::Units.check(u as f64)?;
            }
            if m.activation == Activation::Step {
                return Err(SettingError::StepHidden);
            }
            let allowed: &[Feature] = match self.task {
                Task::Classification => &Feature::EXTRAS,
                Task::Regression => &Feature::EXTRAS_1D,
            };
            if m.extras.iter().any(|f| !allowed.contains(f)) {
                return Err(SettingError::Feature);
            }
        }
        Ok(())
    }
}

crate::json_struct!(Settings {
    task,
    model,
    classes,
    learning_rate,
    batch_size,
    momentum,
    l2,
    holdout,
    seed
});
