//! Conversions between the protocol and the core, in one place: positions (UTF-16 code units in the
//! protocol, bytes in the core), diagnostics, and `file:` URIs.

use super::SOURCE;
use crate::config;
use lsp_types as lt;
use rtk_preset_core::{Diagnostic, LineIndex, Severity, Span};
use std::path::{Path, PathBuf};

/// Whether a path is a configuration file.
pub(super) fn is_config(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == std::ffi::OsStr::new(config::FILE_NAME))
}

/// A finding as an LSP diagnostic: the rule as its code, the help on a second line. Its related
/// places (in the same document, `uri`) are `relatedInformation` for a client that takes it, else
/// lines of the message.
pub(super) fn to_lsp(
    finding: &Diagnostic,
    map: &LineMap<'_>,
    uri: &lt::Uri,
    related_information: bool,
) -> lt::Diagnostic {
    let mut message = finding.message.clone();
    let mut related = Vec::new();
    for place in &finding.related {
        if related_information {
            related.push(lt::DiagnosticRelatedInformation {
                location: lt::Location::new(uri.clone(), map.range(place.span)),
                message: place.message.clone(),
            });
        } else {
            message.push_str(&format!(
                "\n{} is at line {}, column {}",
                place.message, place.line, place.column
            ));
        }
    }
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lt::Diagnostic {
        range: map.range(finding.span),
        severity: Some(match finding.severity {
            Severity::Error => lt::DiagnosticSeverity::ERROR,
            Severity::Warning => lt::DiagnosticSeverity::WARNING,
            Severity::Info => lt::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lt::NumberOrString::String(finding.rule.to_owned())),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: (!finding.pointer.is_empty())
            .then(|| serde_json::json!({ "pointer": finding.pointer })),
        ..Default::default()
    }
}

/// A text's lines in the protocol's units (lines, and UTF-16 code units within the line): the
/// core's [`LineIndex`], which the reports' lines and columns come from too.
pub(super) struct LineMap<'a>(LineIndex<'a>);

impl<'a> LineMap<'a> {
    pub(super) fn new(text: &'a str) -> LineMap<'a> {
        LineMap(LineIndex::new(text.as_bytes()))
    }

    /// The position of a byte offset (clamped to the text, and back to a character boundary).
    pub(super) fn position(&self, offset: usize) -> lt::Position {
        let (line, character) = self.0.utf16_position(offset);
        lt::Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(character).unwrap_or(u32::MAX),
        )
    }

    pub(super) fn range(&self, span: Span) -> lt::Range {
        lt::Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position; a character past the line's end means its end, a line past
    /// the last means the end of the text.
    pub(super) fn offset(&self, position: lt::Position) -> usize {
        self.0
            .offset_of_utf16(position.line as usize, position.character as usize)
    }
}

/// The characters a path keeps unescaped in a `file:` URI.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The path of a `file:` URI.
pub(super) fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(rest).collect();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt as _;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        let text = String::from_utf8(bytes).ok()?;
        Some(PathBuf::from(text.strip_prefix('/').unwrap_or(&text)))
    }
}

/// The `file:` URI of a path.
pub(super) fn uri_of(path: &Path) -> Option<lt::Uri> {
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?.replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(&text, PATH)
    )
    .parse()
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_code_units() {
        let text = "{\"é𝄞\": 1,\r\n\"x\": 2}";
        let map = LineMap::new(text);
        let one = text.find('1').unwrap();
        // `{"` 2, `é` 1, `𝄞` 2 (a surrogate pair), `": ` 3.
        assert_eq!(map.position(one), lt::Position::new(0, 8));
        assert_eq!(map.offset(lt::Position::new(0, 8)), one);
        let x = text.find('x').unwrap();
        assert_eq!(map.position(x), lt::Position::new(1, 1));
        assert_eq!(map.offset(lt::Position::new(1, 1)), x);
        assert_eq!(
            map.offset(lt::Position::new(0, 99)),
            text.find('\r').unwrap()
        );
        assert_eq!(map.offset(lt::Position::new(9, 0)), text.len());
        // Inside a character: back to its start.
        assert_eq!(map.position(3), lt::Position::new(0, 2));
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/a dir/prés#1.json");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20dir/pr%C3%A9s%231.json");
        assert_eq!(path_of(uri.as_str()).unwrap(), path);
        assert_eq!(
            path_of("file://localhost/x.json").unwrap(),
            Path::new("/x.json")
        );
        assert_eq!(path_of("untitled:Untitled-1"), None);
    }
}
