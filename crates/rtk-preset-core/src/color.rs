//! Colour tokens: `#rgb` and `#rrggbb`, relative luminance and WCAG 2.x contrast ratios.

/// Every colour token of the design tokens, as paths under `/ui/design_tokens/colors`.
pub(crate) const TOKENS: [&str; 16] = [
    "/background/600",
    "/background/700",
    "/background/800",
    "/background/900",
    "/background/1000",
    "/brand/300",
    "/brand/400",
    "/brand/500",
    "/brand/600",
    "/brand/700",
    "/danger",
    "/success",
    "/text",
    "/text_on_brand",
    "/video_bg",
    "/warning",
];

/// The index in [`TOKENS`] of `token`, at compile time (a name not there fails the build).
pub(crate) const fn token(token: &str) -> usize {
    let mut i = 0;
    while i < TOKENS.len() {
        let (a, b) = (TOKENS[i].as_bytes(), token.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not a colour token")
}

/// The background shades, as indices in [`TOKENS`].
pub(crate) const BACKGROUNDS: [usize; 5] = [
    token("/background/600"),
    token("/background/700"),
    token("/background/800"),
    token("/background/900"),
    token("/background/1000"),
];

/// Parses `#rgb` or `#rrggbb` (either case).
pub(crate) fn parse(text: &str) -> Option<[u8; 3]> {
    // On bytes, without closures: the rules parse every colour token of every preset, and the
    // WebAssembly (built for size) would call each closure.
    match *text.as_bytes() {
        [b'#', r, g, b] => Some([nibble(r)? * 17, nibble(g)? * 17, nibble(b)? * 17]),
        [b'#', r1, r2, g1, g2, b1, b2] => Some([pair(r1, r2)?, pair(g1, g2)?, pair(b1, b2)?]),
        _ => None,
    }
}

/// The byte that two hexadecimal digits write.
#[inline(always)]
fn pair(high: u8, low: u8) -> Option<u8> {
    Some(nibble(high)? << 4 | nibble(low)?)
}

/// The value of a hexadecimal digit (either case).
#[inline(always)]
fn nibble(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// WCAG 2.x relative luminance, 0 (black) to 1 (white).
pub(crate) fn luminance([r, g, b]: [u8; 3]) -> f64 {
    // The sRGB transfer function of each of the 256 channel values, computed once.
    static LINEAR: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
    let table = LINEAR.get_or_init(|| {
        std::array::from_fn(|c| {
            let c = c as f64 / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        })
    });
    let linear = |c: u8| table[usize::from(c)];
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2.x contrast ratio, 1 to 21.
pub(crate) fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_measures() {
        assert_eq!(parse("#fff"), Some([255, 255, 255]));
        assert_eq!(parse("#2160FD"), Some([0x21, 0x60, 0xfd]));
        assert_eq!(parse("2160FD"), None);
        assert_eq!(parse("#12345"), None);
        assert_eq!(parse("#ggg"), None);
        // Every byte as a digit, against the standard library's reading of hexadecimal digits.
        for b in 0..=u8::MAX {
            let expected = char::from(b).to_digit(16).map(|d| d as u8);
            assert_eq!(nibble(b), expected, "{b}");
        }
        assert_eq!(parse("#\u{e9}ab"), None);
        assert_eq!(parse("#aB9"), Some([0xaa, 0xbb, 0x99]));
        let ratio = contrast([0, 0, 0], [255, 255, 255]);
        assert!((ratio - 21.0).abs() < 1e-9);
        let grey = contrast(parse("#777777").unwrap(), parse("#ffffff").unwrap());
        assert!((grey - 4.48).abs() < 0.01, "{grey}");
    }
}
