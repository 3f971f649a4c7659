// Type-checked by types.test.mjs: the generated model types accept a real preset and reject
// values the API does not allow.
import { presetSchema, checkValue, type V2026_06, type V2026_01, type PresetOf, type ValueDiagnostic } from "rtk-preset";

const host: V2026_06.Create = {
  name: "host",
  config: {
    view_type: "LIVESTREAM",
    max_screenshare_count: 1,
    max_video_streams: { desktop: 9, mobile: 4 },
    media: {
      video: { quality: "fhd", frame_rate: 30, simulcast: true },
      screenshare: { quality: "hd", frame_rate: 15 },
    },
    livestream_viewer_qualities: [480, 720],
  },
  permissions: {
    accept_waiting_requests: true,
    can_accept_production_requests: true,
    can_change_participant_permissions: true,
    can_edit_display_name: true,
    can_livestream: true,
    can_record: true,
    can_spotlight: true,
    disable_participant_audio: true,
    disable_participant_screensharing: true,
    disable_participant_video: true,
    hidden_participant: false,
    kick_participant: true,
    pin_participant: true,
    show_participant_list: true,
    stage_access: "ALLOWED",
    chat: { public: { can_send: true, text: true, files: true }, private: { can_send: true, can_receive: true, text: true, files: true } },
    connected_meetings: { can_alter_connected_meetings: false, can_switch_connected_meetings: false, can_switch_to_parent_meeting: false },
    media: { audio: { can_produce: "ALLOWED" }, video: { can_produce: "ALLOWED" }, screenshare: { can_produce: "CAN_REQUEST" } },
    plugins: { can_close: true, can_start: true, can_edit_config: false, config: { "chess": { access_control: "VIEW_ONLY", board: "wood" } } },
    polls: { can_create: true, can_view: true, can_vote: true },
    recorder_type: "NONE",
    waiting_room_type: "SKIP",
  },
  ui: {
    design_tokens: {
      border_radius: "extra-rounded",
      border_width: "thin",
      spacing_base: 4,
      theme: "light",
      colors: {
        background: { "600": "#ffffff", "700": "#f5f5f5", "800": "#eeeeee", "900": "#e0e0e0", "1000": "#d6d6d6" },
        brand: { "300": "#9FBAFF", "400": "#5C8AFF", "500": "#2160FD", "600": "#1E50D6", "700": "#1840AA" },
        danger: "#FF2D2D", success: "#62A504", text: "#111111", text_on_brand: "#FFFFFF", video_bg: "#191919", warning: "#FFCD07",
      },
    },
  },
};

// A PATCH body: anything may be left out, at any depth.
const update: V2026_06.Update = { config: { media: { video: { frame_rate: 24 } } } };
const same: PresetOf<"update"> = update;

// 2026-01 has no `LIVESTREAM`, requires `logo`, and takes a plugin uuid.
const old: V2026_01.Create["config"]["view_type"] = "GROUP_CALL";
const plugin: V2026_01.PluginsConfig = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

// @ts-expect-error quality values are case-sensitive
const wrongQuality: V2026_06.Quality = "HD";
// @ts-expect-error LIVESTREAM came with 2026-06
const tooNew: V2026_01.ViewType = "LIVESTREAM";
// @ts-expect-error 2026-06 requires permissions
const noPermissions: V2026_06.Create = { name: host.name, config: host.config, ui: host.ui };
// @ts-expect-error a frame rate is a number
const quoted: V2026_06.VideoMedia = { frame_rate: "30", quality: "hd" };

const schema = presetSchema({ kind: "create", api: "2026-06" });
const result = schema["~standard"].validate(host);
const paths: (string | number)[][] = checkValue(host).diagnostics.map((d: ValueDiagnostic) => d.path);

export { same, old, plugin, wrongQuality, tooNew, noPermissions, quoted, result, paths };
