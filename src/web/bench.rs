//! Benchmark harness exported to `bench.html` (see `cargo xtask bench`).
//!
//! [`Bench`] holds the benchmark network — a 2-8-8-1 tanh network with a
//! sigmoid output, trained on seeded "circles" data with batch 10 and
//! η = 0.03, the app's defaults for a network — and exposes each piece of
//! work the page times: an epoch through [`Session::step`] (exactly what Play
//! does), an epoch of the bare engine, the field grid, painting it, and a
//! whole animation frame. It also hands out the initial weights, the points,
//! the sample order and the loss after every step, so that the JavaScript
//! reference in `www/bench/playground_nn.js` can replay the very same updates
//! and its loss curve can be checked against ours.

use std::hint::black_box;

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlCanvasElement};

use crate::core::data::{Dataset, Preset, Task};
use crate::core::model::{Model, ModelKind, Table};
use crate::core::session::{Session, Settings};
use crate::render::canvas::{self, Shown};
use crate::render::charts::{draw_loss, ChartLabels};
use crate::render::field::Field;
use crate::render::frame::new_layer;
use crate::render::frame::{PlotCanvases, PlotFrame};
use crate::render::overlay::{last_batch, overlay, PlotInput};
use crate::render::plot::draw_plot;
use crate::render::view::{Domain, Rect, View};

/// Noise level of the benchmark data.
const NOISE: f64 = 0.2;
/// [`Bench::epoch`] restarts the session after this many epochs.
pub const RESTART_EPOCHS: usize = 100;

/// A bench failure as a JavaScript value (bench-only: errors in English).
fn js_err(e: impl std::fmt::Debug) -> JsValue {
    JsValue::from_str(&format!("{e:?}"))
}

/// The benchmark network and the buffers its measurements reuse.
#[wasm_bindgen]
pub struct Bench {
    /// The app's path: a session, trained through `Session::step`.
    session: Session,
    /// The bare engine: the same network (same initial weights) trained by
    /// `Dense::loss_grad` + plain SGD, with no history, curve or checks.
    engine: Box<dyn Model>,
    /// The session's points as the engine's input rows and targets.
    table: Table,
    /// Sample order of the engine's epochs: the session's first epoch.
    order: Vec<usize>,
    grad: Vec<f64>,
    field: Option<Field>,
    rgba: Vec<u8>,
    boundary: Vec<[f64; 4]>,
    /// The model layer under the plot (the app's `#model-layer`).
    model_layer: Option<Element>,
    /// The page's plot drawing and its caches.
    plot_frame: PlotFrame,
    /// The static layer's canvas as the page shows it (drawn off the page).
    plot: Option<Shown>,
}

/// The loss chart's labels in the bench page.
const CHART_LABELS: ChartLabels<'static> = ChartLabels {
    step: "step",
    train: "training",
    heldout: "held-out",
    accuracy: "training accuracy",
    heldout_accuracy: "held-out accuracy",
};

/// The benchmark settings: the app's network defaults (hidden [8, 8], tanh,
/// sigmoid output, η = 0.03, batch 10, no momentum or L2) with `seed`.
fn settings(seed: u32) -> Settings {
    let mut s = Settings::for_model(Task::Classification, ModelKind::Network);
    s.model.hidden = vec![8, 8];
    s.learning_rate = 0.03;
    s.batch_size = 10;
    s.momentum = 0.0;
    s.l2 = 0.0;
    s.holdout = 0.0;
    s.seed = u64::from(seed);
    s
}

fn dataset(points: usize, seed: u32) -> Dataset {
    Preset::Circles.generate(points, NOISE, u64::from(seed))
}

#[wasm_bindgen]
impl Bench {
    /// The benchmark network on `points` seeded "circles" samples (noise
    /// 0.2); `seed` seeds both the data and the initial weights.
    #[wasm_bindgen(constructor)]
    pub fn new(points: usize, seed: u32) -> Result<Bench, JsValue> {
        let settings = settings(seed);
        let data = dataset(points, seed);
        let session = Session::new(settings.clone(), data.clone()).map_err(js_err)?;
        let engine = settings
            .model
            .build(settings.task, session.settings().classes, settings.seed);
        // The engine trains in the order the session uses in its first epoch,
        // read from the updates of a throw-away session.
        let mut probe = Session::new(settings, data).map_err(js_err)?;
        let mut order = Vec::with_capacity(points);
        for _ in 0..steps_per_epoch(&probe) {
            let update = probe.step().map_err(js_err)?;
            order.extend_from_slice(&update.samples);
        }
        let grad = vec![0.0; engine.params().len()];
        let mut table = Table::default();
        engine.encode_points(&session.data().points, &mut table);
        Ok(Bench {
            session,
            engine,
            table,
            order,
            grad,
            field: None,
            rgba: Vec::new(),
            boundary: Vec::new(),
            model_layer: None,
            plot_frame: PlotFrame::default(),
            plot: None,
        })
    }

    // ----- what the page times -----

    /// One epoch the way Play trains: `ceil(n / batch)` calls of
    /// `Session::step` (forward + backward + SGD, plus what every step also
    /// does: the undo history, the loss curve, the update's description and
    /// the divergence check). Returns the number of steps made.
    ///
    /// The session restarts (Reset) once it has trained [`RESTART_EPOCHS`]
    /// epochs, so every call is timed as in the first epochs of a session:
    /// the loss curve thins out as training goes on, which makes later
    /// epochs cheaper, and repeated calls would drift towards that.
    pub fn epoch(&mut self) -> Result<u32, JsValue> {
        let steps = steps_per_epoch(&self.session);
        if self.session.step_count() >= (RESTART_EPOCHS * steps) as u64 {
            self.session.reset();
        }
        self.session
            .run(steps)
            .map_err(|(_, e)| js_err(e))
            .map(|n| n as u32)
    }

    /// One epoch of the bare engine on the same network: per batch of 10,
    /// `Dense::loss_grad` on the encoded rows (backpropagation, mean
    /// gradient over the batch) and
    /// `w ← w − η·g`. This is the work the JavaScript reference's epoch does.
    /// Returns the mean loss of the last batch.
    #[wasm_bindgen(js_name = engineEpoch)]
    pub fn engine_epoch(&mut self) -> f64 {
        let lr = self.session.settings().learning_rate;
        let batch = self.session.settings().batch_size;
        let mut loss = 0.0;
        for chunk in self.order.chunks(batch) {
            let rows = self.table.rows().pick(chunk);
            loss = self.engine.net().loss_grad(rows, &mut self.grad);
            let params = self.engine.net_mut().params_mut();
            for (w, g) in params.iter_mut().zip(&self.grad) {
                *w -= lr * g;
            }
        }
        loss
    }

    /// Evaluates the field (class probabilities) of the session's model on
    /// an `n × n` grid, as the app does before painting. Returns the
    /// probability of class 2 at the centre node.
    pub fn grid(&mut self, n: usize) -> f64 {
        let s = &self.session;
        let f = Field::evaluate(s.model(), s.settings().classes, Domain::default(), n);
        let centre = f.at(f.n / 2, f.n / 2)[1];
        self.field = Some(f);
        centre
    }

    /// The decision boundary of the last grid by marching squares; returns
    /// the number of segments.
    pub fn boundary(&mut self) -> usize {
        self.boundary = self.field.as_ref().map(Field::boundary).unwrap_or_default();
        self.boundary.len()
    }

    /// Paints the last grid into an RGBA buffer of `width × height` pixels
    /// (bilinear interpolation; no canvas involved). Returns the first byte.
    #[wasm_bindgen(js_name = paintBuffer)]
    pub fn paint_buffer(&mut self, width: usize, height: usize) -> u8 {
        if let Some(f) = &self.field {
            f.paint(width, height, &mut self.rgba);
        }
        self.rgba.first().copied().unwrap_or(0)
    }

    /// Paints the last grid into `canvas`, sized `css × css` CSS pixels at
    /// `dpr` device pixels per CSS pixel: the RGBA buffer plus `putImageData`,
    /// as the app paints its field.
    pub fn paint(&mut self, canvas: &HtmlCanvasElement, css: f64, dpr: f64) -> Result<(), JsValue> {
        let field = self.field.as_ref().ok_or("call grid() before paint()")?;
        let (w, h) = canvas::fit(canvas, css, css, dpr);
        field.paint(w as usize, h as usize, &mut self.rgba);
        canvas::put_rgba(canvas, &self.rgba, w, h).map_err(js_err)
    }

    /// One animation frame while playing, through the page's own drawing
    /// code (`render::frame::PlotFrame`, which `web::screen` calls) minus the
    /// DOM text panels: `steps` calls of `Session::step` (the app's default
    /// speed is 5), the metrics behind the readouts, the field on a 100×100
    /// grid and its boundary, the static layer when it changed, the model
    /// layer (boundary, last batch ringed), the field painted at device
    /// resolution under the plot area, and the loss chart. `plot` is sized
    /// `css × css`, the chart `css × 150`, at `dpr`.
    pub fn frame(
        &mut self,
        plot: &HtmlCanvasElement,
        field_canvas: &HtmlCanvasElement,
        chart: &HtmlCanvasElement,
        css: f64,
        dpr: f64,
        steps: usize,
    ) -> Result<(), JsValue> {
        self.session.run(steps).map_err(|(_, e)| js_err(e))?;
        black_box(self.session.metrics());
        let shown = shown(&mut self.plot, plot);
        shown.fit(css, css, dpr);
        canvas::fit(chart, css, 150.0, dpr);
        let layer = model_layer(&mut self.model_layer, plot)?;
        let canvases = PlotCanvases {
            plot: shown,
            layer,
            field: field_canvas.clone(),
        };
        let view = self
            .plot_frame
            .draw(&canvases, &self.session, css, dpr)
            .map_err(js_err)?;
        let a = view.area;
        let _ = plot.set_attribute(
            "data-area",
            &format!("{},{},{},{}", a.left, a.top, a.width, a.height),
        );
        draw_loss(chart, self.session.curve(), dpr, &CHART_LABELS).map_err(js_err)
    }

    /// The metrics behind the readouts (loss and accuracy over every
    /// point); returns the loss.
    pub fn metrics(&self) -> f64 {
        self.session.metrics().loss
    }

    /// The model layer of a frame alone: its SVG markup (boundary of the
    /// last [`Bench::frame`]/grid, the last batch ringed) built and set into
    /// the bench's layer next to `plot` (sized `css × css`). The static
    /// layer (axes, every point) is drawn only when the data or size
    /// changes; [`Bench::points_layer`] times it.
    pub fn overlay(&mut self, plot: &HtmlCanvasElement, css: f64, dpr: f64) -> Result<(), JsValue> {
        let layer = model_layer(&mut self.model_layer, plot)?;
        let s = &self.session;
        let highlight = last_batch(s);
        let input = PlotInput {
            boundary: &self.boundary,
            highlight: &highlight,
            ..PlotInput::new(s, dpr)
        };
        let view = self.plot_frame.view().unwrap_or(View {
            area: Rect {
                left: 0.0,
                top: 0.0,
                width: css,
                height: css,
            },
            domain: Domain::default(),
        });
        let markup = overlay(&input, &view);
        if let Some(g) = layer.first_element_child() {
            g.set_inner_html(&markup.lines);
        }
        Ok(())
    }

    /// The static plot layer alone (axes, grid and every point) drawn
    /// whole and shown (its raster included), as when the size or many
    /// points change: `plot` sized `css × css` at `dpr`.
    pub fn points_layer(
        &mut self,
        plot: &HtmlCanvasElement,
        css: f64,
        dpr: f64,
    ) -> Result<(), JsValue> {
        let shown = shown(&mut self.plot, plot);
        shown.fit(css, css, dpr);
        let input = PlotInput::new(&self.session, dpr);
        draw_plot(&shown.work, &input).map_err(js_err)?;
        shown.present().map_err(js_err)
    }

    /// The loss chart alone, as in a frame: `chart` sized `css × 150` at `dpr`.
    pub fn chart(&mut self, chart: &HtmlCanvasElement, css: f64, dpr: f64) -> Result<(), JsValue> {
        canvas::fit(chart, css, 150.0, dpr);
        draw_loss(chart, self.session.curve(), dpr, &CHART_LABELS).map_err(js_err)
    }

    /// Up to `n` more steps through `Session::step` (the memory test);
    /// returns how many were made.
    pub fn run(&mut self, n: usize) -> Result<u32, JsValue> {
        self.session
            .run(n)
            .map(|n| n as u32)
            .map_err(|(_, e)| js_err(e))
    }

    // ----- what the JavaScript reference needs to replay the same updates -----

    /// Units per layer, input side first: `[2, 8, 8, 1]`.
    pub fn sizes(&self) -> Vec<u32> {
        self.session
            .model()
            .net()
            .sizes()
            .iter()
            .map(|&s| s as u32)
            .collect()
    }

    /// The session model's parameters: per layer, `W` row-major (one row per
    /// output unit, one column per input) followed by `b`.
    pub fn params(&self) -> Vec<f64> {
        self.session.model().params().to_vec()
    }

    /// The engine's parameters, in the same layout as [`Bench::params`].
    #[wasm_bindgen(js_name = engineParams)]
    pub fn engine_params(&self) -> Vec<f64> {
        self.engine.params().to_vec()
    }

    /// Every sample as `x1, x2, label` (label 0 or 1), flat.
    pub fn points(&self) -> Vec<f64> {
        self.session
            .data()
            .points
            .iter()
            .flat_map(|p| [p.x, p.y, p.class as f64])
            .collect()
    }

    /// The sample order of the engine's epochs (dataset indices; batches are
    /// consecutive runs of `batchSize`).
    pub fn order(&self) -> Vec<u32> {
        self.order.iter().map(|&i| i as u32).collect()
    }

    /// Learning rate `η`.
    #[wasm_bindgen(js_name = learningRate)]
    pub fn learning_rate(&self) -> f64 {
        self.session.settings().learning_rate
    }

    /// Samples per update.
    #[wasm_bindgen(js_name = batchSize)]
    pub fn batch_size(&self) -> usize {
        self.session.settings().batch_size
    }

    /// Updates per epoch, `ceil(n / batch)`.
    #[wasm_bindgen(js_name = stepsPerEpoch)]
    pub fn steps_per_epoch(&self) -> usize {
        steps_per_epoch(&self.session)
    }

    /// Mean loss of the session's model over the training samples.
    pub fn loss(&self) -> f64 {
        self.session.metrics().loss
    }

    /// Makes `steps` session steps and returns, per step, the training loss
    /// after it, the batch size and the batch's dataset indices, flat:
    /// `[loss, len, i1 … i_len, loss, len, …]`.
    pub fn trace(&mut self, steps: usize) -> Result<Vec<f64>, JsValue> {
        let mut out = Vec::new();
        for _ in 0..steps {
            let samples = self.session.step().map_err(js_err)?.samples.clone();
            out.push(self.session.metrics().loss);
            out.push(samples.len() as f64);
            out.extend(samples.iter().map(|&i| i as f64));
        }
        Ok(out)
    }
}

fn steps_per_epoch(s: &Session) -> usize {
    s.train_indices()
        .len()
        .div_ceil(s.settings().batch_size)
        .max(1)
}

/// Size of the wasm linear memory in bytes (`memory.size × 64 KiB`). It
/// only ever grows, so it is the high-water mark of the heap.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    (::core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// The model layer of the bench, made once next to `plot`.
/// The bench's static layer on `plot`, made on first use.
fn shown(slot: &mut Option<Shown>, plot: &HtmlCanvasElement) -> Shown {
    slot.get_or_insert_with(|| Shown::new(plot.clone())).clone()
}

fn model_layer(slot: &mut Option<Element>, plot: &HtmlCanvasElement) -> Result<Element, JsValue> {
    if let Some(c) = slot {
        return Ok(c.clone());
    }
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let c = new_layer(&doc).map_err(js_err)?;
    if let Some(parent) = plot.parent_node() {
        parent.insert_before(&c, Some(plot))?;
    }
    *slot = Some(c.clone());
    Ok(c)
}
