//! Numbers as the page shows them: fixed decimals, ASCII minus, never NaN.

/// `v` with 3 decimals (`-0.000` shows as `0.000`); a non-finite value shows as `–`.
pub fn fixed3(v: f64) -> String {
    fixed(v, 3)
}

/// `v` with `decimals` decimals, no negative zero, `–` when not finite.
pub fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// A loss value: 4 significant decimals for small values, fewer for big ones.
pub fn loss(v: f64) -> String {
    match v.abs() {
        a if !a.is_finite() => "–".into(),
        a if a >= 1000.0 => fixed(v, 0),
        a if a >= 10.0 => fixed(v, 2),
        _ => fixed(v, 4),
    }
}

/// A fraction as a percentage with one decimal.
pub fn percent(v: f64) -> String {
    format!("{}%", fixed(100.0 * v, 1))
}

/// A change: 3 decimals, or 2 significant digits in `e` notation when it is
/// too small to show that way (so a small update never reads as `0.000`).
pub fn delta(v: f64) -> String {
    if v != 0.0 && v.is_finite() && v.abs() < 0.0005 {
        format!("{v:.1e}")
    } else {
        fixed3(v)
    }
}

/// A vector of changes, as `(a, b)` with [`delta`] for each.
pub fn delta_vector(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|&x| delta(x)).collect();
    format!("({})", parts.join(", "))
}

/// A vector as `(a, b, c)` with 3 decimals.
pub fn vector(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|&x| fixed3(x)).collect();
    format!("({})", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_nan_or_negative_zero() {
        assert_eq!(fixed3(-0.0001), "0.000");
        assert_eq!(fixed3(-0.3), "-0.300");
        assert_eq!(fixed3(f64::NAN), "–");
        assert_eq!(fixed3(f64::INFINITY), "–");
        assert_eq!(loss(12345.6), "12346");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(vector(&[1.0, -2.5]), "(1.000, -2.500)");
        assert_eq!(delta(0.00042), "4.2e-4");
        assert_eq!(delta(-2.0), "-2.000");
        assert_eq!(delta_vector(&[0.0, 1e-5]), "(0.000, 1.0e-5)");
    }
}
