//! The network diagram: a column of units per layer (the inputs, each hidden
//! layer, the outputs), each unit a small field of its own output over the
//! plane ([`UnitMaps`]), and a line per weight whose width grows with `|w|`,
//! blue and solid when `w > 0`, orange and dashed when `w < 0` (so the sign
//! does not rest on colour alone). The layout and the pixels are pure (and
//! tested natively); the canvas drawing exists only on wasm32.

use crate::core::activation::Activation;
use crate::core::analysis::unit_maps::UnitMaps;
use crate::core::model::{Dense, Head};

/// Colour of a positive weight or value (blue).
pub const POSITIVE: [u8; 3] = [33, 102, 172];
/// Colour of a negative weight or value (orange).
pub const NEGATIVE: [u8; 3] = [230, 97, 1];
/// Room left and right of the diagram for the inputs' and outputs' names (CSS px).
const MARGIN: f64 = 44.0;
/// Room above and below the columns (CSS px).
const PAD: f64 = 12.0;

/// One weight's line, from the right edge of unit `from` to the left edge of
/// unit `to` (CSS px).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// The weight's index among the model's parameters.
    pub param: usize,
    /// Weight layer (0 = inputs → first layer).
    pub layer: usize,
    /// Start point.
    pub from: (f64, f64),
    /// End point.
    pub to: (f64, f64),
}

/// Where every unit and link sits on the canvas, in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Width and height of the canvas.
    pub size: (f64, f64),
    /// Side of a unit's square.
    pub side: f64,
    /// Top-left corner of each unit, layer by layer (inputs first).
    pub units: Vec<Vec<(f64, f64)>>,
    /// Every weight, in parameter order within each layer.
    pub links: Vec<Link>,
}

impl Layout {
    /// The layout of `net` (its layers' widths) on a canvas `width` CSS
    /// pixels wide; its height follows the widest layer.
    pub fn new(net: &Dense, width: f64) -> Layout {
        let sizes = net.sizes();
        let most = sizes.iter().copied().max().unwrap_or(1).max(1) as f64;
        let height = (most * 26.0 + 2.0 * PAD).max(170.0);
        let side = ((height - 2.0 * PAD) / most - 6.0).clamp(12.0, 40.0);
        let cols = sizes.len() as f64;
        let span = (width - 2.0 * MARGIN - side).max(0.0);
        let units: Vec<Vec<(f64, f64)>> = sizes
            .iter()
            .enumerate()
            .map(|(l, &n)| {
                let x = MARGIN + span * l as f64 / (cols - 1.0).max(1.0);
                let gap = (height - 2.0 * PAD) / n as f64;
                (0..n)
                    .map(|u| (x, PAD + gap * (u as f64 + 0.5) - side / 2.0))
                    .collect()
            })
            .collect();
        let mut links = Vec::new();
        for (l, shape) in net.layers().iter().enumerate() {
            for j in 0..shape.outputs {
                for i in 0..shape.inputs {
                    let (a, b) = (units[l][i], units[l + 1][j]);
                    links.push(Link {
                        param: shape.w_offset + j * shape.inputs + i,
                        layer: l,
                        from: (a.0 + side, a.1 + side / 2.0),
                        to: (b.0, b.1 + side / 2.0),
                    });
                }
            }
        }
        Layout {
            size: (width, height),
            side,
            units,
            links,
        }
    }

    /// The unit under `(x, y)` as `(layer, unit)` (layer 0 = the inputs), with
    /// where in its square: `(0, 0)` bottom-left to `(1, 1)` top-right.
    pub fn unit_under(&self, x: f64, y: f64) -> Option<((usize, usize), (f64, f64))> {
        self.units.iter().enumerate().find_map(|(l, col)| {
            col.iter().enumerate().find_map(|(u, &(ux, uy))| {
                let (fx, fy) = ((x - ux) / self.side, 1.0 - (y - uy) / self.side);
                ((0.0..=1.0).contains(&fx) && (0.0..=1.0).contains(&fy))
                    .then_some(((l, u), (fx, fy)))
            })
        })
    }

    /// The link nearest `(x, y)` within `reach` CSS pixels.
    pub fn link_near(&self, x: f64, y: f64, reach: f64) -> Option<&Link> {
        let dist = |k: &Link| {
            let (dx, dy) = (k.to.0 - k.from.0, k.to.1 - k.from.1);
            let len2 = (dx * dx + dy * dy).max(1e-9);
            let t = (((x - k.from.0) * dx + (y - k.from.1) * dy) / len2).clamp(0.0, 1.0);
            (x - k.from.0 - t * dx).hypot(y - k.from.1 - t * dy)
        };
        self.links
            .iter()
            .map(|k| (dist(k), k))
            .filter(|(d, _)| *d <= reach)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k)
    }
}

/// What one unit's values are divided by to colour them: 1 for outputs
/// bounded by 1 (tanh, sigmoid, step, probabilities), else the largest `|v|`
/// of its map, so that an unbounded unit still shows its shape.
pub fn unit_scales(net: &Dense, maps: &UnitMaps) -> Vec<Vec<f32>> {
    let last = maps.sizes.len() - 1;
    (0..=last)
        .map(|l| {
            let bounded = match l {
                0 => false,
                l if l == last => net.head() != Head::Linear,
                _ => !matches!(net.activation(), Activation::Relu | Activation::Linear),
            };
            (0..maps.sizes[l])
                .map(|u| {
                    let most = maps.unit(l, u).iter().fold(0f32, |m, v| m.max(v.abs()));
                    if bounded {
                        1.0
                    } else {
                        most.max(1e-6)
                    }
                })
                .collect()
        })
        .collect()
}

/// The colour of value `t` in `[−1, 1]`: white at 0, blue towards 1, orange
/// towards −1.
pub fn value_rgb(t: f32) -> [u8; 3] {
    let t = t.clamp(-1.0, 1.0);
    let c = if t >= 0.0 { POSITIVE } else { NEGATIVE };
    let a = t.abs();
    c.map(|c| (255.0 + (c as f32 - 255.0) * a).round() as u8)
}

/// The diagram's pixels, `w × h` device pixels at `dpr` per CSS pixel: white,
/// with every unit's square filled from its map (nearest node, `x2` up).
pub fn paint(
    layout: &Layout,
    maps: &UnitMaps,
    scales: &[Vec<f32>],
    dpr: f64,
) -> (Vec<u8>, u32, u32) {
    let (w, h) = (
        (layout.size.0 * dpr).round().max(1.0) as usize,
        (layout.size.1 * dpr).round().max(1.0) as usize,
    );
    let mut rgba = vec![255u8; w * h * 4];
    let side = (layout.side * dpr).round().max(1.0) as usize;
    for (l, col) in layout.units.iter().enumerate() {
        for (u, &(x, y)) in col.iter().enumerate() {
            let (values, scale) = (maps.unit(l, u), scales[l][u]);
            let (x0, y0) = ((x * dpr).round() as usize, (y * dpr).round() as usize);
            for py in 0..side.min(h.saturating_sub(y0)) {
                let j = (maps.rows - 1) - (py * maps.rows / side).min(maps.rows - 1);
                for px in 0..side.min(w.saturating_sub(x0)) {
                    let i = (px * maps.cols / side).min(maps.cols - 1);
                    let [r, g, b] = value_rgb(values[j * maps.cols + i] / scale);
                    let at = ((y0 + py) * w + x0 + px) * 4;
                    rgba[at..at + 3].copy_from_slice(&[r, g, b]);
                }
            }
        }
    }
    (rgba, w as u32, h as u32)
}

#[cfg(target_arch = "wasm32")]
pub use self::drawing::draw_network;

#[cfg(target_arch = "wasm32")]
mod drawing {
    use wasm_bindgen::JsValue;
    use web_sys::HtmlCanvasElement;

    use super::{paint, Layout, NEGATIVE, POSITIVE};
    use crate::core::analysis::unit_maps::UnitMaps;
    use crate::render::canvas;

    fn css([r, g, b]: [u8; 3]) -> String {
        format!("rgb({r},{g},{b})")
    }

    /// Draws the diagram into `c` (sized for `layout` at `dpr`): the units'
    /// fields, a frame around each (thicker around `focus`), the weights
    /// `params` as links, and the names of the inputs (`names.0`) and
    /// outputs (`names.1`) beside them.
    #[allow(clippy::too_many_arguments)]
    pub fn draw_network(
        c: &HtmlCanvasElement,
        layout: &Layout,
        maps: &UnitMaps,
        scales: &[Vec<f32>],
        params: &[f64],
        names: (&[String], &[String]),
        focus: Option<(usize, usize)>,
        dpr: f64,
    ) -> Result<(), String> {
        let (rgba, w, h) = paint(layout, maps, scales, dpr);
        canvas::put_rgba(c, &rgba, w, h)?;
        let ctx = canvas::context(c)?;
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        let most = layout
            .links
            .iter()
            .map(|k| params[k.param].abs())
            .fold(1e-9, f64::max);
        let dash = js_sys::Array::of2(&JsValue::from(4.0), &JsValue::from(3.0));
        let solid = js_sys::Array::new();
        for k in &layout.links {
            let wgt = params[k.param];
            ctx.begin_path();
            ctx.set_line_width(0.6 + 3.4 * wgt.abs() / most);
            ctx.set_stroke_style_str(&css(if wgt < 0.0 { NEGATIVE } else { POSITIVE }));
            let _ = ctx.set_line_dash(if wgt < 0.0 { &dash } else { &solid });
            ctx.move_to(k.from.0, k.from.1);
            ctx.line_to(k.to.0, k.to.1);
            ctx.stroke();
        }
        let _ = ctx.set_line_dash(&solid);
        let s = layout.side;
        ctx.set_font("11px system-ui, sans-serif");
        ctx.set_fill_style_str("rgb(40,44,52)");
        for (l, col) in layout.units.iter().enumerate() {
            for (u, &(x, y)) in col.iter().enumerate() {
                let on = focus == Some((l, u));
                ctx.set_line_width(if on { 2.5 } else { 1.0 });
                ctx.set_stroke_style_str(if on {
                    "rgb(20,20,20)"
                } else {
                    "rgb(150,150,150)"
                });
                ctx.stroke_rect(x, y, s, s);
                let name = match l {
                    0 => names.0.get(u),
                    l if l + 1 == layout.units.len() => names.1.get(u),
                    _ => None,
                };
                if let Some(name) = name {
                    let left = l == 0;
                    ctx.set_text_align(if left { "right" } else { "left" });
                    let tx = if left { x - 4.0 } else { x + s + 4.0 };
                    let _ = ctx.fill_text(name, tx, y + s / 2.0 + 4.0);
                }
            }
        }
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        Ok(())
    }
}
