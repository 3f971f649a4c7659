//! Writes a corpus of preset documents (request bodies, API revision 2026-06) for benchmarks:
//! deterministic from a seed, grouped into apps of 4 to 12 presets (one directory each), of
//! realistic size and variety, with a share of documents broken in different ways.
//!
//! ```text
//! rtk-preset-corpus --out DIR [--count 10000] [--seed 1] [--invalid-percent 10] [--all-json]
//! ```
//!
//! `--all-json` leaves out the one defect that is not JSON at all (a truncated file): the
//! `jsonschema` CLI and `ajv-cli` stop at the first file they cannot parse, so the comparison
//! with them runs on a corpus without one.
//!
//! Besides the documents it writes `DIR/manifest.tsv`: one line per document with its path, its
//! verdict (`valid` or `invalid`) and the defect it carries. Invalid documents break the schema
//! (so every schema validator must reject them); some valid ones carry lint warnings only.

use serde_json::{json, Map, Value};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Args {
    out: PathBuf,
    count: usize,
    seed: u64,
    invalid_percent: u64,
    all_json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::new(),
        count: 10_000,
        seed: 1,
        invalid_percent: 10,
        all_json: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--out" => args.out = PathBuf::from(value()?),
            "--count" => args.count = number(value()?)? as usize,
            "--seed" => args.seed = number(value()?)?,
            "--invalid-percent" => args.invalid_percent = number(value()?)?.min(100),
            "--all-json" => args.all_json = true,
            "-h" | "--help" => return Err(
                "usage: rtk-preset-corpus --out DIR [--count N] [--seed S] [--invalid-percent P] \
                     [--all-json]"
                    .into(),
            ),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if args.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    Ok(args)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("rtk-preset-corpus: {message}");
            std::process::exit(2);
        }
    };
    if let Err(e) = write_corpus(&args) {
        eprintln!("rtk-preset-corpus: {e}");
        std::process::exit(1);
    }
}

fn write_corpus(args: &Args) -> std::io::Result<()> {
    std::fs::create_dir_all(&args.out)?;
    let mut rng = fastrand::Rng::with_seed(args.seed);
    let mut manifest = String::new();
    let (mut written, mut app, mut bytes, mut invalid) = (0, 0, 0, 0);
    while written < args.count {
        app += 1;
        let size = rng.usize(4..=12).min(args.count - written);
        let dir = Path::new(&format!("app-{app:05}")).to_owned();
        std::fs::create_dir_all(args.out.join(&dir))?;
        for (file, document) in app_presets(&mut rng, size) {
            let (text, verdict, defect) = if rng.u64(0..100) < args.invalid_percent {
                let (text, defect) = break_document(&mut rng, document, args.all_json);
                invalid += 1;
                (text, "invalid", defect)
            } else {
                let (document, warning) = maybe_warning(&mut rng, document);
                (render(&mut rng, &document), "valid", warning)
            };
            let path = dir.join(file);
            std::fs::write(args.out.join(&path), &text)?;
            bytes += text.len();
            let _ = writeln!(manifest, "{}\t{verdict}\t{defect}", path.display());
            written += 1;
        }
    }
    std::fs::write(args.out.join("manifest.tsv"), manifest)?;
    println!(
        "{written} documents ({invalid} invalid) in {app} apps, {bytes} bytes, in {}",
        args.out.display()
    );
    Ok(())
}

/// The presets of one app: a host, and then participants of different roles, coherent with each
/// other (someone admits from the waiting room and accepts requests; names are unique).
fn app_presets(rng: &mut fastrand::Rng, size: usize) -> Vec<(String, Value)> {
    let view_type = *pick(
        rng,
        &[
            "GROUP_CALL",
            "GROUP_CALL",
            "WEBINAR",
            "AUDIO_ROOM",
            "LIVESTREAM",
        ],
    );
    let theme = Theme::random(rng);
    // Whether the app uses a stage: then the host accepts requests to join it.
    let stage = view_type == "WEBINAR" || rng.u8(..) < 40;
    let roles = [
        "participant",
        "guest",
        "moderator",
        "viewer",
        "presenter",
        "recorder",
        "attendee",
    ];
    let mut out = vec![(
        "host.json".to_owned(),
        preset(rng, "host", "host", (view_type, stage), &theme),
    )];
    for i in 1..size {
        let role = *pick(rng, &roles);
        let name = format!("{role}-{i}");
        let document = preset(rng, &name, role, (view_type, stage), &theme);
        out.push((format!("{name}.json"), document));
    }
    out
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(0..items.len())]
}

/// Colours shared by the presets of an app.
struct Theme {
    name: &'static str,
    brand: [String; 5],
    background: [String; 5],
    /// Text on the brand colour: white on a dark brand, black on a light one.
    on_brand: &'static str,
}

impl Theme {
    fn random(rng: &mut fastrand::Rng) -> Theme {
        let dark = rng.bool();
        let hue = [rng.u8(..), rng.u8(..), rng.u8(..)];
        let shade = |k: i32| {
            let channel = |c: u8| (i32::from(c) * (6 - k) / 5).clamp(0, 255);
            format!(
                "#{:02X}{:02X}{:02X}",
                channel(hue[0]),
                channel(hue[1]),
                channel(hue[2])
            )
        };
        let grey = |level: u8| format!("#{level:02X}{level:02X}{level:02X}");
        let background = if dark {
            [0x25, 0x2F, 0x32, 0x3E, 0x4A].map(grey)
        } else {
            [0xFF, 0xF5, 0xEB, 0xE0, 0xD6].map(grey)
        };
        // Relative luminance of brand 500 (the middle shade), roughly.
        let luminance: i32 = (0..3)
            .map(|i| [2126, 7152, 722][i] * (i32::from(hue[i]) * 3 / 5))
            .sum::<i32>()
            / 10_000;
        Theme {
            name: if dark { "dark" } else { "light" },
            on_brand: if luminance > 110 {
                "#000000"
            } else {
                "#FFFFFF"
            },
            brand: [1, 2, 3, 4, 5].map(shade),
            background,
        }
    }
}

/// One preset body with every required field, and a random choice of the optional ones.
fn preset(
    rng: &mut fastrand::Rng,
    name: &str,
    role: &str,
    (view_type, stage): (&str, bool),
    theme: &Theme,
) -> Value {
    let host = role == "host" || role == "moderator";
    let recorder = role == "recorder";
    let producer = host || role == "presenter" || (view_type == "GROUP_CALL" && !recorder);
    let media = |rng: &mut fastrand::Rng| {
        let value = if producer {
            "ALLOWED"
        } else if view_type == "WEBINAR" && rng.bool() {
            "CAN_REQUEST"
        } else {
            "NOT_ALLOWED"
        };
        json!({ "can_produce": value })
    };
    let mut permissions = json!({
        "accept_waiting_requests": host,
        "can_accept_production_requests": host,
        "can_change_participant_permissions": host,
        "can_edit_display_name": !recorder,
        "can_livestream": host && view_type == "LIVESTREAM",
        "can_record": host,
        "can_spotlight": host,
        "disable_participant_audio": host,
        "disable_participant_screensharing": host,
        "disable_participant_video": host,
        "hidden_participant": recorder,
        "kick_participant": host,
        "pin_participant": host,
        "show_participant_list": !recorder,
        "waiting_room_type": if host || recorder { "SKIP" } else {
            *pick(rng, &["SKIP", "ON_PRIVILEGED_USER_ENTRY", "SKIP_ON_ACCEPT"])
        },
        "recorder_type": if recorder { "RECORDER" } else { "NONE" },
        "chat": {
            "public": { "can_send": !recorder, "text": !recorder, "files": host },
            "private": {
                "can_send": !recorder, "can_receive": !recorder, "text": !recorder, "files": host
            }
        },
        "connected_meetings": {
            "can_alter_connected_meetings": host,
            "can_switch_connected_meetings": host,
            "can_switch_to_parent_meeting": host
        },
        "plugins": {
            "can_close": host,
            "can_start": host,
            "can_edit_config": host,
            "config": {}
        },
        "polls": { "can_create": host, "can_vote": !recorder, "can_view": !recorder },
        "media": {
            "audio": media(rng),
            "video": if view_type == "AUDIO_ROOM" {
                json!({ "can_produce": "NOT_ALLOWED" })
            } else {
                media(rng)
            },
            "screenshare": if view_type == "AUDIO_ROOM" {
                json!({ "can_produce": "NOT_ALLOWED" })
            } else {
                media(rng)
            }
        }
    });
    let extra = permissions.as_object_mut().expect("object");
    if recorder {
        extra.insert("is_recorder".into(), json!(true));
    }
    if rng.bool() {
        extra.insert("transcription_enabled".into(), json!(rng.bool()));
    }
    if stage {
        extra.insert("stage_enabled".into(), json!(true));
        extra.insert("accept_stage_requests".into(), json!(host));
        let stage = if host { "ALLOWED" } else { "CAN_REQUEST" };
        extra.insert("stage_access".into(), json!(stage));
    }
    if host && rng.bool() {
        let mut config = Map::new();
        for _ in 0..rng.usize(1..4) {
            let id = format!(
                "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                rng.u32(..),
                rng.u16(..),
                rng.u16(..0x1000),
                rng.u16(..0x1000),
                rng.u64(..1 << 48)
            );
            config.insert(
                id,
                json!({
                    "access_control": *pick(rng, &["FULL_ACCESS", "VIEW_ONLY"]),
                    "handles_view_only": rng.bool()
                }),
            );
        }
        permissions["plugins"]["config"] = Value::Object(config);
    }

    let audio_only = view_type == "AUDIO_ROOM";
    let tiles = if audio_only {
        0
    } else {
        *pick(rng, &[4, 6, 6, 9])
    };
    let mut video = json!({
        "quality": *pick(rng, &["hd", "vga", "qvga", "fhd"]),
        // Frame rates are JSON numbers: film and NTSC rates have fractions.
        "frame_rate": pick(rng, &[json!(15), json!(24), json!(29.97), json!(30)]).clone()
    });
    if rng.bool() {
        video["simulcast"] = json!(!audio_only && rng.bool());
    }
    let mut config = json!({
        "view_type": view_type,
        "max_screenshare_count": if audio_only { 0 } else { rng.u32(1..3) },
        "max_video_streams": { "desktop": tiles, "mobile": tiles.min(6) },
        "media": {
            "video": video,
            "screenshare": {
                "quality": *pick(rng, &["hd", "vga", "fhd"]),
                "frame_rate": pick(rng, &[json!(5), json!(7.5), json!(15)]).clone()
            }
        }
    });
    if rng.bool() {
        config["media"]["audio"] = json!({
            "enable_stereo": rng.bool(),
            "enable_high_bitrate": rng.bool()
        });
    }
    if view_type == "LIVESTREAM" && rng.bool() {
        let all = [240, 360, 480, 720, 1080];
        let from = rng.usize(0..3);
        config["livestream_viewer_qualities"] = json!(all[from..].to_vec());
    }

    let text = if theme.name == "dark" {
        "#EEEEEE"
    } else {
        "#111111"
    };
    let mut tokens = json!({
        "border_radius": *pick(rng, &["sharp", "rounded", "extra-rounded", "circular"]),
        "border_width": *pick(rng, &["none", "thin", "fat"]),
        "spacing_base": *pick(rng, &[4, 4, 8]),
        "theme": theme.name,
        "colors": {
            "brand": {
                "300": theme.brand[0], "400": theme.brand[1], "500": theme.brand[2],
                "600": theme.brand[3], "700": theme.brand[4]
            },
            "background": {
                "1000": theme.background[0], "900": theme.background[1],
                "800": theme.background[2], "700": theme.background[3],
                "600": theme.background[4]
            },
            "danger": "#FF2D2D",
            "text": text,
            "text_on_brand": theme.on_brand,
            "success": "#62A504",
            "video_bg": if theme.name == "dark" { "#191919" } else { "#E5E5E5" },
            "warning": "#FFCD07"
        }
    });
    if rng.bool() {
        tokens["logo"] = json!(format!(
            "https://assets.example.com/brand/{:x}/logo.svg",
            rng.u32(..)
        ));
    }
    if rng.u8(..) < 60 {
        tokens["font_family"] = json!(*pick(rng, &["Inter", "Roboto", "Source Sans 3"]));
    }
    json!({
        "name": name,
        "permissions": permissions,
        "ui": { "design_tokens": tokens },
        "config": config
    })
}

/// JSON text in one of the layouts found in repositories: two or four spaces, tabs, or minified.
fn render(rng: &mut fastrand::Rng, document: &Value) -> String {
    use serde::Serialize as _;
    let indent: &[u8] = match rng.u8(0..10) {
        0..=5 => b"  ",
        6 | 7 => b"    ",
        8 => b"\t",
        _ => return serde_json::to_string(document).expect("serialisable"),
    };
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(indent);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    document.serialize(&mut serializer).expect("serialisable");
    out.push(b'\n');
    String::from_utf8(out).expect("UTF-8")
}

/// Some valid documents carry a lint warning (not an error): too many tiles, a plain-http logo,
/// an unknown key, half a screen share. Returns the document and the warning's name (`-` for none).
fn maybe_warning(rng: &mut fastrand::Rng, mut document: Value) -> (Value, &'static str) {
    let warning = match rng.u8(0..100) {
        0 | 1 => {
            document["config"]["max_video_streams"]["desktop"] = json!(25);
            "too-many-video-tiles"
        }
        2 => {
            document["ui"]["design_tokens"]["logo"] = json!("http://assets.example.com/logo.png");
            "logo-not-https"
        }
        3 => {
            document["permissions"]["chat_enabled"] = json!(true);
            "unknown-field"
        }
        4 => {
            document["config"]["max_screenshare_count"] = json!(1.5);
            "fractional-count"
        }
        _ => "-",
    };
    (document, warning)
}

/// Breaks a document so that the API (and every schema validator) rejects it. Returns the text
/// and the defect's name. The last defect (a truncated file) is not JSON; `all_json` leaves it out.
fn break_document(
    rng: &mut fastrand::Rng,
    mut document: Value,
    all_json: bool,
) -> (String, &'static str) {
    let defects = if all_json { 7 } else { 8 };
    let defect = match rng.u8(0..defects) {
        0 => {
            document["config"]["media"]["video"]["frame_rate"] = json!(rng.u32(31..121));
            "out-of-range"
        }
        1 => {
            let value = *pick(rng, &["HD", "full-hd", "720p"]);
            document["config"]["media"]["video"]["quality"] = json!(value);
            "invalid-value"
        }
        2 => {
            document["config"]["max_screenshare_count"] = json!("2");
            "wrong-type"
        }
        3 => {
            let (parent, key) = *pick(
                rng,
                &[
                    ("/permissions", "kick_participant"),
                    ("/config", "view_type"),
                    ("/permissions/chat", "private"),
                    ("/ui/design_tokens", "colors"),
                ],
            );
            let object = document.pointer_mut(parent).expect("parent");
            object.as_object_mut().expect("object").shift_remove(key);
            "missing-field"
        }
        4 => {
            let video = document["config"]["media"]["video"]
                .as_object_mut()
                .expect("object");
            let value = video.shift_remove("frame_rate").expect("frame_rate");
            video.insert("framerate".into(), value);
            "misspelt-field"
        }
        5 => {
            document["permissions"]["can_record"] = Value::Null;
            "null-value"
        }
        6 => {
            document["ui"]["design_tokens"]["spacing_base"] = json!(0);
            "below-minimum"
        }
        _ => {
            let text = render(rng, &document);
            let cut = rng.usize(text.len() / 4..text.len() * 3 / 4);
            let cut = (0..=cut)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            return (text[..cut].to_owned(), "truncated");
        }
    };
    (render(rng, &document), defect)
}
