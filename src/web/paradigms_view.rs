//! The Paradigms region written from the lab's state: its labels in the
//! page's language, the run lines, the notes' comparison table (a button
//! per measured cell), the accuracy against k, what each paradigm
//! achieved, and the open model's answer and attention.

use web_sys::{Element, HtmlCanvasElement, HtmlInputElement};

use super::dom::{append, by_id, clear, make, set_attr, set_text};
use super::lab_door::{options, run_item};
use crate::app::attention::{caption, AttentionPick, AttentionView};
use crate::app::lang::Lang;
use crate::app::paradigms::{Paradigms, ParadigmsProblem};
use crate::app::paradigms_messages::PMsg;
use crate::app::paradigms_runs::{paradigm_id, ModelId};
use crate::app::paradigms_text as words;
use crate::core::lm::tokens::{self, MAX_TEXT_CHARS};
use crate::core::paradigms::run::{Length, Paradigm};
use crate::core::paradigms::stage::RunPoint;
use crate::core::paradigms::tasks::Task;
use crate::core::paradigms::vocab::Vocab;
use crate::render::paradigm_curves::{draw_curves, CurvesPlot};

/// Sets the text of element `id` (a label's words) to `m`.
fn label(lang: Lang, id: &str, m: PMsg) {
    set_text(&by_id(id), m.text(lang));
}

/// The table's content as a key: it is built again only when this moves.
pub fn table_key(lang: Lang, pd: &Paradigms) -> String {
    let ms: Vec<String> = Paradigm::ALL
        .iter()
        .map(|&p| pd.result(p).map_or(0.0, |f| f.ms).to_string())
        .collect();
    format!(
        "{}{}{:?}{}",
        lang.html_code(),
        pd.shots,
        pd.task,
        ms.join(",")
    )
}

/// The notes' comparison table, a button per measured cell.
pub fn draw_table(lang: Lang, pd: &Paradigms) {
    let table: Element = by_id("paradigms-table");
    set_text(&by_id("pd-caption"), &words::caption(lang));
    if let Ok(Some(head)) = table.query_selector("thead tr") {
        clear(&head);
        append(&head, &make("th", "", PMsg::Dimension.text(lang)));
        for p in Paradigm::ALL {
            let mut name = words::paradigm_name(lang, p).to_string();
            if p == Paradigm::FewShot {
                name += &format!(" · k = {}", pd.shots);
            }
            let th = make("th", "", &name);
            set_attr(&th, "scope", "col");
            append(&head, &th);
        }
    }
    draw_shots(lang, pd);
    let Ok(Some(body)) = table.query_selector("tbody") else {
        return;
    };
    clear(&body);
    for (heading, cells) in words::table(lang, pd) {
        let tr = make("tr", "", "");
        let th = make("th", "", &heading);
        set_attr(&th, "scope", "row");
        append(&tr, &th);
        for c in cells {
            let td = make("td", "", "");
            match c.model {
                Some(m) => {
                    let b = make("button", "pd-cell", &c.text);
                    set_attr(&b, "type", "button");
                    set_attr(&b, "data-model", m.id());
                    set_attr(&b, "title", &c.note);
                    append(&td, &b);
                }
                None => append(&td, &make("span", "pd-value", &c.text)),
            }
            if !c.note.is_empty() {
                append(&td, &make("small", "", &c.note));
            }
            append(&tr, &td);
        }
        append(&body, &tr);
    }
}

/// The prompted model's accuracy against k, the column of Shots marked.
fn draw_shots(lang: Lang, pd: &Paradigms) {
    let table: Element = by_id("shots-table");
    clear(&table);
    let rows = words::shots_rows(lang, pd);
    table.set_attribute("hidden", "").ok();
    let Some(rows) = rows else { return };
    table.remove_attribute("hidden").ok();
    append(&table, &make("caption", "", &words::shots_caption(lang)));
    let head = make("tr", "", "");
    append(&head, &make("th", "", ""));
    for k in 0..rows[0].1.len() {
        let th = make("th", "", &format!("k = {k}"));
        set_attr(&th, "scope", "col");
        if k == pd.shots {
            set_attr(&th, "class", "pd-now");
        }
        append(&head, &th);
    }
    append(&table, &head);
    for (name, cells) in rows {
        let tr = make("tr", "", "");
        let th = make("th", "", &name);
        set_attr(&th, "scope", "row");
        append(&tr, &th);
        for (k, c) in cells.iter().enumerate() {
            let td = make("td", if k == pd.shots { "pd-now" } else { "" }, c);
            append(&tr, &td);
        }
        append(&table, &tr);
    }
}

/// Everything the region shows but the tables.
/// `curves` is what the loss chart was last drawn from: it is drawn
/// again only when that moves (a worker's report every 100 ms mostly
/// brings no new point).
pub fn draw(
    lang: Lang,
    pd: &Paradigms,
    refusal: Option<&ParadigmsProblem>,
    block: usize,
    curves: &mut String,
) {
    set_text(&by_id("h-paradigms"), PMsg::Title.text(lang));
    for (id, m) in [
        ("pd-intro", PMsg::Intro),
        ("pd-l-shots", PMsg::Shots),
        ("pd-l-length", PMsg::Length),
        ("pd-l-task", PMsg::TaskPick),
        ("run-paradigms", PMsg::RunAll),
        ("stop-paradigms", PMsg::Stop),
        ("clear-paradigms", PMsg::Clear),
        ("pd-l-model", PMsg::Model),
        ("pd-l-prompt", PMsg::Ask),
        ("pd-answer", PMsg::Answer),
        ("pd-next", PMsg::NextChar),
        ("pd-l-block", PMsg::AttentionBlock),
        ("pd-open-hint", PMsg::OpenHint),
        ("pd-step-lab", PMsg::StepInLab),
    ] {
        label(lang, id, m);
    }
    let n = crate::app::scaling_text::group(MAX_TEXT_CHARS as f64);
    set_text(
        &by_id("pd-step-lab-hint"),
        &PMsg::StepInLabHint.fill(lang, &[("n", &n)]),
    );
    let shots: HtmlInputElement = by_id("shots");
    if refusal.is_none() && shots.value() != pd.shots.to_string() {
        shots.set_value(&pd.shots.to_string());
    }
    let lengths = [
        ("full".to_string(), PMsg::LengthFull.text(lang).to_string()),
        (
            "short".to_string(),
            PMsg::LengthShort.text(lang).to_string(),
        ),
    ];
    let length = if pd.length == Length::Short {
        "short"
    } else {
        "full"
    };
    options(&by_id("pd-length"), &lengths, length);
    let tasks: Vec<(String, String)> = Task::ALL
        .iter()
        .enumerate()
        .map(|(i, &t)| (i.to_string(), words::task_name(lang, t).to_string()))
        .collect();
    let task = Task::ALL.iter().position(|&t| t == pd.task).unwrap_or(0);
    options(&by_id("pd-task"), &tasks, &task.to_string());
    let running = pd.running();
    by_id::<web_sys::HtmlButtonElement>("run-paradigms").set_disabled(running);
    by_id::<web_sys::HtmlButtonElement>("stop-paradigms").set_disabled(!running);
    let bar: Element = by_id("paradigms-progress");
    set_attr(&bar, "aria-label", PMsg::Progress.text(lang));
    set_attr(
        &bar,
        "value",
        &format!("{:.3}", words::progress(pd).unwrap_or(0.0)),
    );
    draw_runs(lang, pd);
    draw_curves_of(lang, pd, curves);
    let problem = refusal
        .map(|r| words::problem(lang, pd, r))
        .unwrap_or_default();
    set_text(&by_id("pd-problem"), &problem);
    let findings: Element = by_id("pd-findings");
    clear(&findings);
    for line in words::findings(lang, pd) {
        append(&findings, &make("p", "", &line));
    }
    draw_model(lang, pd, block);
}

/// A line per run: its bar while under way, its state, a Train button.
fn draw_runs(lang: Lang, pd: &Paradigms) {
    let list: Element = by_id("pd-runs");
    clear(&list);
    for p in Paradigm::ALL {
        let (line, fraction) = words::run_line(lang, pd, p);
        let li = run_item(&line, fraction);
        if fraction.is_none() {
            let b = make("button", "", PMsg::Train.text(lang));
            set_attr(&b, "type", "button");
            set_attr(&b, "data-paradigm", paradigm_id(p));
            set_attr(
                &b,
                "aria-label",
                &format!(
                    "{} {}",
                    PMsg::Train.text(lang),
                    words::paradigm_name(lang, p)
                ),
            );
            append(&li, &b);
        }
        append(&list, &li);
    }
}

/// Each run's held-out loss as it trains (hidden until a run has a
/// point), unless `drawn` says the chart already shows it.
fn draw_curves_of(lang: Lang, pd: &Paradigms, drawn: &mut String) {
    let boxed: web_sys::HtmlElement = by_id("pd-curves-box");
    let runs: Vec<(&str, &[RunPoint])> = Paradigm::ALL
        .iter()
        .map(|&p| (words::paradigm_name(lang, p), pd.curve(p)))
        .collect();
    let shown = runs.iter().any(|(_, c)| c.len() >= 2);
    boxed.set_hidden(!shown);
    if !shown {
        drawn.clear();
        return;
    }
    let fine = pd
        .result(Paradigm::Finetune)
        .filter(|_| !pd.state(Paradigm::Finetune).busy())
        .map_or(pd.plan(Paradigm::Finetune), |f| f.plan);
    let at = fine.finetune().pretrain_steps;
    let tuned = !pd.curve(Paradigm::Finetune).is_empty();
    let canvas: HtmlCanvasElement = by_id("pd-curves");
    let dpr = super::screen::dpr();
    let w = canvas.client_width().max(300) as f64;
    let span = Paradigm::ALL
        .iter()
        .filter(|&&p| pd.state(p).busy())
        .map(|&p| pd.plan(p).steps())
        .max()
        .unwrap_or(0);
    let key = format!(
        "{}{w}{dpr}{span}{tuned}{:?}{:?}",
        lang.html_code(),
        fine,
        runs.iter().map(|(_, c)| c.last()).collect::<Vec<_>>()
    );
    if *drawn == key {
        return;
    }
    *drawn = key;
    set_attr(&canvas, "aria-label", PMsg::Curves.text(lang));
    let task = words::task_name(lang, fine.task);
    set_text(
        &by_id("pd-curves-note"),
        &PMsg::CurvesNote.fill(lang, &[("task", task)]),
    );
    crate::render::canvas::fit(&canvas, w, 220.0, dpr);
    let plot = CurvesPlot {
        runs,
        switch: tuned.then_some(at),
        span,
        labels: [PMsg::CurvesSteps.text(lang), PMsg::CurvesLoss.text(lang)],
    };
    let _ = draw_curves(&canvas, &plot, dpr);
}

/// The open model: the select, the prompt, its answer and its attention.
fn draw_model(lang: Lang, pd: &Paradigms, block: usize) {
    let task = pd
        .result(Paradigm::Finetune)
        .map_or(pd.task, |f| f.plan.task);
    let models: Vec<(String, String)> = ModelId::ALL
        .iter()
        .map(|&m| (m.id().to_string(), words::model_name(lang, m, task)))
        .collect();
    options(&by_id("pd-model"), &models, pd.open.id());
    let prompt: HtmlInputElement = by_id("pd-prompt");
    if prompt.value() != pd.prompt {
        prompt.set_value(&pd.prompt);
    }
    let reply: Element = by_id("pd-reply");
    clear(&reply);
    for line in words::reply_lines(lang, pd) {
        append(&reply, &make("p", "", &line));
    }
    let canvas: HtmlCanvasElement = by_id("pd-attention");
    set_attr(&canvas, "aria-label", PMsg::AttentionMap.text(lang));
    let model = pd.model(pd.open);
    let blocks = model.map_or(0, |m| m.shape().blocks);
    let items: Vec<(String, String)> = (0..blocks)
        .map(|b| (b.to_string(), (b + 1).to_string()))
        .collect();
    options(
        &by_id("pd-block"),
        &items,
        &block.min(blocks.saturating_sub(1)).to_string(),
    );
    let vocab = Vocab::new();
    let view = model.and_then(|m| {
        let text = format!("\n{}", pd.prompt.trim_start_matches('\n'));
        let ids = vocab.encode(&text).ok()?;
        let ids = &ids[ids.len().saturating_sub(m.shape().context)..];
        let att = m.attention(ids, true);
        let names = tokens::Vocab::from_chars(vocab.chars());
        let pick = AttentionPick {
            block,
            ..AttentionPick::default()
        };
        Some(AttentionView::from_attention(&att, &names, ids, pick))
    });
    canvas.set_hidden(view.is_none());
    let captions: Element = by_id("pd-captions");
    clear(&captions);
    if let Some(view) = view {
        let dpr = super::screen::dpr();
        let w = canvas.client_width().max(300) as f64;
        let _ = crate::render::attention::draw(&canvas, &view, w, dpr);
        // What each head mostly attends to, measured from its weights.
        for g in &view.heads {
            append(&captions, &make("li", "", &caption(lang, g)));
        }
    }
}
