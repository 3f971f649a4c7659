//! RFC 6901 JSON Pointers, in one place: the segments of a path, escaping and unescaping, building
//! a pointer, and finding what a pointer names in a parsed document. Finding a member of an object
//! is [`Node::get`](crate::json::Node::get).

use crate::json::{Node, Value};
use std::borrow::Cow;
use std::fmt::Write as _;

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment<'a> {
    /// An object member, by its (unescaped) key.
    Key(Cow<'a, str>),
    /// An array item.
    Index(usize),
}

impl Segment<'_> {
    /// The key, for a member.
    pub fn key(&self) -> Option<&str> {
        match self {
            Segment::Key(key) => Some(key),
            Segment::Index(_) => None,
        }
    }

    /// The same segment, owning its key.
    pub fn into_owned(self) -> Segment<'static> {
        match self {
            Segment::Key(key) => Segment::Key(Cow::Owned(key.into_owned())),
            Segment::Index(i) => Segment::Index(i),
        }
    }
}

/// Escapes one reference token: `~` as `~0`, `/` as `~1`.
pub fn escape(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// Unescapes one reference token (`~1` is `/`, `~0` is `~`, in that order).
pub fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// The unescaped reference tokens of a pointer (`""` has none).
pub fn tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    pointer.split('/').skip(1).map(unescape)
}

/// The pointer of a path.
pub fn join<'s>(segments: impl IntoIterator<Item = &'s Segment<'s>>) -> String {
    let mut pointer = String::new();
    for segment in segments {
        pointer.push('/');
        match segment {
            Segment::Key(key) => pointer.push_str(&escape(key)),
            Segment::Index(i) => {
                let _ = write!(pointer, "{i}");
            }
        }
    }
    pointer
}

/// Follows `pointer` in `document`: the path as segments (an index where the document has an array
/// there, a key elsewhere, also past the end of what the document has) and the node it names, if
/// the document has one there. Of repeated keys the last counts, as in most parsers.
pub fn resolve<'n>(
    document: &'n Node<'n>,
    pointer: &str,
) -> (Vec<Segment<'static>>, Option<&'n Node<'n>>) {
    let mut node = Some(document);
    let mut path = Vec::new();
    for token in tokens(pointer) {
        let index = match node.map(|n| &n.value) {
            Some(Value::Array(_)) => token.parse::<usize>().ok(),
            _ => None,
        };
        node = match (node, index) {
            (Some(n), Some(i)) => match &n.value {
                Value::Array(items) => items.get(i),
                _ => None,
            },
            (Some(n), None) => n.get(&token),
            (None, _) => None,
        };
        path.push(match index {
            Some(i) => Segment::Index(i),
            None => Segment::Key(Cow::Owned(token.into_owned())),
        });
    }
    (path, node)
}

/// The pointer of the innermost value (or key) at byte `offset` of `document`.
pub fn at_offset(document: &Node<'_>, offset: usize) -> String {
    let mut path: Vec<Segment<'_>> = Vec::new();
    let mut node = document;
    loop {
        match &node.value {
            Value::Object(members) => {
                let Some(m) = members
                    .iter()
                    .find(|m| m.key_span.start <= offset && offset < m.value.span.end)
                else {
                    break;
                };
                path.push(Segment::Key(Cow::Borrowed(&m.key)));
                if offset < m.key_span.end {
                    break;
                }
                node = &m.value;
            }
            Value::Array(items) => {
                let Some(i) = items
                    .iter()
                    .position(|n| n.span.start <= offset && offset < n.span.end)
                else {
                    break;
                };
                path.push(Segment::Index(i));
                node = &items[i];
            }
            _ => break,
        }
    }
    join(&path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, Limits};

    #[test]
    fn escaping_round_trips() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
        // `~01` is `~1` unescaped, not `/`.
        assert_eq!(unescape("~01"), "~1");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn pointers_resolve_with_indices_only_in_arrays() {
        let text =
            r#"{"config": {"q": [480, 600]}, "ui": {"600": "x", "a/b": {"c": 1}}, "k": 1, "k": 2}"#;
        let doc = parse(text.as_bytes(), Limits::default()).unwrap();
        let (path, node) = resolve(&doc, "/config/q/1");
        assert_eq!(
            path,
            [
                Segment::Key("config".into()),
                Segment::Key("q".into()),
                Segment::Index(1)
            ]
        );
        assert_eq!(node.map(|n| &text[n.span.start..n.span.end]), Some("600"));
        let (path, node) = resolve(&doc, "/ui/600");
        assert_eq!(path[1], Segment::Key("600".into()));
        assert!(node.is_some());
        let (path, node) = resolve(&doc, "/ui/a~1b/c");
        assert_eq!(join(&path), "/ui/a~1b/c");
        assert!(node.is_some());
        let (path, node) = resolve(&doc, "/missing/0");
        assert_eq!(
            path,
            [Segment::Key("missing".into()), Segment::Key("0".into())]
        );
        assert!(node.is_none());
        // The last of repeated keys.
        let (_, node) = resolve(&doc, "/k");
        assert_eq!(node.map(|n| &text[n.span.start..n.span.end]), Some("2"));
    }

    #[test]
    fn the_pointer_at_an_offset_is_the_innermost_value_or_key() {
        let text = r#"{"a": {"b/c": [1, {"d": 2}]}}"#;
        let doc = parse(text.as_bytes(), Limits::default()).unwrap();
        assert_eq!(at_offset(&doc, text.find('2').unwrap()), "/a/b~1c/1/d");
        assert_eq!(at_offset(&doc, text.find("\"b").unwrap()), "/a/b~1c");
        assert_eq!(at_offset(&doc, 0), "");
    }
}
