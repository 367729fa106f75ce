//! Drawing the hidden space (a
//! [`HiddenView`](crate::core::analysis::hidden::HiddenView), computed in
//! core): the input grid as the last hidden layer bends it, the output's
//! decision line, and every sample.

use super::view::clip;
use crate::core::analysis::grid::Domain;

/// The parts of polyline `points` inside `domain`, each as a list of points
/// (a line leaving and re-entering the box gives several parts).
pub fn clip_polyline(points: &[[f64; 2]], domain: &Domain) -> Vec<Vec<(f64, f64)>> {
    let mut parts: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut open = false;
    for w in points.windows(2) {
        let seg = [w[0][0], w[0][1], w[1][0], w[1][1]];
        match clip(seg, domain) {
            Some(c) => {
                let start = (c[0], c[1]);
                let continues = open && parts.last().and_then(|p| p.last()) == Some(&start);
                if !continues {
                    parts.push(vec![start]);
                }
                parts.last_mut().expect("just pushed").push((c[2], c[3]));
                // The run goes on only if this segment ended inside.
                open = c[2] == seg[2] && c[3] == seg[3];
            }
            None => open = false,
        }
    }
    parts
}

/// Labels of the hidden-space view, in the page's language.
#[derive(Clone, Copy, Debug)]
pub struct HiddenLabels<'a> {
    /// Prefix of a unit's axis name, followed by its 1-based number (`h` → `h3`).
    pub unit: &'a str,
}

#[cfg(target_arch = "wasm32")]
pub use self::drawing::draw_hidden;

#[cfg(target_arch = "wasm32")]
mod drawing {
    use plotters::element::DashedPathElement;
    use plotters::prelude::*;
    use web_sys::HtmlCanvasElement;

    use super::{clip_polyline, HiddenLabels};
    use crate::core::analysis::hidden::HiddenView;
    use crate::core::data::Task;
    use crate::render::kit::{domain_chart, draw_domain_axes, draw_marks, err, white_view, INK};
    use crate::render::view::line_in_domain;

    /// Draws `view` into `canvas` (already sized with
    /// [`crate::render::canvas::fit`] for `dpr`): the warped input grid in
    /// light grey (the images of the lines `x1 = 0` and `x2 = 0` darker), the
    /// output's decision line when there is one, and every sample coloured by
    /// class; the axes are named after the chosen units (`h1`, `h3`, …).
    pub fn draw_hidden(
        canvas: &HtmlCanvasElement,
        view: &HiddenView,
        dpr: f64,
        labels: &HiddenLabels,
    ) -> Result<(), String> {
        let (root, px, width, font) = white_view(canvas, dpr)?;
        let d = view.range;
        let x_name = format!("{}{}", labels.unit, view.units.0 + 1);
        let y_name = if view.width == 1 {
            String::new()
        } else {
            format!("{}{}", labels.unit, view.units.1 + 1)
        };
        let mut chart = domain_chart(&root, &d, dpr, 6.0, (34.0, 44.0))?;
        let names = (x_name.as_str(), y_name.as_str());
        draw_domain_axes(&mut chart, &d, names, INK.mix(0.06), &font, width(1.0))?;

        // The warped grid: the other lines first, the axes' images on top.
        let light = RGBColor(200, 203, 208).stroke_width(width(1.0));
        let axis = RGBColor(140, 145, 152).stroke_width(width(1.5));
        let on_axis = |k: usize| view.grid.get(k).is_some_and(|g| g.abs() < 1e-9);
        let mut plain = Vec::new();
        let mut axes = Vec::new();
        for (k, line) in view.lines_x1.iter().enumerate() {
            let target = if on_axis(k) { &mut axes } else { &mut plain };
            target.extend(clip_polyline(line, &d));
        }
        for (k, line) in view.lines_x2.iter().enumerate() {
            let is_axis = view.task == Task::Regression || on_axis(k);
            let target = if is_axis { &mut axes } else { &mut plain };
            target.extend(clip_polyline(line, &d));
        }
        chart
            .draw_series(plain.into_iter().map(|p| PathElement::new(p, light)))
            .map_err(err)?;
        chart
            .draw_series(axes.into_iter().map(|p| PathElement::new(p, axis)))
            .map_err(err)?;

        if let Some([w1, w2, b]) = view.boundary {
            if let Some(s) = line_in_domain(w1, w2, b, &d) {
                chart
                    .draw_series([DashedPathElement::new(
                        vec![(s[0], s[1]), (s[2], s[3])],
                        px(6.0),
                        px(4.0),
                        INK.stroke_width(width(2.0)),
                    )])
                    .map_err(err)?;
            }
        }

        let r = px(4.0).max(2);
        let inside =
            |h: [f64; 2]| h[0] >= d.x_min && h[0] <= d.x_max && h[1] >= d.y_min && h[1] <= d.y_max;
        let regression = view.task == Task::Regression;
        let widths = (width(2.0), width(1.5));
        let samples = view
            .points
            .iter()
            .filter(|p| inside(p.h))
            .map(|p| ((p.h[0], p.h[1]), p.class, p.heldout))
            .collect::<Vec<_>>();
        draw_marks(canvas, &chart, &samples, r, regression, widths)?;
        root.present().map_err(err)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polylines_are_clipped_into_parts() {
        let d = Domain {
            x_min: -1.0,
            x_max: 1.0,
            y_min: -1.0,
            y_max: 1.0,
        };
        // In, out, back in.
        let line = [[-0.5, 0.0], [0.5, 0.0], [2.0, 0.0], [0.5, 0.5], [0.0, 0.5]];
        let parts = clip_polyline(&line, &d);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], vec![(-0.5, 0.0), (0.5, 0.0), (1.0, 0.0)]);
        assert_eq!(parts[1][0].0, 1.0);
        assert_eq!(*parts[1].last().unwrap(), (0.0, 0.5));
        assert_eq!(parts[1].len(), 3);
        assert!(clip_polyline(&[[5.0, 5.0], [6.0, 6.0]], &d).is_empty());
        assert!(clip_polyline(&[[0.0, 0.0]], &d).is_empty());
    }
}
