//! Closed-form least squares, to check what gradient descent converges to.

/// Solves `min_θ Σ_i (θ·a_i − y_i)²` by Householder QR (stable for the
/// ill-conditioned bases polynomials give). `rows[i]` is `a_i`, all the same
/// length `n ≤ rows.len()`. Returns `None` when the columns are dependent.
pub fn least_squares(rows: &[Vec<f64>], y: &[f64]) -> Option<Vec<f64>> {
    let m = rows.len();
    let n = rows.first()?.len();
    if m < n || y.len() != m {
        return None;
    }
    // Column-major copy of A, and b.
    let mut a: Vec<Vec<f64>> = (0..n)
        .map(|j| rows.iter().map(|r| r[j]).collect())
        .collect();
    let mut b = y.to_vec();
    let scale = a
        .iter()
        .flatten()
        .fold(0.0f64, |s, v| s.max(v.abs()))
        .max(1.0);
    for k in 0..n {
        let norm = a[k][k..].iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm <= 1e-12 * scale {
            return None;
        }
        let alpha = if a[k][k] > 0.0 { -norm } else { norm };
        let mut v: Vec<f64> = a[k][k..].to_vec();
        v[0] -= alpha;
        let vnorm2: f64 = v.iter().map(|x| x * x).sum();
        if vnorm2 == 0.0 {
            continue;
        }
        for col in a.iter_mut().skip(k) {
            let dot: f64 = v.iter().zip(&col[k..]).map(|(p, q)| p * q).sum();
            let f = 2.0 * dot / vnorm2;
            col[k..].iter_mut().zip(&v).for_each(|(c, vi)| *c -= f * vi);
        }
        let dot: f64 = v.iter().zip(&b[k..]).map(|(p, q)| p * q).sum();
        let f = 2.0 * dot / vnorm2;
        b[k..].iter_mut().zip(&v).for_each(|(c, vi)| *c -= f * vi);
    }
    // Back substitution on the upper-triangular R.
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let s: f64 = ((i + 1)..n).map(|j| a[j][i] * x[j]).sum();
        x[i] = (b[i] - s) / a[i][i];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_an_exact_line() {
        let rows: Vec<Vec<f64>> = [0.0, 1.0, 2.0, 3.0].iter().map(|&x| vec![x, 1.0]).collect();
        let y: Vec<f64> = [0.0, 1.0, 2.0, 3.0].iter().map(|x| 2.0 * x - 1.0).collect();
        let t = least_squares(&rows, &y).unwrap();
        assert!((t[0] - 2.0).abs() < 1e-12 && (t[1] + 1.0).abs() < 1e-12);
    }

    #[test]
    fn hand_worked_regression() {
        // Points (0,1), (1,3), (2,2): slope 0.5, intercept 1.5.
        let rows = vec![vec![0.0, 1.0], vec![1.0, 1.0], vec![2.0, 1.0]];
        let t = least_squares(&rows, &[1.0, 3.0, 2.0]).unwrap();
        assert!((t[0] - 0.5).abs() < 1e-12 && (t[1] - 1.5).abs() < 1e-12);
    }

    #[test]
    fn dependent_columns_are_refused() {
        let rows = vec![vec![1.0, 2.0], vec![2.0, 4.0], vec![3.0, 6.0]];
        assert!(least_squares(&rows, &[1.0, 2.0, 3.0]).is_none());
        assert!(least_squares(&[vec![1.0, 1.0]], &[1.0]).is_none());
    }
}
