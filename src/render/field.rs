//! The decision field: class probabilities evaluated on a grid, painted into
//! an RGBA buffer at device resolution by bilinear interpolation, and the
//! boundary (where the two most likely classes tie) traced by marching squares.

use super::palette::class_rgb;
use crate::core::analysis::grid::{marching_squares, node, Domain};
use crate::core::model::Model;

/// Class probabilities on an `n × n` grid of nodes spanning the domain
/// (row 0 at the top, `y_max`; column 0 at the left, `x_min`).
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Nodes per side.
    pub n: usize,
    /// Classes per node.
    pub classes: usize,
    /// `n·n·classes` probabilities, node by node, row by row.
    pub probs: Vec<f64>,
    /// The data range the grid spans.
    pub domain: Domain,
}

impl Field {
    /// Evaluates `model`'s probabilities for `classes` classes on an `n × n` grid.
    pub fn evaluate(model: &dyn Model, classes: usize, domain: Domain, n: usize) -> Field {
        let n = n.max(2);
        let xs: Vec<f64> = (0..n)
            .map(|i| node(domain.x_min, domain.x_max, i, n))
            .collect();
        let ys: Vec<f64> = (0..n)
            .map(|i| node(domain.y_max, domain.y_min, i, n))
            .collect();
        let mut probs = vec![0.0; n * n * classes];
        model.probs_on_grid(&xs, &ys, classes, &mut probs);
        Field {
            n,
            classes,
            probs,
            domain,
        }
    }

    /// The probabilities at node `(row, col)`.
    pub fn at(&self, row: usize, col: usize) -> &[f64] {
        let at = (row * self.n + col) * self.classes;
        &self.probs[at..at + self.classes]
    }

    /// The colour of each node: the classes' colours mixed by probability,
    /// faded towards white where the model is unsure.
    pub fn node_colours(&self) -> Vec<[f32; 3]> {
        let k = self.classes as f64;
        (0..self.n * self.n)
            .map(|i| {
                let p = &self.probs[i * self.classes..(i + 1) * self.classes];
                let mut mix = [0.0f64; 3];
                let mut top = 0.0f64;
                for (c, &pc) in p.iter().enumerate() {
                    let rgb = class_rgb(c);
                    (0..3).for_each(|j| mix[j] += pc * rgb[j] as f64);
                    top = top.max(pc);
                }
                let confidence = ((top - 1.0 / k) / (1.0 - 1.0 / k)).clamp(0.0, 1.0);
                let s = 0.08 + 0.34 * confidence;
                [0, 1, 2].map(|j| (255.0 * (1.0 - s) + mix[j] * s) as f32)
            })
            .collect()
    }

    /// The field as `n × n` RGBA pixels (opaque), one per node, in the
    /// nodes' order (row 0 at the top): the page draws this small image
    /// scaled up by the browser, whose bilinear filter between pixel
    /// centres is [`Field::paint`]'s interpolation between nodes.
    pub fn paint_nodes(&self, out: &mut Vec<u8>) {
        out.clear();
        for c in self.node_colours() {
            out.extend(c.map(|v| (v.round() as u32).min(255) as u8));
            out.push(255);
        }
    }

    /// The number of nodes a side.
    pub fn nodes(&self) -> usize {
        self.n
    }

    /// Paints the field into `out` as `width × height` RGBA pixels (opaque),
    /// interpolating node colours bilinearly so any resolution looks smooth.
    /// Integer arithmetic in 8.8 fixed point, one 32-bit store per pixel.
    pub fn paint(&self, width: usize, height: usize, out: &mut Vec<u8>) {
        let n = self.n;
        let colours: Vec<[i32; 3]> = self
            .node_colours()
            .iter()
            .map(|c| c.map(|v| (v * 256.0) as i32))
            .collect();
        // Where a pixel falls between two nodes, the weight as 0..=256.
        let split = |(i, f): (usize, f64)| (i, (f * 256.0).round() as i32);
        // Per row: blend the two node rows once, then each pixel is one
        // horizontal blend of two colours.
        let mut blended = vec![[0i32; 3]; n];
        paint_grid(width, height, n, out, split, |line, (r, fy), cols| {
            let top = &colours[r * n..(r + 1) * n];
            let bottom = &colours[(r + 1) * n..(r + 2) * n];
            for ((b, t), u) in blended.iter_mut().zip(top).zip(bottom) {
                *b = [0, 1, 2].map(|c| t[c] + (((u[c] - t[c]) * fy) >> 8));
            }
            for (px, &(i, fx)) in line.chunks_exact_mut(4).zip(cols) {
                let (l, r) = (blended[i], blended[i + 1]);
                let ch = |c: usize| (((l[c] + (((r[c] - l[c]) * fx) >> 8)) + 128) >> 8) as u32;
                let word = ch(0) | (ch(1) << 8) | (ch(2) << 16) | 0xff00_0000;
                px.copy_from_slice(&word.to_le_bytes());
            }
        });
    }

    /// Segments `[x0, y0, x1, y1]` (data coordinates) of the decision
    /// boundary: the 0.5 contour for two classes, and for K classes the lines
    /// where a class stops being the most likely.
    pub fn boundary(&self) -> Vec<[f64; 4]> {
        let margin = |c: usize| -> Vec<f64> {
            (0..self.n * self.n)
                .map(|i| {
                    let p = &self.probs[i * self.classes..(i + 1) * self.classes];
                    let other = p
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| k != c)
                        .fold(0.0f64, |m, (_, &v)| m.max(v));
                    p[c] - other
                })
                .collect()
        };
        let which: Vec<usize> = if self.classes == 2 {
            vec![1]
        } else {
            (0..self.classes).collect()
        };
        which
            .into_iter()
            .flat_map(|c| marching_squares(&margin(c), self.n, &self.domain))
            .collect()
    }
}

/// Where pixel `p` of `size` falls on a grid of `n ≥ 2` nodes spanning the
/// same extent: the node cell `i` (between nodes `i` and `i + 1`) and the
/// fraction of the way across it, for bilinear interpolation.
pub fn grid_cell(p: usize, size: usize, n: usize) -> (usize, f64) {
    let last = (n - 1) as f64;
    let g = ((p as f64 + 0.5) / size as f64 * last).clamp(0.0, last);
    let i = (g as usize).min(n - 2);
    (i, g - i as f64)
}

/// Fills `out` with `width × height` opaque RGBA pixels over an `n × n`
/// node grid spanning the same extent. `cell` turns where a pixel falls
/// ([`grid_cell`]) into what the painter needs; `row(line, y, xs)` then
/// paints one line of pixels lying at `y`, given every column's `xs`.
pub fn paint_grid<C>(
    width: usize,
    height: usize,
    n: usize,
    out: &mut Vec<u8>,
    cell: impl Fn((usize, f64)) -> C,
    mut row: impl FnMut(&mut [u8], C, &[C]),
) {
    out.clear();
    out.resize(width * height * 4, 255);
    if width == 0 || height == 0 {
        return;
    }
    let cols: Vec<C> = (0..width).map(|px| cell(grid_cell(px, width, n))).collect();
    for (py, line) in out.chunks_exact_mut(width * 4).enumerate() {
        row(line, cell(grid_cell(py, height, n)), &cols);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::data::Task;
    use crate::core::model::{ModelKind, ModelSpec};

    fn logistic(w: [f64; 3]) -> Box<dyn Model> {
        let mut m = ModelSpec::new(ModelKind::Logistic).build(Task::Classification, 2, 1);
        m.set_params(&w).unwrap();
        m
    }

    #[test]
    fn boundary_of_a_line_lies_on_the_line() {
        // w·x + b = 0 with w = (1, -1), b = 0.5: the line y = x + 0.5.
        let m = logistic([1.0, -1.0, 0.5]);
        let f = Field::evaluate(m.as_ref(), 2, Domain::default(), 41);
        let segs = f.boundary();
        assert!(segs.len() > 20);
        for s in &segs {
            for (x, y) in [(s[0], s[1]), (s[2], s[3])] {
                assert!((y - (x + 0.5)).abs() < 0.35, "({x}, {y})");
            }
        }
    }

    #[test]
    fn paint_is_opaque_and_coloured_by_class() {
        let m = logistic([3.0, 0.0, 0.0]);
        let f = Field::evaluate(m.as_ref(), 2, Domain::default(), 20);
        let mut buf = Vec::new();
        f.paint(64, 48, &mut buf);
        assert_eq!(buf.len(), 64 * 48 * 4);
        assert!(buf.chunks(4).all(|p| p[3] == 255));
        // Left half leans to class 1 (orange: red > blue), right half to class 2 (blue).
        let left = &buf[(24 * 64 + 2) * 4..];
        let right = &buf[(24 * 64 + 61) * 4..];
        assert!(left[0] > left[2] && right[2] > right[0]);
    }

    #[test]
    fn one_pixel_per_node_is_the_paint_at_the_nodes() {
        let f = Field::evaluate(&*logistic([1.0, -1.0, 0.2]), 2, Domain::default(), 9);
        let mut small = Vec::new();
        f.paint_nodes(&mut small);
        assert_eq!(small.len(), 9 * 9 * 4);
        assert!(small.chunks(4).all(|p| p[3] == 255));
        // A large paint, at the pixels nearest the nodes, is the same colour.
        let (mut big, w) = (Vec::new(), 801);
        f.paint(w, w, &mut big);
        let at = |k: usize| {
            ((k * w) as f64 / 8.0 - 0.5)
                .round()
                .clamp(0.0, (w - 1) as f64) as usize
        };
        for (r, c) in [(0, 0), (0, 8), (4, 4), (8, 3), (8, 8), (2, 6)] {
            let s = &small[(r * 9 + c) * 4..][..4];
            let b = &big[(at(r) * w + at(c)) * 4..][..4];
            for k in 0..4 {
                assert!(
                    (s[k] as i32 - b[k] as i32).abs() <= 1,
                    "node ({r}, {c}): {s:?} vs {b:?}"
                );
            }
        }
    }

    #[test]
    fn grid_matches_the_exact_model() {
        let spec = ModelSpec {
            hidden: vec![6, 5],
            ..ModelSpec::new(ModelKind::Network)
        };
        for (classes, act) in [(2, "tanh"), (3, "sigmoid"), (2, "relu")] {
            let spec = ModelSpec {
                activation: crate::core::activation::Activation::from_id(act).unwrap(),
                ..spec.clone()
            };
            let m = spec.build(Task::Classification, classes, 9);
            let f = Field::evaluate(m.as_ref(), classes, Domain::default(), 17);
            let mut p = [0.0; 16];
            for (row, col) in [(0, 0), (3, 11), (16, 16), (8, 2)] {
                let x = -6.0 + 12.0 * col as f64 / 16.0;
                let y = 6.0 - 12.0 * row as f64 / 16.0;
                m.class_probs(x, y, classes, &mut p);
                for (grid, exact) in f.at(row, col).iter().zip(&p[..classes]) {
                    assert!((grid - exact).abs() < 1e-5, "{act} {row},{col}");
                }
            }
        }
    }

    #[test]
    fn three_classes_give_three_boundaries() {
        let m = ModelSpec::new(ModelKind::Softmax).build(Task::Classification, 3, 4);
        let f = Field::evaluate(m.as_ref(), 3, Domain::default(), 30);
        assert_eq!(f.at(0, 0).len(), 3);
        assert!((f.at(5, 7).iter().sum::<f64>() - 1.0).abs() < 1e-6);
        assert!(!f.boundary().is_empty());
    }
}
