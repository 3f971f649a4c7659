//! What the app-level rules need to know of one preset, kept apart from its parsed document: a
//! checker of thousands of files then holds a few hundred bytes per preset until its app is
//! complete, not the preset's tree or text.

use crate::diagnostic::{LineIndex, Span};
use crate::json::{Node, Value};
use crate::view::Preset;

/// Every path an app-level rule reads (relative to the preset). A rule that reads another path
/// must add it here; debug builds (the tests) assert it.
const PATHS: [&str; 13] = [
    "/name",
    "/permissions",
    "/permissions/media",
    "/config/view_type",
    "/permissions/accept_waiting_requests",
    "/permissions/waiting_room_type",
    "/permissions/can_accept_production_requests",
    "/permissions/accept_stage_requests",
    "/permissions/stage_access",
    "/permissions/can_livestream",
    "/permissions/media/audio/can_produce",
    "/permissions/media/video/can_produce",
    "/permissions/media/screenshare/can_produce",
];

/// What is at one of [`PATHS`]; a string's text is in [`AppFacts::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Scalar {
    /// Nothing there.
    #[default]
    Absent,
    Bool(bool),
    /// A string, at this range of [`AppFacts::text`].
    Str(u32, u32),
    /// A number, `null`, an array or an object: no app rule reads these.
    Other,
}

/// One preset as the app-level rules see it: where it came from, the values at [`PATHS`], and the
/// places to report at, with their lines and columns already resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppFacts {
    /// Where the document came from (its path), for messages about other presets.
    pub(crate) name: Box<str>,
    /// The pointer of the preset in its document (`""` or `"/data"`).
    base: &'static str,
    /// Held compactly (one allocation for every string, offsets as `u32`): a checker of
    /// thousands of files holds these for all of them until the app-level rules have run.
    values: [Scalar; PATHS.len()],
    /// The strings at [`PATHS`], one after the other.
    text: Box<str>,
    /// The span of each path's value, or of its nearest existing ancestor, as `(start, end)`.
    spans: [(u32, u32); PATHS.len()],
    /// `(offset, line, column)` of every span boundary, sorted by offset (inputs are far below
    /// 4 GiB: the size limit is checked before anything is parsed).
    positions: Box<[(u32, u32, u32)]>,
}

fn slot(path: &str) -> Option<usize> {
    let found = PATHS.iter().position(|p| *p == path);
    debug_assert!(found.is_some(), "app rules read `{path}`: add it to PATHS");
    found
}

impl AppFacts {
    /// Takes the facts of `preset`, resolving positions with `index`.
    pub(crate) fn of(preset: &Preset<'_>, index: &LineIndex<'_>) -> AppFacts {
        let found = PATHS.map(|path| preset.locate(path));
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut text = String::new();
        let values = found.map(|(node, _)| match node.map(|node: &Node| &node.value) {
            None => Scalar::Absent,
            Some(Value::Bool(b)) => Scalar::Bool(*b),
            Some(Value::String(s)) => {
                let start = narrow(text.len());
                text.push_str(s);
                Scalar::Str(start, narrow(text.len()))
            }
            Some(_) => Scalar::Other,
        });
        let spans = found.map(|(_, span)| (narrow(span.start), narrow(span.end)));
        // Absent paths share their ancestor's span: each offset is resolved once.
        let mut offsets: Vec<usize> = found.iter().flat_map(|(_, s)| [s.start, s.end]).collect();
        crate::order::sort(&mut offsets);
        offsets.dedup();
        let positions: Vec<(u32, u32, u32)> = offsets
            .into_iter()
            .map(|offset| {
                let (line, column) = index.position(offset);
                (narrow(offset), narrow(line), narrow(column))
            })
            .collect();
        AppFacts {
            name: preset.name.into(),
            base: preset.base,
            values,
            text: text.into_boxed_str(),
            spans,
            positions: positions.into_boxed_slice(),
        }
    }

    fn value(&self, path: &str) -> Scalar {
        slot(path).map_or(Scalar::Absent, |i| self.values[i])
    }

    /// A boolean at `path`.
    pub(crate) fn boolean(&self, path: &str) -> Option<bool> {
        match self.value(path) {
            Scalar::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// A string at `path`.
    pub(crate) fn string(&self, path: &str) -> Option<&str> {
        match self.value(path) {
            Scalar::Str(start, end) => self.text.get(start as usize..end as usize),
            _ => None,
        }
    }

    /// `ALLOWED`, `NOT_ALLOWED` or `CAN_REQUEST` for `audio`, `video` or `screenshare`.
    pub(crate) fn can_produce(&self, media: &str) -> Option<&str> {
        self.string(crate::view::can_produce_path(media)?)
    }

    /// The span of the value at `path`, or else of its nearest existing ancestor.
    pub(crate) fn span(&self, path: &str) -> Span {
        let (start, end) = slot(path).map_or(self.spans[0], |i| self.spans[i]);
        Span::new(start as usize, end as usize)
    }

    /// The pointer of `path` in the whole document.
    pub(crate) fn pointer(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The preset's name, if it has one.
    pub(crate) fn preset_name(&self) -> Option<&str> {
        self.string("/name")
    }

    /// How messages name this preset: its `name`, else where it came from.
    pub(crate) fn label(&self) -> String {
        match self.preset_name() {
            Some(name) if !name.trim().is_empty() => format!("`{name}`"),
            _ => format!("`{}`", self.name),
        }
    }

    /// The line and column of a span boundary of this preset.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let found = u32::try_from(offset).ok().and_then(|offset| {
            self.positions
                .binary_search_by_key(&offset, |&(offset, _, _)| offset)
                .ok()
        });
        match found {
            Some(i) => (self.positions[i].1 as usize, self.positions[i].2 as usize),
            None => (1, 1),
        }
    }
}
