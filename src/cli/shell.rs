//! What a shell and its manual need: `valuedesign completions SHELL`
//! (clap_complete) and `valuedesign man [--out DIR]` (clap_mangen), both
//! made from the same clap definition as the commands themselves, so they
//! cannot drift from them.

use clap::CommandFactory;

use super::{write_file, Cli, CompletionsArgs, ManArgs, EXIT_INPUT, EXIT_OK};

/// Runs `completions`: the script goes to standard output.
pub(super) fn completions(args: &CompletionsArgs) -> u8 {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "valuedesign", &mut out);
    out!("{}", String::from_utf8_lossy(&out));
    EXIT_OK
}

/// The man page of `cmd`, in roff.
fn page(cmd: clap::Command) -> Result<Vec<u8>, std::io::Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    Ok(out)
}

/// Runs `man`: `valuedesign.1` to standard output, or with `--out DIR` one
/// page per command into DIR (`valuedesign.1`, `valuedesign-check.1`, ...).
pub(super) fn man(args: &ManArgs) -> u8 {
    // Built, so every argument is there as `--help` shows it; no page for
    // clap's own `help` command or for hidden commands.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = &args.out else {
        return match page(cmd) {
            Ok(p) => {
                out!("{}", String::from_utf8_lossy(&p));
                EXIT_OK
            }
            Err(e) => {
                errln!("error: cannot write the man page: {e}");
                EXIT_INPUT
            }
        };
    };
    let mut pages = vec![("valuedesign.1".to_owned(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("valuedesign-{}", sub.get_name());
        pages.push((format!("{name}.1"), sub.clone().name(name)));
    }
    for (file, cmd) in pages {
        let bytes = match page(cmd) {
            Ok(b) => b,
            Err(e) => {
                errln!("error: cannot write the man page {file}: {e}");
                return EXIT_INPUT;
            }
        };
        let path = dir.join(&file);
        if let Err(code) = write_file(&path, &bytes) {
            return code;
        }
        outln!("wrote {}", path.display());
    }
    EXIT_OK
}
