//! The page's one handle on the workspace: every DOM event becomes an
//! [`Action`] given to [`Page::dispatch`]. An action that arrives while
//! another is being applied (an event fired from inside a handler) waits in
//! a queue and is applied right after it: none is dropped.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use super::announce::Heard;
use super::form::Form;
use super::screen::Screen;
use super::storage::Autosave;
use super::trainer::OffThread;
use crate::app::lessons::saved::encode_lesson;
use crate::app::{autosave, Action, Workspace};
use crate::render::view::View;

/// Shared handle to the page.
pub type Shared = Rc<Page>;

/// The workspace, the actions waiting for it, and what the page drew.
pub struct Page {
    ws: RefCell<Workspace>,
    queue: RefCell<VecDeque<Action>>,
    screen: RefCell<Screen>,
    form: Form,
    autosave: RefCell<Autosave>,
    heard: RefCell<Heard>,
    off_thread: RefCell<Option<OffThread>>,
}

impl Page {
    /// The page around `ws`, with the form's controls.
    pub fn new(ws: Workspace, form: Form) -> Shared {
        Rc::new(Page {
            ws: RefCell::new(ws),
            queue: RefCell::new(VecDeque::new()),
            screen: RefCell::new(Screen::default()),
            form,
            autosave: RefCell::new(Autosave::default()),
            heard: RefCell::new(Heard::default()),
            off_thread: RefCell::new(None),
        })
    }

    /// Trains in a worker from the script at `url` (an ES module when
    /// `es_module`), given the compiled wasm `module`; the worker starts
    /// when Play first needs it.
    pub fn use_worker(self: &Rc<Self>, url: &str, es_module: bool, module: &wasm_bindgen::JsValue) {
        let page = self.clone();
        let worker = OffThread::new(url, es_module, module, move |action| {
            page.dispatch(action);
            page.read(|ws| ws.lab().run.map(|r| r.id)).flatten()
        });
        self.dispatch(Action::UseWorker(true));
        *self.off_thread.borrow_mut() = Some(worker);
    }

    /// Applies `action` (now, or right after the action being applied).
    pub fn dispatch(&self, action: Action) {
        self.queue.borrow_mut().push_back(action);
        self.drain();
    }

    /// Applies every waiting action, unless one is being applied already
    /// (that one's loop will reach them).
    fn drain(&self) {
        let Ok(mut ws) = self.ws.try_borrow_mut() else {
            return;
        };
        loop {
            let next = self.queue.borrow_mut().pop_front();
            let Some(action) = next else { break };
            let out = ws.apply(action);
            self.heard.borrow_mut().note(&ws, &out);
            if let Ok(mut screen) = self.screen.try_borrow_mut() {
                screen.note(out.changed);
            }
            let c = out.changed;
            if c.data || c.training || c.settings {
                self.autosave.borrow_mut().changed();
            }
        }
    }

    /// Reads the workspace (`None` only while an action is being applied).
    pub fn read<R>(&self, f: impl FnOnce(&Workspace) -> R) -> Option<R> {
        self.ws.try_borrow().ok().map(|ws| f(&ws))
    }

    /// The plot's area in CSS pixels, once drawn.
    pub fn view(&self) -> Option<View> {
        self.screen.try_borrow().ok().and_then(|s| s.view())
    }

    /// Shows the plot's keyboard cursor at `at` (data coordinates), or
    /// hides it, on the next frame.
    pub fn set_cursor(&self, at: Option<(f64, f64)>) {
        if let Ok(mut screen) = self.screen.try_borrow_mut() {
            screen.set_cursor(at);
        }
    }

    /// One animation frame at `now` (ms): a Play frame, then the drawing.
    pub fn frame(&self, now: f64) {
        if self.read(Workspace::playing) == Some(true) {
            self.dispatch(Action::Tick);
        }
        let comparing = |ws: &Workspace| {
            ws.mode() == crate::app::Mode::Language
                && ws.lab().blank.as_ref().is_some_and(|b| b.playing)
        };
        if self.read(comparing) == Some(true) {
            self.dispatch(Action::CompareTick);
        }
        if let (Ok(ws), Ok(mut screen)) = (self.ws.try_borrow(), self.screen.try_borrow_mut()) {
            if let Some(worker) = self.off_thread.borrow().as_ref() {
                worker.sync(&ws);
            }
            screen.frame(&ws, &self.form, now);
            self.heard.borrow_mut().frame(&ws, now);
            let mut saver = self.autosave.borrow_mut();
            // A drag is saved once dropped (writing 2,000 points out on
            // every second of it cost a slow laptop a frame).
            if ws.dragging().is_none() && saver.due(now, ws.playing()) {
                let lesson = encode_lesson(&ws);
                saver.save(now, &autosave::encode(&ws), lesson.as_deref());
            }
        }
        self.drain();
    }

    /// The landscape's plotting area in CSS pixels and the two parameters
    /// it shows, once drawn.
    pub fn landscape(&self) -> Option<(View, (usize, usize))> {
        self.screen.try_borrow().ok().and_then(|s| s.landscape())
    }

    /// Shows what the model says at data point `at` in the `Probabilities`
    /// view (`None`: nothing under the pointer). The plot's keyboard cursor
    /// calls this with its point.
    pub fn probe_at(&self, at: Option<(f64, f64)>) {
        if let Ok(mut screen) = self.screen.try_borrow_mut() {
            screen.set_probe(at);
        }
    }

    /// Writes the Parameters panel's values again on the next frame (after
    /// a cell's editor closed, whatever became of its value).
    pub fn rewrite_params(&self) {
        if let Ok(mut screen) = self.screen.try_borrow_mut() {
            screen.rewrite_params();
        }
    }

    /// The form's controls.
    pub fn form(&self) -> &Form {
        &self.form
    }
}
