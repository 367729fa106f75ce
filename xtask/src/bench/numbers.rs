//! How the benchmark figures are written (milliseconds, MiB, thousands
//! separators) and the one statistic xtask computes itself (min and median).

/// Milliseconds with three significant digits.
pub fn ms(v: f64) -> String {
    if !v.is_finite() {
        "–".into()
    } else if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 10.0 {
        format!("{v:.1} ms")
    } else if v >= 1.0 {
        format!("{v:.2} ms")
    } else if v >= 0.01 {
        format!("{v:.3} ms")
    } else {
        format!("{:.2} µs", v * 1000.0)
    }
}

/// Bytes as MiB with two decimals.
pub fn mib(bytes: f64) -> String {
    format!("{:.2} MiB", bytes / 1_048_576.0)
}

/// The smallest value and the median of `xs`; `None` when it is empty.
pub fn min_median(xs: &[f64]) -> Option<(f64, f64)> {
    let mut s = xs.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let n = s.len();
    (n > 0).then(|| {
        let median = if n % 2 == 1 {
            s[n / 2]
        } else {
            (s[n / 2 - 1] + s[n / 2]) / 2.0
        };
        (s[0], median)
    })
}

/// `1000000` → `1,000,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(ms(0.2134), "0.213 ms");
        assert_eq!(ms(12.34), "12.3 ms");
        assert_eq!(ms(0.0042), "4.20 µs");
        assert_eq!(min_median(&[3.0, 1.0, 2.0, 10.0]), Some((1.0, 2.5)));
        assert_eq!(min_median(&[]), None);
    }
}
