//! Samples as the engine takes them: input rows `x` (a row-major matrix, one
//! row of `width` values per sample) and one target `Y` per row — a class
//! index (as a whole number) for the classification heads, a value `y` for
//! regression.

/// A borrowed batch: sample `k` is the row `inputs[i·width..(i+1)·width]`
/// with target `targets[i]`, where `i = pick[k]` (or `k` with no pick).
#[derive(Clone, Copy, Debug)]
pub struct Rows<'a> {
    inputs: &'a [f64],
    targets: &'a [f64],
    width: usize,
    pick: Option<&'a [usize]>,
}

impl<'a> Rows<'a> {
    /// Every row of `inputs` (`width` values each), one target per row.
    pub fn new(inputs: &'a [f64], width: usize, targets: &'a [f64]) -> Self {
        assert_eq!(inputs.len(), width * targets.len(), "rows of {width}");
        Rows {
            inputs,
            targets,
            width,
            pick: None,
        }
    }

    /// Only the rows `idx` (indices among all rows), in that order.
    pub fn pick(self, idx: &'a [usize]) -> Self {
        Rows {
            pick: Some(idx),
            ..self
        }
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.pick.map_or(self.targets.len(), <[usize]>::len)
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Values per row.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Sample `k`: its input row and its target.
    #[inline]
    pub fn sample(&self, k: usize) -> (&'a [f64], f64) {
        let i = self.pick.map_or(k, |p| p[k]);
        let at = i * self.width;
        (&self.inputs[at..at + self.width], self.targets[i])
    }
}

/// Owned rows and targets, filled one sample at a time and reused.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    inputs: Vec<f64>,
    targets: Vec<f64>,
    width: usize,
}

impl Table {
    /// An empty table of rows `width` wide.
    pub fn new(width: usize) -> Self {
        Table {
            width,
            ..Table::default()
        }
    }

    /// Empties the table (keeping its memory) for rows `width` wide.
    pub fn reset(&mut self, width: usize) {
        self.inputs.clear();
        self.targets.clear();
        self.width = width;
    }

    /// Appends a sample: `fill` writes its row (zeros on entry), `target` its `Y`.
    pub fn push_with(&mut self, target: f64, fill: impl FnOnce(&mut [f64])) {
        let at = self.inputs.len();
        self.inputs.resize(at + self.width, 0.0);
        fill(&mut self.inputs[at..]);
        self.targets.push(target);
    }

    /// Appends the sample `row`, `target`.
    pub fn push(&mut self, row: &[f64], target: f64) {
        self.push_with(target, |r| r.copy_from_slice(row));
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// True when there are no samples.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Values per row.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.inputs[i * self.width..(i + 1) * self.width]
    }

    /// Target of row `i`.
    pub fn target(&self, i: usize) -> f64 {
        self.targets[i]
    }

    /// Every sample, as the engine takes them.
    pub fn rows(&self) -> Rows<'_> {
        Rows::new(&self.inputs, self.width, &self.targets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_rows_and_targets() {
        let mut t = Table::new(2);
        t.push(&[1.0, 2.0], 0.0);
        t.push(&[3.0, 4.0], 1.0);
        t.push_with(2.0, |r| r[1] = 6.0);
        let all = t.rows();
        assert_eq!((all.len(), all.width()), (3, 2));
        assert_eq!(all.sample(2), (&[0.0, 6.0][..], 2.0));
        let some = all.pick(&[1, 1, 0]);
        assert_eq!(some.len(), 3);
        assert_eq!(some.sample(0), (&[3.0, 4.0][..], 1.0));
        assert_eq!(some.sample(2), (&[1.0, 2.0][..], 0.0));
        t.reset(3);
        assert!(t.is_empty() && t.rows().is_empty());
    }
}
