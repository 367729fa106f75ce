//! What the page last drew and what needs drawing again, and the frame that
//! draws it: the plot's three canvases, the chart panel, the panels and the
//! form, each only when the workspace changed what it shows.

use crate::core::lm::settings::LmKind;
use web_sys::{HtmlCanvasElement, HtmlElement};

use super::announce::now as now_ms;
use super::dom::by_id;
use super::form::{self, Form};
use super::hover;
use super::lab::{set_mode_attr, LabView};
use super::ood;
use super::panels::{self, ParamCells};
use super::points;
use super::transition::Transition;
use super::views::Views;
use crate::app::chart::Chart;
use crate::app::{Changed, Lang, Mode, Msg, Workspace};
use crate::core::data::Task;
use crate::core::history::CurvePoint;
use crate::render::canvas::{self, Shown};
use crate::render::charts::{draw_loss, ChartLabels};
use crate::render::embedding::draw_embedding;
use crate::render::frame::{PlotCanvases, PlotFrame};
use crate::render::view::View;
/// While playing, panels refresh at most this often (ms).
const PANEL_INTERVAL_MS: f64 = 120.0;
/// While playing, the chart panel waits this many times as long as it last
/// took to draw.
const CHART_SHARE: f64 = 40.0;
/// A frame this much later than the last (ms) was late; after a few late
/// frames while playing, the page splits its work over more frames.
const LATE_FRAME_MS: f64 = 25.0;
const LATE_FRAMES_TO_SPLIT: u32 = 3;

/// What needs drawing again.
#[derive(Clone, Copy, Debug, Default)]
pub struct Dirty {
    /// Canvases (field, overlay, charts).
    pub canvases: bool,
    /// Parameters, last update, readouts, status.
    pub panels: bool,
    /// The points table.
    pub table: bool,
    /// Form values and visibility.
    pub form: bool,
}

/// The drawing caches between frames.
pub struct Screen {
    dirty: Dirty,
    /// Plotting-area mapping in CSS pixels (set by the last draw).
    view: Option<View>,
    canvases: PlotCanvases,
    plot: PlotFrame,
    /// The loss chart.
    chart: Shown,
    /// The plot's width in CSS pixels, and that times 1000 plus the dpr
    /// (what a resize changes).
    plot_css_px: f64,
    plot_css: f64,
    /// The embedding plane's width in CSS pixels when last drawn.
    lab_css: f64,
    last_panels: f64,
    /// When the chart panel was last drawn (ms).
    last_chart: f64,
    /// How long the chart panel last took to draw (ms).
    chart_cost: f64,
    /// When the last frame was (ms), and how many frames came late since
    /// Play was pressed.
    last_frame: f64,
    late_frames: u32,
    params_cells: ParamCells,
    shown_data: Option<(Task, usize, u64)>,
    views: Views,
    lab: LabView,
    /// The point the `Probabilities` view describes, and whether it moved.
    probe_at: Option<(f64, f64)>,
    probe_moved: bool,
    transition: Transition,
}

impl Default for Screen {
    fn default() -> Self {
        Screen {
            dirty: Dirty {
                canvases: true,
                panels: true,
                table: true,
                form: true,
            },
            view: None,
            canvases: PlotCanvases {
                plot: Shown::new(by_id("plot")),
                layer: by_id::<web_sys::Element>("model-layer"),
                field: by_id("field"),
            },
            plot: PlotFrame::default(),
            chart: Shown::new(by_id("loss-chart")),
            plot_css_px: 0.0,
            plot_css: 0.0,
            lab_css: 0.0,
            last_panels: f64::NEG_INFINITY,
            last_chart: f64::NEG_INFINITY,
            chart_cost: 0.0,
            last_frame: f64::NEG_INFINITY,
            late_frames: 0,
            params_cells: ParamCells::default(),
            shown_data: None,
            views: Views::default(),
            lab: LabView::default(),
            probe_at: None,
            probe_moved: true,
            transition: Transition::default(),
        }
    }
}

impl Screen {
    /// Marks what `changed` needs drawing again.
    pub fn note(&mut self, changed: Changed) {
        let d = &mut self.dirty;
        d.canvases |= changed.data || changed.training || changed.settings || changed.lang;
        d.panels |= changed.training || changed.status || changed.settings || changed.data;
        d.table |= changed.data || changed.lang || changed.settings;
        d.form |= changed.settings || changed.lang || changed.data || changed.status;
        if changed.lang || changed.settings {
            self.views.refill();
        }
        if changed.lang {
            self.params_cells = ParamCells::default();
            self.shown_data = None;
            self.lab.refill();
        }
    }

    /// The plotting area in CSS pixels, once drawn.
    pub fn view(&self) -> Option<View> {
        self.view
    }

    /// The landscape's plotting area (CSS pixels) and its two parameters.
    pub fn landscape(&self) -> Option<(View, (usize, usize))> {
        self.views.landscape()
    }

    /// Writes the Parameters panel's values again on the next frame.
    pub fn rewrite_params(&mut self) {
        self.params_cells.forget_values();
        self.dirty.panels = true;
    }

    /// Moves the point the `Probabilities` view describes.
    pub fn set_probe(&mut self, at: Option<(f64, f64)>) {
        if at != self.probe_at {
            self.probe_at = at;
            self.probe_moved = true;
        }
    }

    /// Shows the plot's keyboard cursor at `at` (data coordinates), or hides it.
    pub fn set_cursor(&mut self, at: Option<(f64, f64)>) {
        self.plot.cursor = at;
        self.dirty.canvases = true;
    }

    /// True while playing on a page whose frames came late.
    fn split(&self) -> bool {
        self.late_frames >= LATE_FRAMES_TO_SPLIT
    }

    /// Draws what changed, at time `now` (ms).
    pub fn frame(&mut self, ws: &Workspace, form: &Form, now: f64) {
        if !ws.playing() {
            self.late_frames = 0;
        } else if now - self.last_frame > LATE_FRAME_MS {
            self.late_frames += 1;
        }
        self.last_frame = now;
        set_mode_attr(ws.mode().id());
        if ws.mode() == Mode::Language {
            return self.lab_frame(ws, form, now);
        }
        // While a point is dragged only the plot follows it at once: the
        // form and the points table wait for the drop (rebuilding a table of
        // 2,000 rows on each move cost the drag most of its frames), the
        // panels refresh as while playing.
        let dragging = ws.dragging().is_some();
        let busy = ws.playing() || dragging;
        let due = !busy || now - self.last_panels >= PANEL_INTERVAL_MS;
        // Sizes are read before anything is written: a read after a write
        // makes the browser lay the page out there and then.
        let size_changed = self.fit_canvases();
        self.views.measure();
        if self.dirty.form && !dragging && due {
            form::sync(form, ws);
            self.dirty.form = false;
        }
        let (line, walking) = self.transition.line(ws, now);
        self.plot.line = line;
        self.plot.pivot = ws.line_drag().and_then(|d| d.arrow_from());
        self.plot.misses = !ws.playing();
        // A point pressed is lifted off the static layer at once, not on
        // the first move: that costs a slow laptop a frame, better spent
        // before the pointer moves than while it does.
        if self.plot.lifted != ws.dragging() {
            self.plot.lifted = ws.dragging();
            self.dirty.canvases = true;
        }
        self.dirty.canvases |= walking;
        let panels_now = self.dirty.panels && due;
        // While playing on a slow laptop (frames came late), a frame
        // refreshes the panels, the chart panel or the plot: each costs it
        // most of a frame. While dragging, the plot follows every move and
        // the chart panel waits for the drop. What was put off is drawn in a
        // later frame.
        let plot_waits = self.split() && panels_now && !size_changed;
        if (self.dirty.canvases || size_changed) && !plot_waits {
            self.dirty.canvases = match self.draw_canvases(ws, now, dragging) {
                Ok(later) => later,
                Err(e) => {
                    web_sys::console::error_1(&e.into());
                    false
                }
            };
        }
        if self.dirty.table && !dragging {
            let s = ws.session();
            let key = (ws.task(), s.data().len(), s.data_version());
            if self.shown_data != Some(key) {
                points::table(s, ws.lang());
                self.shown_data = Some(key);
            }
            self.dirty.table = false;
        }
        if panels_now {
            let (s, lang) = (ws.session(), ws.lang());
            panels::readouts(s, lang);
            ood::readout(ws);
            ood::loss_note(ws);
            panels::parameters(s, lang, &mut self.params_cells);
            panels::last_update(s, lang);
            panels::status(ws);
            self.last_panels = now;
            self.dirty.panels = false;
        }
        // While a point is dragged the view under the pointer follows at
        // the panels' rate: its text laid out on every move cost the drag
        // its frames on a slow laptop.
        let probe_now = self.probe_moved && (!dragging || due);
        if probe_now || panels_now {
            hover::draw(ws, self.probe_at);
            hover::line_hint(ws);
        }
        if probe_now {
            // The activation chart marks the z under the pointer.
            if ws.chart() == Chart::Activation {
                let mark = hover::marked_z(ws, self.probe_at);
                if let Err(e) = self.views.draw(ws, dpr(), now, mark) {
                    web_sys::console::error_1(&e.into());
                }
            }
            self.probe_moved = false;
        }
    }

    /// The lab's frame: the form, the embedding plane, the loss chart and
    /// the lab's panels, each when the workspace changed.
    fn lab_frame(&mut self, ws: &Workspace, form: &Form, now: f64) {
        if self.dirty.form {
            form::sync(form, ws);
            self.dirty.form = false;
        }
        let due = !ws.playing() || now - self.last_panels >= PANEL_INTERVAL_MS;
        if !due {
            return;
        }
        let wrap: HtmlElement = by_id("embedding-wrap");
        let css = wrap.client_width() as f64;
        let resized = css != self.lab_css;
        if (self.dirty.canvases || resized) && css > 0.0 {
            self.lab_css = css;
            let lab = ws.lab();
            let s = &lab.session;
            let st = s.settings();
            let regions = st.model == LmKind::Window && st.embed == 2 && st.hidden == 0;
            let context = s
                .last_update()
                .map_or_else(|| lab.prompt_context().0, |u| u.context.clone());
            let c: HtmlCanvasElement = by_id("embedding");
            if let Err(e) = draw_embedding(&c, s, &context, regions, css, dpr()) {
                web_sys::console::error_1(&e.into());
            }
            self.fit_chart();
            if let Err(e) = self.draw_loss(ws.lang(), s.curve()) {
                web_sys::console::error_1(&e.into());
            }
            self.dirty.canvases = false;
        }
        if self.dirty.panels || self.dirty.table {
            self.lab.sync(ws);
            ood::loss_note(ws);
            panels::status(ws);
            self.last_panels = now;
            self.dirty.panels = false;
            self.dirty.table = false;
        }
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
        self.plot_css_px = css;
        self.canvases.plot.fit(css, css, dpr);
        self.fit_chart();
        true
    }

    /// Sizes the loss chart to its panel's width less its padding (10 px a
    /// side).
    fn fit_chart(&self) {
        let parent = self
            .chart
            .page
            .parent_element()
            .map_or(300, |p| p.client_width());
        self.chart
            .fit((parent as f64 - 20.0).max(120.0), 150.0, dpr());
    }

    /// Draws the loss chart of `curve` and shows it.
    fn draw_loss(&self, lang: Lang, curve: &[CurvePoint]) -> Result<(), String> {
        draw_loss(&self.chart.work, curve, dpr(), &loss_labels(lang))?;
        self.chart.present()
    }

    /// Draws the plot's layers and field, and the chart panel, as they
    /// fall due; `defer_chart`: put the chart panel off. Returns whether
    /// anything was put off to a later frame.
    fn draw_canvases(
        &mut self,
        ws: &Workspace,
        now: f64,
        defer_chart: bool,
    ) -> Result<bool, String> {
        // While playing, the chart panel is drawn at most eight times a
        // second, less where drawing it costs more (a slow laptop): at most
        // a fortieth of the time.
        let interval = (CHART_SHARE * self.chart_cost).max(PANEL_INTERVAL_MS);
        let chart_due = !(defer_chart || ws.playing() && now - self.last_chart < interval);
        // While playing on a slow laptop, the plot waits a frame for the
        // chart panel.
        let plot_due = !(self.split() && chart_due);
        let dpr = dpr();
        let s = ws.session();
        if plot_due {
            self.plot.shifted = ood::shown(ws).map(|o| o.points).unwrap_or_default();
            let view = self.plot.draw(&self.canvases, s, self.plot_css_px, dpr)?;
            if self.view != Some(view) {
                self.view = Some(view);
                canvas::mark_view(&self.canvases.plot.page, &view);
            }
        }
        if chart_due {
            self.last_chart = now;
            let started = now_ms();
            (self.views).draw(ws, dpr, now, hover::marked_z(ws, self.probe_at))?;
            if ws.chart() == Chart::Loss {
                self.draw_loss(ws.lang(), s.curve())?;
            }
            self.chart_cost = now_ms() - started;
        }
        Ok(!(plot_due && chart_due))
    }
}

/// The loss chart's labels in `lang`.
fn loss_labels(lang: Lang) -> ChartLabels<'static> {
    ChartLabels {
        step: Msg::ChartStep.text(lang),
        train: Msg::TrainSeries.text(lang),
        heldout: Msg::HeldoutSeries.text(lang),
        accuracy: Msg::AccSeries.text(lang),
        heldout_accuracy: Msg::HeldoutAccSeries.text(lang),
    }
}

/// The device-pixel ratio (1 when unknown).
pub fn dpr() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|d| d.is_finite() && *d > 0.0)
        .unwrap_or(1.0)
}
