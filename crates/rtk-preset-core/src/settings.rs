//! Rule settings: a level per rule, and levels that apply only under a JSON Pointer (the
//! overrides of a config file, which the CLI matches to files by path).

use crate::rules::{self, Level};
use std::collections::BTreeMap;

/// Levels per rule id, and scoped overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSettings {
    /// The level of each named rule; rules not named keep their default level.
    pub levels: BTreeMap<String, Level>,
    /// Levels that apply only to findings at or under a pointer; later entries win.
    pub scoped: Vec<ScopedLevels>,
}

/// Levels that apply to findings at or under `pointer` (`""` is the whole document).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopedLevels {
    /// An RFC 6901 JSON Pointer.
    pub pointer: String,
    /// The level of each named rule there.
    pub levels: BTreeMap<String, Level>,
}

/// A rule id that no rule has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule `{id}`{}", .suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
pub struct UnknownRule {
    /// The id as given.
    pub id: String,
    /// The nearest known id.
    pub suggestion: Option<String>,
}

impl UnknownRule {
    /// An error for `id`, with the nearest known rule id.
    pub fn new(id: &str) -> UnknownRule {
        UnknownRule {
            id: id.to_owned(),
            suggestion: crate::suggest::nearest(id, rules::all().map(|r| r.id)).map(str::to_owned),
        }
    }
}

/// Checks that `id` names a rule.
pub fn known_rule(id: &str) -> Result<(), UnknownRule> {
    match rules::find(id) {
        Some(_) => Ok(()),
        None => Err(UnknownRule::new(id)),
    }
}

/// Why a rule cannot be set to a level.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LevelError {
    /// No rule has this id.
    #[error(transparent)]
    Unknown(#[from] UnknownRule),
    /// The rule cannot be turned off or lowered ([`RuleMeta::locked`](rules::RuleMeta::locked)).
    #[error("`{rule}` cannot be set to `{level}`: {reason}")]
    Locked {
        /// The rule id.
        rule: &'static str,
        /// The level asked for.
        level: Level,
        /// Why it cannot be.
        reason: &'static str,
    },
}

/// Checks that `id` names a rule that can take `level`: every rule can be raised, and every rule
/// but the locked ones (`invalid-json`) turned off or lowered.
pub fn settable_level(id: &str, level: Level) -> Result<(), LevelError> {
    let meta = rules::find(id).ok_or_else(|| UnknownRule::new(id))?;
    match meta.locked {
        Some(reason) if level < meta.default_level => Err(LevelError::Locked {
            rule: meta.id,
            level,
            reason,
        }),
        _ => Ok(()),
    }
}

impl RuleSettings {
    /// Checks that every rule named is a rule that can take the level it is given.
    pub fn validate(&self) -> Result<(), LevelError> {
        let scoped = self.scoped.iter().flat_map(|s| &s.levels);
        self.levels
            .iter()
            .chain(scoped)
            .try_for_each(|(id, level)| settable_level(id, *level))
    }

    /// The level of `rule` for a finding at `pointer`: the settings', else the rule's default.
    pub fn level(&self, rule: &str, pointer: &str) -> Level {
        self.configured(rule, pointer)
            .or_else(|| rules::find(rule).map(|r| r.default_level))
            .unwrap_or(Level::Error)
    }

    /// The level the settings give `rule` for a finding at `pointer`, if they name it (a locked
    /// rule never below its default). Without one, a finding keeps its own default severity,
    /// which is the rule's, or more where the finding says so (an unknown key where the API
    /// rejects them).
    pub fn configured(&self, rule: &str, pointer: &str) -> Option<Level> {
        let under = |scope: &str| {
            scope.is_empty()
                || pointer == scope
                || pointer
                    .strip_prefix(scope)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        let level = self
            .scoped
            .iter()
            .rev()
            .filter(|s| under(&s.pointer))
            .find_map(|s| s.levels.get(rule))
            .or_else(|| self.levels.get(rule))
            .copied();
        let level = level?;
        Some(match rules::find(rule) {
            // A locked rule keeps at least its default level, whatever the settings say.
            Some(meta) if meta.locked.is_some() => level.max(meta.default_level),
            _ => level,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoped_levels_win_under_their_pointer_only() {
        let settings = RuleSettings {
            levels: BTreeMap::from([("low-contrast".to_owned(), Level::Error)]),
            scoped: vec![ScopedLevels {
                pointer: "/ui".into(),
                levels: BTreeMap::from([("low-contrast".to_owned(), Level::Off)]),
            }],
        };
        assert_eq!(
            settings.level("low-contrast", "/ui/design_tokens/colors/text"),
            Level::Off
        );
        assert_eq!(settings.level("low-contrast", "/uix"), Level::Error);
        assert_eq!(settings.level("unknown-field", "/ui"), Level::Warning);
        assert!(settings.validate().is_ok());
        let bad = RuleSettings {
            levels: BTreeMap::from([("low-contrst".to_owned(), Level::Off)]),
            scoped: Vec::new(),
        };
        let LevelError::Unknown(error) = bad.validate().unwrap_err() else {
            panic!("not an unknown rule");
        };
        assert_eq!(error.suggestion.as_deref(), Some("low-contrast"));
    }

    #[test]
    fn invalid_json_cannot_be_turned_off_or_lowered() {
        for level in [Level::Off, Level::Info, Level::Warning] {
            let error = settable_level("invalid-json", level).unwrap_err();
            assert!(
                matches!(
                    error,
                    LevelError::Locked {
                        rule: "invalid-json",
                        ..
                    }
                ),
                "{error}"
            );
            assert!(error.to_string().contains("cannot be set to"), "{error}");
            // Settings built by hand, past the checks, still keep it an error.
            let settings = RuleSettings {
                levels: BTreeMap::from([("invalid-json".to_owned(), level)]),
                scoped: vec![ScopedLevels {
                    pointer: String::new(),
                    levels: BTreeMap::from([("invalid-json".to_owned(), level)]),
                }],
            };
            assert!(settings.validate().is_err());
            assert_eq!(settings.level("invalid-json", ""), Level::Error);
        }
        assert!(settable_level("invalid-json", Level::Error).is_ok());
        assert!(settable_level("unknown-field", Level::Off).is_ok());
    }
}
