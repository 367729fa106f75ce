//! Autosave: the workspace (as `app::autosave` encodes it) kept in the
//! browser's localStorage as it changes, at most once a second (every three
//! seconds while playing), and read back when the page opens; and the
//! set of lessons done, kept under its own key.

use std::sync::atomic::{AtomicBool, Ordering};

use web_sys::Storage;

/// The localStorage key.
const KEY: &str = "neuronlab.workspace";
/// Least time between two saves (ms).
const SAVE_EVERY_MS: f64 = 1000.0;
/// Least time between two saves while playing (ms).
const SAVE_EVERY_PLAYING_MS: f64 = 3000.0;

/// Set after a panic: the state it left is not saved over the last good one.
static STOPPED: AtomicBool = AtomicBool::new(false);

/// Stops every later save (called when the app panics).
pub fn stop() {
    STOPPED.store(true, Ordering::Relaxed);
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved workspace, if this browser has one.
pub fn saved() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}

/// The localStorage key of the lessons done.
const LESSONS_KEY: &str = "neuronlab.lessons";

/// The saved set of lessons done, if this browser has one.
pub fn saved_lessons() -> Option<String> {
    storage()?.get_item(LESSONS_KEY).ok().flatten()
}

/// Keeps the set of lessons done (as `app::lessons::course` encodes it).
pub fn save_lessons(text: &str) {
    if let Some(Err(e)) = storage().map(|s| s.set_item(LESSONS_KEY, text)) {
        web_sys::console::warn_2(&"NeuronLab: saving the lessons failed".into(), &e);
    }
}

/// The localStorage key of the scaling lab's choices and results.
const SCALING_KEY: &str = "neuronlab-scaling";
/// The localStorage key of its last checked prediction (the course's).
const CHECKED_KEY: &str = "neuronlab-scaling-checked";
/// The event the scaling lab fires on the document after it saved.
pub const SCALING_SAVED: &str = "neuronlab-scaling-saved";

/// The scaling lab as it last saved itself, if this browser has it.
pub fn saved_scaling() -> Option<String> {
    storage()?.get_item(SCALING_KEY).ok().flatten()
}

/// The scaling lab's last checked prediction, as it saved it.
pub fn saved_checked() -> Option<String> {
    storage()?.get_item(CHECKED_KEY).ok().flatten()
}

/// Keeps the scaling lab and its last checked prediction (as
/// `app::scaling` encodes them), then tells the page (the course reads
/// the prediction).
pub fn save_scaling(text: &str, checked: &str) {
    save_lab(
        &[(SCALING_KEY, text), (CHECKED_KEY, checked)],
        SCALING_SAVED,
    );
}

/// The localStorage key of the paradigms lab's choices and results.
const PARADIGMS_KEY: &str = "neuronlab-paradigms";
/// The localStorage key of which paradigms it has measured (the course's).
const MEASURED_KEY: &str = "neuronlab-paradigms-measured";
/// The event the paradigms lab fires on the document after it saved.
pub const PARADIGMS_SAVED: &str = "neuronlab-paradigms-saved";

/// The paradigms lab as it last saved itself, if this browser has it.
pub fn saved_paradigms() -> Option<String> {
    storage()?.get_item(PARADIGMS_KEY).ok().flatten()
}

/// Which paradigms the lab has measured, as it saved them.
pub fn saved_measured() -> Option<String> {
    storage()?.get_item(MEASURED_KEY).ok().flatten()
}

/// Keeps the paradigms lab and which paradigms it measured, then tells the page.
pub fn save_paradigms(text: &str, measured: &str) {
    save_lab(
        &[(PARADIGMS_KEY, text), (MEASURED_KEY, measured)],
        PARADIGMS_SAVED,
    );
}

/// Keeps a lab's `items` (key, text), then fires `event` on the document.
fn save_lab(items: &[(&str, &str)], event: &str) {
    let saved = storage().map(|s| items.iter().try_for_each(|(k, v)| s.set_item(k, v)));
    if let Some(Err(e)) = saved {
        web_sys::console::warn_2(&"NeuronLab: saving a lab failed".into(), &e);
    }
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Ok(e) = web_sys::Event::new(event) {
            let _ = doc.dispatch_event(&e);
        }
    }
}

/// The localStorage key of the lesson in progress.
const LESSON_KEY: &str = "neuronlab.lesson";

/// The lesson in progress as last saved, if this browser has one.
pub fn saved_lesson() -> Option<String> {
    storage()?.get_item(LESSON_KEY).ok().flatten()
}

/// Forgets the saved workspace and the lesson in progress.
pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
        let _ = s.remove_item(LESSON_KEY);
    }
}

/// When the workspace was last saved, and whether it changed since.
#[derive(Default)]
pub struct Autosave {
    last: f64,
    unsaved: bool,
}

impl Autosave {
    /// Notes that the workspace changed.
    pub fn changed(&mut self) {
        self.unsaved = true;
    }

    /// True when a save is due at `now` (ms).
    pub fn due(&self, now: f64, playing: bool) -> bool {
        let gap = if playing {
            SAVE_EVERY_PLAYING_MS
        } else {
            SAVE_EVERY_MS
        };
        self.unsaved && now - self.last >= gap && !STOPPED.load(Ordering::Relaxed)
    }

    /// Stores `text`, and the lesson in progress (or that there is none);
    /// a full or forbidden storage is logged, not fatal.
    pub fn save(&mut self, now: f64, text: &str, lesson: Option<&str>) {
        self.last = now;
        self.unsaved = false;
        let Some(s) = storage() else { return };
        let lesson = match lesson {
            Some(l) => s.set_item(LESSON_KEY, l),
            None => s.remove_item(LESSON_KEY),
        };
        if let Err(e) = s.set_item(KEY, text).and(lesson) {
            web_sys::console::warn_2(&"NeuronLab: autosave failed".into(), &e);
        }
    }
}
