//! Where the embedding plane puts each character, and which characters get
//! a text label: every character is a dot at its embedding; labels go on
//! greedily, the context's characters first and then the most frequent in
//! the text, each only where it overlaps no label already placed (127
//! characters of Tang poems, all labelled, were one unreadable cluster).
//! Pure: computed and tested natively; `embedding.rs` draws it.

use crate::core::lm::plane::principal_plane;
use crate::core::lm::session::LmSession;

/// Margin around the points, as a share of their spread.
const MARGIN: f64 = 0.15;

/// Where each of the `V` characters sits in the plane drawn.
pub fn token_points(s: &LmSession) -> Vec<[f64; 2]> {
    let (e, d) = s.sequence_model().embeddings();
    let v = s.vocab().len();
    principal_plane(&e[..v * d], d)
}

/// The box `[x0, x1] × [y0, y1]` around `points`, with a margin.
pub fn bounds(points: &[[f64; 2]]) -> [f64; 4] {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in points
        .iter()
        .filter(|p| p[0].is_finite() && p[1].is_finite())
    {
        x0 = x0.min(p[0]);
        x1 = x1.max(p[0]);
        y0 = y0.min(p[1]);
        y1 = y1.max(p[1]);
    }
    if x0 > x1 {
        return [-1.0, 1.0, -1.0, 1.0];
    }
    let (dx, dy) = ((x1 - x0).max(1e-3), (y1 - y0).max(1e-3));
    [
        x0 - MARGIN * dx,
        x1 + MARGIN * dx,
        y0 - MARGIN * dy,
        y1 + MARGIN * dy,
    ]
}

/// The labels' size in CSS pixels for `v` characters: 14 up to 40, down
/// to 11 for 130 and more.
pub fn label_px(v: usize) -> f64 {
    (14.0 - v.saturating_sub(40) as f64 / 30.0).clamp(11.0, 14.0)
}

/// The plane as drawn on a `w × h` canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The box of embedding space shown, `[x0, x1, y0, y1]`.
    pub bounds: [f64; 4],
    /// Each character's place, in canvas pixels.
    pub at: Vec<(f64, f64)>,
    /// True for the characters that get a text label (the rest: a dot).
    pub labelled: Vec<bool>,
    /// A label's side in canvas pixels.
    pub size: f64,
}

/// Which of the marks at `at` get a label `size` pixels square, taken in
/// `order`: each only where it overlaps no label placed before it.
pub fn place(at: &[(f64, f64)], order: &[usize], size: f64) -> Vec<bool> {
    let mut on = vec![false; at.len()];
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for &i in order {
        let Some(&(x, y)) = at.get(i) else { continue };
        let free = placed
            .iter()
            .all(|&(px, py)| (px - x).abs() >= size || (py - y).abs() >= size);
        if free && x.is_finite() && y.is_finite() {
            on[i] = true;
            placed.push((x, y));
        }
    }
    on
}

/// The plane of `s` on a canvas `w × h` pixels at `dpr`, the characters
/// of `context` labelled first, then the most frequent in the text.
pub fn layout(s: &LmSession, context: &[u32], w: f64, h: f64, dpr: f64) -> Layout {
    let points = token_points(s);
    let b = bounds(&points);
    let [x0, x1, y0, y1] = b;
    let at: Vec<(f64, f64)> = points
        .iter()
        .map(|p| ((p[0] - x0) / (x1 - x0) * w, (y1 - p[1]) / (y1 - y0) * h))
        .collect();
    let v = points.len();
    let mut count = vec![0usize; v];
    for &t in s.tokens() {
        if let Some(c) = count.get_mut(t as usize) {
            *c += 1;
        }
    }
    // The context's characters, then the rest by count (the first of
    // equals first), picked one by one: V is at most 400, and a sort would
    // bring 14 KB of generic code into the page.
    let mut order: Vec<usize> = (0..v).filter(|&i| context.contains(&(i as u32))).collect();
    let mut left: Vec<usize> = (0..v).filter(|i| !order.contains(i)).collect();
    while !left.is_empty() {
        let k = (0..left.len()).fold(0, |b, k| {
            if count[left[k]] > count[left[b]] {
                k
            } else {
                b
            }
        });
        order.push(left.remove(k));
    }
    let size = label_px(v) * dpr;
    let labelled = place(&at, &order, size);
    Layout {
        bounds: b,
        at,
        labelled,
        size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_go_where_no_other_label_is() {
        let at = [
            (10.0, 10.0),
            (15.0, 12.0),
            (40.0, 10.0),
            (12.0, 30.0),
            (41.0, 11.0),
        ];
        // In order: 0 placed; 1 overlaps 0; 2 placed; 3 is 20 px below 0; 4 overlaps 2.
        assert_eq!(
            place(&at, &[0, 1, 2, 3, 4], 14.0),
            [true, false, true, true, false]
        );
        // Another order, another choice: the first asked wins.
        assert_eq!(
            place(&at, &[1, 0, 4, 2, 3], 14.0),
            [false, true, false, true, true]
        );
        assert!(label_px(10) == 14.0 && label_px(400) == 11.0);
    }
}
