//! Decimal text to `f64`, correctly rounded (the nearest `f64`, ties to
//! even), exactly as `str::parse::<f64>` reads it, in far fewer bytes of
//! wasm: std's parser carries a 10 KB table of powers of five.
//!
//! Most numbers people and the JSON writer produce take the fast path
//! (Clinger's): at most 15 significant digits and a power of ten up to
//! `10²²`, where `w · 10^e` is one exact operation away. The rest start
//! from a near guess and step it one ulp at a time, comparing the exact
//! value `D · 10^e` with the midpoints between neighbouring doubles in
//! big integers (Clinger's Algorithm R).
//!
//! Time is linear in the text's length: at most [`MAX_DIGITS`] significant
//! digits are kept, and any nonzero digit past them only as one more digit
//! `1` (a midpoint between two doubles has at most 767 significant digits,
//! so the digits past 800 can only tell whether the value is exactly at one
//! of the kept digits' values or just above it, which that `1` records).

use std::cmp::Ordering;

/// The powers of ten that are exact in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Reads `text` as `str::parse::<f64>` does: an optional sign, digits with
/// an optional point, an optional exponent (`1`, `-0.5`, `.5`, `5.`,
/// `2.5e-3`, `+1E6`), or `inf`, `infinity`, `nan` in any case. `None` for
/// anything else, spaces included.
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = if rest.bytes().all(|b| b.is_ascii_alphabetic()) {
        match rest.to_ascii_lowercase().as_str() {
            "inf" | "infinity" => f64::INFINITY,
            "nan" => f64::NAN,
            _ => return None,
        }
    } else {
        let Decimal { digits, exp } = Decimal::read(rest)?;
        nearest(&digits, exp)
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Significant digits kept; the rest only say whether one was nonzero.
pub const MAX_DIGITS: usize = 800;

/// A decimal `digits · 10^exp`: significant digits without leading or
/// trailing zeros (none for zero), as values 0–9.
struct Decimal {
    digits: Vec<u8>,
    exp: i64,
}

impl Decimal {
    /// The decimal written in `s` (no sign), or `None` if it is not one.
    fn read(s: &str) -> Option<Decimal> {
        let b = s.as_bytes();
        let mut i = 0;
        let mut digits = Vec::new();
        let mut exp: i64 = 0;
        let mut seen = false;
        let mut point = false;
        let mut sticky = false;
        while i < b.len() {
            match b[i] {
                c @ b'0'..=b'9' if digits.len() >= MAX_DIGITS => {
                    // Past the kept digits: only whether one is nonzero
                    // counts; a place before the point still scales.
                    sticky |= c != b'0';
                    if !point {
                        exp += 1;
                    }
                }
                c @ b'0'..=b'9' => {
                    seen = true;
                    if !(digits.is_empty() && c == b'0') {
                        digits.push(c - b'0');
                    }
                    if point {
                        exp -= 1;
                    }
                }
                b'.' if !point => point = true,
                _ => break,
            }
            i += 1;
        }
        // Digits pushed after the point were counted in `exp`; a leading
        // zero after the point too, which is right: 0.05 = 5 · 10^-2.
        if !seen {
            return None;
        }
        if sticky {
            digits.push(1);
            exp -= 1;
        }
        if i < b.len() {
            if b[i] | 0x20 != b'e' {
                return None;
            }
            i += 1;
            let (sign, start) = match b.get(i) {
                Some(b'-') => (-1, i + 1),
                Some(b'+') => (1, i + 1),
                _ => (1, i),
            };
            let e = &b[start..];
            if e.is_empty() || !e.iter().all(u8::is_ascii_digit) {
                return None;
            }
            // Saturate: 10^±10^12 is zero or infinite whatever the digits.
            let e = e
                .iter()
                .fold(0i64, |n, &c| (n * 10 + i64::from(c - b'0')).min(1 << 40));
            exp += sign * e;
        }
        while digits.last() == Some(&0) {
            digits.pop();
            exp += 1;
        }
        Some(Decimal { digits, exp })
    }
}

/// The `f64` nearest `digits · 10^exp` (ties to even).
fn nearest(digits: &[u8], exp: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    let n = digits.len() as i64;
    if n + exp > 310 {
        return f64::INFINITY;
    }
    if n + exp < -326 {
        return 0.0;
    }
    let exp = exp as i32;
    let lead = digits
        .iter()
        .take(19)
        .fold(0u64, |w, &d| w * 10 + u64::from(d));
    if n <= 15 && exp.unsigned_abs() <= 22 {
        let w = lead as f64;
        return if exp >= 0 {
            w * POW10[exp as usize]
        } else {
            w / POW10[(-exp) as usize]
        };
    }
    let big = Big::from_digits(digits);
    let mut z = guess(lead, exp + (n - n.min(19)) as i32);
    loop {
        if z.is_infinite() {
            // Above MAX's upper midpoint (2^53 − ½) · 2^971 it is infinite.
            let max_mid = compare(&big, exp, (1u64 << 54) - 1, 970);
            if max_mid == Ordering::Less {
                z = f64::MAX;
                continue;
            }
            return f64::INFINITY;
        }
        let (m, k) = split(z);
        match compare(&big, exp, 2 * m + 1, k - 1) {
            Ordering::Greater => {
                z = f64::from_bits(z.to_bits() + 1);
                continue;
            }
            Ordering::Equal => {
                return if m & 1 == 1 {
                    f64::from_bits(z.to_bits() + 1)
                } else {
                    z
                }
            }
            Ordering::Less => {}
        }
        if m == 0 {
            return z;
        }
        // Below a power of two the neighbour is half as far away.
        let (low, at) = if m == 1 << 52 && k > -1074 {
            (4 * m - 1, k - 2)
        } else {
            (2 * m - 1, k - 1)
        };
        match compare(&big, exp, low, at) {
            Ordering::Less => z = f64::from_bits(z.to_bits() - 1),
            Ordering::Equal if m & 1 == 1 => return f64::from_bits(z.to_bits() - 1),
            _ => return z,
        }
    }
}

/// A first guess at `w · 10^e`, a few ulps off at most; scaled in two
/// steps so that neither overflows nor sinks into the subnormals early.
fn guess(w: u64, e: i32) -> f64 {
    let w = w as f64;
    match e {
        e if e > 300 => w * 10f64.powi(e - 300) * 1e300,
        e if e < -300 => w * 10f64.powi(e + 300) * 1e-300,
        e => w * 10f64.powi(e),
    }
}

/// A finite `z ≥ 0` as `m · 2^k`, `m` below `2^53`.
fn split(z: f64) -> (u64, i32) {
    let bits = z.to_bits();
    let field = (bits >> 52) as i32;
    let frac = bits & ((1 << 52) - 1);
    if field == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, field - 1075)
    }
}

/// `D · 10^e` against `m · 2^k`, exactly: `D · 5^e · 2^e` against
/// `m · 2^k`, each side's negative powers moved to the other.
fn compare(d: &Big, e: i32, m: u64, k: i32) -> Ordering {
    let mut left = d.clone();
    let mut right = Big::from_u64(m);
    if e >= 0 {
        left.mul_pow5(e as u32);
    } else {
        right.mul_pow5((-e) as u32);
    }
    if e >= k {
        left.shl((e - k) as u32);
    } else {
        right.shl((k - e) as u32);
    }
    left.cmp(&right)
}

/// A non-negative big integer, 32-bit limbs, least significant first, no
/// high zero limbs.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let (scale, add) = chunk
                .iter()
                .fold((1u32, 0u32), |(s, a), &d| (s * 10, a * 10 + u32::from(d)));
            b.mul_add(scale, add);
        }
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// `self = self · m + a`.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    /// `self = self · 5^n`.
    fn mul_pow5(&mut self, mut n: u32) {
        const FIVE13: u32 = 1_220_703_125;
        while n >= 13 {
            self.mul_add(FIVE13, 0);
            n -= 13;
        }
        self.mul_add(5u32.pow(n), 0);
    }

    /// `self = self · 2^n`.
    fn shl(&mut self, n: u32) {
        let (limbs, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if !self.0.is_empty() {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(text: &str) {
        let want = text.parse::<f64>().ok();
        let got = parse_f64(text);
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{text}: {got:?} vs std {want:?}"
        );
    }

    /// `m · 2^k` written out exactly in decimal.
    fn exact(m: u64, k: i32) -> String {
        // Base 10^9 limbs, least significant first.
        let mut limbs = vec![m % 1_000_000_000, m / 1_000_000_000];
        let (factor, times) = if k >= 0 { (2, k) } else { (5, -k) };
        for _ in 0..times {
            let mut carry = 0;
            for l in &mut limbs {
                let v = *l * factor + carry;
                *l = v % 1_000_000_000;
                carry = v / 1_000_000_000;
            }
            if carry > 0 {
                limbs.push(carry);
            }
        }
        let mut text: String = limbs.iter().rev().map(|l| format!("{l:09}")).collect();
        text = text.trim_start_matches('0').to_string();
        format!("{text}e{}", k.min(0))
    }

    #[test]
    fn a_million_digits_round_as_std_does() {
        let thirds = format!("0.{}", "3".repeat(1_000_000));
        same(&thirds);
        // A huge exponent against as many digits: std gives up (infinity);
        // the value is 7,777,777,777.77…, as 30 of its digits round.
        let sevens = parse_f64(&format!("{}e-999990", "7".repeat(1_000_000)));
        assert_eq!(sevens, "7777777777.77777777777777777777".parse().ok());
        same(&format!("1{}", "0".repeat(400)));
        same(&format!("{}.5", "9".repeat(1_000)));
        // A midpoint between two doubles written out, then a long tail: all
        // zeros (ties to even), or a 1 far past the kept digits (rounds up).
        let x = 1.0f64 + f64::EPSILON;
        let (m, k) = split(x);
        let mid = exact(2 * m + 1, k - 1);
        let (digits, e) = mid.split_once('e').unwrap();
        let zeros = "0".repeat(5_000);
        same(&format!(
            "{digits}{zeros}e{}",
            e.parse::<i64>().unwrap() - 5_000
        ));
        same(&format!(
            "{digits}{zeros}1e{}",
            e.parse::<i64>().unwrap() - 5_001
        ));
        assert!(digits.len() < MAX_DIGITS);
    }

    #[test]
    fn agrees_with_std_on_hard_and_odd_cases() {
        for t in [
            "0", "-0", "+0", "0.0", ".5", "5.", "1", "-1", "1e5", "1E5", "2.5e-3", "+1e+6",
            "0.1", "0.3", "123.456", "1e22", "1e23", "9007199254740993", "9007199254740992.5",
            "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
            "2.4703282292062327e-324", "2.4703282292062328e-324", "5e-324", "1e-400", "1e400",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "0.000000000000000000000000000000000000000000001e45", "00012.5000", "1e-5", "3.14159",
            "inf", "-Infinity", "NaN", "nan", "", "-", ".", "e5", "1e", "1e+", "1.2.3", " 1",
            "1 ", "1_0", "0x10", "1e99999999999999", "1e-99999999999999", "0e99999999999",
            "8.98846567431158e307", "0.1e-309",
        ] {
            same(t);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn shortest_text_of_any_double_reads_back(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            if x.is_finite() {
                same(&format!("{x}"));
                same(&format!("{x:e}"));
                same(&format!("{x:.3}"));
            }
        }

        #[test]
        fn random_decimals_agree_with_std(
            digits in "[0-9]{1,40}",
            point in 0usize..40,
            exp in -360i32..330,
        ) {
            let p = point.min(digits.len());
            same(&format!("{}.{}e{exp}", &digits[..p], &digits[p..]));
        }

        #[test]
        fn halfway_cases_agree_with_std(bits in any::<u64>()) {
            // The exact midpoint between a double and the next, in decimal.
            let x = f64::from_bits(bits >> 1);
            if x.is_finite() {
                let (m, k) = split(x);
                same(&exact(2 * m + 1, k - 1));
            }
        }
    }
}
