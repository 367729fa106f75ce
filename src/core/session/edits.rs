//! Changing a session: its settings, a parameter typed by hand, and its
//! data (points added, moved, removed, replaced), with the held-out split.
//! Each change that keeps the counters goes through [`Trainer::edit`], so
//! the state after it is the current step's and Step back still works.
//!
//! [`Trainer::edit`]: crate::core::train::Trainer::edit

use super::{NoUpdate, Session, DIVERGENCE_LIMIT};
use crate::core::data::{DataError, Dataset, Point, Preset, Task};
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
        let have = self.data().class_count();
        if new.task == Task::Classification && new.classes < have {
            return Err(SettingError::ClassesInData { have });
        }
        let old = self.settings();
        let rebuild = new.task != old.task
            || new.model != old.model
            || new.classes != old.classes
            || new.seed != old.seed;
        // The held-out split depends on the fraction and the seed.
        let resplit = new.holdout != old.holdout || new.seed != old.seed;
        self.trainer.adjust(|p| {
            p.settings = new;
            if resplit {
                p.resplit();
            }
        });
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
        self.trainer
            .edit(NoUpdate::Hand, |p| p.model.set_params(params))
    }

    // ----- changing data -----

    /// Adds a sample; returns its index. The class must be below K.
    pub fn add_point(&mut self, p: Point) -> Result<usize, DataError> {
        let s = self.settings();
        if p.class > 0 && s.task == Task::Regression {
            return Err(DataError::BadClass(p.class));
        }
        if s.task == Task::Classification && p.class >= s.classes {
            return Err(DataError::BadClass(p.class));
        }
        self.edit_data(|d| d.add(p))
    }

    /// Removes sample `i`.
    pub fn remove_point(&mut self, i: usize) -> Result<Point, DataError> {
        self.edit_data(|d| d.remove(i))
    }

    /// Moves sample `i` to `(x, y)`.
    pub fn move_point(&mut self, i: usize, x: f64, y: f64) -> Result<(), DataError> {
        self.edit_data(|d| d.move_to(i, x, y))
    }

    /// Removes every sample.
    pub fn clear_points(&mut self) {
        let _ = self.edit_data(|d| {
            d.clear();
            Ok::<(), DataError>(())
        });
    }

    /// Replaces the data (a preset or an import). Raises K to fit its classes
    /// (rebuilding the model when that changes it).
    pub fn set_data(&mut self, data: Dataset) {
        let need = data.class_count();
        if self.settings().task == Task::Classification && need > self.settings().classes {
            // The model is rebuilt for K classes before anything measures it.
            self.trainer.rebuild(|p| {
                p.data = data;
                p.settings.classes = need;
                p.data_changed();
                p.rebuild();
            });
        } else {
            let _ = self.edit_data(|d| {
                *d = data;
                Ok::<(), DataError>(())
            });
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
        if preset.task() != self.settings().task {
            return Err(DataError::OtherMode);
        }
        self.set_data(preset.generate(count, noise, seed));
        Ok(())
    }

    /// Applies `f` to the data; when it succeeds, the data is encoded and
    /// split again and the state recorded as the current step's.
    fn edit_data<R, E>(&mut self, f: impl FnOnce(&mut Dataset) -> Result<R, E>) -> Result<R, E> {
        self.trainer.edit(NoUpdate::Data, |p| {
            let out = f(&mut p.data)?;
            p.data_changed();
            Ok(out)
        })
    }
}
