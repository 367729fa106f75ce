//! The Scaling region's words and numbers, in the page's language: each
//! size's label, the text's source line, the plan, a run's state, the laws
//! and their comparison with the published exponents, the prediction, the
//! table's rows and the CSV export.

use crate::core::analysis::scaling::order_by;
use crate::core::scaling::family::{steps_for, Size, SweepError, BUDGETS, SIZES};

use super::lang::Lang;
use super::messages::Msg;
use super::scaling::{Scaling, SlotState, SweepProblem, LAB_TEXT, TEXTS};
use super::scaling_fits::Fits;
use super::wording::duration;

/// A size as the checkboxes and the key say it.
pub fn size_label(lang: Lang, s: &Size) -> String {
    Msg::SweepSize.fill(
        lang,
        &[
            ("l", &s.blocks.to_string()),
            ("c", &s.width.to_string()),
            ("n", &group(s.params() as f64)),
        ],
    )
}

/// `12345` as `12,345`.
pub fn group(v: f64) -> String {
    let s = format!("{:.0}", v.max(0.0));
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The built-in texts and the lab's, as the select lists them: id, name.
pub fn text_options(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let names = [Msg::TextGenesis, Msg::TextTangSong];
    TEXTS
        .iter()
        .zip(names)
        .map(|(t, m)| (t.id, m.text(lang)))
        .chain([(LAB_TEXT, Msg::TextLab.text(lang))])
        .collect()
}

/// Where the chosen text comes from and what it holds (or that it loads).
pub fn source_line(lang: Lang, sc: &Scaling, lab_text: &str) -> String {
    let Some(info) = sc.info(lab_text) else {
        if sc.text == LAB_TEXT {
            let n = group(lab_text.chars().count() as f64);
            return Msg::SourceLab.fill(lang, &[("n", &n)]);
        }
        return Msg::TextLoading.text(lang).into();
    };
    let n = group(info.chars as f64);
    match sc.text.as_str() {
        "genesis-en" => Msg::SourceGenesis.fill(lang, &[("n", &n), ("v", &info.vocab.to_string())]),
        "tang-song-zh" => {
            let v = info.vocab.saturating_sub(1);
            let share = format!("{:.1}%", 100.0 * info.folded_share);
            Msg::SourceTangSong.fill(lang, &[("n", &n), ("v", &v.to_string()), ("share", &share)])
        }
        _ => Msg::SourceLab.fill(lang, &[("n", &n)]),
    }
}

/// The sweep's line: runs, workers and the time expected, or how many finished.
pub fn plan_line(lang: Lang, sc: &Scaling, vocab: usize) -> String {
    if sc.slots.is_empty() {
        return String::new();
    }
    let done = sc
        .slots
        .iter()
        .filter(|s| s.state == SlotState::Done)
        .count();
    let runs = sc.slots.len().to_string();
    if !sc.running() {
        return Msg::SweepDone.fill(lang, &[("done", &done.to_string()), ("runs", &runs)]);
    }
    let costs: Vec<f64> = sc
        .slots
        .iter()
        .filter(|s| s.state != SlotState::Done)
        .map(|s| s.spec.estimate_ms(vocab, sc.flops_per_ms))
        .collect();
    let ms = crate::core::scaling::family::makespan(&costs, sc.workers);
    Msg::SweepPlan.fill(
        lang,
        &[
            ("runs", &runs),
            ("workers", &sc.workers.to_string()),
            ("time", &duration(lang, ms)),
        ],
    )
}

/// A run's line under the progress bar: its size, budget and state.
pub fn run_line(lang: Lang, sc: &Scaling, i: usize) -> (String, Option<f64>) {
    let s = &sc.slots[i];
    let what = format!(
        "{} · {} ",
        size_label(lang, &s.spec.size),
        group(s.spec.tokens as f64)
    );
    match &s.state {
        SlotState::Queued => (what + Msg::RunQueued.text(lang), Some(0.0)),
        SlotState::Running { done } => {
            let f = *done as f64 / steps_for(s.spec.tokens).max(1) as f64;
            (format!("{what}{:.0}%", 100.0 * f), Some(f))
        }
        SlotState::Done => (what + Msg::RunDone.text(lang), Some(1.0)),
        SlotState::Stopped => (what + Msg::RunStopped.text(lang), None),
        SlotState::Failed(m) => (what + &Msg::RunFailed.fill(lang, &[("reason", m)]), None),
    }
}

/// `v` in scientific notation with two decimals: `4.97e8`.
pub fn sci(v: f64) -> String {
    if !(v.is_finite() && v > 0.0) {
        return format!("{v:.2}");
    }
    let e = v.log10().floor();
    let m = v / 10f64.powf(e);
    let (m, e) = if m >= 9.995 {
        (m / 10.0, e + 1.0)
    } else {
        (m, e)
    };
    format!("{m:.2}e{e}")
}

/// A loss or a law's number to 3 decimals.
fn num(v: f64) -> String {
    format!("{v:.3}")
}

/// The Exponent readout's lines: the laws fitted, the runs off the line,
/// and the published exponents to compare with.
pub fn exponent_lines(lang: Lang, sc: &Scaling, f: &Fits) -> Vec<String> {
    let mut out = Vec::new();
    let Some(c) = f.compute else {
        out.push(Msg::NoLawYet.text(lang).into());
        return out;
    };
    out.push(Msg::LawCompute.fill(
        lang,
        &[
            ("a", &sci(c.law.a)),
            ("alpha", &num(c.law.alpha)),
            ("floor", &num(c.law.floor)),
        ],
    ));
    if let Some((d, p)) = f.params {
        out.push(Msg::LawParams.fill(
            lang,
            &[
                ("d", &group(d as f64)),
                ("alpha", &num(p.law.alpha)),
                ("floor", &num(p.law.floor)),
            ],
        ));
    }
    if let Some((s, t)) = f.tokens {
        out.push(Msg::LawTokens.fill(
            lang,
            &[
                ("n", &group(s.params() as f64)),
                ("alpha", &num(t.law.alpha)),
                ("floor", &num(t.law.floor)),
            ],
        ));
    }
    if !f.is_law() {
        out.push(Msg::LawFlat.text(lang).into());
        out.push(Msg::LawPublished.text(lang).into());
        return out;
    }
    // Runs whose loss is off L(N) at their budget by more than twice its rms.
    let mut off: Vec<String> = Vec::new();
    if let Some((d, p)) = f.params {
        for &i in &f.runs {
            let r = &sc.results[i].result;
            if r.tokens != d {
                continue;
            }
            let rel = (r.loss - p.law.at(r.params as f64)) / r.loss;
            if rel.abs() > 2.0 * p.rms_relative.max(0.002) {
                off.push(size_label(lang, &r.spec.size));
            }
        }
    }
    if off.is_empty() {
        let rms = format!("{:.1}%", 100.0 * c.rms_relative);
        out.push(Msg::LawOn.fill(lang, &[("rms", &rms)]));
    } else {
        out.push(Msg::LawOff.fill(lang, &[("list", &off.join("; "))]));
    }
    out.push(Msg::LawPublished.text(lang).into());
    out
}

/// The prediction's line: what the law predicts for the check's run, and
/// once trained, how far off it was.
pub fn prediction_line(lang: Lang, sc: &Scaling) -> String {
    match sc.prediction {
        Some(p) if p.spec.size == SIZES[sc.check.0] && p.spec.tokens == BUDGETS[sc.check.1] => {
            match p.measured {
                Some(m) => {
                    let e = format!("{:+.1}%", 100.0 * (p.predicted - m) / m);
                    Msg::PredictionError
                        .fill(lang, &[("p", &num(p.predicted)), ("m", &num(m)), ("e", &e)])
                }
                None => Msg::Predicted.fill(lang, &[("p", &num(p.predicted))]),
            }
        }
        _ => sc.predict().map_or(String::new(), |p| {
            Msg::Predicted.fill(lang, &[("p", &num(p))])
        }),
    }
}

/// The results table's rows for the text shown: parameters, tokens,
/// compute, loss, time.
pub fn table_rows(lang: Lang, sc: &Scaling, f: &Fits) -> Vec<[String; 5]> {
    let all: Vec<&crate::core::scaling::run::RunResult> =
        f.runs.iter().map(|&i| &sc.results[i].result).collect();
    let keys: Vec<(f64, f64)> = all
        .iter()
        .map(|r| (r.params as f64, r.tokens as f64))
        .collect();
    order_by(&keys)
        .into_iter()
        .map(|i| all[i])
        .map(|r| {
            [
                group(r.params as f64),
                group(r.tokens as f64),
                sci(r.compute),
                num(r.loss),
                duration(lang, r.ms),
            ]
        })
        .collect()
}

/// The results on the text shown as CSV, one run a line.
pub fn csv(sc: &Scaling) -> String {
    let mut out =
        String::from("text,blocks,heads,width,parameters,tokens,compute,loss,accuracy,ms,seed\n");
    for m in sc.results.iter().filter(|m| m.text == sc.text) {
        let r = &m.result;
        let s = r.spec.size;
        out += &format!(
            "{},{},{},{},{},{},{},{},{},{:.0},{}\n",
            m.text,
            s.blocks,
            s.heads,
            s.width,
            r.params,
            r.tokens,
            r.compute,
            r.loss,
            r.accuracy,
            r.ms,
            r.spec.seed
        );
    }
    out
}

/// Why the Scaling region refused, in `lang`.
pub fn problem(lang: Lang, p: &SweepProblem) -> String {
    let n = |v: usize| v.to_string();
    match p {
        SweepProblem::Plan(SweepError::Empty) => Msg::SweepEmpty.text(lang).into(),
        SweepProblem::Plan(SweepError::TextShort { needs, has }) => {
            Msg::SweepTextShort.fill(lang, &[("needs", &n(*needs)), ("has", &n(*has))])
        }
        SweepProblem::Plan(SweepError::TooSlow { ms, max_ms }) => Msg::SweepTooSlow.fill(
            lang,
            &[
                ("time", &duration(lang, *ms)),
                ("max", &duration(lang, *max_ms)),
            ],
        ),
        SweepProblem::Plan(SweepError::TooBig { bytes }) => {
            Msg::SweepTooBig.fill(lang, &[("mb", &format!("{:.0}", bytes / 1e6))])
        }
        SweepProblem::Text(e) => {
            Msg::SweepTextBad.fill(lang, &[("reason", &super::wording::text_error(lang, e))])
        }
        SweepProblem::NotLoaded => Msg::SweepNotLoaded.text(lang).into(),
        SweepProblem::Busy => Msg::SweepBusy.text(lang).into(),
        SweepProblem::NoLaw => Msg::SweepNoLaw.text(lang).into(),
    }
}
