//! The string formats the model uses: `uuid`, `date-time` (RFC 3339) and `uri` (RFC 3986).

/// A JSON Schema `format` the validator checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Uuid,
    DateTime,
    Uri,
}

impl Format {
    pub(crate) fn from_name(name: &str) -> Option<Format> {
        match name {
            "uuid" => Some(Format::Uuid),
            "date-time" => Some(Format::DateTime),
            "uri" => Some(Format::Uri),
            _ => None,
        }
    }

    /// What a valid value looks like, for messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Format::Uuid => "a uuid such as `182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e`",
            Format::DateTime => "an RFC 3339 date-time such as `2026-06-01T12:00:00Z`",
            Format::Uri => "an absolute URI such as `https://example.com/logo.png`",
        }
    }

    /// The format's name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Uuid => "uuid",
            Format::DateTime => "date-time",
            Format::Uri => "uri",
        }
    }

    pub(crate) fn is_valid(self, text: &str) -> bool {
        match self {
            Format::Uuid => is_uuid(text),
            Format::DateTime => is_date_time(text),
            Format::Uri => is_uri(text),
        }
    }
}

fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0, |acc, d| acc * 10 + u32::from(d - b'0')),
    )
}

fn is_date_time(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return false;
    }
    if b[13] != b':' || b[16] != b':' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) =
        (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
    else {
        return false;
    };
    let (Some(hour), Some(minute), Some(second)) =
        (digits(&b[11..13]), digits(&b[14..16]), digits(&b[17..19]))
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let fraction = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if fraction == 0 {
            return false;
        }
        rest = &rest[1 + fraction..];
    }
    // The offset, and with it the UTC time a leap second must fall on.
    let offset_minutes: i64 = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (Some(h), Some(m)) = (digits(&[*h1, *h2]), digits(&[*m1, *m2])) else {
                return false;
            };
            if h > 23 || m > 59 {
                return false;
            }
            let total = i64::from(h * 60 + m);
            if *sign == b'+' {
                total
            } else {
                -total
            }
        }
        _ => return false,
    };
    if second == 60 {
        let utc = (i64::from(hour * 60 + minute) - offset_minutes).rem_euclid(24 * 60);
        return utc == 23 * 60 + 59;
    }
    true
}

fn is_uri(text: &str) -> bool {
    let Some(colon) = text.find(':') else {
        return false;
    };
    let scheme = &text.as_bytes()[..colon];
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return false;
    }
    let rest = &text[colon + 1..];
    let (before_fragment, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (hier, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let pchar_ok = |part: &str, extra: &[u8]| valid_chars(part, extra);
    if !pchar_ok(fragment, b"/?") || !pchar_ok(query, b"/?") {
        return false;
    }
    if let Some(after) = hier.strip_prefix("//") {
        let end = after.find('/').unwrap_or(after.len());
        let (authority, path) = after.split_at(end);
        is_authority(authority) && pchar_ok(path, b"/")
    } else {
        pchar_ok(hier, b"/")
    }
}

/// Every character is unreserved, a sub-delimiter, `:`, `@`, one of `extra`, or a valid
/// percent-encoding.
fn valid_chars(part: &str, extra: &[u8]) -> bool {
    let b = part.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            let hex = |at: usize| b.get(at).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        let ok =
            c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&c) || extra.contains(&c);
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

fn is_authority(authority: &str) -> bool {
    let host_port = match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            if userinfo.contains('@') || !valid_chars(userinfo, b"") {
                return false;
            }
            host
        }
        None => authority,
    };
    let (host, port) = if let Some(literal) = host_port.strip_prefix('[') {
        let Some((inside, after)) = literal.split_once(']') else {
            return false;
        };
        if inside.is_empty()
            || !inside
                .bytes()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, b':' | b'.' | b'v' | b'V'))
        {
            return false;
        }
        match after.strip_prefix(':') {
            Some(port) => ("", port),
            None if after.is_empty() => ("", ""),
            None => return false,
        }
    } else {
        host_port.rsplit_once(':').unwrap_or((host_port, ""))
    };
    port.bytes().all(|c| c.is_ascii_digit()) && !host.contains(':') && valid_chars(host, b"")
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn uuids() {
        assert!(Format::Uuid.is_valid("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"));
        assert!(Format::Uuid.is_valid("182BD5E5-6E1A-4FE4-A799-AA6D9A6AB26E"));
        assert!(!Format::Uuid.is_valid("182bd5e56e1a4fe4a799aa6d9a6ab26e"));
        assert!(!Format::Uuid.is_valid("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26g"));
    }

    #[test]
    fn date_times() {
        for ok in [
            "2019-12-27T18:11:19.117Z",
            "2024-02-29T00:00:00+05:30",
            "1990-12-31T23:59:60Z",
            "1990-12-31t15:59:60-08:00",
        ] {
            assert!(Format::DateTime.is_valid(ok), "{ok}");
        }
        for bad in [
            "2019-12-27",
            "2023-02-29T00:00:00Z",
            "2019-12-27T18:11:19",
            "2019-12-27 18:11:19Z",
            "2019-12-27T24:00:00Z",
            "2019-12-27T12:00:60Z",
            "2019-12-27T18:11:19.Z",
        ] {
            assert!(!Format::DateTime.is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn uris() {
        for ok in [
            "https://example.com",
            "https://example.com:8443/a/b.png?x=1#top",
            "https://user@[::1]:80/",
            "urn:isbn:0451450523",
            "data:image/png;base64,iVBORw0KGgo=",
        ] {
            assert!(Format::Uri.is_valid(ok), "{ok}");
        }
        for bad in [
            "string",
            "/logo.png",
            "https://exa mple.com",
            "https://e.com/%zz",
            "1http://x",
        ] {
            assert!(!Format::Uri.is_valid(bad), "{bad}");
        }
    }
}
