//! Changing a session: its settings, a parameter typed by hand, and its
//! data (points added, moved, removed, replaced), with the held-out split.

use super::{NoUpdate, Session, DIVERGENCE_LIMIT};
use crate::core::data::{is_held_out, DataError, Dataset, Point, Preset, Task};
use crate::core::error::{ParamError, SettingError};
use crate::core::settings::Settings;

impl Session {
    // ----- changing settings -----

    /// Replaces the settings. A change of model, shape, task, classes or seed
    /// rebuilds the model (fresh start); the rest keep the parameters and
    /// counters. Invalid settings are refused and nothing changes.
    pub fn set_settings(&mut self, new: Settings) -> Result<(), SettingError> {
        new.validate()?;
        // Every model keeps K ≥ the data's classes, so a saved file always loads.
        if new.task == Task::Classification && new.classes < self.data.class_count() {
            return Err(SettingError::ClassesInData {
                have: self.data.class_count(),
            });
        }
        let rebuild = new.task != self.settings.task
            || new.model != self.settings.model
            || new.classes != self.settings.classes
            || new.seed != self.settings.seed;
        // The held-out split depends on the fraction and the seed.
        let resplit = new.holdout != self.settings.holdout || new.seed != self.settings.seed;
        self.settings = new;
        self.diverged = false;
        if resplit {
            self.resplit();
        }
        if rebuild {
            self.reset();
        }
        Ok(())
    }

    /// Replaces a model's parameters (the user typed a value). Refuses a
    /// wrong count or a non-finite value; the change is recorded as the
    /// current step's state so Step back still works.
    pub fn set_params(&mut self, params: &[f64]) -> Result<(), ParamError> {
        if params.iter().any(|v| v.abs() > DIVERGENCE_LIMIT) {
            return Err(ParamError::Value);
        }
        self.model.set_params(params)?;
        self.diverged = false;
        self.clear_update(NoUpdate::Hand);
        self.record();
        Ok(())
    }

    // ----- changing data -----

    /// Adds a sample; returns its index. The class must be below K.
    pub fn add_point(&mut self, p: Point) -> Result<usize, DataError> {
        if p.class > 0 && self.settings.task == Task::Regression {
            return Err(DataError::BadClass(p.class));
        }
        if self.settings.task == Task::Classification && p.class >= self.settings.classes {
            return Err(DataError::BadClass(p.class));
        }
        let i = self.data.add(p)?;
        self.data_changed();
        Ok(i)
    }

    /// Removes sample `i`.
    pub fn remove_point(&mut self, i: usize) -> Result<Point, DataError> {
        let p = self.data.remove(i)?;
        self.data_changed();
        Ok(p)
    }

    /// Moves sample `i` to `(x, y)`.
    pub fn move_point(&mut self, i: usize, x: f64, y: f64) -> Result<(), DataError> {
        self.data.move_to(i, x, y)?;
        self.data_changed();
        Ok(())
    }

    /// Removes every sample.
    pub fn clear_points(&mut self) {
        self.data.clear();
        self.data_changed();
    }

    /// Replaces the data (a preset or an import). Raises K to fit its classes
    /// (rebuilding the model when that changes it).
    pub fn set_data(&mut self, data: Dataset) {
        let need = data.class_count();
        self.data = data;
        if self.settings.task == Task::Classification && need > self.settings.classes {
            // The model is rebuilt for K classes before anything measures it.
            self.settings.classes = need;
            self.data_version += 1;
            self.resplit();
            self.reset();
        } else {
            self.data_changed();
        }
    }

    /// Replaces the data with a generated preset (see [`Preset::generate`]).
    pub fn load_preset(
        &mut self,
        preset: Preset,
        count: usize,
        noise: f64,
        seed: u64,
    ) -> Result<(), DataError> {
        if preset.task() != self.settings.task {
            return Err(DataError::OtherMode);
        }
        self.set_data(preset.generate(count, noise, seed));
        Ok(())
    }

    pub(super) fn data_changed(&mut self) {
        self.data_version += 1;
        self.model.encode_points(&self.data.points, &mut self.table);
        self.resplit();
        self.clear_update(NoUpdate::Data);
        // The curve's future no longer describes this data; record where we are.
        self.record();
    }

    pub(super) fn resplit(&mut self) {
        let (frac, seed) = (self.settings.holdout, self.settings.seed);
        let (held, train): (Vec<usize>, Vec<usize>) =
            (0..self.data.len()).partition(|&i| is_held_out(&self.data.points[i], frac, seed));
        self.train_classes = train
            .iter()
            .fold(0, |bits, &i| bits | 1 << self.data.points[i].class);
        self.train = train;
        self.heldout = held;
        self.order_key = None;
        self.cursor = self.cursor.min(self.train.len());
    }
}
