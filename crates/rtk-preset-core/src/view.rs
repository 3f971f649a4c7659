//! A read-only view of one preset inside a parsed document, for the semantic rules: typed lookups
//! by path that tolerate a document of any shape (a missing or mistyped field is simply absent).

use crate::diagnostic::Span;
use crate::json::{Node, Value};
use crate::revision::{ApiRevision, DocumentKind};

/// One preset: the whole document for request bodies and `preset`, `/data` for a response.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Preset<'a> {
    root: &'a Node<'a>,
    /// The pointer of the preset in its document (`""` or `"/data"`).
    pub(crate) base: &'static str,
    /// The API revision the document is checked against.
    pub(crate) api: ApiRevision,
    /// Where the document came from, for messages about other presets of an app.
    pub(crate) name: &'a str,
    /// The nodes at [`ANCHORS`], looked up once: the rules' paths start there, and a lookup
    /// starts from the longest anchor its path begins with instead of the root.
    anchors: [Option<&'a Node<'a>>; ANCHORS.len()],
}

/// The objects most of the rules' paths go through, the longer of two nested ones first.
const ANCHORS: [&str; 12] = [
    "/permissions/media/screenshare",
    "/permissions/media/video",
    "/permissions/media/audio",
    "/ui/design_tokens/colors",
    "/config/max_video_streams",
    "/permissions/media",
    "/permissions/chat",
    "/config/media",
    "/ui/design_tokens",
    "/permissions",
    "/config",
    "/ui",
];

impl<'a> Preset<'a> {
    /// The preset in `document`, if this kind of document holds one (a list does not).
    pub(crate) fn of(
        document: &'a Node<'a>,
        kind: DocumentKind,
        api: ApiRevision,
        name: &'a str,
    ) -> Option<Preset<'a>> {
        let (root, base) = match kind {
            DocumentKind::List => return None,
            DocumentKind::Response => (document.get("data")?, "/data"),
            _ => (document, ""),
        };
        if !matches!(root.value, Value::Object(_)) {
            return None;
        }
        let mut preset = Preset {
            root,
            base,
            api,
            name,
            anchors: [None; ANCHORS.len()],
        };
        // Outer anchors first (they come last), so that inner ones start from them. Without
        // anchors, every path is walked from the root (the differential test).
        for i in (0..ANCHORS.len()).rev().filter(|_| crate::shortcuts()) {
            preset.anchors[i] = preset.locate(ANCHORS[i]).0;
        }
        Some(preset)
    }

    /// The pointer of `path` in the whole document.
    pub(crate) fn pointer(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The node at `path` (`/config/media/video/frame_rate`; `/a/0` indexes arrays), and the
    /// span of that node or else of its nearest existing ancestor. Of duplicate keys the last
    /// counts, as in most parsers.
    pub(crate) fn locate(&self, path: &str) -> (Option<&'a Node<'a>>, Span) {
        debug_assert!(
            crate::fast::covers(path),
            "a rule reads `{path}`: add it to `fast::KEPT`"
        );
        for (anchor, node) in ANCHORS.iter().zip(self.anchors) {
            // The byte after the slash tells most anchors apart before a comparison. In native
            // code, where a rule's literal path makes this a constant, in the form the compiler
            // folds best.
            #[cfg(not(target_arch = "wasm32"))]
            let rest = {
                if anchor.as_bytes().get(1) != path.as_bytes().get(1) {
                    continue;
                }
                let Some(rest) = path.strip_prefix(anchor) else {
                    continue;
                };
                rest
            };
            // The WebAssembly, built for size, would call `Option`'s comparison and
            // `strip_prefix`: bytes compared.
            #[cfg(target_arch = "wasm32")]
            let rest = {
                let (bytes, a) = (path.as_bytes(), anchor.as_bytes());
                if bytes.len() < a.len() || bytes[1] != a[1] || bytes[..a.len()] != *a {
                    continue;
                }
                &path[a.len()..]
            };
            if rest.is_empty() || rest.starts_with('/') {
                // A missing anchor: the walk from the root finds the nearest ancestor's span.
                match node {
                    Some(node) => return self.locate_under(node, rest),
                    None => break,
                }
            }
        }
        self.locate_under(self.root, path)
    }

    fn locate_under(&self, from: &'a Node<'a>, path: &str) -> (Option<&'a Node<'a>>, Span) {
        let mut node = from;
        // Segments split by hand: paths are short, and `str::split` costs more than the walk.
        let bytes = path.as_bytes();
        let mut start = usize::from(matches!(bytes.first(), Some(b'/')));
        while start <= bytes.len() && !path.is_empty() {
            #[cfg(not(target_arch = "wasm32"))]
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'/')
                .map_or(bytes.len(), |i| start + i);
            // Without the iterator, which the WebAssembly, built for size, would call.
            #[cfg(target_arch = "wasm32")]
            let end = {
                let mut end = start;
                while end < bytes.len() && bytes[end] != b'/' {
                    end += 1;
                }
                end
            };
            let segment = &path[start..end];
            start = end + 1;
            let next = match &node.value {
                Value::Object(_) => node.get(segment),
                Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(next) => node = next,
                None => return (None, node.span),
            }
        }
        (Some(node), node.span)
    }

    /// The node at `path` under `node` (a node of this preset): rules that read many values
    /// under one parent look the parent up once, and join no paths.
    pub(crate) fn node_under(&self, node: &'a Node<'a>, path: &str) -> Option<&'a Node<'a>> {
        self.locate_under(node, path).0
    }

    /// A string at `path` under `node` (see [`Preset::node_under`]).
    pub(crate) fn string_under(&self, node: &'a Node<'a>, path: &str) -> Option<&'a str> {
        match &self.node_under(node, path)?.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The node at `path`, if there is one (see [`Preset::locate`]).
    pub(crate) fn node(&self, path: &str) -> Option<&'a Node<'a>> {
        self.locate(path).0
    }

    /// The span of the value at `path`, or else of the nearest ancestor that exists.
    pub(crate) fn span(&self, path: &str) -> Span {
        self.locate(path).1
    }

    /// A boolean at `path`.
    pub(crate) fn boolean(&self, path: &str) -> Option<bool> {
        match self.node(path)?.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// A string at `path`.
    pub(crate) fn string(&self, path: &str) -> Option<&'a str> {
        match &self.node(path)?.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number at `path` as an `f64` (huge numbers become infinite).
    pub(crate) fn number(&self, path: &str) -> Option<f64> {
        match &self.node(path)?.value {
            Value::Number(n) => crate::number::to_f64(n.as_str()),
            _ => None,
        }
    }

    /// A number at `path` as it is written.
    pub(crate) fn raw_number(&self, path: &str) -> Option<&'a str> {
        match &self.node(path)?.value {
            Value::Number(n) => Some(n.as_str()),
            _ => None,
        }
    }

    /// `ALLOWED`, `NOT_ALLOWED` or `CAN_REQUEST` for `audio`, `video` or `screenshare`.
    pub(crate) fn can_produce(&self, media: &str) -> Option<&'a str> {
        let media = self.node_under(self.node("/permissions/media")?, media)?;
        self.string_under(media, "can_produce")
    }

    /// A scalar at `path` as it is written (a number's exact text, a string without quotes).
    pub(crate) fn raw(&self, path: &str) -> Option<String> {
        match &self.node(path)?.value {
            Value::Number(n) => Some(n.as_str().to_owned()),
            Value::String(s) => Some(s.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => Some("null".to_owned()),
            Value::Array(_) | Value::Object(_) => None,
        }
    }
}
