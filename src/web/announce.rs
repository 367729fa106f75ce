//! What the page says: the polite live region that hears each Step and
//! Play's summaries (worded by `app::narration`), and the `Describe`
//! region (worded by `app::describe`), kept current while it is shown.

use web_sys::{Element, HtmlElement};

use super::dom::{append, by_id, clear, make, set_text};
use crate::app::describe::describe as words;
use crate::app::narration::Narrator;
use crate::app::{Outcome, Workspace};

/// While playing, the shown description is worded again at most this often (ms).
const REFRESH_MS: f64 = 500.0;

/// The page's clock (ms).
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Puts `text` in the live region for a screen reader to say.
pub fn say(text: &str) {
    set_text(&by_id::<Element>("narration"), text);
}

/// Writes the description of the model shown into its region, shows it,
/// and says it.
pub fn describe(ws: &Workspace) {
    say(&write(ws).join(" "));
}

/// Writes the description into its region, one paragraph a sentence.
fn write(ws: &Workspace) -> Vec<String> {
    let region: HtmlElement = by_id("description");
    region.set_hidden(false);
    let body: Element = by_id("description-body");
    clear(&body);
    let sentences = words(ws);
    for s in &sentences {
        append(&body, &make("p", "", s));
    }
    sentences
}

/// The narrator, and whether the shown description is out of date.
#[derive(Default)]
pub struct Heard {
    narrator: Narrator,
    stale: bool,
    last: f64,
}

impl Heard {
    /// Says what `out` (just applied to `ws`) says, if anything.
    pub fn note(&mut self, ws: &Workspace, out: &Outcome) {
        if let Some(text) = self.narrator.hear(ws, &out.event, now()) {
            say(&text);
        }
        let c = out.changed;
        self.stale |= c.data || c.training || c.settings || c.lang;
    }

    /// Words the shown description again when the model changed (silently).
    pub fn frame(&mut self, ws: &Workspace, now: f64) {
        let due = !ws.playing() || now - self.last >= REFRESH_MS;
        if self.stale && due && !by_id::<HtmlElement>("description").hidden() {
            write(ws);
            self.stale = false;
            self.last = now;
        }
    }
}
