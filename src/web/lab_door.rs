//! What the labs beside the workspace (the scaling lab, the paradigms
//! lab) share in the DOM: the page's language as `<html lang>` says it,
//! the queue of actions that arrive while the lab is being read, a run's
//! line in their lists, and their selects' options.

use std::cell::RefCell;

use web_sys::{Element, HtmlSelectElement};

use super::dom::{append, clear, document, make, set_attr};
use crate::app::lang::Lang;

/// The page's language, as `<html lang>` says it (the app's wasm sets it).
pub fn page_lang() -> Lang {
    let code = document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"));
    if code.is_some_and(|c| c.starts_with("zh")) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Actions waiting for the lab: none is dropped, each applied in order
/// as soon as the lab is free.
pub struct Waiting<A>(RefCell<Vec<A>>);

impl<A> Default for Waiting<A> {
    fn default() -> Self {
        Waiting(RefCell::new(Vec::new()))
    }
}

impl<A> Waiting<A> {
    /// Queues `a`, then applies every waiting action with `apply` while
    /// `free()` says the lab can be changed.
    pub fn act(&self, a: A, free: impl Fn() -> bool, mut apply: impl FnMut(A)) {
        self.push(a);
        loop {
            let next = {
                let mut w = self.0.borrow_mut();
                if w.is_empty() || !free() {
                    return;
                }
                w.remove(0)
            };
            apply(next);
        }
    }

    /// Queues `a` for later.
    pub fn push(&self, a: A) {
        self.0.borrow_mut().push(a);
    }

    /// Every action waiting, taken out.
    pub fn take(&self) -> Vec<A> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// A run's list item: its bar (0 to 1) while under way, then its line.
pub fn run_item(line: &str, fraction: Option<f64>) -> Element {
    let li = make("li", "", "");
    if let Some(f) = fraction {
        let bar = make("progress", "", "");
        set_attr(&bar, "max", "1");
        set_attr(&bar, "value", &format!("{f:.3}"));
        set_attr(&bar, "aria-label", line);
        append(&li, &bar);
    }
    append(&li, &make("span", "", &format!(" {line} ")));
    li
}

/// Fills `select` with `items` (value, label) — left as they are when it
/// holds them already, so an open select is not closed — and selects `selected`.
pub fn options(select: &HtmlSelectElement, items: &[(String, String)], selected: &str) {
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
