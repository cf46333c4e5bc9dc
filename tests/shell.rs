//! What a newcomer's shell meets: completions and the man page generated
//! from the command line itself, and the TUI refusing, in one sentence, to
//! draw where there is no terminal.

mod common;

use std::process::Stdio;

use clap::CommandFactory;
use common::Env;
use outlay::cli::Cli;

/// Every subcommand's name, as clap knows them.
fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = env.run(&["completions", shell]);
        for name in subcommands() {
            assert!(script.contains(&name), "{shell} completions lack {name}");
        }
    }
    let err = env.outlay().args(["completions", "tcsh"]).assert().code(2);
    let err = String::from_utf8_lossy(&err.get_output().stderr).into_owned();
    assert!(err.contains("tcsh") && err.contains("bash"), "{err}");
}

#[test]
fn the_man_page_is_roff_and_names_every_subcommand() {
    let env = Env::new();
    let page = env.run(&["man"]);
    assert!(
        page.contains(".TH outlay 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains(".SH SUBCOMMANDS") || page.contains(".SH COMMANDS"));
    for name in subcommands() {
        assert!(page.contains(&format!("outlay\\-{name}(1)")), "{name}");
    }
    // and each page the first one points to, written into a directory
    let dir = env.dir.path().join("man1");
    let said = env.run(&["man", "--dir", dir.to_str().unwrap()]);
    for name in subcommands() {
        let sub = std::fs::read_to_string(dir.join(format!("outlay-{name}.1")))
            .unwrap_or_else(|e| panic!("outlay-{name}.1: {e}"));
        assert!(sub.contains(".TH outlay-"), "outlay-{name}.1");
    }
    let pages = std::fs::read_dir(&dir).unwrap().count();
    assert!(pages > subcommands().len(), "{pages} pages");
    assert_eq!(
        said.trim(),
        format!("wrote {pages} man pages to {}", dir.display())
    );
}

/// `outlay` with its output going to a file: one sentence on stderr in the
/// user's language, exit 2, and not a byte (no escape code) in the file.
#[test]
fn the_tui_without_a_terminal_says_what_to_run_instead_and_writes_nothing() {
    let env = Env::demo();
    for (lang, words) in [
        ("C", "the terminal UI needs a terminal"),
        ("zh_CN.UTF-8", "终端界面需要终端"),
    ] {
        let file = env.dir.path().join(format!("screen-{lang}.txt"));
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_outlay"))
            .arg("--db")
            .arg(env.db())
            .env("OUTLAY_CONFIG", env.dir.path().join("no-settings.toml"))
            .env_remove("OUTLAY_DB")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&file).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{lang}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(words) && err.contains("outlay report"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "one sentence: {err}");
        assert_eq!(
            std::fs::read(&file).unwrap(),
            b"",
            "nothing drawn into the file"
        );
    }
}

/// Every subcommand and argument says what it is in `--help`.
#[test]
fn every_subcommand_and_argument_has_help() {
    fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in command.get_arguments() {
            let builtin = matches!(arg.get_id().as_str(), "help" | "version");
            if !builtin && !arg.is_hide_set() && arg.get_help().is_none() {
                missing.push(format!("{path} {}", arg.get_id()));
            }
        }
        for sub in command.get_subcommands() {
            let name = format!("{path} {}", sub.get_name());
            if sub.get_about().is_none() {
                missing.push(name.clone());
            }
            walk(sub, &name, missing);
        }
    }
    let mut missing = Vec::new();
    walk(&Cli::command(), "outlay", &mut missing);
    assert!(missing.is_empty(), "no help text: {missing:#?}");
}
