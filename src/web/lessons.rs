//! The course on the page: the `Lessons` button, the `Lesson` aside (its
//! list, title, paragraphs with formulas in `<code>`, the task and its
//! mark, Previous / Next / Back to playground, lesson 1's sliders), the
//! outline on the controls a lesson names, `#lesson=N` in the address (on
//! arrival, where the lesson was left; and whenever it changes) and the
//! lessons done written to localStorage. What it shows is read from
//! the workspace's course; every button is an action.

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsValue;
use web_sys::{Element, Event, HtmlButtonElement, HtmlElement, HtmlInputElement};

use super::dom::{by_id, document, set_text, show};
use super::page::{Page, Shared};
use super::storage;
use super::ui::{closest, on, on_id};
use crate::app::lessons::course::encode_done;
use crate::app::lessons::{text, Goal, LESSONS};
use crate::app::paradigms_runs::{paradigm_id, ASKED};
use crate::app::scaling_save::read_checked;
use crate::app::{Action, Lang, Msg, Workspace};
use crate::core::paradigms::run::Paradigm;

/// The address fragment that opens a lesson (1-based).
const PREFIX: &str = "#lesson=";
/// Lesson 1's sliders and the parameter each sets (`w1`, `w2`, `b`).
const SLIDERS: [(&str, usize); 3] = [("lesson-w1", 0), ("lesson-w2", 1), ("lesson-b", 2)];

/// The lesson `#lesson=N` in the address asks for (0-based), if any.
pub fn asked() -> Option<usize> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let n: usize = hash.strip_prefix(PREFIX)?.parse().ok()?;
    (1..=LESSONS.len()).contains(&n).then(|| n - 1)
}

/// Wires the course's buttons and lesson 1's sliders.
pub fn wire(page: &Shared) {
    let go = |id: &str, pick: fn(&Workspace) -> Option<Action>| {
        let p = page.clone();
        on_id::<Event>(id, "click", move |_| {
            if let Some(a) = p.read(pick).flatten() {
                p.dispatch(a);
            }
        });
    };
    // A toggle: into the course at the first lesson not done, or back out.
    go("lessons", |ws| {
        let c = ws.course();
        let first = (0..LESSONS.len()).find(|&i| !c.is_done(i)).unwrap_or(0);
        Some(match c.open() {
            Some(_) => Action::BackToPlayground,
            None => Action::OpenLesson(first),
        })
    });
    go("lesson-prev", |ws| {
        ws.course().open()?.checked_sub(1).map(Action::OpenLesson)
    });
    go("lesson-next", |ws| {
        ws.course().open().map(|i| Action::OpenLesson(i + 1))
    });
    go("lesson-back", |_| Some(Action::BackToPlayground));
    let p = page.clone();
    on_id::<Event>("lesson-list", "click", move |e| {
        let n = closest(&e, "button[data-lesson]")
            .and_then(|b| b.get_attribute("data-lesson"))
            .and_then(|v| v.parse().ok());
        if let Some(n) = n {
            p.dispatch(Action::OpenLesson(n));
        }
    });
    for (id, index) in SLIDERS {
        let p = page.clone();
        on_id::<Event>(id, "input", move |_| {
            let text = by_id::<HtmlInputElement>(id).value();
            p.dispatch(Action::SetParam { index, text });
        });
    }
    // The scaling lab (its own wasm) saved: its checked prediction, if
    // any, goes to the course.
    let p = page.clone();
    on::<Event>(document().as_ref(), storage::SCALING_SAVED, move |_| {
        report_scaling(&p);
    });
    let p = page.clone();
    on::<Event>(document().as_ref(), storage::PARADIGMS_SAVED, move |_| {
        report_paradigms(&p);
    });
    // `#lesson=N` typed into the address of the open page opens lesson N.
    if let Some(w) = web_sys::window() {
        let p = page.clone();
        on::<Event>(w.as_ref(), "hashchange", move |_| {
            let Some(n) = asked() else { return };
            if p.read(|ws| ws.course().open()).flatten() != Some(n) {
                p.dispatch(Action::OpenLesson(n));
            }
        });
    }
}

/// Opens lesson `n` as the address asks on arrival: where it was when the
/// page was last left in it (its saved form), else from its start.
pub fn arrive(page: &Page, n: usize) {
    if let Some(saved) = storage::saved_lesson() {
        page.dispatch(Action::ResumeLesson { lesson: n, saved });
    }
    if page.read(|ws| ws.course().open()).flatten() != Some(n) {
        page.dispatch(Action::OpenLesson(n));
    }
}

/// Tells the course the scaling lab's last checked prediction (as the lab
/// saved it), if it has one.
fn report_scaling(page: &Page) {
    if let Some((predicted, measured)) = storage::saved_checked().as_deref().and_then(read_checked)
    {
        page.dispatch(Action::ScalingChecked {
            predicted,
            measured,
        });
    }
}

/// Tells the course how many paradigms the paradigms lab has measured
/// and whether a model answered (as the lab saved it: the paradigms' ids
/// and [`ASKED`], space-separated).
fn report_paradigms(page: &Page) {
    let saved = storage::saved_measured().unwrap_or_default();
    let has = |id: &str| saved.split(' ').any(|s| s == id);
    let n = Paradigm::ALL
        .iter()
        .filter(|&&p| has(paradigm_id(p)))
        .count();
    page.dispatch(Action::ParadigmsMeasured {
        measured: n as u8,
        asked: has(ASKED),
    });
}

/// What the aside last showed, and the lessons done last written.
#[derive(Default)]
pub struct LessonView {
    drawn: Cell<Option<(Option<usize>, u64, Lang)>>,
    saved: Cell<Option<u64>>,
    lit: RefCell<&'static [&'static str]>,
}

impl LessonView {
    /// Brings the aside, the outlines, the address and the saved set up to
    /// date with the workspace (each only when it changed).
    /// A lesson on the scaling lab, newly opened, hears the lab's last
    /// checked prediction.
    pub fn sync(&self, page: &Page) {
        let before = self.drawn.get().and_then(|d| d.0);
        let open = page.read(|ws| self.draw(ws)).flatten();
        let opened = open.filter(|_| open != before).map(|i| LESSONS[i].goal);
        match opened {
            Some(Goal::Predicted) => report_scaling(page),
            Some(Goal::Paradigms) => report_paradigms(page),
            _ => {}
        }
    }

    /// Draws what changed; the lesson open.
    fn draw(&self, ws: &Workspace) -> Option<usize> {
        let c = ws.course();
        let (open, done, lang) = (c.open(), c.done(), ws.lang());
        if self.saved.get() != Some(done) {
            storage::save_lessons(&encode_done(done));
            self.saved.set(Some(done));
        }
        let before = self.drawn.get();
        if before != Some((open, done, lang)) {
            if before.map(|b| b.0) != Some(open) {
                set_address(open);
            }
            self.rebuild(open, done, lang);
            self.drawn.set(Some((open, done, lang)));
        }
        if open.is_some_and(|i| LESSONS[i].controls.contains(&"lesson-sliders")) {
            let params = ws.session().model().params();
            let active = document().active_element();
            for (id, index) in SLIDERS {
                let el: HtmlInputElement = by_id(id);
                let v = params.get(index).copied().unwrap_or(0.0);
                if active.as_ref() != Some(el.as_ref()) && el.value_as_number() != v {
                    el.set_value_as_number(v);
                }
            }
        }
        open
    }

    fn rebuild(&self, open: Option<usize>, done: u64, lang: Lang) {
        let aside: HtmlElement = by_id("lesson");
        show(&aside, open.is_some());
        let _ = aside.set_attribute("aria-label", Msg::LessonRegion.text(lang));
        let pressed = if open.is_some() { "true" } else { "false" };
        let _ = by_id::<Element>("lessons").set_attribute("aria-pressed", pressed);
        let lit: &'static [&'static str] = open.map_or(&[], |i| LESSONS[i].controls);
        for (ids, on) in [(*self.lit.borrow(), false), (lit, true)] {
            for id in ids {
                if let Some(el) = document().get_element_by_id(id) {
                    let _ = el.class_list().toggle_with_force("lesson-hl", on);
                }
            }
        }
        *self.lit.borrow_mut() = lit;
        let Some(i) = open else { return };
        let mut list = String::new();
        for k in 0..LESSONS.len() {
            let is_done = done & (1u64 << k) != 0;
            let args = [("n", &*(k + 1).to_string()), ("title", text(lang, k).title)];
            let name = if is_done {
                Msg::LessonChipDone
            } else {
                Msg::LessonChip
            };
            let name = html(&name.fill(lang, &args));
            let class = if is_done { "done" } else { "" };
            let current = if k == i { " aria-current=\"step\"" } else { "" };
            list += &format!(
                "<li><button type=\"button\" data-lesson=\"{k}\" class=\"{class}\" aria-label=\"{name}\" title=\"{name}\"{current}>{}</button></li>",
                k + 1
            );
        }
        by_id::<Element>("lesson-list").set_inner_html(&list);
        let t = text(lang, i);
        let n = (i + 1).to_string();
        let title = Msg::LessonTitle.fill(lang, &[("n", &n), ("title", t.title)]);
        set_text(&by_id("lesson-title"), &title);
        let body: String = t
            .body
            .iter()
            .map(|p| format!("<span>{}</span>", html(p)))
            .collect();
        by_id::<Element>("lesson-body").set_inner_html(&body);
        let task = format!(
            "<strong>{}</strong> {}",
            Msg::LessonTask.text(lang),
            html(t.task)
        );
        by_id::<Element>("lesson-task-text").set_inner_html(&task);
        let is_done = done & (1u64 << i) != 0;
        by_id::<HtmlInputElement>("lesson-check").set_checked(is_done);
        show(&by_id("lesson-done"), is_done);
        let _ = by_id::<Element>("lesson-task")
            .class_list()
            .toggle_with_force("done", is_done);
        by_id::<HtmlButtonElement>("lesson-prev").set_disabled(i == 0);
        by_id::<HtmlButtonElement>("lesson-next").set_disabled(i + 1 == LESSONS.len());
        show(&by_id("lesson-sliders"), lit.contains(&"lesson-sliders"));
    }
}

/// `s` as HTML: `<`, `&` and `"` escaped, backticked parts in `<code>`.
fn html(s: &str) -> String {
    let escaped = s
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;");
    let mut out = String::with_capacity(escaped.len() + 32);
    for (k, part) in escaped.split('`').enumerate() {
        match k % 2 {
            1 => out += &format!("<code>{part}</code>"),
            _ => out += part,
        }
    }
    out
}

/// `#lesson=N` in the address while lesson N is open; gone after.
fn set_address(open: Option<usize>) {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let hash = loc.hash().unwrap_or_default();
    let url = match open {
        Some(i) => format!("{PREFIX}{}", i + 1),
        None if hash.starts_with(PREFIX) => {
            loc.pathname().unwrap_or_default() + &loc.search().unwrap_or_default()
        }
        None => return,
    };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
