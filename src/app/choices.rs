//! What the user chooses: mode, model and its options, each number setting,
//! a parameter typed by hand, and the class new points get.

use crate::core::data::Task;
use crate::core::decimal::parse_f64;

use crate::core::model::{ModelKind, ModelSpec};
use crate::core::session::Settings;
use crate::core::settings::Knob;

use super::apply::{NOTHING, TRAINING};
use super::event::{Changed, Event, Problem};
use super::walk::Walk;
use super::workspace::{Mode, Workspace};

type Done = (Event, Changed);

impl Workspace {
    pub(super) fn set_task(&mut self, task: Task) -> Done {
        if self.mode == Mode::plane(task) {
            return (Event::Selected, NOTHING);
        }
        self.playing = false;
        self.mode = Mode::plane(task);
        self.task = task;
        self.drag = None;
        self.invalid.clear();
        self.walk = Walk::default();
        let all = Changed {
            lang: false,
            ..Changed::ALL
        };
        (Event::TaskChanged, all)
    }

    /// Applies `new` to the current session, reporting `event` or the refusal.
    fn apply_settings(&mut self, new: Settings, event: Event) -> Done {
        match self.session_mut().set_settings(new) {
            Ok(()) => {
                self.walk = Walk::default();
                let k = self.session().settings().classes;
                self.class = self.class.min(k - 1);
                (event, TRAINING)
            }
            Err(e) => (Event::Refused(Problem::Setting(e)), NOTHING),
        }
    }

    pub(super) fn set_model(&mut self, kind: ModelKind) -> Done {
        self.playing = false;
        self.invalid.clear();
        let cur = self.session().settings().clone();
        let defaults = Settings::for_model(self.task, kind);
        let new = Settings {
            model: ModelSpec {
                kind,
                ..cur.model.clone()
            },
            learning_rate: defaults.learning_rate,
            batch_size: defaults.batch_size,
            momentum: defaults.momentum,
            ..cur
        };
        self.apply_settings(new, Event::ModelChanged(kind))
    }

    /// Changes the model's options (activation, output, features).
    pub(super) fn change_model(&mut self, change: impl FnOnce(&mut ModelSpec)) -> Done {
        let mut new = self.session().settings().clone();
        change(&mut new.model);
        self.apply_settings(new, Event::OptionChanged)
    }

    /// The number typed for `knob`, or the refusal (the field marked with why).
    pub(super) fn parse_knob(&mut self, knob: Knob, text: &str) -> Result<f64, Done> {
        self.invalid.retain(|(k, _)| *k != knob);
        knob.parse(text).map_err(|e| {
            self.invalid.push((knob, e.clone()));
            (Event::Refused(Problem::Setting(e)), NOTHING)
        })
    }

    pub(super) fn set_knob(&mut self, knob: Knob, text: &str) -> Done {
        if knob.is_workspace() {
            let v = match self.parse_knob(knob, text) {
                Ok(v) => v,
                Err(refused) => return refused,
            };
            match knob {
                Knob::Steps => self.steps = v as u64,
                _ => self.shift.amount = v,
            }
            return (Event::SettingChanged(knob), TRAINING);
        }
        if knob.is_lm() || (self.lab_shown() && !knob.is_data()) {
            return self.set_lab_knob(knob, text);
        }
        let v = match self.parse_knob(knob, text) {
            Ok(v) => v,
            Err(refused) => return refused,
        };
        if self.generator.set(knob, v) {
            // The field's mark (if it had one) goes: the form redraws.
            let form = Changed {
                settings: true,
                ..NOTHING
            };
            return (Event::SettingChanged(knob), form);
        }
        let mut new = self.session().settings().clone();
        knob.set(&mut new, v);
        let done = self.apply_settings(new, Event::SettingChanged(knob));
        if let Event::Refused(Problem::Setting(e)) = &done.0 {
            self.invalid.push((knob, e.clone()));
        }
        done
    }

    pub(super) fn set_param(&mut self, index: usize, text: &str) -> Done {
        let value = match parse_f64(text.trim()) {
            Some(v) if v.is_finite() => v,
            _ => return (Event::Refused(Problem::ParamText), NOTHING),
        };
        let mut p = self.session().model().params().to_vec();
        let Some(slot) = p.get_mut(index) else {
            return (Event::Refused(Problem::ParamText), NOTHING);
        };
        *slot = value;
        let before = self.session().model().params().to_vec();
        match self.put_params(&p, Some(before)) {
            (Event::ParamsMoved, changed) => (Event::ParamSet(index), changed),
            refused => refused,
        }
    }

    pub(super) fn select_class(&mut self, k: usize) -> Done {
        if self.task == Task::Classification && k < self.session().settings().classes {
            self.class = k;
        }
        (Event::Selected, TRAINING)
    }
}
