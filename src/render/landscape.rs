//! Drawing the loss landscape (a [`Landscape`], computed in core): the
//! losses shaded from light (low) to dark (high), contour lines, the
//! training path and the current point.

use super::field::paint_grid;
use crate::core::analysis::landscape::Landscape;

/// Paints `land`'s shading into `out` as `width × height` opaque RGBA pixels
/// covering its window, the shade interpolated bilinearly between nodes
/// (light = low loss, dark = high).
pub fn paint(land: &Landscape, width: usize, height: usize, out: &mut Vec<u8>) {
    let n = land.n;
    let shades = land.shades();
    let at = |r: usize, c: usize| shades[r * n + c];
    paint_grid(
        width,
        height,
        n,
        out,
        |c| c,
        |line, (r, fy), cols| {
            for (px, &(c, fx)) in line.chunks_exact_mut(4).zip(cols) {
                let top = at(r, c) + (at(r, c + 1) - at(r, c)) * fx;
                let bottom = at(r + 1, c) + (at(r + 1, c + 1) - at(r + 1, c)) * fx;
                let rgb = ramp(top + (bottom - top) * fy);
                px[..3].copy_from_slice(&rgb);
            }
        },
    );
}

/// The colour of shade `t ∈ [0, 1]`: near-white for low loss through blue to
/// dark navy for high loss.
pub fn ramp(t: f64) -> [u8; 3] {
    const STOPS: [[f64; 3]; 4] = [
        [250.0, 251.0, 253.0],
        [170.0, 205.0, 230.0],
        [70.0, 130.0, 190.0],
        [20.0, 50.0, 105.0],
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let g = t * (STOPS.len() - 1) as f64;
    let k = (g as usize).min(STOPS.len() - 2);
    let f = g - k as f64;
    [0, 1, 2].map(|c| (STOPS[k][c] + (STOPS[k + 1][c] - STOPS[k][c]) * f + 0.5) as u8)
}

/// Labels of the landscape view, in the page's language.
#[derive(Clone, Copy, Debug)]
pub struct LandscapeLabels<'a> {
    /// The colour scale's name ("loss").
    pub loss: &'a str,
    /// Appended to it when the scale is logarithmic ("log scale").
    pub log_scale: &'a str,
    /// The training path's legend entry.
    pub path: &'a str,
    /// The current point's legend entry.
    pub current: &'a str,
}

#[cfg(target_arch = "wasm32")]
pub use self::drawing::draw_landscape;

#[cfg(target_arch = "wasm32")]
mod drawing {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    use web_sys::HtmlCanvasElement;

    use super::{paint, ramp, Landscape, LandscapeLabels};
    use crate::render::canvas::put_rgba_at;
    use crate::render::format::fixed;
    use crate::render::kit::{domain_chart, draw_domain_axes, err, white_view, INK};
    use crate::render::view::Rect;

    const PATH: RGBColor = RGBColor(230, 126, 34);
    const NOW: RGBColor = RGBColor(200, 45, 60);

    fn number(v: f64) -> String {
        match v.abs() {
            a if a != 0.0 && !(1e-3..1e4).contains(&a) => format!("{v:.1e}"),
            a if a >= 100.0 => fixed(v, 0),
            a if a >= 1.0 => fixed(v, 2),
            _ => fixed(v, 3),
        }
    }

    /// Draws `land` into `canvas` (already sized with
    /// [`crate::render::canvas::fit`] for `dpr`): the loss shaded from light
    /// (low) to dark (high) with a colour bar, contour lines, the training
    /// path, the current point, and axes named after the two parameters.
    /// Returns the plotting area in device pixels (it shows `land.domain`).
    pub fn draw_landscape(
        canvas: &HtmlCanvasElement,
        land: &Landscape,
        dpr: f64,
        labels: &LandscapeLabels,
    ) -> Result<Rect, String> {
        let (root, px, width, font) = white_view(canvas, dpr)?;
        let d = land.domain;
        let mut chart = domain_chart(&root, &d, dpr, 24.0, (34.0, 48.0))?;

        // The shading, put straight into the plotting area's pixels.
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let (w, h) = ((xr.end - xr.start).max(0), (yr.end - yr.start).max(0));
        let area = Rect {
            left: xr.start as f64,
            top: yr.start as f64,
            width: w as f64,
            height: h as f64,
        };
        if w > 0 && h > 0 {
            let mut rgba = Vec::new();
            paint(land, w as usize, h as usize, &mut rgba);
            let (x, y) = (xr.start as f64, yr.start as f64);
            put_rgba_at(canvas, &rgba, w as u32, h as u32, x, y)?;
        }

        let names = (land.names.0.as_str(), land.names.1.as_str());
        draw_domain_axes(&mut chart, &d, names, WHITE.mix(0.25), &font, width(1.0))?;

        // Contours: dark on the light part of the map, light on the dark part.
        for (_, t, segs) in land.contours(6) {
            let style = if t < 0.55 {
                INK.mix(0.35).stroke_width(width(1.0))
            } else {
                WHITE.mix(0.55).stroke_width(width(1.0))
            };
            chart
                .draw_series(
                    segs.iter()
                        .map(|s| PathElement::new(vec![(s[0], s[1]), (s[2], s[3])], style)),
                )
                .map_err(err)?;
        }

        // The path: a white halo under an orange line, a ring at the start.
        let path: Vec<(f64, f64)> = land.path.iter().map(|p| (p[0], p[1])).collect();
        if path.len() > 1 {
            chart
                .draw_series([
                    PathElement::new(path.clone(), WHITE.mix(0.8).stroke_width(width(4.0))),
                    PathElement::new(path.clone(), PATH.stroke_width(width(2.0))),
                ])
                .map_err(err)?;
            chart
                .draw_series([Circle::new(path[0], px(3.5), PATH.stroke_width(width(2.0)))])
                .map_err(err)?;
        }
        let now = (land.current[0], land.current[1]);
        chart
            .draw_series([
                Circle::new(now, px(5.5), WHITE.filled()),
                Circle::new(now, px(4.0), NOW.filled()),
            ])
            .map_err(err)?;

        // Top strip: legend on the left, colour bar on the right.
        let top = px(12.0);
        let left = px(8.0);
        root.draw(&PathElement::new(
            vec![(left, top), (left + px(18.0), top)],
            PATH.stroke_width(width(2.0)),
        ))
        .map_err(err)?;
        let text = font.pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(
            labels.path,
            (left + px(22.0), top),
            text.clone(),
        ))
        .map_err(err)?;
        let path_w = root
            .estimate_text_size(labels.path, &text)
            .map_or(0, |(w, _)| w as i32);
        let after_path = left + px(30.0) + path_w;
        root.draw(&Circle::new((after_path, top), px(4.0), NOW.filled()))
            .map_err(err)?;
        root.draw(&Text::new(
            labels.current,
            (after_path + px(8.0), top),
            text.clone(),
        ))
        .map_err(err)?;

        let (cw, _) = root.dim_in_pixel();
        let bar_w = px(70.0);
        let right = cw as i32 - px(12.0);
        let max_text = number(land.scale.max);
        let max_w = root
            .estimate_text_size(&max_text, &text)
            .map_or(0, |(w, _)| w as i32);
        let bar_right = right - max_w - px(4.0);
        let bar_left = bar_right - bar_w;
        let slices = 35;
        for k in 0..slices {
            let x0 = bar_left + bar_w * k / slices;
            let x1 = bar_left + bar_w * (k + 1) / slices;
            let [r, g, b] = ramp((k as f64 + 0.5) / slices as f64);
            root.draw(&Rectangle::new(
                [(x0, top - px(5.0)), (x1, top + px(5.0))],
                RGBColor(r, g, b).filled(),
            ))
            .map_err(err)?;
        }
        root.draw(&Rectangle::new(
            [(bar_left, top - px(5.0)), (bar_left + bar_w, top + px(5.0))],
            INK.mix(0.4).stroke_width(width(1.0)),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            max_text,
            (bar_right + px(4.0), top),
            text.clone(),
        ))
        .map_err(err)?;
        let low = if land.scale.log {
            land.scale.floor
        } else {
            land.scale.min
        };
        let name = if land.scale.log {
            format!("{} ({}) {}", labels.loss, labels.log_scale, number(low))
        } else {
            format!("{} {}", labels.loss, number(low))
        };
        root.draw(&Text::new(
            name,
            (bar_left - px(4.0), top),
            font.pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
        root.present().map_err(err)?;
        Ok(area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::{Preset, Task};
    use crate::core::model::ModelKind;
    use crate::core::session::Session;

    #[test]
    fn paint_is_opaque_and_lighter_where_the_loss_is_lower() {
        let data = Preset::Overlapping.generate(80, 0.3, 2);
        let mut s = Session::with_model(Task::Classification, ModelKind::Logistic, data);
        s.run(60).unwrap();
        let l = Landscape::compute(&s, 0, 1, 24);
        let mut buf = Vec::new();
        paint(&l, 50, 40, &mut buf);
        assert_eq!(buf.len(), 50 * 40 * 4);
        assert!(buf.chunks(4).all(|p| p[3] == 255));
        paint(&l, 0, 40, &mut buf);
        assert!(buf.is_empty());
        let lum = |p: &[u8]| p[0] as u32 + p[1] as u32 + p[2] as u32;
        assert!(lum(&ramp(0.0)) > lum(&ramp(0.5)) && lum(&ramp(0.5)) > lum(&ramp(1.0)));
        assert_eq!(ramp(f64::NAN), ramp(1.0));
    }
}
