//! The scaling lab in the DOM, a small app of its own beside the
//! workspace (its wasm is loaded when the Language model mode is first
//! opened, see `www/scaling.js`): its state behind one door,
//! [`Scaling::apply`]; the Scaling region's controls turned into
//! [`ScalingAction`]s; the built-in texts fetched; the sweep's workers
//! kept busy; the choices and results kept in the browser's storage; and,
//! whenever the lab changed, the region written again.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};

use super::dom::{append, by_id, clear, document, make, set_attr, set_text};
use super::lab_door::{options, page_lang, run_item, Waiting};
use super::storage;
use super::sweep::SweepPool;
use super::ui::on_id;
use crate::app::lang::Lang;
use crate::app::messages::Msg;
use crate::app::scaling::{Scaling, ScalingAction, SlotState, LAB_TEXT, TEXTS};
use crate::app::scaling_text as words;
use crate::core::analysis::scaling::order_by;
use crate::core::scaling::family::{BUDGETS, SIZES};
use crate::render::scaling::{draw_scaling, ScalingPlot};

/// The lab: its state, its workers and what it last drew.
pub struct ScalingPage {
    sc: RefCell<Scaling>,
    pool: RefCell<Option<SweepPool>>,
    drawn: RefCell<String>,
    refusal: RefCell<Option<crate::app::scaling::SweepProblem>>,
    /// The sweep's progress as last drawn.
    progress: RefCell<(u64, u64)>,
    /// Actions that arrived while the lab was being read or changed.
    waiting: Waiting<ScalingAction>,
}

/// The language lab's training text, as its field holds it.
fn lab_text() -> String {
    document()
        .get_element_by_id("training-text")
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default()
}

impl ScalingPage {
    /// The lab on the page: its saved state put back, its controls wired,
    /// its texts asked of `corpus`, its workers started from `worker`
    /// (an ES module when `es_module`) with the lab's wasm `module`.
    pub fn start(
        corpus: &Function,
        worker: Option<String>,
        es_module: bool,
        module: &JsValue,
    ) -> Rc<ScalingPage> {
        let mut sc = Scaling::default();
        if let Some(saved) = storage::saved_scaling() {
            sc.load(&saved);
        }
        let workers = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
        sc.workers = (workers as usize).clamp(1, 8);
        let page = Rc::new(ScalingPage {
            sc: RefCell::new(sc),
            pool: RefCell::new(None),
            drawn: RefCell::new(String::new()),
            refusal: RefCell::new(None),
            waiting: Waiting::default(),
            progress: RefCell::new((0, 0)),
        });
        if let Some(url) = worker {
            let p = Rc::downgrade(&page);
            let pool = SweepPool::new(&url, es_module, module, move |a| {
                if let Some(p) = p.upgrade() {
                    p.act(a);
                }
            });
            *page.pool.borrow_mut() = Some(pool);
        }
        wire(&page);
        for t in TEXTS {
            fetch(&page, corpus, t.id, t.file);
        }
        page
    }

    /// Applies `a` now, or (while the lab is being read or changed) right
    /// after; none is dropped.
    pub fn act(&self, a: ScalingAction) {
        self.waiting
            .act(a, || self.sc.try_borrow_mut().is_ok(), |a| self.apply(a));
    }

    /// Applies `a`; keeps the results when a run finished or was cleared.
    fn apply(&self, a: ScalingAction) {
        let keep = matches!(
            a,
            ScalingAction::Finished { .. }
                | ScalingAction::ClearResults
                | ScalingAction::ChooseText(_)
                | ScalingAction::SetSize(..)
                | ScalingAction::SetBudget(..)
        );
        let Ok(mut sc) = self.sc.try_borrow_mut() else {
            return;
        };
        let refused = sc.apply(a, &lab_text()).err();
        *self.refusal.borrow_mut() = refused;
        if keep {
            storage::save_scaling(&sc.save(), &sc.checked());
        }
    }

    /// One animation frame: the workers given their runs, the region
    /// written again if anything it shows changed.
    pub fn frame(&self) {
        let Ok(sc) = self.sc.try_borrow() else {
            return;
        };
        // The lab's own text is read only when it is the one swept.
        let text = if sc.text == LAB_TEXT {
            lab_text()
        } else {
            String::new()
        };
        if let Some(pool) = self.pool.borrow().as_ref() {
            pool.sync(&sc, &text);
        }
        let lang = page_lang();
        let refusal = self.refusal.borrow().clone();
        let k = key(lang, &sc, refusal.is_some()) + &text.len().to_string();
        if *self.drawn.borrow() != k {
            draw(lang, &sc, &text, refusal.as_ref());
            *self.drawn.borrow_mut() = k;
            *self.progress.borrow_mut() = sc.progress();
        } else if *self.progress.borrow() != sc.progress() {
            // Only the bars moved: the plot and the table stay.
            draw_progress(lang, &sc);
            *self.progress.borrow_mut() = sc.progress();
        }
        drop(sc);
        // What the workers were given while the lab was being read.
        let waiting = self.waiting.take();
        for a in waiting {
            self.act(a);
        }
    }
}

/// Wires the region's controls to the lab.
fn wire(page: &Rc<ScalingPage>) {
    let p = page.clone();
    on_id("sweep-text", "change", move |_: Event| {
        let s: HtmlSelectElement = by_id("sweep-text");
        p.act(ScalingAction::ChooseText(s.value()));
    });
    for (id, a) in [
        ("run-sweep", ScalingAction::RunSweep),
        ("stop-sweep", ScalingAction::StopSweep),
        ("run-check", ScalingAction::RunCheck),
        ("sweep-clear", ScalingAction::ClearResults),
    ] {
        let p = page.clone();
        on_id(id, "click", move |_: Event| p.act(a.clone()));
    }
    let p = page.clone();
    on_id("sweep-sizes", "change", move |e: Event| {
        if let Some((i, on)) = checked(&e) {
            p.act(ScalingAction::SetSize(i, on));
        }
    });
    let p = page.clone();
    on_id("sweep-budgets", "change", move |e: Event| {
        if let Some((i, on)) = checked(&e) {
            p.act(ScalingAction::SetBudget(i, on));
        }
    });
    for id in ["check-size", "check-budget"] {
        let p = page.clone();
        on_id(id, "change", move |_: Event| {
            let size: HtmlSelectElement = by_id("check-size");
            let budget: HtmlSelectElement = by_id("check-budget");
            let (size, budget) = (
                size.selected_index().max(0) as usize,
                budget.selected_index().max(0) as usize,
            );
            p.act(ScalingAction::PickCheck { size, budget });
        });
    }
    let p = page.clone();
    on_id("sweep-csv", "click", move |_: Event| {
        if let Ok(sc) = p.sc.try_borrow() {
            let _ = super::files::export_text(&words::csv(&sc), "scaling.csv", "text/csv");
        }
    });
    on_id("sweep-png", "click", move |_: Event| {
        let _ = super::files::export_canvas("scaling-plot", "scaling.png");
    });
}

/// The checkbox's index (its value) and state, for a change event.
fn checked(e: &Event) -> Option<(usize, bool)> {
    let input: HtmlInputElement = e.target()?.dyn_into().ok()?;
    Some((input.value().parse().ok()?, input.checked()))
}

/// Asks `load` for `file` and gives the text to the lab as `id`.
fn fetch(page: &Rc<ScalingPage>, load: &Function, id: &str, file: &str) {
    let Ok(promise) = load.call1(&JsValue::NULL, &file.into()) else {
        return;
    };
    let (p, id) = (page.clone(), id.to_string());
    let done = Closure::once(move |text: JsValue| {
        if let Some(text) = text.as_string() {
            p.act(ScalingAction::Loaded { id, text });
        }
    });
    let _ = Promise::from(promise).then(&done);
    done.forget();
}

/// Everything the region shows, as a string that changes when it does.
fn key(lang: Lang, sc: &Scaling, refused: bool) -> String {
    let mut k = format!(
        "{}{}{}{}",
        lang.html_code(),
        sc.text,
        sc.loaded.len(),
        refused
    );
    for on in sc.sizes.iter().chain(&sc.budgets) {
        k.push(if *on { '1' } else { '0' });
    }
    for s in &sc.slots {
        k.push(match s.state {
            SlotState::Queued => 'q',
            SlotState::Running { .. } => 'r',
            SlotState::Done => 'd',
            SlotState::Stopped => 's',
            SlotState::Failed(_) => 'f',
        });
    }
    k += &format!("/{}/{}/{}", sc.results.len(), sc.check.0, sc.check.1);
    if let Some(p) = sc.prediction {
        k += &format!("/{}/{}", p.predicted, p.measured.unwrap_or(0.0));
    }
    k
}

fn boxes(parent: &Element, items: &[String], on: &[bool]) {
    while let Some(c) = parent
        .last_element_child()
        .filter(|c| c.tag_name() == "LABEL")
    {
        c.remove();
    }
    for (i, label) in items.iter().enumerate() {
        let l = make("label", "", "");
        let input = make("input", "", "");
        set_attr(&input, "type", "checkbox");
        set_attr(&input, "value", &i.to_string());
        if on[i] {
            set_attr(&input, "checked", "");
        }
        append(&l, &input);
        append(&l, &make("span", "", &format!(" {label}")));
        append(parent, &l);
    }
}

/// The overall bar and each run's bar and line.
fn draw_progress(lang: Lang, sc: &Scaling) {
    let (done, all) = sc.progress();
    let bar: Element = by_id("sweep-progress");
    set_attr(&bar, "max", &all.max(1).to_string());
    set_attr(&bar, "value", &done.to_string());
    set_attr(&bar, "aria-label", Msg::SweepProgress.text(lang));
    let list: Element = by_id("sweep-runs");
    let items = list.children();
    for i in 0..sc.slots.len() {
        let (line, fraction) = words::run_line(lang, sc, i);
        let Some(li) = items.item(i as u32) else {
            continue;
        };
        if let (Some(f), Ok(Some(bar))) = (fraction, li.query_selector("progress")) {
            set_attr(&bar, "value", &format!("{f:.3}"));
            set_attr(&bar, "aria-label", &line);
        }
        if let Ok(Some(span)) = li.query_selector("span") {
            set_text(&span, &format!(" {line}"));
        }
    }
}

fn draw(
    lang: Lang,
    sc: &Scaling,
    lab_text: &str,
    refusal: Option<&crate::app::scaling::SweepProblem>,
) {
    let texts: Vec<(String, String)> = words::text_options(lang)
        .into_iter()
        .map(|(id, name)| (id.to_string(), name.to_string()))
        .collect();
    options(&by_id("sweep-text"), &texts, &sc.text);
    set_text(
        &by_id("sweep-source"),
        &words::source_line(lang, sc, lab_text),
    );
    let sizes: Vec<String> = SIZES.iter().map(|s| words::size_label(lang, s)).collect();
    boxes(&by_id("sweep-sizes"), &sizes, &sc.sizes);
    let budgets: Vec<String> = BUDGETS.iter().map(|&b| words::group(b as f64)).collect();
    boxes(&by_id("sweep-budgets"), &budgets, &sc.budgets);
    let numbered = |v: &[String]| {
        v.iter()
            .enumerate()
            .map(|(i, s)| (i.to_string(), s.clone()))
            .collect::<Vec<_>>()
    };
    options(
        &by_id("check-size"),
        &numbered(&sizes),
        &sc.check.0.to_string(),
    );
    options(
        &by_id("check-budget"),
        &numbered(&budgets),
        &sc.check.1.to_string(),
    );
    let running = sc.running();
    let run: web_sys::HtmlButtonElement = by_id("run-sweep");
    run.set_disabled(running);
    let stop: web_sys::HtmlButtonElement = by_id("stop-sweep");
    stop.set_disabled(!running);
    draw_progress(lang, sc);
    let vocab = sc.info(lab_text).map_or(64, |i| i.vocab);
    let plan = match refusal {
        Some(p) => words::problem(lang, p),
        None => words::plan_line(lang, sc, vocab),
    };
    set_text(&by_id("sweep-plan"), &plan);
    let list: Element = by_id("sweep-runs");
    clear(&list);
    for i in 0..sc.slots.len() {
        let (line, fraction) = words::run_line(lang, sc, i);
        append(&list, &run_item(&line, fraction));
    }
    let fits = sc.fits();
    let point = |i: usize| {
        let r = &sc.results[fits.runs[i]].result;
        (r.compute, r.loss)
    };
    let mut series = Vec::new();
    for s in SIZES.iter() {
        let pts: Vec<(f64, f64)> = (0..fits.runs.len())
            .filter(|&i| sc.results[fits.runs[i]].result.spec.size == *s)
            .map(point)
            .collect();
        if !pts.is_empty() {
            let pts = order_by(&pts).into_iter().map(|i| pts[i]).collect();
            series.push((words::size_label(lang, s), pts));
        }
    }
    let frontier: Vec<(f64, f64)> = fits.frontier.iter().map(|&i| point(i)).collect();
    let prediction = sc.prediction.map(|p| {
        let c = crate::core::scaling::family::compute(p.spec.size.params(), p.spec.tokens);
        (c, p.predicted, p.measured)
    });
    let labels = [
        Msg::PlotCompute.text(lang),
        Msg::PlotLoss.text(lang),
        Msg::Frontier.text(lang),
        Msg::FittedLaw.text(lang),
    ];
    let canvas: HtmlCanvasElement = by_id("scaling-plot");
    let dpr = super::screen::dpr();
    let w = canvas.client_width().max(300) as f64;
    crate::render::canvas::fit(&canvas, w, 300.0, dpr);
    let plot = ScalingPlot {
        sizes: series,
        frontier,
        law: fits.compute.filter(|_| fits.is_law()).map(|f| f.law),
        prediction,
        labels,
    };
    let _ = draw_scaling(&canvas, &plot, dpr);
    set_attr(&canvas, "aria-label", Msg::ScalingPlot.text(lang));
    let readout: Element = by_id("exponent");
    set_attr(&readout, "aria-label", Msg::Exponent.text(lang));
    clear(&readout);
    for line in words::exponent_lines(lang, sc, &fits) {
        append(&readout, &make("p", "", &line));
    }
    set_text(&by_id("prediction"), &words::prediction_line(lang, sc));
    let body = by_id::<Element>("sweep-table")
        .query_selector("tbody")
        .ok()
        .flatten();
    if let Some(body) = body {
        clear(&body);
        for row in words::table_rows(lang, sc, &fits) {
            let tr = make("tr", "", "");
            for cell in row {
                append(&tr, &make("td", "", &cell));
            }
            append(&body, &tr);
        }
    }
}
