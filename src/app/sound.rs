//! A curve as sound, for the `Listen` button: the loss curve (or, in
//! regression, the fitted curve over x) as a series of pitches from left
//! to right, higher for a higher value, with a sentence saying what plays.
//! The page only schedules the tones.

use crate::core::data::{Task, DOMAIN};
use crate::core::history::CurvePoint;

use super::format::{fixed3, loss};
use super::messages::Msg;
use super::workspace::{Mode, Workspace};

/// How long a trace plays (s).
pub const DURATION_S: f64 = 2.0;
/// The pitch of the lowest value (Hz).
pub const LOW_HZ: f64 = 220.0;
/// The pitch of the highest value (Hz): two octaves up.
pub const HIGH_HZ: f64 = 880.0;
/// Tones in a trace, evenly spaced in time (the page glides between them).
pub const TONES: usize = 64;

/// What the `Listen` button plays, and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// The pitch (Hz) of each tone, left to right; empty when there is
    /// nothing to play.
    pub pitches: Vec<f64>,
    /// What plays, in words.
    pub sentence: String,
}

/// `values` as pitches from [`LOW_HZ`] (the smallest) to [`HIGH_HZ`] (the
/// largest), equal steps of value making equal musical intervals; on a
/// log scale of the value when `log` (a loss spans many orders). A flat
/// series sits midway; a value that is not finite takes the lowest pitch.
pub fn pitches(values: &[f64], log: bool) -> Vec<f64> {
    let key = |v: f64| if log { v.max(1e-12).ln() } else { v };
    let keys: Vec<f64> = values.iter().map(|&v| key(v)).collect();
    let finite = keys.iter().copied().filter(|k| k.is_finite());
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let hi = finite.fold(f64::NEG_INFINITY, f64::max);
    keys.iter()
        .map(|&k| {
            let t = match (k.is_finite(), hi - lo > 1e-12) {
                (false, _) => 0.0,
                (true, false) => 0.5,
                (true, true) => (k - lo) / (hi - lo),
            };
            LOW_HZ * (t * (HIGH_HZ / LOW_HZ).ln()).exp()
        })
        .collect()
}

/// The training loss at [`TONES`] evenly spaced steps from the curve's
/// first to its last point (straight between the points it keeps).
pub fn resample(curve: &[CurvePoint]) -> Vec<f64> {
    let (Some(first), Some(last)) = (curve.first(), curve.last()) else {
        return Vec::new();
    };
    let (a, b) = (first.step as f64, last.step as f64);
    let mut j = 0;
    (0..TONES)
        .map(|i| {
            let at = a + (b - a) * i as f64 / (TONES - 1) as f64;
            while j + 1 < curve.len() && (curve[j + 1].step as f64) < at {
                j += 1;
            }
            let p = &curve[j];
            let Some(q) = curve.get(j + 1) else {
                return p.train;
            };
            let span = (q.step - p.step) as f64;
            let t = if span > 0.0 {
                ((at - p.step as f64) / span).clamp(0.0, 1.0)
            } else {
                1.0
            };
            p.train + (q.train - p.train) * t
        })
        .collect()
}

/// The trace of what the page shows: the fitted curve in regression, the
/// loss curve otherwise (it needs two points: press Step first).
pub fn trace(ws: &Workspace) -> Trace {
    let lang = ws.lang();
    let nothing = || Trace {
        pitches: Vec::new(),
        sentence: Msg::ListenNothing.text(lang).into(),
    };
    if ws.mode() != Mode::Language && ws.task() == Task::Regression {
        let model = ws.session().model();
        let ys: Vec<f64> = (0..TONES)
            .map(|i| {
                let x = -DOMAIN + 2.0 * DOMAIN * i as f64 / (TONES - 1) as f64;
                let mut y = [0.0];
                model.predict(x, 0.0, &mut y);
                y[0]
            })
            .collect();
        let (lo, hi) = ys
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &y| {
                (l.min(y), h.max(y))
            });
        let f = |v: f64| fixed3(v);
        let sentence = Msg::ListenFit.fill(
            lang,
            &[
                ("a", &f(-DOMAIN)),
                ("b", &f(DOMAIN)),
                ("from", &f(ys[0])),
                ("to", &f(ys[TONES - 1])),
                ("min", &f(lo)),
                ("max", &f(hi)),
            ],
        );
        return Trace {
            pitches: pitches(&ys, false),
            sentence,
        };
    }
    let curve = if ws.mode() == Mode::Language {
        ws.lab().session.curve()
    } else {
        ws.session().curve()
    };
    let (Some(first), Some(last)) = (curve.first(), curve.last()) else {
        return nothing();
    };
    if curve.len() < 2 {
        return nothing();
    }
    let sentence = Msg::ListenLoss.fill(
        lang,
        &[
            ("a", &first.step.to_string()),
            ("b", &last.step.to_string()),
            ("from", &loss(first.train)),
            ("to", &loss(last.train)),
        ],
    );
    Trace {
        pitches: pitches(&resample(curve), true),
        sentence,
    }
}
