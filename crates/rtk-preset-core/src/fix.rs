//! Fixes: minimal text edits that leave the rest of a document byte for byte as it was.

use crate::diagnostic::Span;

/// Whether applying a fix keeps what the author meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the author's intent (`--fix`).
    Safe,
    /// Changes what the document says (`--fix --unsafe-fixes`).
    Unsafe,
}

/// One replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    /// The bytes replaced.
    pub span: Span,
    /// What replaces them.
    pub replacement: String,
}

/// A fix for one finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// What the fix does, for `--diff` and editors: "replace `HD` with `hd`".
    pub description: String,
    /// The edits, none overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix of one edit.
    pub(crate) fn replace(
        applicability: Applicability,
        description: String,
        span: Span,
        replacement: String,
    ) -> Fix {
        Fix {
            applicability,
            description,
            edits: vec![Edit { span, replacement }],
        }
    }
}

/// The bytes to remove to delete an item of a list, with the separator that goes with it: up to
/// the next item, or for the last item from the end of the one before. `this`, `previous` and
/// `next` are the start and end of the item and its neighbours. The lines around keep their layout.
pub(crate) fn removal(
    previous: Option<(usize, usize)>,
    this: (usize, usize),
    next: Option<(usize, usize)>,
) -> Span {
    match (next, previous) {
        (Some(next), _) => Span::new(this.0, next.0),
        (None, Some(previous)) => Span::new(previous.1, this.1),
        (None, None) => Span::new(this.0, this.1),
    }
}

/// Applies as many of `fixes` as do not overlap each other (earlier ones win), and returns the new
/// text and how many fixes were applied.
pub fn apply<'a>(text: &[u8], fixes: impl IntoIterator<Item = &'a Fix>) -> (Vec<u8>, usize) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let fits = fix.edits.iter().all(|edit| {
            edit.span.start <= edit.span.end
                && edit.span.end <= text.len()
                && taken
                    .iter()
                    .all(|t| edit.span.end <= t.span.start || edit.span.start >= t.span.end)
        });
        if fits {
            taken.extend(&fix.edits);
            applied += 1;
        }
    }
    crate::order::sort_by_key(&mut taken, |e| e.span.start);
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    for edit in taken {
        out.extend_from_slice(&text[at..edit.span.start]);
        out.extend_from_slice(edit.replacement.as_bytes());
        at = edit.span.end;
    }
    out.extend_from_slice(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_edits_are_skipped_and_the_rest_is_kept() {
        let text = br#"{"a": "HD", "b": 31}"#;
        let case = Fix::replace(
            Applicability::Safe,
            "case".into(),
            Span::new(6, 10),
            "\"hd\"".into(),
        );
        let clash = Fix::replace(
            Applicability::Safe,
            "clash".into(),
            Span::new(7, 9),
            "x".into(),
        );
        let clamp = Fix::replace(
            Applicability::Unsafe,
            "clamp".into(),
            Span::new(17, 19),
            "30".into(),
        );
        let (fixed, applied) = apply(text, [&case, &clash, &clamp]);
        assert_eq!(applied, 2);
        assert_eq!(fixed, br#"{"a": "hd", "b": 30}"#);
    }

    #[test]
    fn removing_an_item_takes_its_separator() {
        let text = "[480, 720, 720]";
        let items = [(1, 4), (6, 9), (11, 14)];
        let cut = |i: usize| {
            let previous = i.checked_sub(1).map(|p| items[p]);
            let span = removal(previous, items[i], items.get(i + 1).copied());
            format!("{}{}", &text[..span.start], &text[span.end..])
        };
        assert_eq!(cut(2), "[480, 720]");
        assert_eq!(cut(0), "[720, 720]");
        assert_eq!(cut(1), "[480, 720]");
    }
}
