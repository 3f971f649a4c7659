//! What the shell and `man` read: completion scripts and the manual page, both from the clap
//! definitions of the command line.

use super::Cli;

/// A shell's completion script.
pub(crate) fn completions(shell: clap_complete::Shell) -> String {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "rtk-preset", &mut out);
    let script = String::from_utf8_lossy(&out).into_owned();
    match shell {
        // clap_complete 4.6 spells the subcommands' cases of a name with a hyphen in two ways
        // (`rtk__preset__subcmd__check` is looked for, `rtk__subcmd__preset__subcmd__check`
        // written), so no subcommand's flags would complete: the cases are respelt (a test
        // completes `check --for` in bash).
        clap_complete::Shell::Bash => script.replace("rtk__subcmd__preset", "rtk__preset"),
        _ => script,
    }
}

/// The manual page: the command's own page, then each subcommand's synopsis and options as
/// subsections (`clap_mangen` alone gives only the top level, without `check`'s flags).
pub(crate) fn manual() -> std::io::Result<String> {
    let mut command = <Cli as clap::CommandFactory>::command();
    command.build();
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        // Built, the subcommand knows its whole name (`rtk-preset check`) for its synopsis.
        let name = format!("rtk-preset {}", sub.get_name());
        let page = clap_mangen::Man::new(sub.clone());
        let mut section = Vec::new();
        page.render_description_section(&mut section)?;
        page.render_synopsis_section(&mut section)?;
        page.render_options_section(&mut section)?;
        out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        let section = String::from_utf8_lossy(&section).replace("\n.SH ", "\n.SS ");
        out.extend_from_slice(section.replacen(".SH ", ".SS ", 1).as_bytes());
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}
