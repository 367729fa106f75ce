//! The encoding autosave keeps: the whole workspace (each mode's session,
//! the mode, the selected class, the speed, the chart) as versioned JSON.
//! Decoding checks everything; an older or corrupt form is a typed error.

use crate::core::analysis::ood::{Shift, ShiftKind};
use crate::core::data::Task;
use crate::core::error::{check_header, JsonFault, LoadError};
use crate::core::json;
use crate::core::lm::saved::SavedLm;
use crate::core::lm::session::LmSession;
use crate::core::lm::texts::by_id;
use crate::core::settings::Knob;
use crate::core::state::SavedState;

use super::apply::NOTHING;
use super::chart::Chart;
use super::event::{Changed, Event, Problem, Source};
use super::workspace::{Mode, Workspace, TASKS};

/// Identifies a saved workspace.
pub const WORKSPACE_FORMAT: &str = "neuronlab-workspace";
/// The current version of the saved workspace.
pub const WORKSPACE_VERSION: u32 = 1;

/// The saved form of a workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedWorkspace {
    /// Always [`WORKSPACE_FORMAT`].
    pub format: String,
    /// [`WORKSPACE_VERSION`]; read wide so that any number is reported.
    pub version: u64,
    /// The mode shown.
    pub task: Task,
    /// The class new points get.
    pub class: usize,
    /// Updates per frame while playing.
    pub speed: usize,
    /// The chart shown (its tab id).
    pub chart: String,
    /// Classification's session, then regression's.
    pub sessions: Vec<SavedState>,
    /// The language lab: shown or not, its model, its text's id and prompt.
    pub lab: Option<SavedLab>,
    /// Updates `Train N steps` makes.
    pub steps: u64,
    /// How the test points are shifted.
    pub shift_kind: ShiftKind,
    /// How far.
    pub shift: f64,
}

/// The language lab as autosave keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedLab {
    /// True when the lab was the mode shown.
    pub shown: bool,
    /// The model, its text and its training state.
    pub model: SavedLm,
    /// The built-in text in use (`None`: the user's own).
    pub text_id: Option<String>,
    /// The text the model continues.
    pub prompt: String,
    /// Temperature and top-k of generation.
    pub temperature: f64,
    /// Only the `k` most likely keep probability (0 = all).
    pub top_k: usize,
    /// The second text scored under Surprise.
    pub surprise: Option<String>,
}

/// The workspace as autosave keeps it (while a lesson runs, the
/// playground it set aside).
pub fn encode(ws: &Workspace) -> String {
    match ws.course().stash() {
        Some(stash) => stash.to_string(),
        None => json::to_string(&saved(ws), false),
    }
}

/// The workspace shown, in its saved form (a lesson's too).
pub fn saved(ws: &Workspace) -> SavedWorkspace {
    SavedWorkspace {
        format: WORKSPACE_FORMAT.into(),
        version: WORKSPACE_VERSION.into(),
        task: ws.task(),
        class: ws.class(),
        speed: ws.speed(),
        chart: ws.chart().id().into(),
        lab: Some(SavedLab {
            shown: ws.mode() == super::workspace::Mode::Language,
            model: SavedLm::of(&ws.lab().session),
            text_id: ws.lab().text_id.map(String::from),
            prompt: ws.lab().prompt.clone(),
            temperature: ws.lab().temperature,
            top_k: ws.lab().top_k,
            surprise: Some(ws.lab().surprise.clone()),
        }),
        sessions: TASKS
            .iter()
            .map(|&t| SavedState::of(ws.session_of(t)))
            .collect(),
        steps: ws.steps(),
        shift_kind: ws.shift().kind,
        shift: ws.shift().amount,
    }
}

impl Workspace {
    /// Puts back the workspace `text` describes, or changes nothing.
    pub(super) fn restore(&mut self, text: &str) -> (Event, Changed) {
        let read = json::from_str(text).map_err(LoadError::from);
        self.restore_saved(read.and_then(checked))
    }

    /// Puts back a saved workspace read and checked, or changes nothing.
    pub(super) fn restore_saved(&mut self, read: Result<Decoded, LoadError>) -> (Event, Changed) {
        match read {
            Ok((saved, sessions, lab)) => {
                self.playing = false;
                for s in sessions {
                    self.put_session(s);
                }
                let mut shown = false;
                if let (Some(l), Some(model)) = (&saved.lab, lab) {
                    let knob = |k: Knob, v: f64| k.check(v).unwrap_or(k.default_value());
                    self.lab.session = model;
                    self.lab.text_id = l.text_id.as_deref().and_then(by_id).map(|t| t.id);
                    self.lab.prompt = l.prompt.chars().take(2_000).collect();
                    self.lab.temperature = knob(Knob::Temperature, l.temperature);
                    self.lab.top_k = knob(Knob::TopK, l.top_k as f64) as usize;
                    self.lab.seed = self.lab.session.settings().seed;
                    self.lab.reseed();
                    self.lab.blank = None;
                    if let Some(text) = &l.surprise {
                        self.lab.surprise = text.chars().take(2_000).collect();
                    }
                    shown = l.shown;
                }
                let knob = |k: Knob, v: f64| k.check(v).unwrap_or(k.default_value());
                self.steps = knob(Knob::Steps, saved.steps as f64) as u64;
                self.shift = Shift {
                    kind: saved.shift_kind,
                    amount: knob(Knob::Shift, saved.shift),
                };
                self.until = None;
                self.task = saved.task;
                self.mode = match shown {
                    true => Mode::Language,
                    false => Mode::plane(saved.task),
                };
                // The class belongs to classification, whichever mode is shown.
                let k = self.session_of(Task::Classification).settings().classes;
                self.class = saved.class.min(k - 1);
                self.speed = saved.speed.clamp(1, 1000);
                self.chart = Chart::from_id(&saved.chart).unwrap_or(Chart::Loss);
                self.undo.iter_mut().for_each(|u| u.clear());
                (Event::Restored, Changed::ALL)
            }
            Err(error) => (
                Event::Refused(Problem::Load {
                    source: Source::Autosave,
                    error,
                }),
                NOTHING,
            ),
        }
    }
}

/// A saved workspace and its two sessions, checked.
pub(super) fn checked(saved: SavedWorkspace) -> Result<Decoded, LoadError> {
    check_header(
        &saved.format,
        saved.version,
        WORKSPACE_FORMAT,
        WORKSPACE_VERSION,
    )?;
    // Valid JSON, but not the two plane sessions in their order.
    let misshapen = LoadError::Json {
        fault: JsonFault::Shape,
        line: 1,
        column: 1,
    };
    let mut sessions = Vec::with_capacity(TASKS.len());
    for (state, task) in saved.sessions.iter().zip(TASKS) {
        if state.settings.task != task {
            return Err(misshapen);
        }
        sessions.push(state.clone().into_session()?);
    }
    if sessions.len() != TASKS.len() {
        return Err(misshapen);
    }
    let lab = match &saved.lab {
        Some(l) => Some(l.model.clone().into_session()?),
        None => None,
    };
    Ok((saved, sessions, lab))
}

/// A checked saved workspace: the form, the two plane sessions, the lab's model.
pub(super) type Decoded = (
    SavedWorkspace,
    Vec<crate::core::session::Session>,
    Option<LmSession>,
);

crate::json_struct!(SavedWorkspace {
    format,
    version,
    task,
    class,
    speed,
    chart,
    sessions,
    lab = None,
    steps = Knob::Steps.default_value() as u64,
    shift_kind = ShiftKind::Move,
    shift = 0.0,
});
crate::json_struct!(SavedLab { shown, model, text_id = None, prompt, temperature, top_k, surprise = None });
