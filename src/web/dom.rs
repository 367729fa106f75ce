//! Small typed helpers over web-sys for finding, making and filling elements.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The page's document.
pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// The element with `id`, cast to `T`.
pub fn by_id<T: JsCast>(id: &str) -> T {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("the page has no #{id}"))
        .dyn_into::<T>()
        .unwrap_or_else(|_| panic!("#{id} is not the expected kind of element"))
}

/// A new `<tag>` with `class` (may be empty) and text `text` (may be empty).
#[inline(never)]
pub fn make(tag: &str, class: &str, text: &str) -> Element {
    let el = document().create_element(tag).expect("create element");
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    el
}

/// Appends `child` to `parent`.
#[inline(never)]
pub fn append(parent: &Element, child: &Element) {
    parent.append_child(child).expect("append");
}

/// Sets the text of `el` if it differs (avoids needless layout work).
#[inline(never)]
pub fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// Sets attribute `name` of `el` to `value` unless it has it already: a
/// write of the same value still makes the browser check styles and paint.
#[inline(never)]
pub fn set_attr(el: &Element, name: &str, value: &str) {
    if el.get_attribute(name).as_deref() != Some(value) {
        let _ = el.set_attribute(name, value);
    }
}

/// Shows or hides `el`.
#[inline(never)]
pub fn show(el: &HtmlElement, visible: bool) {
    if el.hidden() == visible {
        el.set_hidden(!visible);
    }
}

/// Removes every child of `el`.
#[inline(never)]
pub fn clear(el: &Element) {
    el.set_inner_html("");
}

/// One line of a panel: its tag, class and text.
pub type Line<'a> = (&'a str, &'a str, String);

/// Makes `parent`'s children one per item, touching only what differs:
/// a child that `fits` an item keeps its place and is `fill`ed with it;
/// elsewhere a new child (`make`, then `fill`) goes in, and children left
/// over go. A panel refreshed while playing then re-lays out only the
/// text that changed, not a new subtree.
pub fn reuse_children<T>(
    parent: &Element,
    items: &[T],
    fits: impl Fn(&Element, &T) -> bool,
    make: impl Fn(&T) -> Element,
    fill: impl Fn(&Element, &T),
) {
    let mut at = parent.first_element_child();
    for item in items {
        let child = match at.take() {
            Some(el) if fits(&el, item) => el,
            old => {
                let el = make(item);
                let _ = parent.insert_before(&el, old.as_deref());
                el
            }
        };
        fill(&child, item);
        at = child.next_element_sibling();
    }
    while let Some(el) = at {
        at = el.next_element_sibling();
        el.remove();
    }
}

/// Makes `parent`'s children the `lines` ([`reuse_children`]): an element
/// with the line's tag and class keeps its place and gets the line's text.
pub fn set_lines(parent: &Element, lines: &[Line]) {
    reuse_children(
        parent,
        lines,
        |el, (tag, class, _)| el.local_name() == *tag && el.class_name() == *class,
        |(tag, class, _)| make(tag, class, ""),
        |el, (_, _, text)| set_text(el, text),
    );
}
