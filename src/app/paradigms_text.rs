//! The Paradigms region's words and numbers, in the page's language: the
//! names of paradigms, tasks and models, a run's state, the notes'
//! comparison table filled from the runs' results, what each paradigm
//! achieved (and what it did not at this size), and the open model's answer.

use crate::core::paradigms::ask::{Score, MAX_ANSWER};
use crate::core::paradigms::fewshot::FewShotResult;
use crate::core::paradigms::finetune::{FinetuneResult, SHOTS};
use crate::core::paradigms::instruct::{gather, spread, Split};
use crate::core::paradigms::run::{Length, Paradigm, PAGE_QUERIES};
use crate::core::paradigms::tasks::{Task, HELD_OUT_TASK, WORDINGS};

use super::format::percent;
use super::lang::Lang;
use super::paradigms::{Paradigms, ParadigmsProblem, RunState};
use super::paradigms_messages::PMsg;
use super::paradigms_runs::{Finished, ModelId, Outcome};
use super::wording::duration;

/// A paradigm's name.
pub fn paradigm_name(lang: Lang, p: Paradigm) -> &'static str {
    match p {
        Paradigm::Finetune => PMsg::Finetune,
        Paradigm::FewShot => PMsg::FewShot,
        Paradigm::Instruct => PMsg::Instruct,
    }
    .text(lang)
}

/// A task's name.
pub fn task_name(lang: Lang, t: Task) -> &'static str {
    match t {
        Task::Reverse => PMsg::Reverse,
        Task::Sort => PMsg::Sort,
        Task::Copy => PMsg::Copy,
        Task::Upper => PMsg::Upper,
        Task::First => PMsg::First,
        Task::Count => PMsg::Count,
    }
    .text(lang)
}

/// A model's name (`task`: the one fine-tuned on).
pub fn model_name(lang: Lang, m: ModelId, task: Task) -> String {
    match m {
        ModelId::Base => PMsg::ModelBase.text(lang).into(),
        ModelId::Trained(Paradigm::Finetune) => {
            PMsg::ModelFinetune.fill(lang, &[("task", task_name(lang, task))])
        }
        ModelId::Trained(Paradigm::FewShot) => PMsg::ModelFewShot.text(lang).into(),
        ModelId::Trained(Paradigm::Instruct) => PMsg::ModelInstruct.text(lang).into(),
    }
}

/// A paradigm's run as its line says it, and how far it is (0 to 1) while under way.
pub fn run_line(lang: Lang, pd: &Paradigms, p: Paradigm) -> (String, Option<f64>) {
    let name = paradigm_name(lang, p);
    let n = |v: u64| v.to_string();
    let (what, fraction) = match pd.state(p) {
        RunState::Idle => match pd.result(p) {
            Some(f) => (done_line(lang, f), None),
            None => (PMsg::StateIdle.text(lang).into(), None),
        },
        RunState::Queued => (PMsg::StateQueued.text(lang).into(), Some(0.0)),
        RunState::Training { done, steps } => (
            PMsg::StateTraining.fill(lang, &[("done", &n(*done)), ("all", &n(*steps))]),
            Some(0.9 * *done as f64 / (*steps).max(1) as f64),
        ),
        RunState::Measuring { done, cells } => (
            PMsg::StateMeasuring.fill(
                lang,
                &[("done", &n(*done as u64)), ("all", &n(*cells as u64))],
            ),
            Some(0.9 + 0.1 * *done as f64 / (*cells).max(1) as f64),
        ),
        RunState::Stopped => (PMsg::StateStopped.text(lang).into(), None),
        RunState::Failed(m) => (PMsg::StateFailed.fill(lang, &[("message", m)]), None),
    };
    (format!("{name}: {what}"), fraction)
}

fn done_line(lang: Lang, f: &Finished) -> String {
    let length = match f.plan.length {
        Length::Full => PMsg::FullWord,
        Length::Short => PMsg::ShortWord,
    };
    PMsg::StateDone.fill(
        lang,
        &[
            ("time", &duration(lang, f.ms)),
            ("length", length.text(lang)),
        ],
    )
}

/// The whole lab's progress, 0 to 1 (`None` when nothing runs).
pub fn progress(pd: &Paradigms) -> Option<f64> {
    let busy: Vec<f64> = Paradigm::ALL
        .iter()
        .filter_map(|&p| run_line(Lang::En, pd, p).1)
        .collect();
    (!busy.is_empty()).then(|| busy.iter().sum::<f64>() / busy.len() as f64)
}

/// One cell of the table: its text (an accuracy, or "—"), what it
/// measured, and the model it opens.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// An accuracy such as `83.0%`, a range, a description, or "—".
    pub text: String,
    /// What was measured, in a few words.
    pub note: String,
    /// The model the cell opens.
    pub model: Option<ModelId>,
}

/// One row: its heading and a cell per paradigm.
pub type Row = (String, [Cell; 3]);

fn mean(scores: impl IntoIterator<Item = Score>) -> Score {
    scores.into_iter().fold(Score::default(), Score::plus)
}

fn pct(s: Score) -> String {
    percent(s.rate())
}

fn cell(text: String, note: String, model: ModelId) -> Cell {
    Cell {
        text,
        note,
        model: Some(model),
    }
}

fn none(note: String) -> Cell {
    Cell {
        text: "—".into(),
        note,
        model: None,
    }
}

fn task_at(t: Task) -> usize {
    Task::ALL.iter().position(|&x| x == t).unwrap_or(0)
}

/// The scores of `task`'s wordings, trained (or held out when `held`).
fn wording_scores(scores: &[Score], task: Task, held: bool) -> Score {
    mean(
        WORDINGS
            .iter()
            .zip(scores)
            .filter(|(w, _)| w.task == task && w.held_out == held)
            .map(|(_, &s)| s),
    )
}

/// The mean lowest and highest rate across paraphrases of the tasks
/// instruction tuning trains on.
fn spread_text(scores: &[Score]) -> String {
    let s: Vec<(Task, f64, f64)> = spread(scores)
        .into_iter()
        .filter(|(t, _, _)| *t != HELD_OUT_TASK)
        .collect();
    let n = s.len().max(1) as f64;
    let lo = s.iter().map(|x| x.1).sum::<f64>() / n;
    let hi = s.iter().map(|x| x.2).sum::<f64>() / n;
    format!("{} – {}", percent(lo), percent(hi))
}

fn outcomes(pd: &Paradigms) -> [Option<(&Finished, Outcome)>; 3] {
    Paradigm::ALL.map(|p| pd.result(p).and_then(|f| Some((f, f.outcome()?))))
}

/// The notes' comparison table, filled from the results (a column's
/// cells read "—" until its run has finished).
pub fn table(lang: Lang, pd: &Paradigms) -> Vec<Row> {
    let [ft, fs, it] = outcomes(pd);
    let k = pd.shots;
    let ks = k.to_string();
    let task = ft.as_ref().map_or(pd.task, |(f, _)| f.plan.task);
    let tn = task_name(lang, task);
    let not = || none(PMsg::NotTrained.text(lang).into());
    let ft_m = ModelId::Trained(Paradigm::Finetune);
    let fs_m = ModelId::Trained(Paradigm::FewShot);
    let it_m = ModelId::Trained(Paradigm::Instruct);
    let bare = PMsg::NoteBare.text(lang).to_string();
    let k_ex = PMsg::NoteShots.fill(lang, &[("k", &ks)]);
    let ft_r = ft.as_ref().and_then(|(_, o)| match o {
        Outcome::Finetune(r) => Some(r),
        _ => None,
    });
    let fs_r = fs.as_ref().and_then(|(_, o)| match o {
        Outcome::FewShot(r) => Some(r),
        _ => None,
    });
    let it_r = it.as_ref().and_then(|(_, o)| match o {
        Outcome::Instruct(r) => Some(r),
        _ => None,
    });
    let how = [
        PMsg::HowFinetune.fill(lang, &[("task", tn)]),
        PMsg::HowFewShot.fill(lang, &[("k", &ks)]),
        PMsg::HowInstruct.text(lang).into(),
    ]
    .map(|t| Cell {
        text: t,
        note: String::new(),
        model: None,
    });
    let shots_of = |r: &FewShotResult, t: Task| r.shots[task_at(t)][k];
    let own = [
        ft_r.map_or_else(not, |r| {
            cell(pct(r.tasks[task_at(task)].tuned_bare), bare.clone(), ft_m)
        }),
        fs_r.map_or_else(not, |r| cell(pct(shots_of(r, task)), k_ex.clone(), fs_m)),
        it_r.map_or_else(not, |r| {
            let s = wording_scores(&r.wordings, task, false);
            cell(pct(s), PMsg::NoteTrainedWordings.text(lang).into(), it_m)
        }),
    ];
    let many = [
        ft_r.map_or_else(not, |r| {
            let (before, after) = others(r, task);
            let note =
                PMsg::NoteOthers.fill(lang, &[("k", &SHOTS.to_string()), ("before", &pct(before))]);
            cell(pct(after), note, ft_m)
        }),
        fs_r.map_or_else(not, |r| {
            let s = mean(Task::ALL.iter().map(|&t| shots_of(r, t)));
            let note = format!("{}, {k_ex}", PMsg::NoteAllTasks.text(lang));
            cell(pct(s), note, fs_m)
        }),
        it_r.map_or_else(not, |r| {
            let s = gather(&r.wordings, Split::Seen, None);
            cell(pct(s), PMsg::NoteFiveTasks.text(lang).into(), it_m)
        }),
    ];
    let demos = PMsg::NoteSawDemos.text(lang).to_string();
    let new_task = [
        ft_r.map_or_else(not, |r| {
            let s = r.tasks[task_at(HELD_OUT_TASK)].tuned_bare;
            cell(pct(s), format!("{bare}; {demos}"), ft_m)
        }),
        fs_r.map_or_else(not, |r| {
            cell(
                pct(shots_of(r, HELD_OUT_TASK)),
                format!("{k_ex}; {demos}"),
                fs_m,
            )
        }),
        it_r.map_or_else(not, |r| {
            let s = gather(&r.wordings, Split::HeldOutTask, None);
            cell(pct(s), PMsg::NoteNeverSeen.text(lang).into(), it_m)
        }),
    ];
    let no_instruction = || none(PMsg::NoteNoInstruction.text(lang).into());
    let wording = [
        no_instruction(),
        fs_r.map_or_else(not, |r| {
            let s = gather(&r.wordings, Split::HeldOutWording, None);
            cell(pct(s), PMsg::NoteNeverRead.text(lang).into(), fs_m)
        }),
        it_r.map_or_else(not, |r| {
            let s = gather(&r.wordings, Split::HeldOutWording, None);
            cell(pct(s), PMsg::NoteHeldWordings.text(lang).into(), it_m)
        }),
    ];
    let paraphrase = [
        no_instruction(),
        fs_r.map_or_else(not, |r| {
            let note = format!(
                "{}; {}",
                PMsg::NoteAllWordings.text(lang),
                PMsg::NoteNeverRead.text(lang)
            );
            cell(spread_text(&r.wordings), note, fs_m)
        }),
        it_r.map_or_else(not, |r| {
            let note = PMsg::NoteAllWordings.text(lang).into();
            cell(spread_text(&r.wordings), note, it_m)
        }),
    ];
    let count = task_name(lang, HELD_OUT_TASK);
    vec![
        (PMsg::RowHow.text(lang).into(), how),
        (PMsg::RowOwn.fill(lang, &[("task", tn)]), own),
        (PMsg::RowMany.text(lang).into(), many),
        (PMsg::RowNewTask.fill(lang, &[("task", count)]), new_task),
        (PMsg::RowWording.text(lang).into(), wording),
        (PMsg::RowSpread.text(lang).into(), paraphrase),
    ]
}

/// The prompted model's accuracy against `k`: a row per task and one for
/// all six, each `k` = 0..=8 (`None` before the few-shot run finished).
pub fn shots_rows(lang: Lang, pd: &Paradigms) -> Option<Vec<(String, Vec<String>)>> {
    let [_, fs, _] = outcomes(pd);
    let Some((_, Outcome::FewShot(r))) = fs else {
        return None;
    };
    let row = |scores: &[Score]| scores.iter().map(|&s| pct(s)).collect::<Vec<_>>();
    let mut rows: Vec<(String, Vec<String>)> = Task::ALL
        .iter()
        .zip(&r.shots)
        .map(|(&t, s)| (task_name(lang, t).to_string(), row(s)))
        .collect();
    let all: Vec<Score> = (0..r.shots[0].len())
        .map(|k| mean(r.shots.iter().map(|s| s[k])))
        .collect();
    rows.push((PMsg::AllSix.text(lang).into(), row(&all)));
    Some(rows)
}

/// The caption of the accuracy-against-k table.
pub fn shots_caption(lang: Lang) -> String {
    PMsg::ShotsCaption.fill(lang, &[("n", &PAGE_QUERIES.to_string())])
}

/// The other tasks' scores (shown [`SHOTS`] examples) before and after fine-tuning on `task`.
fn others(r: &FinetuneResult, task: Task) -> (Score, Score) {
    let rest = || {
        Task::ALL
            .iter()
            .zip(&r.tasks)
            .filter(move |(&t, _)| t != task)
            .map(|(_, s)| s)
    };
    (
        mean(rest().map(|s| s.base_shots)),
        mean(rest().map(|s| s.tuned_shots)),
    )
}

/// The table's caption.
pub fn caption(lang: Lang) -> String {
    PMsg::TableCaption.fill(lang, &[("n", &PAGE_QUERIES.to_string())])
}

/// Non-embedding parameters of the lab's models, `12·L·C²` as Kaplan counts them.
fn params(f: &Finished) -> String {
    let s = f.plan.size();
    super::scaling_text::group((12 * s.blocks * s.width * s.width) as f64)
}

/// What each finished paradigm achieved, in sentences, and where it fell
/// short at this size; measured numbers only.
pub fn findings(lang: Lang, pd: &Paradigms) -> Vec<String> {
    let mut lines = Vec::new();
    let [ft, fs, it] = outcomes(pd);
    if let Some((f, Outcome::Finetune(r))) = &ft {
        let t = f.plan.task;
        let s = r.tasks[task_at(t)];
        let (ob, oa) = others(r, t);
        lines.push(PMsg::FindFinetune.fill(
            lang,
            &[
                ("task", task_name(lang, t)),
                ("before", &pct(s.base_bare)),
                ("after", &pct(s.tuned_bare)),
                ("k", &SHOTS.to_string()),
                ("obefore", &pct(ob)),
                ("oafter", &pct(oa)),
            ],
        ));
    }
    if let Some((f, Outcome::FewShot(r))) = &fs {
        let at = |k: usize| mean(r.shots.iter().map(|row| row[k]));
        let (k0, k1, k8) = (at(0), at(1), at(r.shots[0].len() - 1));
        let args = [
            ("k0", pct(k0)),
            ("k1", pct(k1)),
            ("k8", pct(k8)),
            ("n", params(f)),
        ];
        let args: Vec<(&str, &str)> = args.iter().map(|(a, b)| (*a, b.as_str())).collect();
        let flat = k8.rate() < k1.rate() + 0.05;
        let m = if flat {
            PMsg::FindFewShotFlat
        } else {
            PMsg::FindFewShotGain
        };
        lines.push(m.fill(lang, &args));
        let rates: Vec<f64> = r.wordings.iter().map(Score::rate).collect();
        let lo = rates.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = rates.iter().copied().fold(0.0, f64::max);
        lines.push(PMsg::FindWordings.fill(
            lang,
            &[
                ("p", &pct(mean(r.wordings.iter().copied()))),
                ("lo", &percent(lo)),
                ("hi", &percent(hi)),
            ],
        ));
    }
    if let Some((f, Outcome::Instruct(r))) = &it {
        let new = gather(&r.wordings, Split::HeldOutTask, None);
        lines.push(PMsg::FindInstruct.fill(
            lang,
            &[
                ("seen", &pct(gather(&r.wordings, Split::Seen, None))),
                (
                    "held",
                    &pct(gather(&r.wordings, Split::HeldOutWording, None)),
                ),
                ("task", task_name(lang, HELD_OUT_TASK)),
                ("new", &pct(new)),
            ],
        ));
        if new.rate() < 0.1 {
            lines.push(PMsg::FindNewTaskFails.fill(lang, &[("n", &params(f))]));
        }
    }
    let short = [&ft, &fs, &it].iter().any(|o| {
        o.as_ref()
            .is_some_and(|(f, _)| f.plan.length == Length::Short)
    });
    if short {
        lines.push(PMsg::FindShort.text(lang).into());
    }
    lines
}

/// What the open model wrote, and whether the prompt was cut.
pub fn reply_lines(lang: Lang, pd: &Paradigms) -> Vec<String> {
    let Some(r) = &pd.reply else {
        return Vec::new();
    };
    let mut lines = vec![if r.ended {
        PMsg::Replied.fill(lang, &[("answer", &r.answer)])
    } else {
        PMsg::NoEnd.fill(
            lang,
            &[("answer", &r.answer), ("n", &MAX_ANSWER.to_string())],
        )
    }];
    if r.cut > 0 {
        let t = pd.model(pd.open).map_or(0, |m| m.shape().context);
        lines.push(PMsg::Cut.fill(lang, &[("t", &t.to_string()), ("n", &r.cut.to_string())]));
    }
    lines
}

/// A refusal, worded: it names the field and what was wrong.
pub fn problem(lang: Lang, pd: &Paradigms, p: &ParadigmsProblem) -> String {
    match p {
        ParadigmsProblem::Shots(v) => PMsg::ShotsBad.fill(lang, &[("v", v)]),
        ParadigmsProblem::NoModel(m) => {
            let task = pd
                .result(Paradigm::Finetune)
                .map_or(pd.task, |f| f.plan.task);
            PMsg::NoModel.fill(lang, &[("model", &model_name(lang, *m, task))])
        }
        ParadigmsProblem::Unknown(u) => {
            let chars: Vec<String> = u.chars.iter().map(|c| format!("“{c}”")).collect();
            PMsg::UnknownChars.fill(lang, &[("chars", &chars.join(" "))])
        }
    }
}
