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
    let length = folded.chars().count();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        if candidate == given {
            continue;
        }
        let other = fold(candidate);
        let score = if other == folded {
            2.0
        } else {
            if too_far(length, other.chars().count(), folded.len() >= 4) {
                continue;
            }
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

/// Whether texts of `a` and `b` characters differ too much in length for either measure of
/// [`nearest`] to reach its threshold (`prefix`: whether Jaro-Winkler counts), whatever they
/// hold: the edit distance is at least the difference of the lengths, and Jaro matches at most
/// the shorter length, with a common prefix of at most four. Bounds computed as `strsim`
/// computes the measures, so that nothing near enough is skipped.
fn too_far(a: usize, b: usize, prefix: bool) -> bool {
    let (short, long) = (a.min(b), a.max(b));
    if short == 0 {
        // Nothing in common with a non-empty text: both measures are 0.
        return true;
    }
    let edit = 1.0 - ((long - short) as f64) / (long as f64);
    let jaro = ((short as f64 / a as f64) + (short as f64 / b as f64) + 1.0) / 3.0;
    let winkler = jaro + 0.4 * (1.0 - jaro);
    edit < 0.7 && (!prefix || winkler < 0.9 - 1e-9)
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

    /// The length bound skips no candidate the measures would take: every pair of short
    /// texts over a small alphabet, with and without the bound.
    #[test]
    fn the_length_bound_skips_nothing_near() {
        let alphabet = ['a', 'b', 'c'];
        let mut texts = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..6 {
            last = last
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        let near = |a: &str, b: &str| {
            let edit = strsim::normalized_damerau_levenshtein(a, b);
            let prefix = strsim::jaro_winkler(a, b);
            edit >= 0.7 || (prefix >= 0.9 && a.len() >= 4)
        };
        for a in texts.iter().step_by(7) {
            for b in &texts {
                if a != b && near(a, b) {
                    let (la, lb) = (a.chars().count(), b.chars().count());
                    assert!(!super::too_far(la, lb, a.len() >= 4), "{a:?} {b:?}");
                }
            }
        }
    }

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
