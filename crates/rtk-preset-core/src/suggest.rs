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
            Some(2.0)
        } else if too_far(length, other.chars().count(), prefix_counts(&folded)) {
            None
        } else {
            similarity(&folded, &other)
        };
        if let Some(score) = score.filter(|&s| best.is_none_or(|(b, _)| s > b)) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Below this edit similarity (normalised Damerau-Levenshtein), a spelling is no typo...
const EDIT: f64 = 0.7;
/// ... unless its Jaro-Winkler similarity (common prefixes) reaches this, for a text of at least
/// [`PREFIX_FROM`] bytes.
const PREFIX: f64 = 0.9;
const PREFIX_FROM: usize = 4;

/// Whether Jaro-Winkler counts for the folded text `folded`.
fn prefix_counts(folded: &str) -> bool {
    folded.len() >= PREFIX_FROM
}

/// How alike two different folded texts are, if alike enough to be a typo of one another.
fn similarity(folded: &str, other: &str) -> Option<f64> {
    let edit = strsim::normalized_damerau_levenshtein(folded, other);
    let prefix = strsim::jaro_winkler(folded, other);
    (edit >= EDIT || (prefix >= PREFIX && prefix_counts(folded))).then(|| edit.max(prefix))
}

/// Whether texts of `a` and `b` characters differ too much in length for either measure of
/// [`similarity`] to reach its threshold (`prefix`: whether Jaro-Winkler counts), whatever they
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
    edit < EDIT && (!prefix || winkler < PREFIX - 1e-9)
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
        let mut near = 0;
        for a in texts.iter().step_by(7) {
            for b in texts.iter().filter(|&b| b != a) {
                if super::similarity(a, b).is_some() {
                    near += 1;
                    let (la, lb) = (a.chars().count(), b.chars().count());
                    assert!(
                        !super::too_far(la, lb, super::prefix_counts(a)),
                        "{a:?} {b:?}"
                    );
                }
            }
        }
        // Pairs of every kind were near: of equal and of different lengths.
        assert!(near > 1000, "{near}");
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
