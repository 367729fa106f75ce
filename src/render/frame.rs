//! The data plot's part of a frame, shared by the page and the benchmark so
//! that the bench times the frame users see: the field evaluated on a grid
//! and its boundary, the static layer (axes, points) only when what it shows
//! changed, the model layer (boundary, rings; SVG) when its markup changed,
//! and the field put under the plotting area.

use web_sys::{Element, HtmlCanvasElement};

use super::canvas::{self, Shown};
use super::field::Field;
use super::overlay::{last_batch, overlay, view_box, Overlay, PlotInput};
use super::plot::StaticLayer;
use super::svg_patch::changes;
use super::view::{Rect, View};
use crate::core::analysis::ood::ShiftedPoint;
use crate::core::data::Task;
use crate::core::session::Session;

/// Evaluation grid for the field: nodes per side.
pub const FIELD_GRID: usize = 100;

/// The three stacked canvases of the data plot.
pub struct PlotCanvases {
    /// The static layer (axes, grid, points); its page canvas takes the
    /// pointer.
    pub plot: Shown,
    /// The model layer (boundary, line, rings): an `<svg>` holding two
    /// `<g>`, the model's lines and the moving marks ([`Overlay`]).
    pub layer: Element,
    /// The probability field, under the plotting area.
    pub field: HtmlCanvasElement,
}

/// What the plot drew last, so a frame redraws only what changed.
#[derive(Default)]
pub struct PlotFrame {
    field_buf: Vec<u8>,
    boundary: Vec<[f64; 4]>,
    points: StaticLayer,
    /// What the field was drawn for: a hash of the parameters, K, size.
    field_key: Option<(u64, usize, u64, u64)>,
    view: Option<View>,
    /// The model layer as last set.
    layer: Layer,
    /// The line to draw instead of the model's (a transition), if any.
    pub line: Option<(f64, f64, f64)>,
    /// Ring the perceptron's misclassified points (not while playing).
    pub misses: bool,
    /// The keyboard cursor (data coordinates), drawn on the model layer.
    pub cursor: Option<(f64, f64)>,
    /// The point being dragged: off the static layer, on the model layer.
    pub lifted: Option<usize>,
    /// Where `w` is drawn from while its tip is turned.
    pub pivot: Option<(f64, f64)>,
    /// The shifted test points, on the model layer.
    pub shifted: Vec<ShiftedPoint>,
}

impl PlotFrame {
    /// The plotting area in CSS pixels, once drawn.
    pub fn view(&self) -> Option<View> {
        self.view
    }

    /// Forgets the static layer, so the next draw redraws it.
    pub fn invalidate(&mut self) {
        self.points.invalidate();
        self.field_key = None;
        self.layer = Layer::default();
    }

    /// Draws `s` onto `c` at `dpr`; the static canvas must already be
    /// sized to `css × css` (the model layer is sized here).
    pub fn draw(
        &mut self,
        c: &PlotCanvases,
        s: &Session,
        css: f64,
        dpr: f64,
    ) -> Result<View, String> {
        let task = s.settings().task;
        let classification = task == Task::Classification;
        let highlight = last_batch(s);

        // The field first (boundary segments come from it); kept as it is
        // while a point is dragged and the parameters and size stay (the
        // model is the same: only the lifted point moves).
        let mut field = None;
        let field_key = (
            s.model()
                .params()
                .iter()
                .fold(0u64, |h, p| (h ^ p.to_bits()).wrapping_mul(0x100_0000_01b3)),
            s.settings().classes,
            css.to_bits(),
            dpr.to_bits(),
        );
        let field_due =
            !classification || self.lifted.is_none() || self.field_key != Some(field_key);
        if field_due {
            self.boundary.clear();
            self.field_key = classification.then_some(field_key);
        }
        if classification && field_due {
            let f = Field::evaluate(
                s.model(),
                s.settings().classes,
                Default::default(),
                FIELD_GRID,
            );
            // Linear two-class models get their exact line w·x + b = 0 instead.
            if s.model().linear_boundary().is_none() {
                self.boundary = f.boundary();
            }
            field = Some(f);
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
            line: self.line,
            misses: self.misses,
            cursor: self.cursor,
            lifted: self.lifted,
            pivot: self.pivot,
            shifted: &self.shifted,
        };
        let st = s.settings();
        let key = [
            task as u64,
            st.holdout.to_bits(),
            st.seed,
            css.to_bits(),
            dpr.to_bits(),
        ];
        let (device, drawn) = self.points.draw(&c.plot.work, &input, key)?;
        if drawn {
            c.plot.present()?;
        }
        let view = css_view(device, dpr);
        self.view = Some(view);
        self.layer.set(&c.layer, &input, &view, css);

        if c.field.hidden() == classification {
            c.field.set_hidden(!classification);
        }
        if let Some(f) = field {
            // One pixel per node, scaled up by the browser: its bilinear
            // filter between pixel centres is the field's interpolation
            // between nodes, so it looks the same as painting every device
            // pixel (compare docs/field-*.png) for a hundredth of the pixels.
            // Pixel centres sit on the nodes, which span the plotting area:
            // the canvas reaches half a cell past it, clipped off.
            let n = f.nodes();
            let area = view.area;
            let (cw, ch) = (area.width / (n - 1) as f64, area.height / (n - 1) as f64);
            let (w, h) = (area.width + cw, area.height + ch);
            let style = c.field.style();
            let _ = style.set_property("left", &format!("{}px", area.left - cw / 2.0));
            let _ = style.set_property("top", &format!("{}px", area.top - ch / 2.0));
            let _ = style.set_property(
                "clip-path",
                &format!("inset({}px {}px)", ch / 2.0, cw / 2.0),
            );
            canvas::fit_pixels(&c.field, w, h, (n as u32, n as u32));
            f.paint_nodes(&mut self.field_buf);
            canvas::put_rgba(&c.field, &self.field_buf, n as u32, n as u32)?;
        }
        Ok(view)
    }
}

/// The model layer's markup as last set, and its size (CSS pixels).
#[derive(Default)]
struct Layer {
    overlay: Overlay,
    css: f64,
}

impl Layer {
    /// Sets the model layer's parts whose markup changed (a drag changes
    /// only the marks; a paused model, neither).
    fn set(&mut self, layer: &Element, input: &PlotInput, view: &View, css: f64) {
        if self.css != css {
            self.css = css;
            let _ = layer.set_attribute("width", &css.to_string());
            let _ = layer.set_attribute("height", &css.to_string());
            let _ = layer.set_attribute("viewBox", &view_box(css, css));
        }
        let next = overlay(input, view);
        let parts = [
            (
                layer.first_element_child(),
                &next.lines,
                &self.overlay.lines,
            ),
            (layer.last_element_child(), &next.marks, &self.overlay.marks),
        ];
        for (g, new, old) in parts {
            let Some(g) = g.filter(|_| new != old) else {
                continue;
            };
            // The same elements: set the values that changed; else build
            // the group again.
            let Some(list) = changes(old, new) else {
                g.set_inner_html(new);
                continue;
            };
            let mut kids = Vec::new();
            let mut kid = g.first_element_child();
            while let Some(k) = kid {
                kid = k.next_element_sibling();
                kids.push(k);
            }
            for (i, name, value) in list {
                if let Some(k) = kids.get(i) {
                    let _ = k.set_attribute(name, value);
                }
            }
        }
        self.overlay = next;
    }
}

/// An empty model layer (`<svg>` with its two `<g>`) for `doc`.
pub fn new_layer(doc: &web_sys::Document) -> Result<Element, String> {
    let svg = doc
        .create_element_ns(Some("http://www.w3.org/2000/svg"), "svg")
        .map_err(|_| "could not make the model layer".to_string())?;
    svg.set_inner_html("<g></g><g></g>");
    Ok(svg)
}

/// `device` (in device pixels) in CSS pixels.
fn css_view(device: View, dpr: f64) -> View {
    let a = device.area;
    View {
        area: Rect {
            left: a.left / dpr,
            top: a.top / dpr,
            width: a.width / dpr,
            height: a.height / dpr,
        },
        domain: device.domain,
    }
}
