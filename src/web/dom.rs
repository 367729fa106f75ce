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
pub fn append(parent: &Element, child: &Element) {
    parent.append_child(child).expect("append");
}

/// Sets the text of `el` if it differs (avoids needless layout work).
pub fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// Sets attribute `name` of `el` to `value` unless it has it already: a
/// write of the same value still makes the browser check styles and paint.
pub fn set_attr(el: &Element, name: &str, value: &str) {
    if el.get_attribute(name).as_deref() != Some(value) {
        let _ = el.set_attribute(name, value);
    }
}

/// Shows or hides `el`.
pub fn show(el: &HtmlElement, visible: bool) {
    if el.hidden() == visible {
        el.set_hidden(!visible);
    }
}

/// Removes every child of `el`.
pub fn clear(el: &Element) {
    el.set_inner_html("");
}
