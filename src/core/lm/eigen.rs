//! The two leading eigenvectors of a small symmetric matrix (a covariance),
//! by power iteration with deflation, for [`plane`](super::plane).
//!
//! Matrices are `d × d`, row-major, with finite entries of modest size.

/// Most power-iteration rounds per direction.
pub const ITERATIONS: usize = 100;

/// The two unit eigenvectors of the symmetric positive semi-definite `m` with
/// the largest eigenvalues, orthogonal to each other. `previous` directions
/// (of the last frame) start the iteration and fix the signs; without them
/// each starts from the matrix column of largest norm and has its largest
/// component positive. Directions that hold no variance (below 10⁻¹² of the
/// trace) come out as some unit vector orthogonal to the first.
pub fn top_two(m: &[f64], d: usize, previous: [Option<&[f64]>; 2]) -> [Vec<f64>; 2] {
    let trace: f64 = (0..d).map(|j| m[j * d + j]).sum();
    let floor = 1e-12 * trace;
    let first = power(m, d, previous[0], None, floor);
    let lambda = quad(m, &first);
    let mut deflated = m.to_vec();
    for (a, row) in deflated.chunks_exact_mut(d.max(1)).enumerate() {
        row.iter_mut()
            .zip(&first)
            .for_each(|(x, &fb)| *x -= lambda * first[a] * fb);
    }
    let second = power(&deflated, d, previous[1], Some(&first), floor);
    [first, second]
}

/// `a · b`.
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// `vᵀ M v`.
pub fn quad(m: &[f64], v: &[f64]) -> f64 {
    dot(v, &times(m, v))
}

/// The `j`-th basis vector of length `d` (all zeros if `j >= d`).
pub fn unit(d: usize, j: usize) -> Vec<f64> {
    (0..d).map(|i| f64::from(u8::from(i == j))).collect()
}

/// `M v`.
fn times(m: &[f64], v: &[f64]) -> Vec<f64> {
    m.chunks_exact(v.len().max(1))
        .map(|row| dot(row, v))
        .collect()
}

/// The dominant unit eigenvector of `m`, kept orthogonal to `against`;
/// stops once `|M v| <= floor` (nothing left to find) or `v` settles.
fn power(
    m: &[f64],
    d: usize,
    start: Option<&[f64]>,
    against: Option<&[f64]>,
    floor: f64,
) -> Vec<f64> {
    // Removes the `against` part and normalises; false if nothing is left.
    let orth = |v: &mut Vec<f64>| {
        if let Some(u) = against {
            let along = dot(v, u);
            v.iter_mut().zip(u).for_each(|(a, b)| *a -= along * b);
        }
        let norm = dot(v, v).sqrt();
        let ok = norm > 1e-150 && norm.is_finite();
        if ok {
            v.iter_mut().for_each(|a| *a /= norm);
        }
        ok
    };
    let reference = start.filter(|s| s.len() == d && s.iter().all(|x| x.is_finite()));
    let widest = (0..d)
        .map(|j| times(m, &unit(d, j)))
        .max_by(|a, b| dot(a, a).total_cmp(&dot(b, b)));
    let mut v = reference
        .map(<[f64]>::to_vec)
        .or(widest)
        .unwrap_or_default();
    if !orth(&mut v) {
        // No usable start: the basis vector least along `against`.
        let weight = |i: usize| against.map_or(i as f64, |u| u[i].abs());
        let j = (0..d).min_by(|&a, &b| weight(a).total_cmp(&weight(b)));
        v = unit(d, j.unwrap_or(0));
        orth(&mut v);
    }
    for _ in 0..ITERATIONS {
        let mut next = times(m, &v);
        if dot(&next, &next).sqrt() <= floor || !orth(&mut next) {
            break;
        }
        let moved: f64 = v.iter().zip(&next).map(|(a, b)| (a - b) * (a - b)).sum();
        v = next;
        if moved < 1e-24 {
            break;
        }
    }
    let flip = match reference {
        Some(r) => dot(&v, r) < 0.0,
        None => {
            v.iter()
                .fold(0.0f64, |big, &x| if x.abs() > big.abs() { x } else { big })
                < 0.0
        }
    };
    if flip {
        v.iter_mut().for_each(|a| *a = -*a);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    #[test]
    fn a_diagonal_matrix_gives_its_largest_axes() {
        let m = [1.0, 0.0, 0.0, 0.0, 5.0, 0.0, 0.0, 0.0, 3.0];
        let [a, b] = top_two(&m, 3, [None, None]);
        assert!(
            near(&a, &[0.0, 1.0, 0.0]) && near(&b, &[0.0, 0.0, 1.0]),
            "{a:?} {b:?}"
        );
    }

    #[test]
    fn a_known_symmetric_matrix() {
        // Eigenvalues 4 along (1,1,0)/√2, 2 along (1,−1,0)/√2, 1 along z.
        let m = [3.0, 1.0, 0.0, 1.0, 3.0, 0.0, 0.0, 0.0, 1.0];
        let [a, b] = top_two(&m, 3, [None, None]);
        let r = std::f64::consts::FRAC_1_SQRT_2;
        assert!(near(&a, &[r, r, 0.0]), "{a:?}");
        assert!(near(&b, &[r, -r, 0.0]) || near(&b, &[-r, r, 0.0]), "{b:?}");
        assert!((quad(&m, &a) - 4.0).abs() < 1e-9 && (quad(&m, &b) - 2.0).abs() < 1e-9);
        // The previous frame's signs are kept.
        let (na, nb) = (
            a.iter().map(|x| -x).collect::<Vec<_>>(),
            b.iter().map(|x| -x).collect::<Vec<_>>(),
        );
        let [c, e] = top_two(&m, 3, [Some(na.as_slice()), Some(nb.as_slice())]);
        assert!(near(&c, &na) && near(&e, &nb), "{c:?} {e:?}");
    }

    #[test]
    fn rank_one_and_zero_matrices_still_give_an_orthonormal_pair() {
        let v = [0.6, 0.0, 0.8];
        let rank_one: Vec<f64> = (0..9).map(|k| 2.0 * v[k / 3] * v[k % 3]).collect();
        for m in [rank_one, vec![0.0; 9]] {
            let [a, b] = top_two(&m, 3, [None, None]);
            assert!((dot(&a, &a) - 1.0).abs() < 1e-12 && (dot(&b, &b) - 1.0).abs() < 1e-12);
            assert!(dot(&a, &b).abs() < 1e-12, "{a:?} {b:?}");
        }
        let [a, _] = top_two(
            &(0..9).map(|k| v[k / 3] * v[k % 3]).collect::<Vec<_>>(),
            3,
            [None, None],
        );
        assert!(near(&a, &v), "{a:?}");
        assert_eq!(unit(2, 5), vec![0.0, 0.0]);
    }
}
