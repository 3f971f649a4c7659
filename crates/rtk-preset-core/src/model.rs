//! The preset model: every document kind of the API, in both revisions, declared once.
//!
//! The types describe the union of both API revisions. Where the revisions differ, the difference is
//! declared on the field or type with one of these schema annotations, which
//! [`crate::schema`] resolves per revision (and strips, so they never reach a published schema):
//!
//! | annotation | on | meaning |
//! |---|---|---|
//! | `x-rtk-since: REV` | a field, an enum branch | exists from `REV` on |
//! | `x-rtk-until: REV` | a field, an enum branch | exists up to `REV` and no later |
//! | `x-rtk-required: [REV...]` | an `Option` field | required in exactly these revisions |
//! | `x-rtk-values-since: {VALUE: REV}` | an enum type | these values exist from `REV` on |
//! | `x-rtk-only: {REV: {keywords}}` | any schema | keywords (bounds, formats) that apply in `REV` only |
//! | `x-rtk-nullable: true` | an `Option` field | `null` is an allowed value (elsewhere `Option` means "may be absent") |
//! | `x-rtk-synonyms: [WORD...]` | an enum variant | what people write for this value (`1080p` for `fhd`): "did you mean" suggests the value |
//!
//! Everything else (types, enum values, bounds, formats, required fields) is ordinary serde and
//! schemars, and the doc comments become the schema's descriptions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Declares a string newtype whose schema is a string of one JSON Schema `format`.
macro_rules! formatted_string {
    ($(#[$meta:meta])* $name:ident, $format:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn inline_schema() -> bool {
                true
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "format": $format })
            }
        }
    };
}

formatted_string!(
    /// A UUID in its hyphenated text form (`format: uuid`).
    Uuid,
    "uuid"
);
formatted_string!(
    /// An RFC 3339 timestamp (`format: date-time`).
    DateTime,
    "date-time"
);

/// The body of a create request (`POST .../presets`), and of a replace request (`PUT`, 2026-06).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PresetBody {
    /// Name of the preset. Unique within an app.
    pub name: String,
    /// Meeting configuration: view type, stream counts and media quality.
    pub config: Config,
    /// What a participant with this preset may do. Optional in 2026-01, required in 2026-06.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-required" = ["2026-06"]))]
    pub permissions: Option<Permissions>,
    /// The look of the meeting UI.
    pub ui: Ui,
}

/// A preset as the API returns it: the create body plus its id and timestamps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Preset {
    /// ID of the preset.
    pub id: Uuid,
    /// The fields of the create body.
    #[serde(flatten)]
    pub body: PresetBody,
    /// Timestamp this preset was created at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-since" = "2026-06", "x-rtk-required" = ["2026-06"]))]
    pub created_at: Option<DateTime>,
    /// Timestamp this preset was last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-since" = "2026-06", "x-rtk-required" = ["2026-06"]))]
    pub updated_at: Option<DateTime>,
}

/// The response of create, get, update, replace and delete: one preset in an envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PresetResponse {
    /// Success status of the operation.
    pub success: bool,
    /// Data returned by the operation.
    pub data: Preset,
}

/// The response of the list operation (`GET .../presets`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PresetListResponse {
    /// Success status of the operation.
    pub success: bool,
    /// One summary per preset.
    pub data: Vec<PresetSummary>,
    /// Where this page lies in the whole list.
    pub paging: Paging,
}

/// A preset in the list response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PresetSummary {
    /// ID of the preset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// Name of the preset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Timestamp this preset was created at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime>,
    /// Timestamp this preset was last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime>,
}

/// Paging of the list response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Paging {
    /// Offset of the first preset of this page.
    pub start_offset: f64,
    /// Offset of the last preset of this page.
    pub end_offset: f64,
    /// Number of presets in the whole list.
    #[schemars(range(min = 0))]
    pub total_count: f64,
}

/// Meeting configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Config {
    /// Type of the meeting.
    pub view_type: ViewType,
    /// Maximum number of screen shares that can be active at a given time. A JSON number, as in the
    /// SDKs; a fraction is accepted by the API but makes no sense for a count (`fractional-count`).
    pub max_screenshare_count: f64,
    /// Maximum number of streams that are visible on a device.
    pub max_video_streams: MaxVideoStreams,
    /// Media configuration options, e.g. video quality.
    pub media: Media,
    /// Qualities (vertical resolution) a livestream viewer can pick from; the official client SDK
    /// supports 240, 360, 480, 720 and 1080. Only meaningful for `LIVESTREAM` presets. Integers:
    /// the Python SDK types them `int` (the TypeScript SDK `number`, as it does every integer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-since" = "2026-06", "x-rtk-nullable" = true))]
    pub livestream_viewer_qualities: Option<Vec<i32>>,
}

/// Type of the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[schemars(extend("x-rtk-values-since" = { "LIVESTREAM": "2026-06" }))]
pub enum ViewType {
    /// Everyone can be on screen.
    #[schemars(extend("x-rtk-synonyms" = ["group", "meeting", "video_call"]))]
    GroupCall,
    /// A few hosts on screen, an audience that can be brought on stage.
    Webinar,
    /// Audio only.
    #[schemars(extend("x-rtk-synonyms" = ["audio", "audio_only", "audio_call"]))]
    AudioRoom,
    /// A livestream to viewers (2026-06).
    Livestream,
}

/// Maximum number of streams that are visible on a device: JSON numbers, as in the SDKs (a fraction
/// is accepted by the API but makes no sense for a count: `fractional-count`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MaxVideoStreams {
    /// Maximum number of video streams visible on desktop devices.
    pub desktop: f64,
    /// Maximum number of streams visible on mobile devices.
    pub mobile: f64,
}

/// Media configuration options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Media {
    /// Configuration options for participant screen shares.
    pub screenshare: ScreenshareMedia,
    /// Configuration options for participant videos.
    pub video: VideoMedia,
    /// Control options for audio quality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<AudioMedia>,
}

/// Configuration options for participant screen shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScreenshareMedia {
    /// Frame rate of screen share, in frames per second (a fraction such as 7.5 is a real frame
    /// rate).
    pub frame_rate: f64,
    /// Quality of screen share.
    pub quality: Quality,
}

/// Configuration options for participant videos.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VideoMedia {
    /// Frame rate of participants' video, in frames per second, at most 30 (a fraction such as
    /// 29.97 or 23.976 is a real frame rate).
    #[schemars(range(max = 30))]
    pub frame_rate: f64,
    /// Video quality of participants.
    pub quality: Quality,
    /// Whether participants send several qualities at once (2026-06).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-since" = "2026-06"))]
    pub simulcast: Option<bool>,
}

/// Control options for audio quality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AudioMedia {
    /// Enable high quality audio for your meetings. Default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_high_bitrate: Option<bool>,
    /// Enable stereo for your meetings. Default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_stereo: Option<bool>,
}

/// A video or screen share quality: qvga 320x240, vga 640x480, hd 1280x720, fhd 1920x1080, uhd
/// 3840x2160.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(extend("x-rtk-values-since" = { "fhd": "2026-06", "uhd": "2026-06" }))]
pub enum Quality {
    /// 1280x720.
    #[schemars(extend("x-rtk-synonyms" = ["720p", "720", "hd-ready"]))]
    Hd,
    /// 640x480.
    #[schemars(extend("x-rtk-synonyms" = ["480p", "480", "sd"]))]
    Vga,
    /// 320x240.
    #[schemars(extend("x-rtk-synonyms" = ["240p", "240"]))]
    Qvga,
    /// 1920x1080 (2026-06).
    #[schemars(extend("x-rtk-synonyms" = ["1080p", "1080", "full-hd"]))]
    Fhd,
    /// 3840x2160 (2026-06).
    #[schemars(extend("x-rtk-synonyms" = ["4k", "2160p", "2160", "ultra-hd"]))]
    Uhd,
}

/// What a participant with this preset may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Permissions {
    /// Whether this participant can accept waiting requests.
    pub accept_waiting_requests: bool,
    /// Whether this participant can accept requests to produce media.
    pub can_accept_production_requests: bool,
    /// Whether this participant can change other participants' permissions.
    pub can_change_participant_permissions: bool,
    /// Whether this participant can edit their display name.
    pub can_edit_display_name: bool,
    /// Whether this participant can start a livestream.
    pub can_livestream: bool,
    /// Whether this participant can start a recording.
    pub can_record: bool,
    /// Whether this participant can spotlight others.
    pub can_spotlight: bool,
    /// Whether this participant can mute other participants' audio.
    pub disable_participant_audio: bool,
    /// Whether this participant can stop other participants' screen shares.
    pub disable_participant_screensharing: bool,
    /// Whether this participant can turn off other participants' video.
    pub disable_participant_video: bool,
    /// Whether this participant is hidden from others.
    pub hidden_participant: bool,
    /// Whether this participant can remove others from the meeting.
    pub kick_participant: bool,
    /// Whether this participant can pin others.
    pub pin_participant: bool,
    /// Whether this participant sees the participant list.
    pub show_participant_list: bool,
    /// Whether this participant is a recording bot. Default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_recorder: Option<bool>,
    /// Whether this participant can accept requests to join the stage (2026-06).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-since" = "2026-06"))]
    pub accept_stage_requests: Option<bool>,
    /// Whether this participant may join the stage (2026-06).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-since" = "2026-06"))]
    pub stage_access: Option<MediaPermission>,
    /// Whether the stage is enabled for this participant (2026-06).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-since" = "2026-06"))]
    pub stage_enabled: Option<bool>,
    /// Whether this participant's speech is transcribed (2026-06).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-since" = "2026-06"))]
    pub transcription_enabled: Option<bool>,
    /// Chat permissions.
    pub chat: ChatPermissions,
    /// Permissions for connected (breakout) meetings.
    pub connected_meetings: ConnectedMeetingsPermissions,
    /// Media permissions.
    pub media: MediaPermissions,
    /// Plugin permissions.
    pub plugins: PluginPermissions,
    /// Poll permissions.
    pub polls: PollPermissions,
    /// Type of the recording peer.
    pub recorder_type: RecorderType,
    /// Waiting room type.
    pub waiting_room_type: WaitingRoomType,
}

/// Chat permissions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChatPermissions {
    /// Private (one-to-one) chat.
    pub private: PrivateChatPermissions,
    /// Public chat.
    pub public: PublicChatPermissions,
}

/// Private (one-to-one) chat permissions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PrivateChatPermissions {
    /// Can receive private messages.
    pub can_receive: bool,
    /// Can send private messages.
    pub can_send: bool,
    /// Can send file messages.
    pub files: bool,
    /// Can send text messages.
    pub text: bool,
}

/// Public chat permissions. The API rejects keys it does not know here.
//
// Evidence: vincemedia/freeradio recorded, running its setup against the live API (commit 316cbe2,
// "what the RealtimeKit API actually returns and accepts"), that a public chat with `can_receive`
// (a field of the private chat) is refused. Elsewhere live bodies with extra keys
// (`config.track_recording`, `ui.config_diff`) were accepted, so only here does the schema say
// `additionalProperties: false` and is an unknown key an error (`unknown-field`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicChatPermissions {
    /// Can send messages in general.
    pub can_send: bool,
    /// Can send file messages.
    pub files: bool,
    /// Can send text messages.
    pub text: bool,
}

/// Permissions for connected (breakout) meetings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConnectedMeetingsPermissions {
    /// Can create, edit and close connected meetings.
    pub can_alter_connected_meetings: bool,
    /// Can move between connected meetings.
    pub can_switch_connected_meetings: bool,
    /// Can go back to the parent meeting.
    pub can_switch_to_parent_meeting: bool,
}

/// Media permissions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MediaPermissions {
    /// Audio permissions.
    pub audio: ProducePermission,
    /// Screen share permissions.
    pub screenshare: ProducePermission,
    /// Video permissions.
    pub video: ProducePermission,
}

/// Whether a participant can produce one kind of media.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProducePermission {
    /// Can produce this media.
    pub can_produce: MediaPermission,
}

/// Whether something is allowed, forbidden, or allowed on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MediaPermission {
    /// Allowed.
    #[schemars(extend("x-rtk-synonyms" = ["allow", "yes", "enabled"]))]
    Allowed,
    /// Not allowed.
    #[schemars(extend("x-rtk-synonyms" = ["deny", "denied", "no", "disabled", "disallowed"]))]
    NotAllowed,
    /// Allowed once a privileged participant accepts the request.
    #[schemars(extend("x-rtk-synonyms" = ["request", "on_request", "ask"]))]
    CanRequest,
}

/// Plugin permissions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PluginPermissions {
    /// Can close plugins that are already open.
    pub can_close: bool,
    /// Can edit plugin config.
    pub can_edit_config: bool,
    /// Can start plugins.
    pub can_start: bool,
    /// Per-plugin access. 2026-01: a plugin id (a string; no format is documented), or one access
    /// object. 2026-06: an object keyed by plugin id whose values are access objects (`{}` is
    /// valid).
    pub config: PluginsConfig,
}

/// Per-plugin access, in the shape of the selected revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PluginsConfig {
    /// 2026-06: access objects keyed by plugin id.
    #[schemars(extend("x-rtk-since" = "2026-06"))]
    ByPlugin(BTreeMap<String, PluginAccess>),
    /// 2026-01: the id of a plugin (plugin ids are usually uuids; the docs page gives no format).
    #[schemars(extend("x-rtk-until" = "2026-01"))]
    PluginId(String),
    /// 2026-01: one access object.
    #[schemars(extend("x-rtk-until" = "2026-01"))]
    Access(PluginAccessStrict),
}

/// Access to one plugin (2026-06); other keys are allowed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PluginAccess {
    /// Full access or view only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_control: Option<AccessControl>,
    /// Whether the plugin handles view-only participants itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handles_view_only: Option<bool>,
    /// Plugin-specific keys.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Plugin access (2026-01): both fields required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PluginAccessStrict {
    /// Full access or view only.
    pub access_control: AccessControl,
    /// Whether the plugin handles view-only participants itself.
    pub handles_view_only: bool,
}

/// Access to a plugin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccessControl {
    /// Can use and change the plugin.
    FullAccess,
    /// Can only look at the plugin.
    ViewOnly,
}

/// Poll permissions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PollPermissions {
    /// Can create polls.
    pub can_create: bool,
    /// Can view polls.
    pub can_view: bool,
    /// Can vote on polls.
    pub can_vote: bool,
}

/// Type of the recording peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RecorderType {
    /// A recording bot.
    Recorder,
    /// A livestreaming bot.
    Livestreamer,
    /// Not a recording peer. The default.
    None,
}

/// Waiting room type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum WaitingRoomType {
    /// Join directly.
    #[schemars(extend("x-rtk-synonyms" = ["none", "off", "disabled", "no"]))]
    Skip,
    /// Wait until a privileged participant is in the meeting.
    OnPrivilegedUserEntry,
    /// Wait until a participant with `accept_waiting_requests` lets you in.
    SkipOnAccept,
}

/// The look of the meeting UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ui {
    /// Design tokens of the UI kit.
    pub design_tokens: DesignTokens,
    /// Free-form UI configuration overrides, any JSON value (the docs page types it "unknown");
    /// 2026-01 only: it left the spec in 2026-06.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-until" = "2026-01", "x-rtk-nullable" = true))]
    pub config_diff: Option<serde_json::Value>,
}

/// Design tokens of the UI kit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DesignTokens {
    /// Corner rounding.
    pub border_radius: BorderRadius,
    /// Border width.
    pub border_width: BorderWidth,
    /// Colour tokens.
    pub colors: Colors,
    /// The base unit of spacing, in pixels (default 4; at least 1 in 2026-06).
    #[schemars(extend("x-rtk-only" = { "2026-06": { "minimum": 1 } }))]
    pub spacing_base: f64,
    /// Colour theme.
    pub theme: Theme,
    /// URL of the logo. Required in 2026-01, optional (and a URI, or empty for none) in 2026-06.
    // The empty string: alchemy-run/alchemy's RealtimeKit preset resource sends `logo: ""` by
    // default, and its live create-and-update test passes (commit 05afefa).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend(
        "x-rtk-required" = ["2026-01"],
        "x-rtk-only" = { "2026-06": { "anyOf": [{ "type": "string", "format": "uri" }, { "const": "" }] } }
    ))]
    pub logo: Option<String>,
    /// Font family of the UI (2026-06).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-since" = "2026-06"))]
    pub font_family: Option<String>,
    /// Google Font to load for the UI (2026-06).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-rtk-since" = "2026-06"))]
    pub google_font: Option<String>,
}

/// Corner rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(extend("x-rtk-values-since" = {
    "sharp": "2026-06", "extra-rounded": "2026-06", "circular": "2026-06"
}))]
pub enum BorderRadius {
    /// Square corners (2026-06).
    Sharp,
    /// Rounded corners.
    Rounded,
    /// More rounded corners (2026-06).
    ExtraRounded,
    /// Fully round corners (2026-06).
    Circular,
}

/// Border width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(extend("x-rtk-values-since" = { "none": "2026-06", "fat": "2026-06" }))]
pub enum BorderWidth {
    /// No borders (2026-06).
    None,
    /// Thin borders.
    Thin,
    /// Thick borders (2026-06).
    #[schemars(extend("x-rtk-synonyms" = ["thick", "wide"]))]
    Fat,
}

/// Colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(extend("x-rtk-values-since" = { "darkest": "2026-06", "light": "2026-06" }))]
pub enum Theme {
    /// The darkest theme (2026-06).
    #[schemars(extend("x-rtk-synonyms" = ["black", "midnight"]))]
    Darkest,
    /// Dark theme.
    #[schemars(extend("x-rtk-synonyms" = ["night", "dim"]))]
    Dark,
    /// Light theme (2026-06).
    #[schemars(extend("x-rtk-synonyms" = ["day", "white", "bright"]))]
    Light,
}

/// Colour tokens. The UI kit reads `#rrggbb` (and `#rgb`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Colors {
    /// Background shades, lightest (600) to darkest (1000).
    pub background: BackgroundColors,
    /// Brand shades, lightest (300) to darkest (700).
    pub brand: BrandColors,
    /// Colour of destructive actions and errors.
    pub danger: String,
    /// Colour of success states.
    pub success: String,
    /// Text colour on backgrounds.
    pub text: String,
    /// Text colour on brand-coloured surfaces.
    pub text_on_brand: String,
    /// Background of video tiles.
    pub video_bg: String,
    /// Colour of warnings.
    pub warning: String,
}

/// Background shades.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BackgroundColors {
    /// Background shade 600 (lightest).
    #[serde(rename = "600")]
    pub c600: String,
    /// Background shade 700.
    #[serde(rename = "700")]
    pub c700: String,
    /// Background shade 800.
    #[serde(rename = "800")]
    pub c800: String,
    /// Background shade 900.
    #[serde(rename = "900")]
    pub c900: String,
    /// Background shade 1000 (darkest).
    #[serde(rename = "1000")]
    pub c1000: String,
}

/// Brand shades.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BrandColors {
    /// Brand shade 300 (lightest).
    #[serde(rename = "300")]
    pub c300: String,
    /// Brand shade 400.
    #[serde(rename = "400")]
    pub c400: String,
    /// Brand shade 500 (the main brand colour).
    #[serde(rename = "500")]
    pub c500: String,
    /// Brand shade 600.
    #[serde(rename = "600")]
    pub c600: String,
    /// Brand shade 700 (darkest).
    #[serde(rename = "700")]
    pub c700: String,
}
