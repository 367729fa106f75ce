//! Probability bars, as the lab's next-character view and the plot's
//! `Probabilities` view show them: a label, a bar as long as the
//! probability (and the raw one under it when the softmax was reshaped),
//! and the percentage. A refresh rewrites the rows it finds in place, so
//! a view that follows the pointer or training re-lays out only numbers.

use web_sys::Element;

use super::dom::{append, make, reuse_children, set_attr, set_text};

/// One bar row.
pub struct Bar {
    /// A character or a class name.
    pub label: String,
    /// Its probability.
    pub p: f64,
    /// The probability before reshaping, drawn under the bar.
    pub raw: Option<f64>,
    /// The true next character, outlined.
    pub truth: bool,
    /// The bar's colour (the page's accent when `None`).
    pub colour: Option<String>,
}

/// Makes `parent`'s rows the `bars`, reusing the rows it has (a row fits
/// a bar when both have the raw bar under it or neither has).
pub fn set_bars(parent: &Element, bars: &[Bar]) {
    reuse_children(
        parent,
        bars,
        |row, bar| {
            let parts = 1 + u32::from(bar.raw.is_some());
            track(row).is_some_and(|t| t.child_element_count() == parts)
        },
        |bar| new_row(bar.raw.is_some()),
        fill,
    );
}

/// A row's track (its second part).
fn track(row: &Element) -> Option<Element> {
    row.first_element_child()?.next_element_sibling()
}

fn new_row(raw: bool) -> Element {
    let row = make("div", "bar-row", "");
    let _ = row.set_attribute("style", "display:contents");
    append(&row, &make("span", "ch", ""));
    let track = make("span", "track", "");
    append(&track, &make("span", "bar", ""));
    if raw {
        append(&track, &make("span", "bar raw", ""));
    }
    append(&row, &track);
    append(&row, &make("span", "pc", ""));
    row
}

fn fill(row: &Element, bar: &Bar) {
    let truth = if bar.truth { " true" } else { "" };
    set_attr(row, "class", &format!("bar-row{truth}"));
    let percent = |p: f64| format!("{:.1}%", p * 100.0);
    let pc = percent(bar.p);
    let Some(ch) = row.first_element_child() else {
        return;
    };
    set_attr(&ch, "class", &format!("ch{truth}"));
    set_text(&ch, &bar.label);
    let Some(track) = ch.next_element_sibling() else {
        return;
    };
    if let Some(b) = track.first_element_child() {
        let colour = bar.colour.as_ref().map(|c| format!(";background:{c}"));
        set_attr(
            &b,
            "style",
            &format!("width:{pc}{}", colour.unwrap_or_default()),
        );
        if let (Some(r), Some(rb)) = (bar.raw, b.next_element_sibling()) {
            set_attr(&rb, "style", &format!("width:{}", percent(r)));
        }
    }
    if let Some(p) = track.next_element_sibling() {
        set_text(&p, &pc);
        set_attr(&p, "aria-label", &format!("{} {pc}", bar.label));
    }
}
