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
    /// What [`Preset::locate`] finds at each of [`PLACES`], found once; `None` when the check
    /// takes no shortcuts (the differential test), and every lookup walks from the root.
    places: Option<[(Option<&'a Node<'a>>, Span); PLACES.len()]>,
}

/// Declares the places the rules and the app facts read ([`PLACES`], in order, each after its
/// parent) and [`place`], which tells a path's place.
macro_rules! places {
    ($($slot:ident = $path:literal in $parent:ident;)*) => {
        /// The index of each place in [`PLACES`] (the WebAssembly's [`place`] names none).
        #[derive(Clone, Copy)]
        #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
        #[repr(usize)]
        enum Place {
            $($slot,)*
        }

        /// Each place's path and its parent's index (`None`: the preset itself).
        const PLACES: [(&str, Option<usize>); [$(Place::$slot),*].len()] =
            [$(($path, parent!($parent))),*];

        /// The index in [`PLACES`] of `path`, if it is one. Inlined in native code: a rule's
        /// literal path is then a constant, and so is its place.
        #[cfg(not(target_arch = "wasm32"))]
        #[inline(always)]
        fn place(path: &str) -> Option<usize> {
            match path {
                $($path => Some(Place::$slot as usize),)*
                _ => None,
            }
        }
    };
}

/// [`place`] in the WebAssembly, built for size, where nothing is a constant: one loop over
/// [`PLACES`] (most differ in length), not a call to compare each.
#[cfg(target_arch = "wasm32")]
fn place(path: &str) -> Option<usize> {
    let mut i = 0;
    while i < PLACES.len() {
        if crate::json::same_key(PLACES[i].0, path) {
            return Some(i);
        }
        i += 1;
    }
    None
}

macro_rules! parent {
    (Root) => {
        None
    };
    ($parent:ident) => {
        Some(Place::$parent as usize)
    };
}

places! {
    Name = "/name" in Root;
    Config = "/config" in Root;
    ViewType = "/config/view_type" in Config;
    MaxScreenshareCount = "/config/max_screenshare_count" in Config;
    MaxVideoStreams = "/config/max_video_streams" in Config;
    MaxVideoStreamsDesktop = "/config/max_video_streams/desktop" in MaxVideoStreams;
    MaxVideoStreamsMobile = "/config/max_video_streams/mobile" in MaxVideoStreams;
    LivestreamViewerQualities = "/config/livestream_viewer_qualities" in Config;
    ConfigMedia = "/config/media" in Config;
    ConfigVideo = "/config/media/video" in ConfigMedia;
    VideoFrameRate = "/config/media/video/frame_rate" in ConfigVideo;
    Simulcast = "/config/media/video/simulcast" in ConfigVideo;
    ConfigScreenshare = "/config/media/screenshare" in ConfigMedia;
    ScreenshareFrameRate = "/config/media/screenshare/frame_rate" in ConfigScreenshare;
    Permissions = "/permissions" in Root;
    AcceptStageRequests = "/permissions/accept_stage_requests" in Permissions;
    AcceptWaitingRequests = "/permissions/accept_waiting_requests" in Permissions;
    CanAcceptProductionRequests = "/permissions/can_accept_production_requests" in Permissions;
    CanLivestream = "/permissions/can_livestream" in Permissions;
    HiddenParticipant = "/permissions/hidden_participant" in Permissions;
    IsRecorder = "/permissions/is_recorder" in Permissions;
    RecorderType = "/permissions/recorder_type" in Permissions;
    StageAccess = "/permissions/stage_access" in Permissions;
    WaitingRoomType = "/permissions/waiting_room_type" in Permissions;
    Media = "/permissions/media" in Permissions;
    Audio = "/permissions/media/audio" in Media;
    AudioCanProduce = "/permissions/media/audio/can_produce" in Audio;
    Video = "/permissions/media/video" in Media;
    VideoCanProduce = "/permissions/media/video/can_produce" in Video;
    Screenshare = "/permissions/media/screenshare" in Media;
    ScreenshareCanProduce = "/permissions/media/screenshare/can_produce" in Screenshare;
    Chat = "/permissions/chat" in Permissions;
    Public = "/permissions/chat/public" in Chat;
    PublicCanSend = "/permissions/chat/public/can_send" in Public;
    PublicText = "/permissions/chat/public/text" in Public;
    PublicFiles = "/permissions/chat/public/files" in Public;
    Private = "/permissions/chat/private" in Chat;
    PrivateCanSend = "/permissions/chat/private/can_send" in Private;
    PrivateCanReceive = "/permissions/chat/private/can_receive" in Private;
    Polls = "/permissions/polls" in Permissions;
    CanVote = "/permissions/polls/can_vote" in Polls;
    CanView = "/permissions/polls/can_view" in Polls;
    Ui = "/ui" in Root;
    DesignTokens = "/ui/design_tokens" in Ui;
    Colors = "/ui/design_tokens/colors" in DesignTokens;
    Background = "/ui/design_tokens/colors/background" in Colors;
    Brand = "/ui/design_tokens/colors/brand" in Colors;
    // The colour tokens, in the order of `color::TOKENS` ([`Preset::colour`]).
    Background600 = "/ui/design_tokens/colors/background/600" in Background;
    Background700 = "/ui/design_tokens/colors/background/700" in Background;
    Background800 = "/ui/design_tokens/colors/background/800" in Background;
    Background900 = "/ui/design_tokens/colors/background/900" in Background;
    Background1000 = "/ui/design_tokens/colors/background/1000" in Background;
    Brand300 = "/ui/design_tokens/colors/brand/300" in Brand;
    Brand400 = "/ui/design_tokens/colors/brand/400" in Brand;
    Brand500 = "/ui/design_tokens/colors/brand/500" in Brand;
    Brand600 = "/ui/design_tokens/colors/brand/600" in Brand;
    Brand700 = "/ui/design_tokens/colors/brand/700" in Brand;
    Danger = "/ui/design_tokens/colors/danger" in Colors;
    Success = "/ui/design_tokens/colors/success" in Colors;
    Text = "/ui/design_tokens/colors/text" in Colors;
    TextOnBrand = "/ui/design_tokens/colors/text_on_brand" in Colors;
    VideoBg = "/ui/design_tokens/colors/video_bg" in Colors;
    Warning = "/ui/design_tokens/colors/warning" in Colors;
    Theme = "/ui/design_tokens/theme" in DesignTokens;
    Logo = "/ui/design_tokens/logo" in DesignTokens;
}

/// The path of `can_produce` for `audio`, `video` or `screenshare`: a place ([`PLACES`]), not a
/// path joined, and a constant for a literal `media`.
#[inline]
pub(crate) fn can_produce_path(media: &str) -> Option<&'static str> {
    match media {
        "audio" => Some("/permissions/media/audio/can_produce"),
        "video" => Some("/permissions/media/video/can_produce"),
        "screenshare" => Some("/permissions/media/screenshare/can_produce"),
        _ => None,
    }
}

/// The place of the first colour token: the others follow in the order of `color::TOKENS`.
const FIRST_COLOUR: usize = Place::Background600 as usize;

/// Where the colour tokens are.
const COLOURS: &str = "/ui/design_tokens/colors";

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
        // Each place from its parent's node: one member looked up each. What a walk from the
        // root finds: the node, or else the span of the nearest ancestor that exists.
        let places = crate::shortcuts().then(|| {
            let mut found = [(None, root.span); PLACES.len()];
            for (i, &(path, parent)) in PLACES.iter().enumerate() {
                let (from, span) = parent.map_or((Some(root), root.span), |p| found[p]);
                let key = &path[parent.map_or(0, |p| PLACES[p].0.len()) + 1..];
                found[i] = match from.map(|node| (node, node.get(key))) {
                    Some((_, Some(node))) => (Some(node), node.span),
                    Some((node, None)) => (None, node.span),
                    None => (None, span),
                };
            }
            found
        });
        Some(Preset {
            root,
            base,
            api,
            name,
            places,
        })
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
        if let (Some(places), Some(i)) = (&self.places, place(path)) {
            return places[i];
        }
        self.walk(path)
    }

    /// [`Preset::locate`] by a walk from the root, segment by segment: for a path that is not a
    /// place, and for every path without the shortcuts.
    fn walk(&self, path: &str) -> (Option<&'a Node<'a>>, Span) {
        let mut node = self.root;
        // Segments split by hand: paths are short, and `str::split` costs more than the walk.
        let bytes = path.as_bytes();
        let mut start = usize::from(matches!(bytes.first(), Some(b'/')));
        while start <= bytes.len() && !path.is_empty() {
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'/')
                .map_or(bytes.len(), |i| start + i);
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
        self.string(can_produce_path(media)?)
    }

    /// The string of colour token `token` (an index in `color::TOKENS`): a place, so no path
    /// is joined.
    pub(crate) fn colour(&self, token: usize) -> Option<&'a str> {
        let name = crate::color::TOKENS.get(token)?;
        let node = match &self.places {
            Some(places) => places[FIRST_COLOUR + token].0,
            None => self.walk(&format!("{COLOURS}{name}")).0,
        };
        match &node?.value {
            Value::String(s) => Some(s),
            _ => None,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, Limits};

    #[test]
    fn each_place_is_a_member_of_its_parent_and_kept() {
        for (i, &(path, parent)) in PLACES.iter().enumerate() {
            assert_eq!(place(path), Some(i), "{path}");
            let parent_path = parent.map_or("", |p| PLACES[p].0);
            assert!(
                parent.is_none_or(|p| p < i),
                "{path} comes after its parent"
            );
            let key = path
                .strip_prefix(parent_path)
                .and_then(|k| k.strip_prefix('/'));
            assert!(
                key.is_some_and(|k| !k.is_empty() && !k.contains('/')),
                "{path}"
            );
            assert!(crate::fast::covers(path), "{path} is not kept");
        }
        for (i, token) in crate::color::TOKENS.iter().enumerate() {
            assert_eq!(PLACES[FIRST_COLOUR + i].0, format!("{COLOURS}{token}"));
        }
        assert_eq!(place("/permissions/media/video/"), None);
        assert_eq!(place("/config/media/audio"), None);
    }

    /// What the places give is what a walk from the root finds: the node, or else the span of
    /// the nearest ancestor that exists, through missing members, scalars and arrays on the way,
    /// and the last of duplicate keys.
    #[test]
    fn places_find_what_a_walk_finds() {
        let documents = [
            r#"{"name": "a", "config": {"media": {"video": {"frame_rate": 30}}, "view_type": 1}}"#,
            r#"{"permissions": {"media": [1, 2], "chat": "no", "polls": {"can_vote": true}}}"#,
            r#"{"permissions": {"media": {"video": {"can_produce": "A"}}, "media": {}}}"#,
            r##"{"ui": {"design_tokens": {"colors": {"background": {"600": "#000"}}}}}"##,
            r#"{"config": null, "ui": [], "permissions": {"polls": null}}"#,
        ];
        for text in documents {
            let tree = parse(text.as_bytes(), Limits::default()).unwrap();
            let preset =
                Preset::of(&tree, DocumentKind::Create, ApiRevision::default(), "").unwrap();
            assert!(preset.places.is_some());
            for (path, _) in PLACES {
                let walked = preset.walk(path);
                assert_eq!(preset.locate(path), walked, "{path} in {text}");
            }
        }
    }
}
