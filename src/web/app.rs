//! The application state behind the page: one session per mode, what the
//! user has selected, and the actions the controls call. Drawing is driven
//! from [`App::frame`], once per animation frame.

use web_sys::{HtmlCanvasElement, HtmlElement};

use super::dom::{by_id, show};
use super::form::{self, Form};
use super::i18n::{t, tf, Lang};
use super::panels::{self, ParamCells};
use super::views::Views;
use crate::core::data::{Point, Preset, Task};
use crate::core::model::ModelKind;
use crate::core::session::{Session, Settings, StepError};
use crate::render::canvas;
use crate::render::charts::{draw_loss, ChartLabels};
use crate::render::field::Field;
use crate::render::plot::{draw_model, draw_plot, last_batch, PlotInput};
use crate::render::view::{Rect, View};

/// Evaluation grid for the field: nodes per side.
const FIELD_GRID: usize = 100;
/// While playing, panels refresh at most this often (ms).
const PANEL_INTERVAL_MS: f64 = 120.0;
/// Training stops for the frame once it has used this long (ms), whatever
/// the speed asks, so drawing and input always get their share of a frame.
const TRAIN_BUDGET_MS: f64 = 6.0;

/// What needs drawing again.
#[derive(Clone, Copy, Debug, Default)]
pub struct Dirty {
    /// Canvases (field, overlay, loss chart).
    pub canvases: bool,
    /// Parameters, last update, readouts.
    pub panels: bool,
    /// The points table.
    pub table: bool,
    /// Form values and visibility.
    pub form: bool,
}

impl Dirty {
    fn all() -> Self {
        Dirty {
            canvases: true,
            panels: true,
            table: true,
            form: true,
        }
    }
}

/// A line in the status area.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Status {
    /// The text shown.
    pub text: String,
    /// True for a warning (styled, and stops Play).
    pub warn: bool,
}

/// The whole page's state.
pub struct App {
    sessions: [Session; 2],
    task: Task,
    /// Selected class for new points (0-based).
    pub class: usize,
    playing: bool,
    speed: usize,
    lang: Lang,
    /// Plotting-area mapping in CSS pixels (set by the last draw).
    view: Option<View>,
    /// The point being dragged.
    pub drag: Option<usize>,
    status: Status,
    dirty: Dirty,
    field_buf: Vec<u8>,
    boundary: Vec<[f64; 4]>,
    plot_css: f64,
    last_panels: f64,
    params_cells: ParamCells,
    shown_data: Option<(usize, u64)>,
    quiet_steps: usize,
    /// The chart panel's tabs.
    pub views: Views,
    /// What the static plot layer was last drawn for.
    static_key: Option<(Task, u64, u64, u64, u64)>,
}

fn session_for(task: Task) -> Session {
    let (kind, preset, count) = match task {
        Task::Classification => (ModelKind::Perceptron, Preset::Separable, 40),
        Task::Regression => (ModelKind::Linear, Preset::Line, 40),
    };
    Session::new(
        Settings::for_model(task, kind),
        preset.generate(count, 0.2, 1),
    )
    .expect("default settings are valid")
}

impl App {
    /// The app at start, in `lang`.
    pub fn new(lang: Lang) -> Self {
        App {
            sessions: [
                session_for(Task::Classification),
                session_for(Task::Regression),
            ],
            task: Task::Classification,
            class: 0,
            playing: false,
            speed: 5,
            lang,
            view: None,
            drag: None,
            status: Status::default(),
            dirty: Dirty::all(),
            field_buf: Vec::new(),
            boundary: Vec::new(),
            plot_css: 0.0,
            last_panels: f64::NEG_INFINITY,
            params_cells: ParamCells::default(),
            shown_data: None,
            quiet_steps: 0,
            views: Views::default(),
            static_key: None,
        }
    }

    // ----- reading -----

    /// The session of the current mode.
    pub fn session(&self) -> &Session {
        &self.sessions[self.task as usize]
    }

    fn session_mut(&mut self) -> &mut Session {
        &mut self.sessions[self.task as usize]
    }

    /// The current mode.
    pub fn task(&self) -> Task {
        self.task
    }

    /// The page's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// True while training runs.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// The plotting area in CSS pixels, once drawn.
    pub fn view(&self) -> Option<View> {
        self.view
    }

    // ----- status -----

    /// Shows `text` in the status line (a warning stops Play).
    pub fn say(&mut self, text: String, warn: bool) {
        if warn {
            self.playing = false;
        }
        self.status = Status { text, warn };
        self.dirty.panels = true;
        self.dirty.form = true;
    }

    fn say_key(&mut self, key: &str, warn: bool) {
        let text = t(self.lang, key).to_string();
        self.say(text, warn);
    }

    fn quiet(&mut self) {
        if !self.status.text.is_empty() {
            self.status = Status::default();
            self.dirty.panels = true;
        }
    }

    fn step_error(&mut self, e: &StepError) {
        let key = match e {
            StepError::NoPoints => "s-no-points",
            StepError::OneClass => "s-one-class",
            StepError::TooManyClasses => "s-too-many",
            StepError::Diverged => "s-diverged",
        };
        self.say_key(key, true);
        self.dirty.panels = true;
        self.dirty.form = true;
    }

    /// Marks everything for redrawing.
    pub fn touch_all(&mut self) {
        self.dirty = Dirty::all();
    }

    fn touched_training(&mut self) {
        self.dirty.canvases = true;
        self.dirty.panels = true;
        self.dirty.form = true;
    }

    fn touched_data(&mut self) {
        self.touched_training();
        self.dirty.table = true;
        self.quiet_steps = 0;
    }

    // ----- training actions -----

    /// One update.
    pub fn step(&mut self) {
        match self.session_mut().step() {
            Ok(_) => self.quiet(),
            Err(e) => self.step_error(&e),
        }
        self.touched_training();
    }

    /// Undoes the last update.
    pub fn step_back(&mut self) {
        self.playing = false;
        if self.session_mut().step_back() {
            let n = self.session().step_count().to_string();
            self.say(tf(self.lang, "s-stepped-back", &[&n]), false);
        } else {
            self.say_key("s-nothing-back", false);
        }
        self.touched_training();
    }

    /// Starts or stops training.
    pub fn toggle_play(&mut self) {
        if self.playing {
            self.playing = false;
        } else {
            match self.session().readiness() {
                Ok(()) => {
                    self.quiet();
                    self.playing = true;
                    self.quiet_steps = 0;
                }
                Err(e) => self.step_error(&e),
            }
        }
        self.dirty.form = true;
        self.dirty.panels = true;
    }

    /// Re-initialises the parameters, keeping the points.
    pub fn reset(&mut self) {
        self.playing = false;
        self.session_mut().reset();
        self.say_key("s-reset", false);
        self.touched_training();
    }

    /// Jumps to step `step` of the history.
    pub fn seek(&mut self, step: u64) {
        self.playing = false;
        if !self.session_mut().seek(step) {
            self.say_key("s-cant-reach", false);
        }
        self.touched_training();
    }

    /// Steps per animation frame while playing.
    pub fn set_speed(&mut self, speed: usize) {
        self.speed = speed.clamp(1, 1000);
    }

    // ----- data actions -----

    /// Adds a point at data coordinates `(x, y)` of class `class`.
    pub fn add_point(&mut self, x: f64, y: f64, class: usize) {
        let class = if self.task == Task::Regression {
            0
        } else {
            class
        };
        if let Err(e) = self.session_mut().add_point(Point::new(x, y, class)) {
            let msg = tf(self.lang, "s-bad-point", &[&e.to_string()]);
            self.say(msg, true);
        } else {
            self.quiet();
        }
        self.touched_data();
    }

    /// The point within `radius` data units of `(x, y)`, nearest first.
    pub fn nearest(&self, x: f64, y: f64, radius: f64) -> Option<usize> {
        self.session().data().nearest(x, y, radius)
    }

    /// Removes point `i`.
    pub fn remove_point(&mut self, i: usize) {
        if self.session_mut().remove_point(i).is_ok() {
            self.touched_data();
        }
    }

    /// Moves point `i` to `(x, y)`.
    pub fn move_point(&mut self, i: usize, x: f64, y: f64) {
        if self.session_mut().move_point(i, x, y).is_ok() {
            self.touched_data();
        }
    }

    /// Removes every point.
    pub fn clear_points(&mut self) {
        self.playing = false;
        self.session_mut().clear_points();
        self.say_key("s-cleared", false);
        self.touched_data();
    }

    /// Replaces the points (an import); the model keeps its parameters.
    pub fn set_data(&mut self, data: crate::core::data::Dataset) -> Result<(), String> {
        self.playing = false;
        let r = self.session_mut().set_data(data);
        self.touched_data();
        r
    }

    /// Puts a whole loaded session in place, in its own mode.
    pub fn replace_session(&mut self, s: Session) {
        self.playing = false;
        self.task = s.settings().task;
        self.sessions[self.task as usize] = s;
        self.class = 0;
        self.params_cells = ParamCells::default();
        self.shown_data = None;
        self.views.refill();
        self.touch_all();
    }

    /// Replaces the points with a generated data set.
    pub fn load_preset(&mut self, preset: Preset, count: usize, noise: f64, seed: u64) {
        self.playing = false;
        match self.session_mut().load_preset(preset, count, noise, seed) {
            Ok(()) => self.quiet(),
            Err(e) => self.say(e, true),
        }
        self.touched_data();
    }

    // ----- settings actions -----

    /// Switches between classification and regression.
    pub fn set_task(&mut self, task: Task) {
        if task != self.task {
            self.playing = false;
            self.task = task;
            self.drag = None;
            self.quiet();
            self.shown_data = None;
            self.views.refill();
            self.touch_all();
        }
    }

    /// Switches the page's language.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        self.status = Status::default();
        self.params_cells = ParamCells::default();
        self.shown_data = None;
        self.views.refill();
        self.touch_all();
    }

    /// Applies new settings to the current session, or explains why not.
    pub fn apply_settings(&mut self, new: Settings) -> Result<(), String> {
        let r = self.session_mut().set_settings(new);
        self.views.refill();
        match &r {
            Ok(()) => self.quiet(),
            Err(e) => self.say(e.clone(), true),
        }
        self.touched_training();
        self.dirty.table = true;
        r
    }

    /// Selects model `kind` with its default learning rate and batch size.
    pub fn set_model(&mut self, kind: ModelKind) {
        self.playing = false;
        let cur = self.session().settings().clone();
        let defaults = Settings::for_model(self.task, kind);
        let new = Settings {
            model: crate::core::model::ModelSpec {
                kind,
                ..cur.model.clone()
            },
            learning_rate: defaults.learning_rate,
            batch_size: defaults.batch_size,
            momentum: defaults.momentum,
            ..cur
        };
        let _ = self.apply_settings(new);
    }

    /// Sets parameter `i` to `value`.
    pub fn set_param(&mut self, i: usize, value: f64) -> bool {
        let mut p = self.session().model().params().to_vec();
        if i >= p.len() || !value.is_finite() {
            return false;
        }
        p[i] = value;
        let ok = self.session_mut().set_params(&p).is_ok();
        self.touched_training();
        ok
    }

    // ----- the frame -----

    /// Runs one animation frame at time `now` (ms): trains if playing, then
    /// redraws whatever changed.
    pub fn frame(&mut self, now: f64, form: &Form) {
        if self.playing {
            self.train_frame();
        }
        if self.dirty.form {
            form::sync(form, self);
            self.dirty.form = false;
        }
        let size_changed = self.fit_canvases();
        if self.dirty.canvases || size_changed {
            if let Err(e) = self.draw_canvases(now) {
                web_sys::console::error_1(&e.into());
            }
            self.dirty.canvases = false;
        }
        if self.dirty.table {
            let key = (self.session().data().len(), self.session().data_version());
            if self.shown_data != Some(key) {
                panels::points_table(self.session(), self.lang);
                self.shown_data = Some(key);
            }
            self.dirty.table = false;
        }
        let due = !self.playing || now - self.last_panels >= PANEL_INTERVAL_MS;
        if self.dirty.panels && due {
            panels::readouts(self.session(), self.lang);
            let session = &self.sessions[self.task as usize];
            panels::parameters(session, self.lang, &mut self.params_cells);
            panels::last_update(self.session(), self.lang);
            panels::status(&self.status);
            self.last_panels = now;
            self.dirty.panels = false;
        }
    }

    fn train_frame(&mut self) {
        let perceptron = self.session().model().kind() == ModelKind::Perceptron;
        let clock = web_sys::window().and_then(|w| w.performance());
        let now = || clock.as_ref().map_or(0.0, |p| p.now());
        let start = now();
        for done in 0..self.speed {
            if done > 0 && now() - start > TRAIN_BUDGET_MS {
                break;
            }
            let n_train = self.session().train_indices().len();
            match self.session_mut().step() {
                Ok(u) => {
                    let still = u.delta.iter().all(|&d| d == 0.0);
                    self.quiet_steps = if still { self.quiet_steps + 1 } else { 0 };
                    if perceptron && self.quiet_steps >= n_train {
                        self.say_key("s-converged", false);
                        self.playing = false;
                        break;
                    }
                }
                Err(e) => {
                    self.step_error(&e);
                    break;
                }
            }
        }
        self.touched_training();
    }

    /// Sizes the canvases to their boxes; true when a size changed.
    fn fit_canvases(&mut self) -> bool {
        let wrap: HtmlElement = by_id("plot-wrap");
        let css = wrap.client_width() as f64;
        let dpr = dpr();
        let key = css * 1000.0 + dpr;
        if css <= 0.0 || key == self.plot_css {
            return false;
        }
        self.plot_css = key;
        canvas::fit(&by_id::<HtmlCanvasElement>("plot"), css, css, dpr);
        canvas::fit(&by_id::<HtmlCanvasElement>("model-layer"), css, css, dpr);
        let chart: HtmlCanvasElement = by_id("loss-chart");
        let parent = chart.parent_element().map_or(300, |p| p.client_width());
        // The panel's width less its padding (10 px a side).
        canvas::fit(&chart, (parent as f64 - 20.0).max(120.0), 150.0, dpr);
        true
    }

    fn draw_canvases(&mut self, now: f64) -> Result<(), String> {
        let dpr = dpr();
        let lang = self.lang;
        let plot: HtmlCanvasElement = by_id("plot");
        let field_canvas: HtmlCanvasElement = by_id("field");
        let s = &self.sessions[self.task as usize];
        let classification = self.task == Task::Classification;
        let highlight = last_batch(s);

        // The field first (boundary segments come from it), into the area
        // the previous draw measured; the first draw measures then repaints.
        let mut field = None;
        if classification {
            let f = Field::evaluate(
                s.model(),
                s.settings().classes,
                Default::default(),
                FIELD_GRID,
            );
            // Linear two-class models get their exact line w·x + b = 0 instead.
            self.boundary = if s.model().linear_boundary().is_some() {
                Vec::new()
            } else {
                f.boundary()
            };
            field = Some(f);
        } else {
            self.boundary.clear();
        }
        let axes = if classification {
            ("x1", "x2")
        } else {
            ("x", "y")
        };
        let input = PlotInput {
            session: s,
            boundary: &self.boundary,
            highlight: &highlight,
            dpr,
            axes,
        };
        // The static layer (axes, points) only when what it shows changed.
        let st = s.settings();
        let static_key = (
            self.task,
            s.data_version(),
            st.holdout.to_bits(),
            st.seed,
            self.plot_css.to_bits(),
        );
        if self.static_key != Some(static_key) || self.view.is_none() {
            let device_view = draw_plot(&plot, &input)?;
            self.static_key = Some(static_key);
            let a = device_view.area;
            let css_view = View {
                area: Rect {
                    left: a.left / dpr,
                    top: a.top / dpr,
                    width: a.width / dpr,
                    height: a.height / dpr,
                },
                domain: device_view.domain,
            };
            self.view = Some(css_view);
            let area = css_view.area;
            let _ = plot.set_attribute(
                "data-area",
                &format!("{},{},{},{}", area.left, area.top, area.width, area.height),
            );
            let d = css_view.domain;
            let _ = plot.set_attribute(
                "data-domain",
                &format!("{},{},{},{}", d.x_min, d.x_max, d.y_min, d.y_max),
            );
        }
        draw_model(&by_id::<HtmlCanvasElement>("model-layer"), &input)?;
        let area = self.view.expect("drawn above").area;

        show(field_canvas.as_ref(), classification);
        if let Some(f) = field {
            let style = field_canvas.style();
            let _ = style.set_property("left", &format!("{}px", area.left));
            let _ = style.set_property("top", &format!("{}px", area.top));
            let (w, h) = canvas::fit(&field_canvas, area.width, area.height, dpr);
            f.paint(w as usize, h as usize, &mut self.field_buf);
            canvas::put_rgba(&field_canvas, &self.field_buf, w, h)?;
        }

        let playing = self.playing;
        self.views.draw(s, lang, dpr, now, playing)?;
        if !self.views.is_loss() {
            return Ok(());
        }
        let chart: HtmlCanvasElement = by_id("loss-chart");
        draw_loss(
            &chart,
            s.curve(),
            dpr,
            &ChartLabels {
                step: t(lang, "chart-step"),
                train: t(lang, "train-series"),
                heldout: t(lang, "heldout-series"),
            },
        )?;
        Ok(())
    }

    /// The current status line.
    pub fn status(&self) -> &Status {
        &self.status
    }
}

/// The device-pixel ratio (1 when unknown).
pub fn dpr() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|d| d.is_finite() && *d > 0.0)
        .unwrap_or(1.0)
}
