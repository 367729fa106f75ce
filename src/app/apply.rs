//! The one door in: [`Workspace::apply`] takes an [`Action`], changes the
//! workspace and returns the [`Outcome`]: the typed event and what changed.
//! The handlers live by theme in `edits.rs`, `training.rs` and `choices.rs`.

use super::action::Action;
use super::event::{Changed, Event, Outcome, StatusRule};
use super::workspace::Workspace;

/// What redrawing training, a setting or a selection needs.
pub(super) const TRAINING: Changed = Changed {
    data: false,
    training: true,
    settings: true,
    lang: false,
    status: false,
};
/// What redrawing a data change needs.
pub(super) const DATA: Changed = Changed {
    data: true,
    training: true,
    settings: true,
    lang: false,
    status: false,
};
/// Nothing but the status line.
pub(super) const NOTHING: Changed = Changed {
    data: false,
    training: false,
    settings: false,
    lang: false,
    status: false,
};

impl Workspace {
    /// What a worker's run must continue: the lab's step and settings.
    fn lab_state(&self) -> (u64, crate::core::lm::settings::LmSettings) {
        let s = &self.lab.session;
        (s.step_count(), s.settings().clone())
    }

    /// Applies `action`; says what happened and what to redraw. A refused
    /// action changes nothing but the status line (and stops Play).
    pub fn apply(&mut self, action: Action) -> Outcome {
        use Action as A;
        // A worker's run continues the lab's state as Play found it: any
        // other change of that state (a step, a setting) ends the run.
        let run_state = match (&action, self.lab.run) {
            (A::Tick | A::Adopt(_) | A::CompareTick, _) | (_, None) => None,
            _ => Some(self.lab_state()),
        };
        let (event, mut changed) = match action {
            A::AddPoint { x, y, class } => self.add_point(x, y, class),
            A::RemovePoint(i) => self.remove_point(i),
            A::MovePoint { i, x, y } => self.move_point(i, x, y),
            A::DragStart(i) => self.drag_start(i),
            A::DragTo { x, y } => self.drag_to(x, y),
            A::DragEnd => self.drag_end(),
            A::ClearPoints => self.clear_points(),
            A::ChoosePreset(p) => self.choose_preset(p),
            A::Regenerate => self.regenerate(),
            A::ImportCsv { name, text } => self.import_csv(name, &text),
            A::LoadJson { name, text } => self.load_json(name, &text),
            A::Restore(text) => self.restore(&text),
            A::StartFresh => {
                let clock = std::mem::replace(&mut self.clock, Box::new(|| 0.0));
                let done = self.course.done;
                *self = Workspace::new(self.lang, clock);
                self.course.done = done;
                (Event::StartedFresh, Changed::ALL)
            }
            A::OpenLink(json) => self.open_link(&json),
            A::Linked(ok) => (Event::Linked(ok), NOTHING),
            A::Undo => self.undo(),
            A::Redo => self.redo(),
            A::Step => self.step(),
            A::StepBack => self.step_back(),
            A::Seek(n) => self.seek(n),
            A::TogglePlay => self.toggle_play(),
            A::Tick => self.tick(),
            A::TrainSteps => self.train_steps(),
            A::Reset => self.reset(),
            A::SetSpeed(n) => {
                self.speed = n.clamp(1, 1000);
                (Event::Selected, NOTHING)
            }
            A::SetTask(t) => self.set_task(t),
            A::SetMode(m) => self.set_mode(m),
            A::ChooseText(id) => self.choose_text(&id),
            A::SetText(text) => self.set_text(text),
            A::SetPrompt(p) => self.set_prompt(p),
            A::Generate => self.generate(1),
            A::GenerateMany => self.generate(super::lab::GENERATE_MANY),
            A::SetBlank { sentence, at } => self.set_blank(sentence, at),
            A::TrainBlank => self.train_blank(),
            A::ToggleCompare => self.toggle_compare(),
            A::CompareTick => self.compare_tick(),
            A::CompareWrite(both) => self.compare_write(both),
            A::SetLabModel(kind) => self.set_lab_model(kind),
            A::SetObjective(o) => self.set_objective(o),
            A::UseWorker(on) => {
                self.lab.worker = on;
                self.lab.run = None;
                (Event::Selected, NOTHING)
            }
            A::Adopt(p) => self.adopt(*p),
            A::PickAttention(pick) => {
                self.lab.attention = pick;
                (Event::Selected, super::apply::TRAINING)
            }
            A::SetLang(l) => {
                self.lang = l;
                (Event::LangChanged, Changed::ALL)
            }
            A::SetModel(kind) => self.set_model(kind),
            A::SetKnob { knob, text } => self.set_knob(knob, &text),
            A::SetActivation(a) => self.change_model(|m| m.activation = a),
            A::SetSoftmaxOutput(on) => self.change_model(|m| m.softmax_output = on),
            A::SetFeatures(f) => self.change_model(|m| m.extras = f),
            A::SetParam { index, text } => self.set_param(index, &text),
            A::SelectClass(k) => self.select_class(k),
            A::SelectChart(c) => {
                if c != self.chart {
                    self.chart = c;
                    self.picks = (0, 1);
                }
                (Event::Selected, TRAINING)
            }
            A::SetPicks(a, b) => {
                self.picks = (a, b);
                (Event::Selected, TRAINING)
            }
            A::SetShiftKind(kind) => {
                self.shift.kind = kind;
                (Event::Selected, TRAINING)
            }
            A::SetSurpriseText(text) => self.set_surprise_text(text),
            A::OpenLesson(n) => self.open_lesson(n),
            A::ResumeLesson { lesson, saved } => self.resume_lesson(lesson, &saved),
            A::BackToPlayground => self.back_to_playground(),
            A::RestoreLessons(text) => self.restore_lessons(&text),
            A::ScalingChecked {
                predicted,
                measured,
            } => {
                let error = (predicted - measured) / measured;
                if error.is_finite() && measured > 0.0 {
                    (Event::ScalingChecked(error), NOTHING)
                } else {
                    (Event::Selected, NOTHING)
                }
            }
            A::ParadigmsMeasured { measured, asked } => (
                Event::ParadigmsMeasured {
                    measured: measured.min(3),
                    asked,
                },
                NOTHING,
            ),
            A::LineStart { grip, x, y } => self.line_start(grip, x, y),
            A::LineTo { x, y } => self.line_to(x, y),
            A::LineEnd => self.line_end(),
            A::SetParamsAt { picks, at } => self.set_params_at(picks, at),
            A::EditPoint { i, field, text } => self.edit_point(i, field, &text),
        };
        self.observe_lesson(&event);
        if event.is_warning() {
            self.playing = false;
            changed.settings = true;
        }
        if run_state.is_some_and(|s| s != self.lab_state()) || !self.playing {
            self.lab.run = None;
        }
        match event.status_rule() {
            StatusRule::Show => {
                self.status = Some(event.clone());
                changed.status = true;
            }
            StatusRule::Clear if self.status.is_some() => {
                self.status = None;
                changed.status = true;
            }
            _ => {}
        }
        Outcome { event, changed }
    }
}
