//! What an editor asks about a place in a document: which field the cursor is on, its
//! documentation, and what may be typed there.
//!
//! It works on text as it is being typed (an unfinished key, a missing closing brace), not only on
//! valid JSON ([`place`]), and it reads the validator's own compiled schemas ([`facts`]), so the
//! language server, the schemas and the validator say the same things. Nothing here does I/O;
//! positions are byte offsets (the language server converts them to UTF-16).

mod complete;
mod facts;
mod hover;
mod place;

pub use crate::pointer::Segment;
pub use complete::{complete, Completion, CompletionKind};
pub use hover::hover;
pub(crate) use place::outline;
pub use place::{place_at, Place, Slot};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::revision::{ApiRevision, DocumentKind};

    fn at(text: &str) -> (String, usize) {
        let offset = text.find('|').expect("a cursor");
        (text.replacen('|', "", 1), offset)
    }

    #[test]
    fn places_in_unfinished_documents() {
        let (text, offset) = at(r#"{"config": {"view_type": "GR|"#);
        let place = place_at(text.as_bytes(), offset).unwrap();
        assert_eq!(place.pointer(), "/config/view_type");
        assert!(matches!(place.slot, Slot::Value { .. }));

        let (text, offset) =
            at("{\"config\": {\n  \"view_type\": \"GROUP_CALL\",\n  |\n}, \"name\": 1}");
        let place = place_at(text.as_bytes(), offset).unwrap();
        assert_eq!(place.path, vec![Segment::Key("config".into())]);
        assert_eq!(place.siblings, vec!["view_type".to_owned()]);

        let (text, offset) = at(r#"{"a": 1, "na|me": 2, "b": {"c": 3}, "d": 4}"#);
        let place = place_at(text.as_bytes(), offset).unwrap();
        assert_eq!(place.pointer(), "/name");
        assert_eq!(place.siblings, vec!["a", "b", "d"]);
        let Slot::Key { colon, span, .. } = place.slot else {
            panic!()
        };
        assert!(colon);
        assert_eq!(&text[span.start..span.end], "\"name\"");

        // An unclosed key ends before the structure after it: a completion replaces `"vi`, and
        // leaves the `}` alone.
        let (text, offset) = at(r#"{"a": 1, "vi|}"#);
        let place = place_at(text.as_bytes(), offset).unwrap();
        let Slot::Key { span, .. } = place.slot else {
            panic!()
        };
        assert_eq!(&text[span.start..span.end], "\"vi");
        let (text, offset) = at(r#"{"logo": "https://x|"#);
        let place = place_at(text.as_bytes(), offset).unwrap();
        let Slot::Value { span, .. } = place.slot else {
            panic!()
        };
        assert_eq!(&text[span.start..span.end], "\"https://x");
        // A backslash at the end of a line does not carry the string on to the next one.
        let (text, offset) = at("{\"path\": \"C:\\\n, \"na|me\": 1}");
        assert_eq!(
            place_at(text.as_bytes(), offset).unwrap().pointer(),
            "/name"
        );

        let (text, offset) = at(r#"{"a": [1, |"#);
        assert_eq!(place_at(text.as_bytes(), offset).unwrap().pointer(), "/a/1");
        let (text, offset) = at(r#"{"a": 1 | }"#);
        assert_eq!(place_at(text.as_bytes(), offset), None);
        assert_eq!(place_at(b"", 0), None);
    }

    #[test]
    fn hover_documents_fields_values_and_revisions() {
        let text = r#"{"config": {"view_type": "LIVESTREAM"}, "ui": {}}"#;
        let (doc, _) = hover(
            text.as_bytes(),
            14,
            DocumentKind::Create,
            ApiRevision::V2026_06,
        )
        .unwrap();
        assert!(doc.contains("**`view_type`**"), "{doc}");
        assert!(doc.contains("Type of the meeting"), "{doc}");
        assert!(doc.contains("(required)"), "{doc}");
        assert!(doc.contains("In every API revision"), "{doc}");
        let value = text.find("LIVE").unwrap();
        let (doc, span) = hover(
            text.as_bytes(),
            value,
            DocumentKind::Create,
            ApiRevision::V2026_06,
        )
        .unwrap();
        assert!(doc.contains("A livestream to viewers"), "{doc}");
        assert!(doc.contains("Introduced in API revision 2026-06"), "{doc}");
        assert_eq!(&text[span.start..span.end], "\"LIVESTREAM\"");
    }

    #[test]
    fn completion_offers_missing_keys_and_enum_values() {
        let (text, offset) = at(r#"{"config": {"view_type": "GROUP_CALL", |}}"#);
        let items = complete(
            text.as_bytes(),
            offset,
            DocumentKind::Create,
            ApiRevision::V2026_06,
        );
        let labels: Vec<&str> = items.iter().map(|c| c.label.as_str()).collect();
        assert!(labels.contains(&"max_screenshare_count"), "{labels:?}");
        assert!(!labels.contains(&"view_type"), "{labels:?}");
        assert_eq!(items[0].text, "\"max_screenshare_count\": ");

        let (text, offset) = at(r#"{"config": {"view_type": "|"}}"#);
        let labels = |api| -> Vec<String> {
            complete(text.as_bytes(), offset, DocumentKind::Create, api)
                .into_iter()
                .map(|c| c.label)
                .collect()
        };
        assert!(labels(ApiRevision::V2026_06).contains(&"\"LIVESTREAM\"".to_owned()));
        assert!(!labels(ApiRevision::V2026_01).contains(&"\"LIVESTREAM\"".to_owned()));
    }
}
