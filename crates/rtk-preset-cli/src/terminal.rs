//! What the terminal the report goes to wants: colour or not, and how wide a line may be.

use std::ffi::OsString;
use std::io::IsTerminal;

/// `--color`: when to colour the report.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// On a terminal, unless the environment says otherwise.
    Auto,
    /// Always (also into a pipe or a file).
    Always,
    /// Never.
    Never,
}

/// Whether to colour, from the flag, whether the report goes to a terminal, and the environment
/// (`env` reads a variable). A flag other than `auto` decides. Else, as <https://no-color.org>
/// and <https://force-color.org> agree: `NO_COLOR` (not empty) turns colour off; `FORCE_COLOR` or
/// `CLICOLOR_FORCE` (not empty, not `0`) turn it on, also into a pipe; `TERM=dumb` turns it off;
/// otherwise a terminal gets colour and anything else does not.
pub(crate) fn colour(
    choice: ColorChoice,
    to_terminal: bool,
    env: impl Fn(&str) -> Option<OsString>,
) -> bool {
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    let forced = |name: &str| set(name).is_some_and(|v| v != "0" && v != "false");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR").is_some() => false,
        ColorChoice::Auto if forced("FORCE_COLOR") || forced("CLICOLOR_FORCE") => true,
        ColorChoice::Auto if env("TERM").is_some_and(|t| t == "dumb") => false,
        ColorChoice::Auto => to_terminal,
    }
}

/// The widest a line of the report should be: the terminal's width when the report goes to a
/// terminal, else `COLUMNS` when it is set, else 100.
pub(crate) fn width(to_terminal: bool, env: impl Fn(&str) -> Option<OsString>) -> usize {
    /// Narrower than this, a snippet has no room for its source line.
    const NARROWEST: usize = 20;
    let measured = to_terminal
        .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .flatten()
        .filter(|&w| w > 0);
    let declared = || {
        env("COLUMNS")
            .and_then(|c| c.to_str()?.trim().parse::<usize>().ok())
            .filter(|&w| w > 0)
    };
    measured.or_else(declared).unwrap_or(100).max(NARROWEST)
}

/// Whether standard output is a terminal.
pub(crate) fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Reads an environment variable (for [`colour`] and [`width`]).
pub(crate) fn env(name: &str) -> Option<OsString> {
    std::env::var_os(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn flags_decide_then_no_color_then_force_then_dumb_then_the_terminal() {
        use ColorChoice::*;
        assert!(colour(Always, false, with(&[("NO_COLOR", "1")])));
        assert!(!colour(Never, true, with(&[("FORCE_COLOR", "1")])));
        assert!(colour(Auto, true, with(&[])));
        assert!(!colour(Auto, false, with(&[])));
        assert!(!colour(Auto, true, with(&[("NO_COLOR", "1")])));
        // An empty NO_COLOR is not set.
        assert!(colour(Auto, true, with(&[("NO_COLOR", "")])));
        assert!(!colour(
            Auto,
            true,
            with(&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")])
        ));
        assert!(colour(Auto, false, with(&[("FORCE_COLOR", "1")])));
        assert!(colour(Auto, false, with(&[("CLICOLOR_FORCE", "1")])));
        assert!(!colour(Auto, false, with(&[("FORCE_COLOR", "0")])));
        assert!(!colour(Auto, false, with(&[("CLICOLOR_FORCE", "0")])));
        assert!(!colour(Auto, true, with(&[("TERM", "dumb")])));
        assert!(colour(
            Auto,
            false,
            with(&[("TERM", "dumb"), ("FORCE_COLOR", "3")])
        ));
    }

    #[test]
    fn the_width_comes_from_columns_when_not_on_a_terminal() {
        assert_eq!(width(false, with(&[])), 100);
        assert_eq!(width(false, with(&[("COLUMNS", "60")])), 60);
        assert_eq!(width(false, with(&[("COLUMNS", "x")])), 100);
        assert_eq!(width(false, with(&[("COLUMNS", "5")])), 20);
    }
}
