//! "Did you mean ...?": the nearest known key or value to what was written.

/// Folds case and the separators people mix up (`_`, `-`, space), so `HD` meets `hd`,
/// `group_call` meets `GROUP_CALL` and `frameRate` meets `frame_rate`. ASCII case only: every
/// name and value of the API is ASCII, and Unicode's case tables would add 13 KB to the npm
/// package's WebAssembly.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether two texts differ only in case and separators (`HD` and `hd`, `group_call` and
/// `GROUP_CALL`): replacing one with the other keeps what was meant.
pub(crate) fn same_folded(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// The candidate nearest to `given`, if one is near enough to be a likely typo.
pub(crate) fn nearest<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let folded = fold(given);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        if candidate == given {
            continue;
        }
        let other = fold(candidate);
        let score = if other == folded {
            2.0
        } else {
            let edit = strsim::normalized_damerau_levenshtein(&folded, &other);
            let prefix = strsim::jaro_winkler(&folded, &other);
            if edit >= 0.7 || (prefix >= 0.9 && folded.len() >= 4) {
                edit.max(prefix)
            } else {
                continue;
            }
        };
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `` `a`, `b`, `c` `` for a help text.
pub(crate) fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn finds_typos_and_case_mistakes() {
        let keys = ["frame_rate", "quality", "simulcast"];
        assert_eq!(nearest("frame_rat", keys), Some("frame_rate"));
        assert_eq!(nearest("frameRate", keys), Some("frame_rate"));
        assert_eq!(nearest("qualty", keys), Some("quality"));
        assert_eq!(nearest("bitrate", keys), None);
        assert_eq!(nearest("HD", ["hd", "vga", "qvga"]), Some("hd"));
        assert_eq!(
            nearest("group_call", ["GROUP_CALL", "WEBINAR", "AUDIO_ROOM"]),
            Some("GROUP_CALL")
        );
        assert_eq!(
            nearest(
                "NONE",
                ["SKIP", "ON_PRIVILEGED_USER_ENTRY", "SKIP_ON_ACCEPT"]
            ),
            None
        );
    }
}
