//! The paradigms lab in the DOM (in the lab's wasm, beside the scaling
//! lab): its state behind one door, [`Paradigms::apply`]; the Paradigms
//! region's controls turned into [`ParadigmsAction`]s; the runs trained in
//! the lab's workers; the choices and results kept in the browser's
//! storage; and, when the lab changed, the region written again — the
//! run lines, the notes' table with a button per measured cell, what each
//! paradigm achieved, and the open model's answer and attention.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Float64Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};

use super::crew::{set, text, Crew};
use super::dom::{append, by_id, clear, make, set_attr, set_text};
use super::lab_door::{page_lang, Waiting};
use super::storage;
use super::ui::{closest, on_id};
use crate::app::attention::{caption, AttentionPick, AttentionView};
use crate::app::lang::Lang;
use crate::app::paradigms::{
    index, Finished, ModelId, Paradigms, ParadigmsAction, ParadigmsProblem,
};
use crate::app::paradigms_messages::PMsg;
use crate::app::paradigms_text as words;
use crate::core::json;
use crate::core::lm::tokens::{self, MAX_TEXT_CHARS};
use crate::core::lm::transformer::layout::MAX_KNOB_CONTEXT;
use crate::core::paradigms::run::{Length, Paradigm, RunPlan};
use crate::core::paradigms::tasks::Task;
use crate::core::paradigms::vocab::Vocab;

/// What a paradigms worker reports after a slice.
#[derive(Clone, Debug, PartialEq)]
pub struct ParadigmReport {
    /// Which paradigm's run.
    pub paradigm: Paradigm,
    /// Updates done.
    pub done: u64,
    /// Updates in all.
    pub steps: u64,
    /// Cells measured.
    pub measured: usize,
    /// The finished run.
    pub finished: Option<Finished>,
}

crate::json_struct!(ParadigmReport {
    paradigm,
    done,
    steps,
    measured,
    finished = None
});

/// The lab: its state, its workers and what it last drew.
pub struct ParadigmsPage {
    pd: RefCell<Paradigms>,
    crew: RefCell<Option<Crew>>,
    refusal: RefCell<Option<ParadigmsProblem>>,
    /// Bumped by every action: the region is written again when it moves.
    version: Cell<u64>,
    drawn: RefCell<String>,
    table_drawn: RefCell<String>,
    /// The attention block shown.
    block: Cell<usize>,
    waiting: Waiting<ParadigmsAction>,
}

impl ParadigmsPage {
    /// The lab on the page: its saved state put back, its controls wired,
    /// its runs trained by workers from `worker` (an ES module when
    /// `es_module`) given the lab's wasm `module`.
    pub fn start(worker: Option<String>, es_module: bool, module: &JsValue) -> Rc<ParadigmsPage> {
        let mut pd = Paradigms::default();
        if let Some(saved) = storage::saved_paradigms() {
            pd.load(&saved);
        }
        let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
        pd.workers = (cores as usize).clamp(1, 3);
        let page = Rc::new(ParadigmsPage {
            pd: RefCell::new(pd),
            crew: RefCell::new(None),
            refusal: RefCell::new(None),
            version: Cell::new(0),
            drawn: RefCell::new(String::new()),
            table_drawn: RefCell::new(String::new()),
            block: Cell::new(0),
            waiting: Waiting::default(),
        });
        if let Some(url) = worker {
            *page.crew.borrow_mut() = Some(crew(&page, &url, es_module, module));
        }
        wire(&page);
        page
    }

    /// Applies `a` now, or (while the lab is being read) right after.
    pub fn act(&self, a: ParadigmsAction) {
        self.waiting
            .act(a, || self.pd.try_borrow_mut().is_ok(), |a| self.apply(a));
    }

    fn apply(&self, a: ParadigmsAction) {
        let keep = matches!(
            a,
            ParadigmsAction::Finished(_)
                | ParadigmsAction::Clear
                | ParadigmsAction::SetShots(_)
                | ParadigmsAction::SetLength(_)
                | ParadigmsAction::SetTask(_)
        );
        let Ok(mut pd) = self.pd.try_borrow_mut() else {
            return;
        };
        *self.refusal.borrow_mut() = pd.apply(a).err();
        self.version.set(self.version.get() + 1);
        if keep {
            let measured: Vec<&str> = Paradigm::ALL
                .iter()
                .filter(|&&p| pd.result(p).is_some())
                .map(|&p| paradigm_id(p))
                .collect();
            storage::save_paradigms(&pd.save(), &measured.join(" "));
        }
    }

    /// One animation frame: the workers given their runs, the region
    /// written again if anything it shows changed.
    pub fn frame(&self) {
        let Ok(pd) = self.pd.try_borrow() else {
            return;
        };
        if let Some(crew) = self.crew.borrow().as_ref() {
            sync(self, crew, &pd);
        }
        let lang = page_lang();
        let key = format!(
            "{}{}{}",
            lang.html_code(),
            self.version.get(),
            self.block.get()
        );
        if *self.drawn.borrow() != key {
            let refusal = self.refusal.borrow().clone();
            draw(lang, &pd, refusal.as_ref(), self.block.get());
            let t = table_key(lang, &pd);
            if *self.table_drawn.borrow() != t {
                draw_table(lang, &pd);
                *self.table_drawn.borrow_mut() = t;
            }
            *self.drawn.borrow_mut() = key;
        }
        drop(pd);
        let waiting = self.waiting.take();
        for a in waiting {
            self.act(a);
        }
    }
}

/// A paradigm's id, as the course and the buttons name it.
fn paradigm_id(p: Paradigm) -> &'static str {
    ModelId::Trained(p).id()
}

/// The crew that trains the runs; its reports become actions.
fn crew(page: &Rc<ParadigmsPage>, url: &str, es_module: bool, module: &JsValue) -> Crew {
    let p = Rc::downgrade(page);
    let on_message = Rc::new(move |data: &JsValue, job: &Cell<Option<usize>>| {
        let Some(page) = p.upgrade() else { return };
        match text(data, "kind").as_deref() {
            Some("paradigm") => {
                let Some(r) =
                    text(data, "report").and_then(|t| json::from_str::<ParadigmReport>(&t).ok())
                else {
                    return;
                };
                let paradigm = r.paradigm;
                match r.finished {
                    Some(f) => {
                        job.set(None);
                        let params = |k: &str| {
                            js_sys::Reflect::get(data, &k.into())
                                .ok()
                                .and_then(|v| v.dyn_into::<Float64Array>().ok())
                                .map(|a| a.to_vec())
                        };
                        let model = |v: Option<Vec<f64>>| model_of(&f.plan, v?);
                        let (trained, base) = (model(params("trained")), model(params("base")));
                        page.act(ParadigmsAction::Finished(f));
                        if let Some(trained) = trained {
                            page.act(ParadigmsAction::Models {
                                paradigm,
                                trained,
                                base,
                            });
                        }
                    }
                    None if r.done < r.steps => page.act(ParadigmsAction::Trained {
                        paradigm,
                        done: r.done,
                        steps: r.steps,
                    }),
                    None => page.act(ParadigmsAction::Measured {
                        paradigm,
                        done: r.measured,
                    }),
                }
            }
            Some("paradigm-failed") => {
                if let Some(j) = job.take() {
                    let message = text(data, "message").unwrap_or_default();
                    page.act(ParadigmsAction::Failed {
                        paradigm: Paradigm::ALL[j],
                        message,
                    });
                }
            }
            _ => {}
        }
    });
    let p = Rc::downgrade(page);
    let on_error = Rc::new(move |j: usize, message: String| {
        if let Some(page) = p.upgrade() {
            page.act(ParadigmsAction::Failed {
                paradigm: Paradigm::ALL[j],
                message,
            });
        }
    });
    Crew::new(url, es_module, module, on_message, on_error)
}

/// A model of `plan`'s size with the parameters `params` (none if they do not fit).
fn model_of(
    plan: &RunPlan,
    params: Vec<f64>,
) -> Option<Box<crate::core::lm::transformer::Transformer>> {
    let size = plan.size();
    let mut m = size.model(plan.seed).ok()?;
    (m.params().len() == params.len()).then(|| m.params_mut().copy_from_slice(&params))?;
    Some(Box::new(m))
}

/// Ends the workers of stopped runs and gives each queued run a worker.
fn sync(page: &ParadigmsPage, crew: &Crew, pd: &Paradigms) {
    use crate::app::paradigms::RunState;
    let keep = |j: usize| {
        matches!(
            pd.states.get(j),
            Some(RunState::Queued | RunState::Training { .. } | RunState::Measuring { .. })
        )
    };
    let queued: Vec<usize> = pd.queued().into_iter().map(index).collect();
    let make = |j: usize| {
        let msg = Object::new();
        set(&msg, "kind", &"paradigm".into());
        let plan = pd.plan(Paradigm::ALL[j]);
        set(&msg, "plan", &json::to_string(&plan, false).into());
        msg
    };
    let started = |j: usize| {
        page.waiting
            .push(ParadigmsAction::Started(Paradigm::ALL[j]));
    };
    crew.sync(keep, &queued, pd.workers, make, started);
}

/// Wires the region's controls to the lab.
fn wire(page: &Rc<ParadigmsPage>) {
    let p = page.clone();
    on_id("shots", "change", move |_: Event| {
        let input: HtmlInputElement = by_id("shots");
        p.act(ParadigmsAction::SetShots(input.value()));
    });
    let p = page.clone();
    on_id("pd-length", "change", move |_: Event| {
        let s: HtmlSelectElement = by_id("pd-length");
        let l = if s.value() == "short" {
            Length::Short
        } else {
            Length::Full
        };
        p.act(ParadigmsAction::SetLength(l));
    });
    let p = page.clone();
    on_id("pd-task", "change", move |_: Event| {
        let s: HtmlSelectElement = by_id("pd-task");
        if let Some(&t) = Task::ALL.get(s.selected_index().max(0) as usize) {
            p.act(ParadigmsAction::SetTask(t));
        }
    });
    for (id, a) in [
        ("run-paradigms", ParadigmsAction::RunAll),
        ("stop-paradigms", ParadigmsAction::Stop),
        ("clear-paradigms", ParadigmsAction::Clear),
        ("pd-answer", ParadigmsAction::Answer),
        ("pd-next", ParadigmsAction::NextChar),
    ] {
        let p = page.clone();
        on_id(id, "click", move |_: Event| p.act(a.clone()));
    }
    let p = page.clone();
    on_id("pd-step-lab", "click", move |_: Event| {
        if let Ok(pd) = p.pd.try_borrow() {
            step_in_lab(&pd);
        }
    });
    let p = page.clone();
    on_id("pd-runs", "click", move |e: Event| {
        let which = closest(&e, "button").and_then(|b| b.get_attribute("data-paradigm"));
        if let Some(m) = which.as_deref().and_then(ModelId::from_id) {
            p.act(ParadigmsAction::Run(m.paradigm()));
        }
    });
    let p = page.clone();
    on_id("paradigms-table", "click", move |e: Event| {
        let which = closest(&e, "button").and_then(|b| b.get_attribute("data-model"));
        if let Some(m) = which.as_deref().and_then(ModelId::from_id) {
            p.act(ParadigmsAction::Open(m));
            let _ = by_id::<web_sys::HtmlElement>("pd-prompt").focus();
        }
    });
    let p = page.clone();
    on_id("pd-model", "change", move |_: Event| {
        let s: HtmlSelectElement = by_id("pd-model");
        if let Some(m) = ModelId::from_id(&s.value()) {
            p.act(ParadigmsAction::Open(m));
        }
    });
    let p = page.clone();
    on_id("pd-prompt", "input", move |_: Event| {
        let input: HtmlInputElement = by_id("pd-prompt");
        p.act(ParadigmsAction::SetPrompt(input.value()));
    });
    let p = page.clone();
    on_id("pd-prompt", "keydown", move |e: web_sys::KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            p.act(ParadigmsAction::Answer);
        }
    });
    let p = page.clone();
    on_id("pd-block", "change", move |_: Event| {
        let s: HtmlSelectElement = by_id("pd-block");
        p.block.set(s.selected_index().max(0) as usize);
    });
}

/// Sets the language lab's field `id` to `value` as a user would: the
/// value, then its change event (the app's wasm listens to it).
fn set_field(id: &str, value: &str) {
    let el: Element = by_id(id);
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_value(value);
    } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
        s.set_value(value);
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(value);
    }
    if let Ok(e) = Event::new("change") {
        let _ = el.dispatch_event(&e);
    }
}

/// Gives the language lab a transformer of the open model's size and the
/// start of its training text, to be stepped there.
fn step_in_lab(pd: &Paradigms) {
    let m = pd.open;
    let plan = pd
        .result(m.paradigm())
        .map_or_else(|| pd.plan(m.paradigm()), |f| f.plan);
    let size = plan.size();
    set_field("lm-model", "transformer");
    // Heads before width and after it: a width must split into the heads.
    set_field("heads", "1");
    set_field("width", &size.width.to_string());
    set_field("heads", &size.heads.to_string());
    set_field("blocks", &size.blocks.to_string());
    set_field("context", &size.context.min(MAX_KNOB_CONTEXT).to_string());
    set_field(
        "training-text",
        &plan.text(m == ModelId::Base, MAX_TEXT_CHARS),
    );
    by_id::<Element>("training-text").scroll_into_view();
}

/// Sets the text of element `id` (a label's words) to `m`.
fn label(lang: Lang, id: &str, m: PMsg) {
    set_text(&by_id(id), m.text(lang));
}

fn options(select: &HtmlSelectElement, items: &[(String, String)], selected: &str) {
    let same = select.length() as usize == items.len()
        && items.iter().enumerate().all(|(i, (v, l))| {
            select.item(i as u32).is_some_and(|o| {
                o.get_attribute("value").as_deref() == Some(v)
                    && o.text_content().as_deref() == Some(l)
            })
        });
    if !same {
        clear(select);
        for (value, label) in items {
            let o = make("option", "", label);
            set_attr(&o, "value", value);
            append(select, &o);
        }
    }
    select.set_value(selected);
}

/// The table's content as a key: it is built again only when this moves.
fn table_key(lang: Lang, pd: &Paradigms) -> String {
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
fn draw_table(lang: Lang, pd: &Paradigms) {
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

fn draw(lang: Lang, pd: &Paradigms, refusal: Option<&ParadigmsProblem>, block: usize) {
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
        let li = make("li", "", "");
        if let Some(f) = fraction {
            let bar = make("progress", "", "");
            set_attr(&bar, "max", "1");
            set_attr(&bar, "value", &format!("{f:.3}"));
            set_attr(&bar, "aria-label", &line);
            append(&li, &bar);
        }
        append(&li, &make("span", "", &format!(" {line} ")));
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
