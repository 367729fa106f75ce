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
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement};

use super::crew::{set, text, Crew};
use super::dom::by_id;
use super::lab_door::{page_lang, Waiting};
use super::model_store;
use super::paradigms_view::{draw, draw_table, table_key};
use super::storage;
use super::ui::{closest, on_id};
use crate::app::paradigms::{index, Paradigms, ParadigmsAction, ParadigmsProblem};
use crate::app::paradigms_runs::{paradigm_id, Finished, ModelId, ASKED};
use crate::core::json;
use crate::core::lm::tokens::MAX_TEXT_CHARS;
use crate::core::lm::transformer::layout::MAX_KNOB_CONTEXT;
use crate::core::paradigms::run::{Length, Paradigm, RunPlan};
use crate::core::paradigms::stage::RunPoint;
use crate::core::paradigms::tasks::Task;

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
    /// The loss curve so far (while training).
    pub curve: Vec<RunPoint>,
}

crate::json_struct!(ParadigmReport {
    paradigm,
    done,
    steps,
    measured,
    finished = None,
    curve = Vec::new()
});

/// Most points of a run's curve the page is sent and keeps.
pub const CURVE_MAX: usize = 64;

/// The lab: its state, its workers and what it last drew.
pub struct ParadigmsPage {
    pd: RefCell<Paradigms>,
    crew: RefCell<Option<Crew>>,
    refusal: RefCell<Option<ParadigmsProblem>>,
    /// Bumped by every action: the region is written again when it moves.
    version: Cell<u64>,
    drawn: RefCell<String>,
    table_drawn: RefCell<String>,
    /// What the loss chart was last drawn from.
    curves_drawn: RefCell<String>,
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
            curves_drawn: RefCell::new(String::new()),
            block: Cell::new(0),
            waiting: Waiting::default(),
        });
        if let Some(url) = worker {
            *page.crew.borrow_mut() = Some(crew(&page, &url, es_module, module));
        }
        wire(&page);
        put_back(&page);
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
        keep_models(&pd, &a);
        let asked = pd.asked;
        *self.refusal.borrow_mut() = pd.apply(a).err();
        self.version.set(self.version.get() + 1);
        if keep || pd.asked != asked {
            let mut measured: Vec<&str> = Paradigm::ALL
                .iter()
                .filter(|&&p| pd.result(p).is_some())
                .map(|&p| paradigm_id(p))
                .collect();
            if pd.asked {
                measured.push(ASKED);
            }
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
            let curves = &mut self.curves_drawn.borrow_mut();
            draw(lang, &pd, refusal.as_ref(), self.block.get(), curves);
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
                        curve: r.curve,
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

/// Keeps the models of a finished run (or, on Clear, forgets them) in
/// the browser's IndexedDB, under their model ids with the run's plan.
/// `pd` is the lab before `a`: a run's models come after its result.
fn keep_models(pd: &Paradigms, a: &ParadigmsAction) {
    match a {
        ParadigmsAction::Models {
            paradigm,
            trained,
            base,
        } => {
            let Some(f) = pd.result(*paradigm) else {
                return;
            };
            let plan = json::to_string(&f.plan, false);
            model_store::put(ModelId::Trained(*paradigm).id(), &plan, trained.params());
            if let Some(base) = base {
                model_store::put(ModelId::Base.id(), &plan, base.params());
            }
        }
        ParadigmsAction::Clear => model_store::clear(),
        _ => {}
    }
}

/// Puts back the models an earlier page kept (the lab takes those whose
/// plan is its finished run's).
fn put_back(page: &Rc<ParadigmsPage>) {
    let p = Rc::downgrade(page);
    model_store::load(move |kept| {
        let Some(page) = p.upgrade() else { return };
        for k in kept {
            let (Some(model), Ok(plan)) =
                (ModelId::from_id(&k.key), json::from_str::<RunPlan>(&k.plan))
            else {
                continue;
            };
            if let Some(params) = model_of(&plan, k.params) {
                page.act(ParadigmsAction::Kept {
                    model,
                    plan,
                    params,
                });
            }
        }
    });
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
    let keep = |j: usize| pd.states.get(j).is_some_and(|s| s.busy());
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
