//! Plots of an activation function `f(z)` and its derivative `f'(z)` for
//! `z ∈ [−6, 6]`, as used by a unit `y = f(w·x + b)`.
//!
//! The derivative is what backpropagation multiplies by: where `f'(z)` is
//! near 0 (sigmoid and tanh far from 0, ReLU for `z < 0`, the step function
//! everywhere) the unit learns slowly or not at all. Jumps (the step at
//! `z = 0`, ReLU's derivative) are drawn as jumps, with a filled dot at the
//! value taken at the jump and open dots at the one-sided limits.

use crate::core::activation::Activation;
use crate::core::analysis::grid::node;
use crate::core::model::Head;

/// The plots cover `z ∈ [−Z_MAX, Z_MAX]`.
pub const Z_MAX: f64 = 6.0;
/// Points sampled across the whole range (odd, so `z = 0` is one of them).
pub const SAMPLES: usize = 241;

/// A discontinuity of a curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Jump {
    /// Where it is.
    pub z: f64,
    /// The value taken at `z`.
    pub value: f64,
    /// The limits from the left and from the right.
    pub limits: (f64, f64),
}

/// One function sampled over the range, split into continuous pieces.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    /// Continuous pieces of `(z, value)` points, left to right.
    pub pieces: Vec<Vec<[f64; 2]>>,
    /// Where the function jumps.
    pub jumps: Vec<Jump>,
}

/// `f` and `f'` of an activation, ready to plot.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivationCurves {
    /// The function plotted.
    pub activation: Activation,
    /// `f(z)`.
    pub f: Curve,
    /// `f'(z)` (0 where the function is flat or has no derivative, as training uses it).
    pub df: Curve,
    /// The value range to show: both curves, 0 and 1, with a margin.
    pub y_range: (f64, f64),
}

impl ActivationCurves {
    /// Samples `f(z)` ([`Activation::apply`]) and `f'(z)`
    /// ([`Activation::derivative`]`(z, f(z))`) at `samples` points (at least
    /// 3) over `[−Z_MAX, Z_MAX]`, splitting a curve where it jumps at `z = 0`
    /// (the only place any of the app's activations can).
    pub fn compute(act: Activation, samples: usize) -> ActivationCurves {
        let f = move |z: f64| act.apply(z);
        let df = move |z: f64| act.derivative(z, act.apply(z));
        let f = sample(f, samples);
        let df = sample(df, samples);
        let (lo, hi) = f
            .pieces
            .iter()
            .chain(&df.pieces)
            .flatten()
            .map(|p| p[1])
            .filter(|v| v.is_finite())
            .fold((0.0f64, 1.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let pad = 0.1 * (hi - lo);
        ActivationCurves {
            activation: act,
            f,
            df,
            y_range: (lo - pad, hi + pad),
        }
    }
}

fn sample(g: impl Fn(f64) -> f64, samples: usize) -> Curve {
    let n = samples.max(3);
    let zs: Vec<f64> = (0..n).map(|k| node(-Z_MAX, Z_MAX, k, n)).collect();
    let eps = 1e-9;
    let (left, right, at) = (g(-eps), g(eps), g(0.0));
    if (left - right).abs() <= 1e-6 {
        return Curve {
            pieces: vec![zs.iter().map(|&z| [z, g(z)]).collect()],
            jumps: Vec::new(),
        };
    }
    let mut before: Vec<[f64; 2]> = zs
        .iter()
        .filter(|&&z| z < 0.0)
        .map(|&z| [z, g(z)])
        .collect();
    before.push([0.0, left]);
    let mut after = vec![[0.0, right]];
    after.extend(zs.iter().filter(|&&z| z > 0.0).map(|&z| [z, g(z)]));
    Curve {
        pieces: vec![before, after],
        jumps: vec![Jump {
            z: 0.0,
            value: at,
            limits: (left, right),
        }],
    }
}

/// The function an output head applies to its score `z`, for plotting:
/// step, sigmoid, or identity; a softmax is shown as its two-class case,
/// `p₂ = e^(z₂) / (e^(z₁) + e^(z₂)) = σ(z₂ − z₁)`, a sigmoid of the score difference.
pub fn output_activation(head: Head) -> Activation {
    match head {
        Head::Step => Activation::Step,
        Head::Sigmoid | Head::Softmax => Activation::Sigmoid,
        Head::Linear => Activation::Linear,
    }
}

/// The formula of `f`, in notation both languages share.
pub fn formula(act: Activation) -> &'static str {
    match act {
        Activation::Step => "f(z) = 1 if z > 0, else 0",
        Activation::Sigmoid => "σ(z) = 1 / (1 + e^(−z))",
        Activation::Tanh => "tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z))",
        Activation::Relu => "ReLU(z) = max(0, z)",
        Activation::Linear => "f(z) = z",
    }
}

/// Labels of the activation plot, in the page's language.
#[derive(Clone, Copy, Debug)]
pub struct ActivationLabels<'a> {
    /// The x axis (`z`, the weighted sum `w·x + b`).
    pub z: &'a str,
    /// The function's legend entry (e.g. `f(z)`).
    pub f: &'a str,
    /// The derivative's legend entry (e.g. `f'(z)`).
    pub df: &'a str,
}

#[cfg(target_arch = "wasm32")]
pub use self::drawing::{draw_activation, draw_output};

#[cfg(target_arch = "wasm32")]
mod drawing {
    use plotters::element::DashedPathElement;
    use plotters::prelude::*;
    use web_sys::HtmlCanvasElement;

    use super::{output_activation, ActivationCurves, ActivationLabels, Curve, SAMPLES, Z_MAX};
    use crate::core::activation::Activation;
    use crate::core::analysis::grid::Domain;
    use crate::core::model::Head;
    use crate::render::format::fixed;
    use crate::render::kit::{
        domain_chart, draw_key, err, tick_label, white_view, Chart, KeyEntry, INK,
    };

    const F: RGBColor = RGBColor(41, 114, 196);
    const DF: RGBColor = RGBColor(230, 126, 34);
    const MARK: RGBColor = RGBColor(200, 45, 60);

    /// Draws `f(z)` (solid blue) and, over it, `f'(z)` (dashed orange) of `act` over
    /// `z ∈ [−6, 6]` into `canvas` (already sized with
    /// [`crate::render::canvas::fit`] for `dpr`), with a legend; a jump is
    /// drawn as a dotted riser with a filled dot at the value taken and open
    /// dots at the limits. `mark` is a score `z` to mark on `f(z)` (the one
    /// under the plot's pointer): a dotted riser and a dot, labelled.
    pub fn draw_activation(
        canvas: &HtmlCanvasElement,
        act: Activation,
        dpr: f64,
        labels: &ActivationLabels,
        mark: Option<f64>,
    ) -> Result<(), String> {
        let curves = ActivationCurves::compute(act, SAMPLES);
        let (root, px, width, font) = white_view(canvas, dpr)?;
        let (lo, hi) = curves.y_range;
        let d = Domain::new((-Z_MAX, Z_MAX), (lo, hi));
        let mut chart = domain_chart(&root, &d, dpr, 6.0, (30.0, 38.0))?;
        chart
            .configure_mesh()
            .x_labels(7)
            .y_labels(5)
            .x_desc(labels.z)
            .label_style(font.clone())
            .axis_desc_style(font.clone())
            .bold_line_style(INK.mix(0.07))
            .light_line_style(TRANSPARENT)
            .axis_style(ShapeStyle::from(INK.mix(0.6)).stroke_width(width(1.0)))
            .x_label_formatter(&|v| fixed(*v, 0))
            .y_label_formatter(&|v| tick_label(*v, hi - lo))
            .draw()
            .map_err(err)?;
        // The axes z = 0 and value 0.
        let axis = INK.mix(0.35).stroke_width(width(1.0));
        chart
            .draw_series([
                PathElement::new(vec![(-Z_MAX, 0.0), (Z_MAX, 0.0)], axis),
                PathElement::new(vec![(0.0, lo), (0.0, hi)], axis),
            ])
            .map_err(err)?;

        let f_style = F.stroke_width(width(2.5));
        chart
            .draw_series(curves.f.pieces.iter().map(|p| {
                PathElement::new(p.iter().map(|q| (q[0], q[1])).collect::<Vec<_>>(), f_style)
            }))
            .map_err(err)?;
        let df_style = DF.stroke_width(width(2.0));
        let (dash, gap) = (px(6.0).max(2), px(4.0).max(2));
        chart
            .draw_series(curves.df.pieces.iter().map(|p| {
                DashedPathElement::new(p.iter().map(|q| (q[0], q[1])), dash, gap, df_style)
            }))
            .map_err(err)?;
        draw_jumps(&mut chart, &curves.f, F, dpr)?;
        draw_jumps(&mut chart, &curves.df, DF, dpr)?;
        if let Some(z) = mark.filter(|z| z.is_finite()) {
            let at = z.clamp(-Z_MAX, Z_MAX);
            let f = act.apply(at);
            let (dot, riser) = (px(3.0).max(1), MARK.stroke_width(width(1.5)));
            chart
                .draw_series([DashedPathElement::new(
                    vec![(at, lo), (at, f)],
                    dot,
                    dot,
                    riser,
                )])
                .map_err(err)?;
            chart
                .draw_series([Circle::new((at, f), px(4.5), MARK.filled())])
                .map_err(err)?;
            let text = format!("z = {}", fixed(z, 2));
            chart
                .draw_series([Text::new(text, (at, f), font.clone().color(&MARK))])
                .map_err(err)?;
        }
        let key = [
            KeyEntry {
                label: labels.f,
                colour: F,
                width: (2.5 * dpr).max(1.0),
                dash: None,
            },
            KeyEntry {
                label: labels.df,
                colour: DF,
                width: (2.0 * dpr).max(1.0),
                dash: Some(((dash / 2) as f64, (gap / 2) as f64)),
            },
        ];
        draw_key(canvas, &chart, &key, dpr, false, 0.85)?;
        root.present().map_err(err)?;
        Ok(())
    }

    fn draw_jumps(
        chart: &mut Chart,
        curve: &Curve,
        colour: RGBColor,
        dpr: f64,
    ) -> Result<(), String> {
        let r = (3.5 * dpr).round().max(2.0) as i32;
        let ring = colour.stroke_width((1.5 * dpr).max(1.0) as u32);
        for j in &curve.jumps {
            let (a, b) = j.limits;
            chart
                .draw_series([DashedPathElement::new(
                    vec![(j.z, a), (j.z, b)],
                    (2.0 * dpr).max(1.0) as i32,
                    (3.0 * dpr).max(1.0) as i32,
                    colour.mix(0.7).stroke_width(dpr.max(1.0) as u32),
                )])
                .map_err(err)?;
            for limit in [a, b] {
                if limit != j.value {
                    chart
                        .draw_series([
                            Circle::new((j.z, limit), r, WHITE.filled()),
                            Circle::new((j.z, limit), r, ring),
                        ])
                        .map_err(err)?;
                }
            }
            chart
                .draw_series([Circle::new((j.z, j.value), r, colour.filled())])
                .map_err(err)?;
        }
        Ok(())
    }

    /// Draws the function of an output `head` as [`draw_activation`] does
    /// (see [`output_activation`]: a softmax is drawn as its two-class sigmoid).
    pub fn draw_output(
        canvas: &HtmlCanvasElement,
        head: Head,
        dpr: f64,
        labels: &ActivationLabels,
    ) -> Result<(), String> {
        draw_activation(canvas, output_activation(head), dpr, labels, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Activation; 5] = [
        Activation::Step,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Linear,
    ];

    #[test]
    fn smooth_functions_are_one_piece_of_their_values() {
        for act in [Activation::Sigmoid, Activation::Tanh, Activation::Linear] {
            let c = ActivationCurves::compute(act, 41);
            assert_eq!(c.f.pieces.len(), 1, "{act:?}");
            assert_eq!(c.df.pieces.len(), 1, "{act:?}");
            assert!(c.f.jumps.is_empty() && c.df.jumps.is_empty());
            let f = &c.f.pieces[0];
            assert_eq!(f.len(), 41);
            assert_eq!(f[0][0], -Z_MAX);
            assert_eq!(f[40][0], Z_MAX);
            assert!(f.iter().any(|p| p[0] == 0.0));
            for (p, q) in f.iter().zip(&c.df.pieces[0]) {
                assert_eq!(p[1], act.apply(p[0]));
                assert_eq!(q[1], act.derivative(q[0], act.apply(q[0])));
            }
        }
        let s = ActivationCurves::compute(Activation::Sigmoid, SAMPLES);
        let peak = s.df.pieces[0].iter().map(|p| p[1]).fold(0.0, f64::max);
        assert!((peak - 0.25).abs() < 1e-12, "σ'(0) = 1/4");
    }

    #[test]
    fn the_step_jumps_at_zero() {
        let c = ActivationCurves::compute(Activation::Step, SAMPLES);
        assert_eq!(c.f.pieces.len(), 2);
        assert_eq!(
            c.f.jumps,
            vec![Jump {
                z: 0.0,
                value: 0.0,
                limits: (0.0, 1.0)
            }]
        );
        assert!(c.f.pieces[0].iter().all(|p| p[1] == 0.0 && p[0] <= 0.0));
        assert!(c.f.pieces[1].iter().all(|p| p[1] == 1.0 && p[0] >= 0.0));
        assert_eq!(*c.f.pieces[0].last().unwrap(), [0.0, 0.0]);
        assert_eq!(c.f.pieces[1][0], [0.0, 1.0]);
        // Its derivative, as training uses it, is 0 everywhere.
        assert_eq!(c.df.pieces.len(), 1);
        assert!(c.df.pieces[0].iter().all(|p| p[1] == 0.0));
    }

    #[test]
    fn relu_is_continuous_but_its_derivative_jumps() {
        let c = ActivationCurves::compute(Activation::Relu, SAMPLES);
        assert_eq!(c.f.pieces.len(), 1);
        assert_eq!(c.df.jumps.len(), 1);
        assert_eq!(c.df.jumps[0].limits, (0.0, 1.0));
        assert_eq!(c.df.jumps[0].value, 0.0);
    }

    #[test]
    fn ranges_hold_both_curves() {
        for act in ALL {
            let c = ActivationCurves::compute(act, SAMPLES);
            let (lo, hi) = c.y_range;
            assert!(lo < 0.0 && hi > 1.0, "{act:?}");
            for p in c.f.pieces.iter().chain(&c.df.pieces).flatten() {
                assert!(p[1] > lo && p[1] < hi, "{act:?} {p:?}");
            }
            assert!(!formula(act).is_empty());
        }
        let (lo, hi) = ActivationCurves::compute(Activation::Tanh, 11).y_range;
        assert!((lo + 1.2).abs() < 1e-3 && (hi - 1.2).abs() < 1e-3);
    }

    #[test]
    fn output_heads_map_to_their_functions() {
        assert_eq!(output_activation(Head::Sigmoid), Activation::Sigmoid);
        assert_eq!(output_activation(Head::Step), Activation::Step);
        assert_eq!(output_activation(Head::Linear), Activation::Linear);
        assert_eq!(output_activation(Head::Softmax), Activation::Sigmoid);
    }
}
