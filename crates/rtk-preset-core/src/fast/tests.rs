use super::*;

/// The lines the pass notes in whitespace are those [`LineIndex::new`] finds in the text:
/// `\n`, `\r\n` and a lone `\r`, around indentation of every length.
#[test]
fn line_starts_match_the_line_index() {
    let options = CheckOptions {
        kind: KindSelector::Fixed(DocumentKind::Update),
        ..CheckOptions::default()
    };
    for newline in ["\n", "\r\n", "\r"] {
        for indent in 0..20 {
            let pad = " ".repeat(indent);
            let text = format!(
                "{{{newline}{pad}\"name\": \"host\",{newline}{newline}{pad}\t\"config\":\
                 {newline}{pad}{{\"view_type\": \"GROUP_CALL\"}}{newline}}}{newline}{pad}"
            );
            let scanned = scan(text.as_bytes(), &options).expect("a clean document");
            let index = crate::diagnostic::LineIndex::new(text.as_bytes());
            let ours = crate::diagnostic::LineIndex::with_line_starts(
                text.as_bytes(),
                scanned.line_starts,
            );
            for offset in 0..=text.len() {
                assert_eq!(ours.position(offset), index.position(offset), "{text:?}");
            }
        }
    }
}

/// What the pass gives up on, the full parser reports, and the reverse: every file of the
/// JSON parsing test suite is accepted by the pass only if the parser accepts it.
#[test]
fn the_pass_accepts_no_text_the_parser_rejects() {
    let suite = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/testdata/JSONTestSuite/test_parsing");
    let mut read = 0;
    for entry in std::fs::read_dir(&suite).into_iter().flatten().flatten() {
        let bytes = std::fs::read(entry.path()).expect("readable");
        let options = CheckOptions {
            kind: KindSelector::Fixed(DocumentKind::Update),
            ..CheckOptions::default()
        };
        // Scanned against no schema: any value is judged for its syntax only.
        if scan(&bytes, &options).is_some() || scan_syntax(&bytes) {
            assert!(
                crate::json::parse(&bytes, crate::json::Limits::default()).is_ok(),
                "{}",
                entry.path().display()
            );
        }
        read += 1;
    }
    assert!(read > 300, "{read} files of {}", suite.display());
}

/// Numbers compared with the schema's bounds as `f64`s and as integers come out as compared
/// as decimals: every bound of every schema, against numbers on both sides of it, at it, and
/// far away, written in every way.
#[test]
fn bounds_compare_as_decimals_do() {
    let mut compared = 0;
    for kind in DocumentKind::ALL {
        for api in ApiRevision::ALL {
            let schema = compiled(kind, api);
            for s in schema
                .nodes
                .iter()
                .filter(|s| s.minimum.is_some() || s.maximum.is_some())
            {
                let mut texts: Vec<String> = [
                    "0",
                    "-0",
                    "1",
                    "-1",
                    "0.5",
                    "29.97",
                    "30",
                    "30.0",
                    "3e1",
                    "300e-1",
                    "30.000000000000001",
                    "29.999999999999999",
                    "31",
                    "1e15",
                    "1e22",
                    "-1e22",
                    "1e300",
                    "1e308",
                    "1.7976931348623157e308",
                    "1e400",
                    "-1e400",
                    "123456789012345",
                    "1234567890123456789",
                    "9007199254740993",
                ]
                .iter()
                .map(|t| t.to_string())
                .collect();
                for bound in [&s.minimum, &s.maximum].into_iter().flatten() {
                    let b = &bound.1;
                    texts.extend([b.clone(), format!("{b}0"), format!("-{b}")]);
                    if let Some(v) = crate::number::to_f64(b) {
                        for d in [-1.0, -0.5, -1e-9, 1e-9, 0.5, 1.0] {
                            texts.push(format!("{}", v + d));
                        }
                    }
                }
                for text in &texts {
                    assert_eq!(
                        crate::validate::within_bounds(s, text),
                        crate::validate::within_bounds_exactly(s, text),
                        "{text} against {:?} .. {:?}",
                        s.minimum.as_ref().map(|m| &m.1),
                        s.maximum.as_ref().map(|m| &m.1)
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 500, "{compared}");
}

/// Whether the pass reads `bytes` through as JSON, checking nothing against a schema.
fn scan_syntax(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut scanner = Scanner {
        bytes,
        text,
        pos: 0,
        depth: 0,
        max_depth: 128,
        schema: compiled(DocumentKind::Update, ApiRevision::V2026_06),
        plans: plans(DocumentKind::Update, ApiRevision::V2026_06),
        clean: false,
        stop_when_dirty: false,
        root: Root::default(),
        line_starts: vec![0],
        members: Vec::new(),
        items: Vec::new(),
    };
    scanner.document(Keep::No).is_ok()
}
