//! What a screen reader hears: each Step worded as a sentence with its
//! numbers (the sample, its class or target, the prediction, and what the
//! parameters became), and while Play trains, a summary at most every
//! [`SUMMARY_EVERY_MS`].

use crate::core::model::Head;
use crate::core::session::Session;

use super::event::Event;
use super::format::{fixed3, loss, percent, vector};
use super::lang::Lang;
use super::messages::Msg;
use super::workspace::{Mode, Workspace};

/// Least time between two summaries while playing (ms).
pub const SUMMARY_EVERY_MS: f64 = 3000.0;

/// Decides what each outcome says; remembers when Play last spoke.
#[derive(Debug, Default)]
pub struct Narrator {
    /// When the last summary was heard, while playing.
    last: Option<f64>,
}

impl Narrator {
    /// The sentence `event` (just applied to `ws`, at time `now` in ms)
    /// says, if it says one: every Step, a summary every few seconds of
    /// Play, and where Play stopped.
    pub fn hear(&mut self, ws: &Workspace, event: &Event, now: f64) -> Option<String> {
        match event {
            Event::Stepped(_) => Some(step(ws)),
            Event::Playing => {
                self.last = Some(now);
                None
            }
            Event::Trained { steps, .. } if *steps > 0 => {
                if self.last.is_some_and(|t| now - t < SUMMARY_EVERY_MS) {
                    return None;
                }
                self.last = Some(now);
                Some(summary(ws, Msg::HearPlaying))
            }
            Event::Converged if self.last.is_none() => Some(step(ws)),
            Event::Paused | Event::Converged | Event::TrainedSteps { .. } | Event::Refused(_)
                if self.last.is_some() =>
            {
                self.last = None;
                Some(summary(ws, Msg::HearStopped))
            }
            _ => None,
        }
    }
}

/// `loss now …` (with the accuracy in classification) for the model shown.
pub fn now(ws: &Workspace) -> String {
    let lang = ws.lang();
    if ws.mode() == Mode::Language {
        return Msg::HearNow.fill(lang, &[("loss", &loss(ws.lab().session.loss()))]);
    }
    let m = ws.session().metrics();
    let l = loss(m.loss);
    match m.accuracy {
        Some(a) => Msg::HearNowAcc.fill(lang, &[("loss", &l), ("acc", &percent(a))]),
        None => Msg::HearNow.fill(lang, &[("loss", &l)]),
    }
}

/// `msg` (a summary) at the current step.
fn summary(ws: &Workspace, msg: Msg) -> String {
    let step = ws.step_count().to_string();
    msg.fill(ws.lang(), &[("step", &step), ("then", &now(ws))])
}

/// The last Step in words.
pub fn step(ws: &Workspace) -> String {
    if ws.mode() == Mode::Language {
        return lab_step(ws);
    }
    let (s, lang) = (ws.session(), ws.lang());
    let Some(u) = s.last_update() else {
        return summary(ws, Msg::HearStopped);
    };
    let step = u.step.to_string();
    let then = changes(ws, s);
    let net = s.model().net();
    if u.samples.len() > 1 {
        return Msg::HearBatch.fill(
            lang,
            &[
                ("step", &step),
                ("n", &u.samples.len().to_string()),
                ("loss", &loss(u.batch_loss)),
                ("then", &then),
            ],
        );
    }
    let p = s.data().points[u.samples[0]];
    if net.head() == Head::Linear {
        return Msg::HearFit.fill(
            lang,
            &[
                ("step", &step),
                ("x", &fixed3(p.x)),
                ("y", &fixed3(p.y)),
                ("yhat", &fixed3(u.output[0])),
                ("then", &then),
            ],
        );
    }
    Msg::HearClass.fill(
        lang,
        &[
            ("step", &step),
            ("x", &vector(&[p.x, p.y])),
            ("class", &(p.class + 1).to_string()),
            ("guess", &guess(lang, net.head(), &u.output)),
            ("then", &then),
        ],
    )
}

/// The predicted class (1-based), with its probability when the model has one.
fn guess(lang: Lang, head: Head, out: &[f64]) -> String {
    let (k, p) = match head {
        Head::Step => (out[0] as usize, None),
        Head::Sigmoid => {
            let k = usize::from(out[0] > 0.5);
            (k, Some(if k == 1 { out[0] } else { 1.0 - out[0] }))
        }
        _ => {
            let k = (0..out.len()).fold(0, |b, c| if out[c] > out[b] { c } else { b });
            (k, Some(out[k]))
        }
    };
    let k = (k + 1).to_string();
    match p {
        Some(p) => Msg::HearGuessP.fill(lang, &[("k", &k), ("p", &percent(p))]),
        None => Msg::HearGuess.fill(lang, &[("k", &k)]),
    }
}

/// What the update changed: a single unit's new `w` and `b` (or that a
/// right answer changed nothing); for larger models the loss now.
fn changes(ws: &Workspace, s: &Session) -> String {
    let net = s.model().net();
    let layers = net.layers();
    if layers.len() != 1 || net.outputs() != 1 {
        return now(ws);
    }
    let u = s.last_update().expect("a step was taken");
    if net.head() == Head::Step && u.delta.iter().all(|&d| d == 0.0) {
        return Msg::HearStill.text(ws.lang()).into();
    }
    let p = net.params();
    let (l, w) = (&layers[0], &p[layers[0].w_offset..layers[0].b_offset]);
    let w = if w.len() == 1 {
        fixed3(w[0])
    } else {
        vector(w)
    };
    Msg::HearMoves.fill(ws.lang(), &[("w", &w), ("b", &fixed3(p[l.b_offset]))])
}

/// The lab's last Step: the context, the character that came next, and
/// the probability the model now gives it there.
fn lab_step(ws: &Workspace) -> String {
    let s = &ws.lab().session;
    let Some(u) = s.last_update() else {
        return summary(ws, Msg::HearStopped);
    };
    let v = s.vocab();
    let ch = crate::core::lm::tokens::display(v.char(u.target));
    let mut probs = vec![0.0; v.len()];
    s.probs(&u.context, &mut probs);
    let p = probs.get(u.target as usize).copied().unwrap_or(0.0);
    Msg::HearLab.fill(
        ws.lang(),
        &[
            ("step", &u.step.to_string()),
            ("ctx", &v.decode(&u.context)),
            ("ch", &ch),
            ("p", &percent(p)),
            ("then", &now(ws)),
        ],
    )
}
