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

impl RuleSettings {
    /// Checks that every rule id named is a rule.
    pub fn validate(&self) -> Result<(), UnknownRule> {
        let scoped = self.scoped.iter().flat_map(|s| s.levels.keys());
        self.levels
            .keys()
            .chain(scoped)
            .try_for_each(|id| known_rule(id))
    }

    /// The level of `rule` for a finding at `pointer`.
    pub fn level(&self, rule: &str, pointer: &str) -> Level {
        let under = |scope: &str| {
            scope.is_empty()
                || pointer == scope
                || pointer
                    .strip_prefix(scope)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        self.scoped
            .iter()
            .rev()
            .filter(|s| under(&s.pointer))
            .find_map(|s| s.levels.get(rule))
            .or_else(|| self.levels.get(rule))
            .copied()
            .or_else(|| rules::find(rule).map(|r| r.default_level))
            .unwrap_or(Level::Error)
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
        let error = bad.validate().unwrap_err();
        assert_eq!(error.suggestion.as_deref(), Some("low-contrast"));
    }
}
