//! Exact comparison of JSON number texts, so `1e400`, `-0` and `29.5` are judged by their value,
//! not by what an `f64` or `i64` can hold.

use std::cmp::Ordering;

/// Whether a JSON number text is a whole number, without building a [`Decimal`] when the text
/// has no fraction or exponent.
pub(crate) fn is_integer(text: &str) -> bool {
    if !text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        return true;
    }
    Decimal::parse(text).is_some_and(|d| d.is_integer())
}

/// `value` for a message that compares it with `bound`: at least `digits` decimals, and more while
/// the shown value would not be on the same side of the bound as the value (a contrast of 4.497
/// is `4.497`, not the `4.50` that would read as the bound of 4.5 it misses).
pub(crate) fn shown_against(value: f64, bound: f64, digits: usize) -> String {
    let side = value.total_cmp(&bound);
    (digits..=digits + 6)
        .map(|d| fixed(value, d))
        .find(|shown| to_f64(shown).is_some_and(|s| s.total_cmp(&bound) == side))
        .unwrap_or_else(|| fixed(value, digits + 9))
}

/// `value` with `digits` decimals (1 to 15), rounded half away from zero, for the ratios and
/// luminances of messages (below 10^3). Not `format!("{value:.2}")`: the exact formatting of
/// floats is 16 KB of the npm package's WebAssembly.
fn fixed(value: f64, digits: usize) -> String {
    let scale = 10u64.pow(digits as u32);
    let scaled = (value.abs() * scale as f64).round() as u64;
    let sign = if value.is_sign_negative() && scaled != 0 {
        "-"
    } else {
        ""
    };
    format!(
        "{sign}{}.{:0digits$}",
        scaled / scale,
        scaled % scale,
        digits = digits
    )
}

/// The exact powers of ten an `f64` holds.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A JSON number text (as the parser accepted it) as an `f64`, for the rules that compare
/// magnitudes (`frame_rate > 30`) and for messages; bounds in the schema are compared exactly
/// with [`Decimal`] instead.
///
/// Correctly rounded, as `str::parse` is, for up to 15 significant digits with a power of ten
/// within ±22 (every number in real presets): both factors are exact in an `f64`, so the one
/// product or quotient is rounded once. Beyond, the estimate comes within a few units in the last
/// place, and the `f64` near it whose shortest form is the text is taken when there is one (so
/// `1.7976931348623157e308`, as programs write `f64::MAX`, is exact). Not `str::parse` itself:
/// its exact algorithm carries a 20 KB table of powers of five, an eighth of the npm package's
/// WebAssembly once compressed, for digits no preset has.
/// The CLI uses this too, so the CLI and the npm package read numbers alike.
pub(crate) fn to_f64(text: &str) -> Option<f64> {
    if let Some(value) = short_f64(text) {
        return Some(value);
    }
    let decimal = Decimal::parse(text)?;
    let negative = text.starts_with('-');
    let (estimate, exact) = decimal.magnitude_f64();
    let magnitude = if exact {
        estimate
    } else {
        decimal.shortest_near(estimate).unwrap_or(estimate)
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// The common case of [`to_f64`] without building a [`Decimal`] (the rules read numbers on every
/// document): at most 15 digits, a decimal point, no exponent, so the value is one exact integer
/// divided by one exact power of ten, rounded once.
pub(crate) fn short_f64(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mut mantissa, mut count, mut decimals, mut point) = (0u64, 0usize, 0usize, false);
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
                decimals += usize::from(point);
                if count > 15 {
                    return None;
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if count == 0 {
        return None;
    }
    let magnitude = mantissa as f64 / POWERS_OF_TEN[decimals];
    Some(if negative { -magnitude } else { magnitude })
}

/// A JSON number as sign, significant digits and a power of ten: `digits × 10^exponent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    negative: bool,
    /// No leading or trailing zeros; empty for zero.
    digits: Vec<u8>,
    exponent: i64,
}

/// Far beyond any bound, small enough that adding a digit count cannot overflow.
const EXPONENT_LIMIT: i64 = i64::MAX / 4;

impl Decimal {
    /// Reads a number in JSON syntax (the parser has already checked it).
    pub(crate) fn parse(text: &str) -> Option<Decimal> {
        let bytes = text.as_bytes();
        let (negative, rest) = match bytes.first() {
            Some(b'-') => (true, &bytes[1..]),
            _ => (false, bytes),
        };
        let mantissa_end = rest
            .iter()
            .position(|b| matches!(b, b'e' | b'E'))
            .unwrap_or(rest.len());
        let (mantissa, exponent_text) = rest.split_at(mantissa_end);
        let mut exponent: i64 = match exponent_text.get(1..) {
            None => 0,
            Some(e) => {
                let (sign, digits) = match e.first() {
                    Some(b'-') => (-1, &e[1..]),
                    Some(b'+') => (1, &e[1..]),
                    _ => (1, e),
                };
                if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                let magnitude = digits.iter().try_fold(0i64, |acc, d| {
                    acc.checked_mul(10)?.checked_add(i64::from(d - b'0'))
                });
                sign * magnitude.unwrap_or(EXPONENT_LIMIT).min(EXPONENT_LIMIT)
            }
        };
        let mut digits = Vec::with_capacity(mantissa.len());
        let mut seen_point = false;
        for &b in mantissa {
            match b {
                b'.' if !seen_point => seen_point = true,
                b'0'..=b'9' => {
                    digits.push(b - b'0');
                    if seen_point {
                        exponent -= 1;
                    }
                }
                _ => return None,
            }
        }
        if digits.is_empty() {
            return None;
        }
        let leading = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..leading);
        while digits.last() == Some(&0) {
            digits.pop();
            exponent += 1;
        }
        if digits.is_empty() {
            return Some(Decimal {
                negative: false,
                digits,
                exponent: 0,
            });
        }
        Some(Decimal {
            negative,
            digits,
            exponent,
        })
    }

    /// The `f64` within a few units in the last place of `estimate` whose shortest form has this
    /// magnitude, if there is one.
    fn shortest_near(&self, estimate: f64) -> Option<f64> {
        let magnitude = Decimal {
            negative: false,
            ..self.clone()
        };
        let start = if estimate.is_infinite() {
            f64::MAX
        } else {
            estimate
        };
        let (mut up, mut down) = (start, start);
        (0..8).find_map(|_| {
            let found = [up, down].into_iter().find(|&c| {
                serde_json::Number::from_f64(c)
                    .and_then(|n| Decimal::parse(&n.to_string()))
                    .is_some_and(|shortest| shortest == magnitude)
            });
            // Neighbours of a positive float (f64::next_up is newer than our MSRV).
            up = f64::from_bits(up.to_bits() + 1);
            down = f64::from_bits(down.to_bits().saturating_sub(1));
            found
        })
    }

    /// The magnitude as an `f64`, and whether it is correctly rounded (see [`to_f64`]).
    fn magnitude_f64(&self) -> (f64, bool) {
        let kept = self.digits.len().min(19);
        let mantissa = self.digits[..kept]
            .iter()
            .fold(0u64, |m, &d| m * 10 + u64::from(d));
        let mut exponent = self.exponent + (self.digits.len() - kept) as i64;
        // The power of ten of the leading digit: beyond these, the value is infinite or zero.
        let lead = exponent + kept as i64;
        if mantissa == 0 || lead < -345 {
            return (0.0, true);
        }
        if lead > 310 {
            return (f64::INFINITY, true);
        }
        let exact = kept == self.digits.len() && kept <= 15;
        // Zeros moved into the power of ten go back into the digits while those stay exact
        // (`506315300e21` is 5063153 × 10^23, and 506315300000 × 10^21 is exact twice).
        let mut mantissa = mantissa;
        while exponent > 22 && mantissa < 100_000_000_000_000 {
            mantissa *= 10;
            exponent -= 1;
        }
        let exact = exact && (-22..=22).contains(&exponent);
        let mut value = mantissa as f64;
        while exponent > 22 {
            value *= 1e22;
            exponent -= 22;
        }
        while exponent < -22 {
            value /= 1e22;
            exponent += 22;
        }
        let power = POWERS_OF_TEN[exponent.unsigned_abs() as usize];
        let value = if exponent >= 0 {
            value * power
        } else {
            value / power
        };
        (value, exact)
    }

    /// Whether the value is a whole number (`-0`, `1e400` and `2.0` are).
    pub(crate) fn is_integer(&self) -> bool {
        self.exponent >= 0
    }

    /// The whole number toward zero from a value with a fraction, as JSON text (`4.5` gives `4`,
    /// `-0.5` gives `0`); `None` for a whole number.
    pub(crate) fn truncated(&self) -> Option<String> {
        if self.is_integer() {
            return None;
        }
        let whole = (self.digits.len() as i64 + self.exponent).max(0) as usize;
        if whole == 0 {
            return Some("0".to_owned());
        }
        let sign = if self.negative { "-" } else { "" };
        let digits: String = self.digits[..whole]
            .iter()
            .map(|d| char::from(b'0' + d))
            .collect();
        Some(format!("{sign}{digits}"))
    }

    /// The nearest whole number, halves away from zero, as JSON text (`4.5` gives `5`, `-0.4`
    /// gives `0`).
    pub(crate) fn rounded(&self) -> String {
        let whole = (self.digits.len() as i64 + self.exponent).max(0) as usize;
        let mut digits: Vec<u8> = self.digits.iter().take(whole).copied().collect();
        digits.resize(whole, 0);
        if self.digits.get(whole).is_some_and(|&d| d >= 5) {
            let carry = digits.iter_mut().rev().try_for_each(|d| {
                *d = (*d + 1) % 10;
                if *d == 0 {
                    Ok(())
                } else {
                    Err(())
                }
            });
            if carry.is_ok() {
                digits.insert(0, 1);
            }
        }
        if digits.is_empty() {
            return "0".to_owned();
        }
        let sign = if self.negative { "-" } else { "" };
        let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        format!("{sign}{text}")
    }

    /// Compares magnitudes, ignoring signs.
    fn cmp_magnitude(&self, other: &Decimal) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        // The power of ten of the leading digit decides, then the digits themselves.
        let lead = |d: &Decimal| d.exponent + d.digits.len() as i64;
        lead(self)
            .cmp(&lead(other))
            .then_with(|| self.digits.cmp(&other.digits))
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let sign = |d: &Decimal| match (d.digits.is_empty(), d.negative) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        };
        match sign(self).cmp(&sign(other)) {
            Ordering::Equal if sign(self) < 0 => other.cmp_magnitude(self),
            Ordering::Equal => self.cmp_magnitude(other),
            unequal => unequal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap()
    }

    #[test]
    fn numbers_read_as_f64_as_str_parse_reads_them() {
        use super::to_f64;
        let exact = |text: &str| {
            let ours = to_f64(text).unwrap();
            let std: f64 = text.parse().unwrap();
            assert_eq!(ours.to_bits(), std.to_bits(), "{text}: {ours} vs {std}");
        };
        for text in [
            "0",
            "-0",
            "30",
            "29.97",
            "7.5",
            "-1",
            "1e22",
            "1e-22",
            "123456789012345",
            "0.1",
            "0.3",
            "4.5",
            "720",
            "7.2e2",
            "72E+1",
            "-0.0e5",
            "999999999999999e-22",
            "1e400",
            "-1e400",
            "1e-400",
        ] {
            exact(text);
        }
        // Every number of up to 15 digits with a power of ten within ±22, sampled.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let digits = next() % 10u64.pow(1 + (next() % 15) as u32);
            let exponent = (next() % 45) as i64 - 22;
            exact(&format!("{digits}e{exponent}"));
        }
        // Beyond, within a few units in the last place.
        let close = |text: &str| {
            let (ours, std): (f64, f64) = (to_f64(text).unwrap(), text.parse().unwrap());
            let off = (ours - std).abs() / std.abs();
            assert!(off < 1e-14 || ours == std, "{text}: {ours} vs {std}");
        };
        // Plain decimals (the path without a `Decimal`), leading zeros counted as digits.
        for text in [
            "0.000000000000001",
            "000000000000030",
            "-29.970",
            "123456789.012345",
        ] {
            exact(text);
        }
        // Shortest forms, as programs write them, exactly.
        exact("1.7976931348623157e308");
        exact("1.7976931348623157e+308");
        exact("0.30000000000000004");
        exact("2.2250738585072014e-308");
        exact("1e308");
        for _ in 0..20_000 {
            close(&format!(
                "{}{}e{}",
                next(),
                next() % 1000,
                (next() % 600) as i64 - 300
            ));
        }
    }

    #[test]
    fn integers_are_recognised_by_value() {
        for whole in ["0", "-0", "30", "2.0", "1e400", "1.5e1", "100e-2", "-0.0e5"] {
            assert!(d(whole).is_integer(), "{whole}");
        }
        for fractional in ["29.5", "1e-400", "0.1", "-1.05e1"] {
            assert!(!d(fractional).is_integer(), "{fractional}");
        }
    }

    #[test]
    fn numbers_are_shown_on_their_side_of_the_bound() {
        use super::shown_against;
        assert_eq!(shown_against(4.497, 4.5, 2), "4.497");
        assert_eq!(shown_against(4.4999, 4.5, 2), "4.4999");
        assert_eq!(shown_against(4.35, 4.5, 2), "4.35");
        assert_eq!(shown_against(1.0, 4.5, 2), "1.00");
        assert_eq!(shown_against(0.40001, 0.4, 2), "0.40001");
        assert_eq!(shown_against(0.1799, 0.18, 2), "0.1799");
    }

    #[test]
    fn numbers_round_half_away_from_zero() {
        for (text, rounded) in [
            ("4.5", "5"),
            ("4.4", "4"),
            ("-4.5", "-5"),
            ("-0.4", "0"),
            ("0.5", "1"),
            ("9.5", "10"),
            ("99.7", "100"),
            ("-999.5", "-1000"),
            ("1e-400", "0"),
            ("12345678901234567.5", "12345678901234568"),
            ("2.5e1", "25"),
            ("25e-1", "3"),
            ("30", "30"),
            ("3e2", "300"),
        ] {
            assert_eq!(d(text).rounded(), rounded, "{text}");
        }
    }

    #[test]
    fn fixed_decimals_match_the_formatter() {
        // Away from exact binary ties, the same text as `format!("{:.d$}")`.
        for value in [
            4.497, 4.4999, 1.0, 0.40001, 0.1799, 21.0, 0.0, 2.71, 0.005001, -2.5,
        ] {
            for d in 1..=8 {
                assert_eq!(
                    super::fixed(value, d),
                    format!("{value:.d$}"),
                    "{value} {d}"
                );
            }
        }
    }

    #[test]
    fn fractions_truncate_toward_zero() {
        for (text, whole) in [
            ("4.5", Some("4")),
            ("-2.5", Some("-2")),
            ("-0.5", Some("0")),
            ("1e-400", Some("0")),
            ("1.05e1", Some("10")),
            ("29.97", Some("29")),
            (
                "123456789012345678901234.5",
                Some("123456789012345678901234"),
            ),
            ("4", None),
            ("4.0", None),
            ("45e-1", Some("4")),
        ] {
            assert_eq!(d(text).truncated().as_deref(), whole, "{text}");
        }
    }

    #[test]
    fn comparison_is_exact() {
        assert!(d("31") > d("30"));
        assert!(d("30.000000000000000000001") > d("30"));
        assert!(d("3e1") == d("30"));
        assert!(d("-0") == d("0"));
        assert!(d("1e400") > d("2147483647"));
        assert!(d("-1e400") < d("-2147483648"));
        assert!(d("-5") < d("-4.5"));
        assert!(d("0.5") < d("1"));
        assert!(d("1e-400") > d("0"));
        assert!(d("-1e-400") < d("0"));
        assert!(d("123456789012345678901234567890") > d("123456789012345678901234567889"));
        assert!(d("1e99999999999999999999999") > d("1e400"));
    }
}
