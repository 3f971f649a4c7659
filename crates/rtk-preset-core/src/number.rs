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
        .map(|d| format!("{value:.d$}"))
        .find(|shown| {
            shown
                .parse::<f64>()
                .is_ok_and(|s| s.total_cmp(&bound) == side)
        })
        .unwrap_or_else(|| value.to_string())
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
