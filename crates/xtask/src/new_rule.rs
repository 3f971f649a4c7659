//! `cargo xtask new-rule ID [--app]`: the scaffold of a new lint rule, which compiles and passes
//! the rule tests at once: `crates/rtk-preset-core/src/rules/<id>.rs` (the declaration with its
//! documentation headings and examples, and detection, reporting and fixing kept apart), its
//! registration in `rules/mod.rs`, and a valid and an invalid fixture under `tests/fixtures/<id>/`.
//! The scaffold fires on a preset named `replace-me`: replace that with what the rule finds.

use crate::root;

/// `low-contrast` as `LowContrast`.
fn camel(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// What a scaffold's declaration says: the rule's kind of rule and examples.
struct Scaffold<'a> {
    /// `update` (a PATCH body) or `app` (presets of an app), the examples' fence.
    fence: &'a str,
    category: &'a str,
    what: &'a str,
    why: &'a str,
    invalid: &'a str,
    valid: &'a str,
    summary: &'a str,
}

/// The `declare_rule!` block of a scaffold: the documentation headings and the metadata.
fn declaration(id: &str, name: &str, s: &Scaffold<'_>) -> String {
    let Scaffold {
        fence,
        category,
        what,
        why,
        invalid,
        valid,
        summary,
    } = s;
    format!(
        r#"declare_rule! {{
    /// ## What it does
    {what}
    ///
    /// ## Why is this bad?
    /// {why}
    ///
    /// ## Example invalid
    /// ```json {fence}
    /// {invalid}
    /// ```
    ///
    /// ## Example valid
    /// ```json {fence}
    /// {valid}
    /// ```
    {name} {{
        id: "{id}",
        level: Warning,
        category: {category},
        summary: "{summary}",
        fix: None,
    }}
}}"#
    )
}

fn preset_rule(id: &str, name: &str) -> String {
    let declaration = declaration(
        id,
        name,
        &Scaffold {
            fence: "update",
            category: "Correctness",
            what: "/// Finds presets named `replace-me` (the scaffold of `cargo xtask new-rule`: say what the rule\n    /// finds).",
            why: "Say why it matters: what the API or the meeting then does, and what to write instead.",
            invalid: r#"{"name": "replace-me"}"#,
            valid: r#"{"name": "host"}"#,
            summary: "a preset is named `replace-me`",
        },
    );
    format!(
        r#"use super::{{Finding, PresetRule}};
use crate::view::Preset;

{declaration}

const PATH: &str = "/name";

impl PresetRule for {name} {{
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {{
        super::once(preset.string(PATH) == Some("replace-me"))
    }}

    fn report(preset: &Preset<'_>, _: &()) -> Finding {{
        Finding::at(
            preset,
            PATH,
            "the preset is named `replace-me`".into(),
            "give it the name of the role it is for",
        )
    }}
}}
"#
    )
}

fn app_rule(id: &str, name: &str) -> String {
    let declaration = declaration(
        id,
        name,
        &Scaffold {
            fence: "app",
            category: "App",
            what: "/// Finds presets named `replace-me` in an app (the scaffold of `cargo xtask new-rule --app`:\n    /// say what the rule finds across the presets of an app).",
            why: "Say why it matters for the app as a whole, and what to write instead.",
            invalid: r#"[{"name": "replace-me"}, {"name": "host"}]"#,
            valid: r#"[{"name": "guest"}, {"name": "host"}]"#,
            summary: "a preset of the app is named `replace-me`",
        },
    );
    format!(
        r#"use super::{{AppRule, Finding}};
use crate::app::AppFacts;

{declaration}

impl AppRule for {name} {{
    type Fact = ();

    fn detect(app: &[&AppFacts]) -> Vec<(usize, ())> {{
        app.iter()
            .enumerate()
            .filter(|(_, preset)| preset.preset_name() == Some("replace-me"))
            .map(|(i, _)| (i, ()))
            .collect()
    }}

    fn report(app: &[&AppFacts], index: usize, _: &()) -> Finding {{
        Finding {{
            path: "/name".into(),
            span: app[index].span("/name"),
            message: "a preset of this app is named `replace-me`".into(),
            help: Some(format!(
                "give it the name of the role it is for (the app: {{}})",
                super::app_names(app)
            )),
        }}
    }}
}}
"#
    )
}

pub(crate) fn new_rule(id: &str, app: bool) -> Result<(), String> {
    let kebab = !id.is_empty()
        && id
            .split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
    if !kebab {
        return Err(format!(
            "`{id}` is not a kebab-case id naming the problem (`low-contrast`)"
        ));
    }
    let module = id.replace('-', "_");
    let name = camel(id);
    let rules = root().join("crates/rtk-preset-core/src/rules");
    let file = rules.join(format!("{module}.rs"));
    if file.exists() {
        return Err(format!("{} exists already", file.display()));
    }
    let text = if app {
        app_rule(id, &name)
    } else {
        preset_rule(id, &name)
    };
    std::fs::write(&file, text).map_err(|e| e.to_string())?;

    // Registration: the module among the others (sorted), the rule in the catalog (a rule on one
    // preset before the app rules, an app rule last).
    let registry = rules.join("mod.rs");
    let mut source = std::fs::read_to_string(&registry).map_err(|e| e.to_string())?;
    let mods: Vec<&str> = source
        .lines()
        .filter(|l| l.starts_with("mod ") && l.ends_with(';'))
        .collect();
    let declaration = format!("mod {module};");
    let before = mods
        .iter()
        .find(|m| **m > declaration.as_str())
        .copied()
        .or(mods.last().copied())
        .ok_or("rules/mod.rs declares no rule modules")?;
    let at = source.find(before).ok_or("module list")?;
    let at = if before > declaration.as_str() {
        at
    } else {
        at + before.len() + 1
    };
    source.insert_str(at, &format!("{declaration}\n"));
    let entry = if app {
        format!("            app::<{module}::{name}>(),\n")
    } else {
        format!("            preset::<{module}::{name}>(),\n")
    };
    let anchor = if app {
        source
            .find("        ]);\n        all\n")
            .ok_or("the catalog's end")?
    } else {
        source
            .find("            app::<")
            .ok_or("the catalog's app rules")?
    };
    source.insert_str(anchor, &entry);
    std::fs::write(&registry, source).map_err(|e| e.to_string())?;

    // Fixtures: minimal documents, one case that fires and one that does not: PATCH bodies
    // (`@update`) for a rule on one preset, two presets of an app (one directory each) for an app
    // rule (with `permissions`, so that a walk takes them for presets).
    let fixtures = if app {
        root().join("tests/apps").join(id)
    } else {
        root().join("tests/fixtures").join(id)
    };
    let preset = |name: &str| format!("{{\n  \"name\": \"{name}\",\n  \"permissions\": {{}}\n}}\n");
    for (verdict, names) in [
        ("invalid", ["replace-me", "host"]),
        ("valid", ["guest", "host"]),
    ] {
        let dir = fixtures.join(verdict);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let files: Vec<(String, String)> = if app {
            names
                .iter()
                .map(|n| (format!("{n}.json"), preset(n)))
                .collect()
        } else {
            vec![("case@update.json".into(), preset(names[0]))]
        };
        for (file, text) in files {
            std::fs::write(dir.join(file), text).map_err(|e| e.to_string())?;
        }
    }
    eprintln!(
        "xtask: wrote {}, registered `{id}` in rules/mod.rs, and fixtures in {}; \
         then `cargo xtask codegen` (docs/rules.md) and `cargo test`",
        file.display(),
        fixtures.display()
    );
    Ok(())
}
