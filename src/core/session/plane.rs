//! The plane's models as a [`Learner`]: a model of the plane and its
//! points (with the held-out split), one update a batch of SGD with
//! momentum and L2, and a curve of the loss and accuracy over the training
//! and held-out points.

use crate::core::data::{is_held_out, Dataset, Task};
use crate::core::error::StepError;
use crate::core::history::CurvePoint;
use crate::core::model::{Model, Table};
use crate::core::optimizer::sgd_step;
use crate::core::settings::Settings;
use crate::core::train::{Learner, Parts};

/// What one update did, with everything needed to show it substituted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Update {
    /// The step number this update made (1 for the first).
    pub step: u64,
    /// Dataset indices of the samples in the batch.
    pub samples: Vec<usize>,
    /// Features `φ(x)` of the first sample.
    pub input: Vec<f64>,
    /// The model's output `y` for the first sample, before the update.
    pub output: Vec<f64>,
    /// The target `Y` of the first sample.
    pub target: f64,
    /// Mean loss over the batch, before the update.
    pub batch_loss: f64,
    /// The change of every parameter (`Δw`, `Δb`), in parameter order.
    pub delta: Vec<f64>,
}

/// `(loss, accuracy)` on the training samples, and on the held-out ones.
pub(super) type LossAcc = ((f64, Option<f64>), Option<(f64, Option<f64>)>);

/// A model of the plane, its points and the numbers that train it.
#[derive(Debug)]
pub struct Plane {
    pub(super) settings: Settings,
    pub(super) data: Dataset,
    pub(super) model: Box<dyn Model>,
    /// Every point as the model's input row and target, in data order
    /// (encoded again when the data or the model changes).
    pub(super) table: Table,
    pub(super) velocity: Vec<f64>,
    pub(super) data_version: u64,
    pub(super) train: Vec<usize>,
    /// Bit k set when a training sample has class k.
    pub(super) train_classes: u32,
    pub(super) heldout: Vec<usize>,
    grad: Vec<f64>,
    bias: Vec<bool>,
}

impl Plane {
    /// `settings.model` built from its seed, on `data`.
    pub(super) fn new(settings: Settings, data: Dataset, data_version: u64) -> Self {
        let model = settings
            .model
            .build(settings.task, settings.classes, settings.seed);
        let mut p = Plane {
            settings,
            data,
            model,
            table: Table::default(),
            velocity: Vec::new(),
            data_version,
            train: Vec::new(),
            train_classes: 0,
            heldout: Vec::new(),
            grad: Vec::new(),
            bias: Vec::new(),
        };
        p.resplit();
        p.fresh_model();
        p
    }

    /// A new model from the settings' seed, its buffers sized to it.
    pub(super) fn rebuild(&mut self) {
        let s = &self.settings;
        self.model = s.model.build(s.task, s.classes, s.seed);
        self.fresh_model();
    }

    fn fresh_model(&mut self) {
        self.model.encode_points(&self.data.points, &mut self.table);
        let n = self.model.params().len();
        self.velocity = vec![0.0; n];
        self.grad = vec![0.0; n];
        self.bias = (0..n).map(|i| self.model.net().is_bias(i)).collect();
    }

    /// The data changed: a new version, encoded and split again.
    pub(super) fn data_changed(&mut self) {
        self.data_version += 1;
        self.model.encode_points(&self.data.points, &mut self.table);
        self.resplit();
    }

    /// Splits the points into training and held-out ones.
    pub(super) fn resplit(&mut self) {
        let (frac, seed) = (self.settings.holdout, self.settings.seed);
        let (held, train): (Vec<usize>, Vec<usize>) =
            (0..self.data.len()).partition(|&i| is_held_out(&self.data.points[i], frac, seed));
        self.train_classes = train
            .iter()
            .fold(0, |bits, &i| bits | 1 << self.data.points[i].class);
        self.train = train;
        self.heldout = held;
    }

    /// `(loss, accuracy)` over the training samples, and over the held-out
    /// ones when a split is set; one forward pass each.
    pub(super) fn losses(&self) -> LossAcc {
        let (net, rows) = (self.model.net(), self.table.rows());
        let heldout =
            (!self.heldout.is_empty()).then(|| net.loss_accuracy(rows.pick(&self.heldout)));
        (net.loss_accuracy(rows.pick(&self.train)), heldout)
    }
}

impl Learner for Plane {
    type Update = Update;

    fn examples(&self) -> usize {
        self.train.len()
    }

    fn batch_size(&self) -> usize {
        self.settings.batch_size
    }

    fn seed(&self) -> u64 {
        self.settings.seed
    }

    fn version(&self) -> u64 {
        self.data_version
    }

    fn ready(&self) -> Result<(), StepError> {
        if self.train.is_empty() {
            return Err(StepError::NoPoints);
        }
        if self.settings.task == Task::Classification {
            let present = self.train_classes;
            if self.model.kind().is_binary() && present & !0b11 != 0 {
                return Err(StepError::TooManyClasses);
            }
            if present.count_ones() < 2 {
                return Err(StepError::OneClass);
            }
        }
        Ok(())
    }

    fn params(&self) -> Parts<'_> {
        [self.model.params(), &[]]
    }

    fn optimiser(&self) -> Parts<'_> {
        [&self.velocity, &[]]
    }

    fn param_count(&self) -> usize {
        self.model.params().len()
    }

    fn optimiser_len(&self) -> usize {
        self.velocity.len()
    }

    fn restore(&mut self, params: &[f64], velocity: &[f64]) {
        self.model.net_mut().params_mut().copy_from_slice(params);
        self.velocity.copy_from_slice(velocity);
    }

    fn update(&mut self, batch: &[usize], step: u64, u: &mut Update) -> f64 {
        u.samples.clear();
        u.samples.extend(batch.iter().map(|&k| self.train[k]));
        // The first sample as the learner sees it, before the update.
        let first = u.samples[0];
        let net = self.model.net();
        u.input.clear();
        u.input.extend_from_slice(self.table.row(first));
        u.output.clear();
        u.output.resize(net.outputs(), 0.0);
        u.target = self.table.target(first);
        let rows = self.table.rows().pick(&u.samples);
        u.batch_loss = net.train_pass(rows, &mut self.grad, &mut u.output);
        let Settings {
            learning_rate,
            momentum,
            l2,
            ..
        } = self.settings;
        let bias = &self.bias;
        sgd_step(
            self.model.net_mut().params_mut(),
            &self.grad,
            &mut self.velocity,
            learning_rate,
            momentum,
            l2,
            |i| bias[i],
        );
        // The update as applied, `w ← w + v`: exactly `η(Y − y)x` for the perceptron.
        u.delta.clear();
        u.delta.extend_from_slice(&self.velocity);
        u.step = step + 1;
        u.batch_loss
    }

    fn curve_point(&mut self, step: u64, _running: Option<f64>) -> CurvePoint {
        let ((train, accuracy), held) = self.losses();
        CurvePoint {
            step,
            train,
            heldout: held.map(|h| h.0),
            accuracy,
            heldout_accuracy: held.and_then(|h| h.1),
        }
    }

    /// Every step up to 256 points (the loss over all of them is cheap, and
    /// the perceptron's steps are worth seeing one by one); beyond that
    /// about once an epoch, which costs about a third of the training itself.
    fn curve_gap(&self) -> u64 {
        let n = self.data.len();
        if n <= 256 {
            return 1;
        }
        let per_epoch = n.div_ceil(self.settings.batch_size.max(1));
        (per_epoch as u64).max(1).next_power_of_two()
    }
}
