//! The chart kit every chart file draws with: the ink colour, tick labels,
//! the white drawing area with its device-pixel helpers and label font, the
//! frame and axes of a chart over a
//! [`Domain`](crate::core::analysis::grid::Domain), the samples' marks, and
//! the legend box. Chart files import this; it imports no chart file.

use super::format::fixed;

/// A tick label for `v` on an axis spanning `span`: enough decimals to tell
/// apart ticks about `span / 5` apart (`0.5`, `-1.0`, `0.265`, `40`), and
/// `e` notation once the axis reaches `10⁵`.
pub fn tick_label(v: f64, span: f64) -> String {
    let span = span.abs();
    if v.is_finite() && v.abs().max(span) >= 1e5 {
        return format!("{v:.1e}");
    }
    let step = (span / 5.0).max(1e-9);
    let decimals = (-step.log10()).ceil().clamp(0.0, 6.0) as usize;
    fixed(v, decimals)
}

#[cfg(target_arch = "wasm32")]
pub use self::drawing::*;

#[cfg(target_arch = "wasm32")]
mod drawing {
    use plotters::coord::types::RangedCoordf64;
    use plotters::coord::Shift;
    use plotters::prelude::*;
    use plotters_canvas::CanvasBackend;
    use web_sys::HtmlCanvasElement;

    use super::tick_label;
    use crate::core::analysis::grid::Domain;
    use crate::render::palette::{mark_paint, Shape, CLASS_SHAPES, INK_RGB};

    /// The colour of text, axes and lines on every chart.
    pub const INK: RGBColor = RGBColor(INK_RGB[0], INK_RGB[1], INK_RGB[2]);

    /// A whole canvas to draw on.
    pub type Root = DrawingArea<CanvasBackend, Shift>;
    /// A chart with `f64` axes on a canvas.
    pub type Chart<'a> =
        ChartContext<'a, CanvasBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

    /// A drawing error as the console shows it (one copy for every chart).
    #[inline(never)]
    pub fn err<E: std::fmt::Debug>(e: E) -> String {
        format!("drawing failed: {e:?}")
    }

    /// The drawing area of a whole canvas.
    pub fn area(canvas: &HtmlCanvasElement) -> Result<Root, String> {
        Ok(CanvasBackend::with_canvas_object(canvas.clone())
            .ok_or("no canvas backend")?
            .into_drawing_area())
    }

    /// What every small chart starts from, at device-pixel ratio `dpr`: the
    /// canvas's drawing area filled white; CSS pixels to device pixels (`px`)
    /// and to a line width of at least 1 (`width`); the 11 px label font.
    #[allow(clippy::type_complexity)]
    pub fn white_view(
        canvas: &HtmlCanvasElement,
        dpr: f64,
    ) -> Result<
        (
            Root,
            impl Fn(f64) -> i32,
            impl Fn(f64) -> u32,
            TextStyle<'static>,
        ),
        String,
    > {
        let root = area(canvas)?;
        root.fill(&WHITE).map_err(err)?;
        let px = move |v: f64| (v * dpr).round() as i32;
        let width = move |v: f64| (v * dpr).max(1.0) as u32;
        let font = (FontFamily::SansSerif, 11.0 * dpr).into_font().color(&INK);
        Ok((root, px, width, font))
    }

    /// A chart over `d` on `root` in the small charts' frame, sized in CSS
    /// pixels at device-pixel ratio `dpr`: 6 px margins, `top` px on top and
    /// 12 px on the right; label areas `x_area` px high and `y_area` px wide.
    pub fn domain_chart<'a>(
        root: &'a Root,
        d: &Domain,
        dpr: f64,
        top: f64,
        (x_area, y_area): (f64, f64),
    ) -> Result<Chart<'a>, String> {
        let px = |v: f64| (v * dpr).round() as i32;
        ChartBuilder::on(root)
            .margin(px(6.0))
            .margin_top(px(top))
            .margin_right(px(12.0))
            .x_label_area_size(px(x_area))
            .y_label_area_size(px(y_area))
            .build_cartesian_2d(d.x_min..d.x_max, d.y_min..d.y_max)
            .map_err(err)
    }

    /// The axes of a small chart over the domain `d`: five ticks a side
    /// labelled by [`tick_label`], the axes named `names`, a faint grid in
    /// `grid`, axis lines `axis_width` device pixels wide.
    pub fn draw_domain_axes(
        chart: &mut Chart,
        d: &Domain,
        names: (&str, &str),
        grid: RGBAColor,
        font: &TextStyle,
        axis_width: u32,
    ) -> Result<(), String> {
        chart
            .configure_mesh()
            .x_labels(5)
            .y_labels(5)
            .x_desc(names.0)
            .y_desc(names.1)
            .label_style(font.clone())
            .axis_desc_style(font.clone())
            .bold_line_style(grid)
            .light_line_style(TRANSPARENT)
            .axis_style(ShapeStyle::from(INK.mix(0.6)).stroke_width(axis_width))
            .x_label_formatter(&|v| tick_label(*v, d.x_max - d.x_min))
            .y_label_formatter(&|v| tick_label(*v, d.y_max - d.y_min))
            .draw()
            .map_err(err)
    }

    /// A sample to mark: where, its class, and whether it is held out.
    pub type Sample = ((f64, f64), usize, bool);

    /// Marks `samples` on `chart` (drawn on `canvas`), about `r` device px
    /// in radius: each in its class's shape ([`class_shape`]; every one a
    /// dot in regression) and colour (ink in regression), outlined in white
    /// `outline` px wide or, held out, white outlined in that colour `ring`
    /// px wide. One canvas path per class and kind, filled and stroked once:
    /// cheaper than a path per mark.
    pub fn draw_marks(
        canvas: &HtmlCanvasElement,
        chart: &Chart,
        samples: &[Sample],
        r: i32,
        regression: bool,
        (ring, outline): (u32, u32),
    ) -> Result<(), String> {
        let ctx = crate::render::canvas::context(canvas)?;
        let classes = if regression { 1 } else { CLASS_SHAPES.len() };
        let r = r as f64;
        for k in 0..classes {
            for held in [false, true] {
                let (shape, fill, edge) = mark_paint(k, held, regression);
                ctx.begin_path();
                let mut any = false;
                let ours =
                    (samples.iter()).filter(|s| s.2 == held && (regression || s.1 % classes == k));
                for &(at, _, _) in ours {
                    let (x, y) = chart.backend_coord(&at);
                    let (x, y) = (x as f64, y as f64);
                    any = true;
                    if shape == Shape::Circle {
                        ctx.move_to(x + r, y);
                        let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
                        continue;
                    }
                    let corners = shape.outline();
                    ctx.move_to(x + corners[0].0 * r, y + corners[0].1 * r);
                    for &(dx, dy) in &corners[1..] {
                        ctx.line_to(x + dx * r, y + dy * r);
                    }
                    ctx.close_path();
                }
                if !any {
                    continue;
                }
                let width = if held { ring } else { outline };
                ctx.set_fill_style_str(&fill);
                ctx.fill();
                ctx.set_stroke_style_str(&edge);
                ctx.set_line_width(width as f64);
                ctx.stroke();
            }
        }
        Ok(())
    }

    /// One row of a chart's key: the series' label, colour, line width in
    /// device pixels and, for a dashed series, its dash and gap.
    pub struct KeyEntry<'a> {
        /// What the series is.
        pub label: &'a str,
        /// Its line colour.
        pub colour: RGBColor,
        /// Its line width, device pixels.
        pub width: f64,
        /// Dash and gap in device pixels, for a dashed series.
        pub dash: Option<(f64, f64)>,
    }

    /// The key of `chart` (drawn on `canvas`) in the top `right` (else left)
    /// corner of its plotting area: a line sample and the label per row,
    /// 11 px text at `dpr`, on white at opacity `background` with a faint
    /// ink border. Drawn straight on the canvas: one box, no plotters legend.
    pub fn draw_key(
        canvas: &HtmlCanvasElement,
        chart: &Chart,
        entries: &[KeyEntry],
        dpr: f64,
        right: bool,
        background: f64,
    ) -> Result<(), String> {
        let ctx = crate::render::canvas::context(canvas)?;
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let (pad, sample, row) = (6.0 * dpr, 16.0 * dpr, 15.0 * dpr);
        ctx.set_font(&format!("{}px sans-serif", 11.0 * dpr));
        let text = entries
            .iter()
            .map(|e| ctx.measure_text(e.label).map_or(0.0, |m| m.width()))
            .fold(0.0, f64::max);
        let (w, h) = (
            3.0 * pad + sample + text,
            2.0 * pad + row * entries.len() as f64,
        );
        let x0 = if right {
            xs.end as f64 - pad - w
        } else {
            xs.start as f64 + pad
        };
        let y0 = ys.start as f64 + pad;
        ctx.set_fill_style_str(&format!("rgba(255,255,255,{background})"));
        ctx.fill_rect(x0, y0, w, h);
        ctx.set_stroke_style_str(&ink(0.2));
        ctx.set_line_width(dpr.max(1.0));
        ctx.stroke_rect(x0, y0, w, h);
        ctx.set_text_baseline("middle");
        ctx.set_text_align("left");
        for (i, e) in entries.iter().enumerate() {
            let y = y0 + pad + row * (i as f64 + 0.5);
            let colour = format!("rgb({},{},{})", e.colour.0, e.colour.1, e.colour.2);
            let dash = js_sys::Array::new();
            if let Some((on, off)) = e.dash {
                dash.push(&on.into());
                dash.push(&off.into());
            }
            let _ = ctx.set_line_dash(&dash);
            ctx.begin_path();
            ctx.move_to(x0 + pad, y);
            ctx.line_to(x0 + pad + sample, y);
            ctx.set_stroke_style_str(&colour);
            ctx.set_line_width(e.width);
            ctx.stroke();
            ctx.set_fill_style_str(&ink(1.0));
            let _ = ctx.fill_text(e.label, x0 + 2.0 * pad + sample, y);
        }
        let _ = ctx.set_line_dash(&js_sys::Array::new());
        Ok(())
    }

    /// The frame of a line chart: 6 ticks on x and 5 on y labelled by
    /// `x` and `y`, the axes named `names`, faint grid lines.
    pub fn line_mesh(
        chart: &mut Chart,
        names: [&str; 2],
        font: TextStyle,
        x: &dyn Fn(&f64) -> String,
        y: &dyn Fn(&f64) -> String,
    ) -> Result<(), String> {
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(5)
            .x_desc(names[0])
            .y_desc(names[1])
            .label_style(font.clone())
            .axis_desc_style(font)
            .bold_line_style(INK.mix(0.08))
            .light_line_style(TRANSPARENT)
            .x_label_formatter(x)
            .y_label_formatter(y)
            .draw()
            .map_err(err)
    }

    /// A 2 px line of class colour `k` through `pts` with a dot of `dot`
    /// CSS px at each point, at device-pixel ratio `dpr`; its key row.
    pub fn dotted_series<'a>(
        chart: &mut Chart,
        pts: &[(f64, f64)],
        k: usize,
        dot: f64,
        dpr: f64,
        label: &'a str,
    ) -> Result<KeyEntry<'a>, String> {
        let [r, g, b] = crate::render::palette::class_rgb(k);
        let colour = RGBColor(r, g, b);
        let width = (2.0 * dpr).max(1.0);
        chart
            .draw_series(LineSeries::new(
                pts.iter().copied(),
                colour.stroke_width(width as u32),
            ))
            .map_err(err)?;
        let dot = (dot * dpr).round() as i32;
        chart
            .draw_series(pts.iter().map(|&q| Circle::new(q, dot, colour.filled())))
            .map_err(err)?;
        Ok(KeyEntry {
            label,
            colour,
            width,
            dash: None,
        })
    }

    /// [`INK`] at `alpha` as a CSS colour.
    pub fn ink(alpha: f64) -> String {
        format!("rgba({},{},{},{alpha})", INK.0, INK.1, INK.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_fit_the_span() {
        assert_eq!(tick_label(0.5, 2.3), "0.5");
        assert_eq!(tick_label(-1.0, 2.3), "-1.0");
        assert_eq!(tick_label(0.265, 0.01), "0.265");
        assert_eq!(tick_label(0.27, 0.03), "0.270");
        assert_eq!(tick_label(40.0, 60.0), "40");
        assert_eq!(tick_label(-0.0, 7.0), "0");
        assert_eq!(tick_label(2e5, 4e5), "2.0e5");
        assert_eq!(tick_label(f64::NAN, 1.0), "–");
    }
}
