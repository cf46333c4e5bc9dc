//! The README tells the truth.
//!
//! * **A first session**: every ```sh block of that section is run, in order,
//!   in one bash on a fresh scratch home (the built `outlay` first on PATH),
//!   as a newcomer would paste them into one terminal. Each block must exit 0
//!   and print what the ```text block under it shows. Only what truly varies
//!   is normalised: the scratch home's path is written `~`, and the Unix user
//!   running the test `you`. After a change to outlay's output, refresh the
//!   captures with `OUTLAY_README_UPDATE=1 cargo test --test readme`, and read
//!   the diff before committing it.
//! * **Screens**: each TUI capture marked `<!-- screen WxH: KEYS -->` is what
//!   `outlay --lang zh demo` shows in a tmux pane of that size after those keys
//!   (refreshed by the same `OUTLAY_README_UPDATE=1`).
//! * **Usage**: the reference names every subcommand `outlay --help` lists,
//!   every long flag each of them has, and no flag they do not have (read
//!   from clap itself, so a subcommand added to the CLI is required here at
//!   once).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clap::CommandFactory;

mod common;
use common::tmux::Tmux;

const OUTLAY: &str = env!("CARGO_BIN_EXE_outlay");
/// The whole walkthrough takes a few seconds; a block that hangs (a server
/// that never answers) must not hang the test run.
const TIMEOUT: Duration = Duration::from_secs(180);
/// The walkthrough's heading; its blocks run up to the next `## ` heading.
const WALKTHROUGH: &str = "## A first session";
const USAGE: &str = "## Usage";
/// The name the captures show for the Unix user running them.
const SHOWN_USER: &str = "you";

fn readme_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

fn readme() -> String {
    std::fs::read_to_string(readme_path()).expect("README.md beside Cargo.toml")
}

// ---- reading the README's blocks ------------------------------------------

/// A fenced block: its info string, its body, and the byte range of the body
/// in the README (so the update mode can replace it).
#[derive(Debug)]
struct Fence {
    info: String,
    body: String,
    body_start: usize,
    body_end: usize,
}

/// The text of the section under `heading`, as a byte range of `text`: from the
/// heading line to the next `## ` heading outside a fenced block (an output
/// block may hold Markdown headings), or the end.
fn section(text: &str, heading: &str) -> (usize, usize) {
    let mut start = None;
    let mut in_fence = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if bare.starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && bare.starts_with("## ") {
            match start {
                None if bare == heading => start = Some(at),
                Some(start) => return (start, at),
                None => {}
            }
        }
        at += line.len();
    }
    let start = start.unwrap_or_else(|| panic!("README.md has no heading '{heading}'"));
    (start, text.len())
}

/// The fenced blocks of `text[range]`, in order. Fences inside fences are not
/// a thing in this README; an unclosed fence is an error.
fn fences(text: &str, (start, end): (usize, usize)) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut at = start;
    let mut open: Option<(String, usize)> = None;
    while at < end {
        let line_end = text[at..end].find('\n').map_or(end, |i| at + i + 1);
        let line = text[at..line_end].trim_end_matches('\n');
        if let Some(rest) = line.strip_prefix("```") {
            match open.take() {
                None => open = Some((rest.trim().to_string(), line_end)),
                Some((info, body_start)) => out.push(Fence {
                    info,
                    body: text[body_start..at].to_string(),
                    body_start,
                    body_end: at,
                }),
            }
        }
        at = line_end;
    }
    assert!(open.is_none(), "an unclosed ``` fence in README.md");
    out
}

/// The walkthrough: each ```sh block with the ```text block that follows it.
fn walkthrough(text: &str) -> Vec<(Fence, Fence)> {
    let blocks = fences(text, section(text, WALKTHROUGH));
    let mut steps = Vec::new();
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        if block.info != "sh" {
            continue;
        }
        let output = blocks
            .next()
            .filter(|b| b.info == "text")
            .unwrap_or_else(|| {
                panic!(
                    "the walkthrough's block\n{}\nhas no ```text block under it",
                    block.body
                )
            });
        steps.push((block, output));
    }
    steps
}

// ---- running the walkthrough ------------------------------------------------

/// Kills the walkthrough's whole process group when dropped, pass or fail,
/// so no `outlay serve` it started outlives the test.
struct Group(i32);

impl Drop for Group {
    fn drop(&mut self) {
        // The group may be gone already (ESRCH): nothing is left then.
        // SAFETY: killpg takes plain integers and touches no memory of ours.
        unsafe {
            libc::killpg(self.0, libc::SIGKILL);
        }
    }
}

/// What the walkthrough printed, block by block (stdout and stderr as a
/// terminal shows them, interleaved), and how far it got.
struct Run {
    outputs: Vec<String>,
    /// How many blocks exited 0 (they run in order and stop at the first failure).
    passed: usize,
    log: String,
}

fn run_walkthrough(blocks: &[String]) -> Run {
    let scratch = tempfile::tempdir().unwrap();
    // The newcomer's home: the blocks start in it, as in a new terminal.
    let home = scratch.path().join("home");
    let dir = scratch.path().join("blocks");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    let mut driver = String::from(
        "set -e\n\
         # a server a failed block left behind ends with the shell\n\
         trap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n",
    );
    for (i, block) in blocks.iter().enumerate() {
        let file = dir.join(format!("{i}.sh"));
        std::fs::write(&file, block).unwrap();
        let out = dir.join(format!("{i}.out"));
        driver.push_str(&format!(
            "source '{}' > '{}' 2>&1\necho {i} > '{}'\n",
            file.display(),
            out.display(),
            dir.join("passed").display()
        ));
    }
    let driver_file = dir.join("driver.sh");
    std::fs::write(&driver_file, driver).unwrap();

    let bin = Path::new(OUTLAY).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into())
    );
    let mut child = Command::new("bash")
        .arg(&driver_file)
        .current_dir(&home)
        .env_clear()
        .env("PATH", path)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        // English labels; Chinese data. The README says so.
        .env("LANG", "C.UTF-8")
        .env("TERM", "dumb")
        // "Today" in a past year is kept inside it: a newcomer's today reads
        // 2021-12-31 on the demo, whatever the date. Pinned for certainty.
        .env("OUTLAY_TODAY", "2021-12-31")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("bash runs the walkthrough");
    let _group = Group(child.id() as i32);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < TIMEOUT,
            "the walkthrough did not finish within {TIMEOUT:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut log = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    let passed = std::fs::read_to_string(dir.join("passed"))
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .map_or(0, |last| last + 1);
    assert!(
        status.success() || passed < blocks.len(),
        "the driver failed after every block passed: {status}\n{log}"
    );
    let user = outlay::identity::current_user();
    let outputs = (0..blocks.len())
        .map(|i| {
            let raw = std::fs::read_to_string(dir.join(format!("{i}.out"))).unwrap_or_default();
            normalise(&raw, &home, &user)
        })
        .collect();
    Run {
        outputs,
        passed,
        log,
    }
}

/// What varies between runs, made constant: the scratch home's path is `~`;
/// the user running the test is `you`, keeping a table's columns in line
/// (the padding after the name grows or shrinks with it). Trailing blanks
/// and blank lines at the end go.
fn normalise(raw: &str, home: &Path, user: &str) -> String {
    let home = home.display().to_string();
    let text = raw.replace(&home, "~");
    let mut lines: Vec<String> = text
        .lines()
        .map(|line| replace_word(line, user, SHOWN_USER).trim_end().to_string())
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// `line` with every whole-word `word` (not inside a longer name or code)
/// replaced by `by`, the spaces after it adjusted so that what follows stays
/// in its column when there are spaces to take or give.
fn replace_word(line: &str, word: &str, by: &str) -> String {
    if word.is_empty() || word == by {
        return line.to_string();
    }
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '-' || c == '.';
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        out.push_str(&rest[..at]);
        rest = &rest[at + word.len()..];
        if before.is_some_and(is_name) || after.is_some_and(is_name) {
            out.push_str(word);
            continue;
        }
        out.push_str(by);
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let (shown, real) = (by.chars().count(), word.chars().count());
        if spaces >= 2 {
            if real > shown {
                out.push_str(&" ".repeat(real - shown));
            } else {
                let take = (shown - real).min(spaces - 1);
                rest = &rest[take..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn normalising_keeps_columns_and_whole_words() {
    let home = Path::new("scratch/x/home");
    assert_eq!(
        normalise(
            "│ 176   root       │\nroot: scratch/x/home/a  \n\n",
            home,
            "root"
        ),
        "│ 176   you        │\nyou: ~/a\n"
    );
    assert_eq!(
        normalise("│ zhangsan   │ admin: zhangsan\n", home, "zhangsan"),
        "│ you        │ admin: you\n"
    );
    // Part of a longer word or code is not the user.
    assert_eq!(
        normalise("rooted root-2 P02\n", home, "root"),
        "rooted root-2 P02\n"
    );
}

#[test]
fn the_first_session_runs_as_written() {
    let text = readme();
    let steps = walkthrough(&text);
    assert!(
        steps.len() >= 10,
        "the walkthrough has {} command blocks; it shows at least pay, reverse, adjust, \
         schedule, indicator, report, review, summary, form and serve",
        steps.len()
    );
    let all: String = steps.iter().map(|(sh, _)| sh.body.as_str()).collect();
    for command in [
        "outlay pay ",
        "outlay reverse ",
        "outlay adjust ",
        "outlay schedule add ",
        "outlay indicator set ",
        "outlay report",
        "outlay review ",
        "outlay summary ",
        "outlay form ",
        "outlay serve ",
        "--socket ",
    ] {
        assert!(
            all.contains(command),
            "the walkthrough never runs `{command}`"
        );
    }
    let blocks: Vec<String> = steps.iter().map(|(sh, _)| sh.body.clone()).collect();
    let run = run_walkthrough(&blocks);
    if run.passed < blocks.len() {
        panic!(
            "block {} of the walkthrough failed:\n{}\nit printed:\n{}\n{}",
            run.passed + 1,
            blocks[run.passed],
            run.outputs[run.passed],
            run.log
        );
    }

    if std::env::var_os("OUTLAY_README_UPDATE").is_some() {
        // Replace the output blocks from the last one up, so the earlier
        // byte ranges stay valid.
        let mut updated = text.clone();
        for ((_, shown), got) in steps.iter().zip(&run.outputs).rev() {
            updated.replace_range(shown.body_start..shown.body_end, got);
        }
        if updated != text {
            std::fs::write(readme_path(), updated).unwrap();
            eprintln!("README.md: the walkthrough's outputs rewritten from this run");
        }
        return;
    }

    for (i, ((sh, shown), got)) in steps.iter().zip(&run.outputs).enumerate() {
        if shown.body != *got {
            let line = shown
                .body
                .lines()
                .zip(got.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| shown.body.lines().count().min(got.lines().count()));
            panic!(
                "block {} of the walkthrough prints what README.md does not show \
                 (first difference at line {}).\nblock:\n{}\nREADME shows:\n{}\nit printed:\n{}\n\
                 If the change is meant, refresh the captures: \
                 OUTLAY_README_UPDATE=1 cargo test --test readme",
                i + 1,
                line + 1,
                sh.body,
                shown.body,
                got
            );
        }
    }
}

// ---- the Usage reference against clap ----------------------------------------

/// A subcommand that takes no further subcommand (`pay`, `line add`), with
/// its long flags (aliases included: `--reason` of `indicator set`).
struct Leaf {
    path: Vec<String>,
    flags: BTreeSet<String>,
    aliases: BTreeSet<String>,
}

fn leaves(command: &clap::Command, path: &[String], out: &mut Vec<Leaf>) {
    let subs: Vec<&clap::Command> = command
        .get_subcommands()
        .filter(|s| s.get_name() != "help")
        .collect();
    if subs.is_empty() {
        let mut flags = BTreeSet::new();
        let mut aliases = BTreeSet::new();
        // Hidden arguments (test knobs) are in no --help, so not in the README.
        for arg in command
            .get_arguments()
            .filter(|a| !a.is_global_set() && !a.is_hide_set())
        {
            if let Some(long) = arg.get_long() {
                flags.insert(long.to_string());
            }
            for alias in arg.get_all_aliases().unwrap_or_default() {
                aliases.insert(alias.to_string());
            }
        }
        out.push(Leaf {
            path: path.to_vec(),
            flags,
            aliases,
        });
        return;
    }
    for sub in subs {
        let mut path = path.to_vec();
        path.push(sub.get_name().to_string());
        leaves(sub, &path, out);
    }
}

/// The global options (`--db`, `--lang` …) and whether each takes a value.
fn globals(cli: &clap::Command) -> BTreeMap<String, bool> {
    cli.get_arguments()
        .filter_map(|a| {
            let takes_value = a.get_action().takes_values();
            a.get_long().map(|l| (l.to_string(), takes_value))
        })
        .collect()
}

/// Words of one shell command line, quotes removed; `true` for a word that
/// was (partly) quoted, which is never a flag nor a placeholder.
fn words(code: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut quote) = (false, None::<char>);
    let mut started = false;
    for c in code.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                quoted = true;
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started {
                    out.push((std::mem::take(&mut word), quoted));
                }
                (quoted, started) = (false, false);
            }
            (None, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push((word, quoted));
    }
    out
}

/// `--name` words in a comment's prose.
fn flags_in_prose(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("--") {
        let name: String = rest[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
            .collect();
        if name.starts_with(|c: char| c.is_ascii_lowercase()) {
            out.push(name.trim_end_matches('-').to_string());
        }
        rest = &rest[at + 2..];
    }
    out
}

/// One `outlay …` command of the reference: the subcommand path it runs, the
/// flags it gives, and those its comment mentions.
#[derive(Debug)]
struct Example {
    line: String,
    /// The first word after `outlay` that is not a flag (`pay`, `line`).
    first: Option<String>,
    path: Vec<String>,
    given: Vec<String>,
    mentioned: Vec<String>,
}

/// The code of a logical line (continuations joined) and its comment.
fn split_comment(line: &str) -> (&str, &str) {
    let mut quote = None;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if previous.is_whitespace() => return (&line[..at], &line[at + 1..]),
            _ => {}
        }
        previous = c;
    }
    (line, "")
}

/// Every `outlay` command in the ```sh blocks of the Usage section.
fn usage_examples(text: &str, cli: &clap::Command) -> Vec<Example> {
    let globals = globals(cli);
    let mut examples: Vec<Example> = Vec::new();
    for block in fences(text, section(text, USAGE)) {
        if block.info != "sh" {
            continue;
        }
        let joined = block.body.replace("\\\n", " ");
        for line in joined.lines() {
            let (code, comment) = split_comment(line);
            if code.trim().is_empty() {
                // A comment line goes with the command above it.
                if let Some(last) = examples.last_mut() {
                    last.mentioned.extend(flags_in_prose(comment));
                }
                continue;
            }
            // Each command of a pipeline or list.
            let mut first = true;
            for part in code.split(['|', ';', '&']) {
                let ws = words(part);
                if ws.first().is_none_or(|(w, q)| w != "outlay" || *q) {
                    continue;
                }
                let mut example = Example {
                    line: line.to_string(),
                    first: None,
                    path: Vec::new(),
                    given: Vec::new(),
                    mentioned: if first {
                        flags_in_prose(comment)
                    } else {
                        Vec::new()
                    },
                };
                first = false;
                let mut command = cli.clone();
                let mut ws = ws.into_iter().skip(1);
                while let Some((word, quoted)) = ws.next() {
                    if !quoted && word.starts_with("--") {
                        let name = word[2..].split('=').next().unwrap().to_string();
                        if globals.get(&name) == Some(&true) && !word.contains('=') {
                            ws.next(); // the global's value
                        }
                        example.given.push(name);
                        continue;
                    }
                    if quoted {
                        continue;
                    }
                    if example.first.is_none() {
                        example.first = Some(word.clone());
                    }
                    let sub = command
                        .get_subcommands()
                        .find(|s| s.get_name() == word)
                        .cloned();
                    match sub {
                        Some(sub) if example.path.len() < 2 => {
                            example.path.push(word);
                            command = sub;
                        }
                        _ => {}
                    }
                }
                examples.push(example);
            }
        }
    }
    examples
}

#[test]
fn the_usage_reference_agrees_with_the_help() {
    let text = readme();
    let cli = outlay::cli::Cli::command();
    let globals = globals(&cli);
    let mut all = Vec::new();
    leaves(&cli, &[], &mut all);
    let examples = usage_examples(&text, &cli);
    let (usage_start, usage_end) = section(&text, USAGE);
    let usage = &text[usage_start..usage_end];
    let mut problems = Vec::new();

    // Every top-level subcommand `outlay --help` lists is in the reference.
    for sub in cli.get_subcommands() {
        let name = sub.get_name();
        if name == "help" {
            continue;
        }
        if !examples
            .iter()
            .any(|e| e.path.first().map(String::as_str) == Some(name))
        {
            problems.push(format!(
                "`outlay {name}` has no example in the Usage reference"
            ));
        }
    }
    // Every global option is described.
    for global in globals.keys() {
        if !["help", "version"].contains(&global.as_str())
            && !usage.contains(&format!("--{global}"))
        {
            problems.push(format!(
                "the Usage reference never mentions the global --{global}"
            ));
        }
    }
    // Each example runs a whole subcommand, with flags it has.
    for example in &examples {
        let Some(leaf) = all.iter().find(|l| l.path == example.path) else {
            problems.push(format!(
                "`{}` runs no subcommand outlay has (it reads as `outlay {}`)",
                example.line.trim(),
                example.path.join(" ")
            ));
            continue;
        };
        for flag in example.given.iter().chain(&example.mentioned) {
            let known = leaf.flags.contains(flag)
                || leaf.aliases.contains(flag)
                || globals.contains_key(flag);
            if !known {
                problems.push(format!(
                    "`{}`: `outlay {}` has no --{flag}",
                    example.line.trim(),
                    leaf.path.join(" ")
                ));
            }
        }
    }
    // Every flag of every subcommand is shown or mentioned with it.
    for leaf in &all {
        let mine: Vec<&Example> = examples.iter().filter(|e| e.path == leaf.path).collect();
        if mine.is_empty() {
            problems.push(format!("`outlay {}` has no example", leaf.path.join(" ")));
            continue;
        }
        for flag in &leaf.flags {
            let shown = mine
                .iter()
                .any(|e| e.given.contains(flag) || e.mentioned.contains(flag));
            if !shown {
                problems.push(format!(
                    "`outlay {} --{flag}` is in its --help but not in the Usage reference",
                    leaf.path.join(" ")
                ));
            }
        }
    }
    // No grammar for commands: `list lines|disbursements`, `[--line P05]`.
    for example in &examples {
        let (code, _) = split_comment(&example.line);
        for (word, quoted) in words(code) {
            let placeholder = word.starts_with('<') && word.ends_with('>') && word.len() > 2;
            if !quoted && !placeholder && word.contains(['[', ']', '…']) {
                problems.push(format!(
                    "`{}` is grammar, not a command",
                    example.line.trim()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "README.md's Usage reference and `outlay --help` disagree:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_help_comparison_sees_a_missing_flag() {
    // The comparison itself could pass by reading nothing: check it finds
    // the reference's commands and their flags.
    let text = readme();
    let cli = outlay::cli::Cli::command();
    let examples = usage_examples(&text, &cli);
    let pay: Vec<&Example> = examples.iter().filter(|e| e.path == ["pay"]).collect();
    assert!(!pay.is_empty(), "no `outlay pay` in the reference");
    assert!(pay.iter().any(|e| e.given.iter().any(|f| f == "voucher")));
    let set: Vec<&Example> = examples
        .iter()
        .filter(|e| e.path == ["indicator", "set"])
        .collect();
    assert!(
        set.iter()
            .any(|e| e.mentioned.iter().any(|f| f == "reason"))
    );
    // A made-up reference line is read as a command with a flag outlay lacks.
    let fake = "## Usage\n\n```sh\noutlay pay P05 1 --payee x --voucher y --colour red\n```\n";
    let parsed = usage_examples(fake, &cli);
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].path, ["pay"]);
    assert!(parsed[0].given.contains(&"colour".to_string()));
}

// ---- the Usage reference runs --------------------------------------------------

#[test]
fn the_usage_reference_runs_in_order_on_the_demo() {
    let text = readme();
    let blocks: Vec<String> = fences(&text, section(&text, USAGE))
        .into_iter()
        .filter(|b| b.info == "sh")
        .map(|b| runnable(&b.body))
        .collect();
    assert!(blocks.len() >= 10, "{} sh blocks in Usage", blocks.len());
    let run = run_walkthrough(&blocks);
    if run.passed < blocks.len() {
        panic!(
            "block {} of the Usage reference failed:\n{}\nit printed:\n{}\n{}",
            run.passed + 1,
            blocks[run.passed],
            run.outputs[run.passed],
            run.log
        );
    }
}

/// A Usage block as bash runs it: a template line (a `<PLACEHOLDER>` in it)
/// is left out, as are the subcommands this branch does not have yet.
fn runnable(block: &str) -> String {
    let joined = block.replace("\\\n", " ");
    joined
        .lines()
        .filter(|line| {
            let (code, _) = split_comment(line);
            let ws = words(code);
            let template = ws
                .iter()
                .any(|(w, q)| !q && w.starts_with('<') && w.ends_with('>') && w.len() > 2);
            !template
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

// ---- the table of contents ----------------------------------------------------

/// The anchor GitHub gives a heading: lower case, punctuation dropped (letters
/// of any script, digits, `-` and `_` kept), spaces made `-`.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn every_link_in_the_readme_reaches_a_heading() {
    let text = readme();
    let mut anchors = BTreeSet::new();
    let mut in_fence = false;
    let mut level_two = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with('#') {
            let title = line.trim_start_matches('#').trim();
            anchors.insert(anchor(title));
            if line.starts_with("## ") {
                level_two.push(anchor(title));
            }
        }
    }
    assert_eq!(
        anchor("Several staff at once: `outlay serve`"),
        "several-staff-at-once-outlay-serve"
    );
    let mut links = BTreeSet::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("](#") {
        let target = &rest[at + 3..];
        let end = target.find(')').expect("a link's closing parenthesis");
        links.insert(target[..end].to_string());
        rest = &target[end..];
    }
    assert!(links.len() > 20, "only {} links read", links.len());
    let broken: Vec<&String> = links.iter().filter(|l| !anchors.contains(*l)).collect();
    assert!(broken.is_empty(), "links to no heading: {broken:?}");
    // The table of contents names every ## section.
    let (start, end) = section(&text, "## Contents");
    let contents = &text[start..end];
    for section in level_two
        .iter()
        .filter(|a| *a != "contents" && *a != "outlay")
    {
        assert!(
            contents.contains(&format!("](#{section})")),
            "the contents do not link to ## {section}"
        );
    }
}

// ---- the TUI screens -----------------------------------------------------------

/// A capture of the TUI: the pane's size, the keys pressed (as tmux names
/// them) and the ```text block under the marker.
struct Screen {
    width: u16,
    height: u16,
    keys: Vec<String>,
    block: Fence,
}

fn screens(text: &str) -> Vec<Screen> {
    const MARK: &str = "<!-- screen ";
    let all = fences(text, (0, text.len()));
    let mut out = Vec::new();
    for (at, _) in text.match_indices(MARK) {
        let line_end = at + text[at..].find('\n').unwrap();
        let spec = text[at + MARK.len()..line_end]
            .trim_end()
            .strip_suffix("-->")
            .expect("a screen marker ends with -->");
        let (size, keys) = spec.split_once(':').expect("<!-- screen WxH: KEYS -->");
        let (width, height) = size.trim().split_once('x').expect("WxH");
        let block = all
            .iter()
            .find(|f| f.body_start > line_end)
            .expect("a block under the screen marker");
        assert!(
            block.info == "text" && text[line_end + 1..block.body_start].lines().count() == 1,
            "the screen marker at byte {at} is not right above a ```text block"
        );
        out.push(Screen {
            width: width.parse().unwrap(),
            height: height.parse().unwrap(),
            keys: keys.split_whitespace().map(String::from).collect(),
            block: Fence {
                info: block.info.clone(),
                body: block.body.clone(),
                body_start: block.body_start,
                body_end: block.body_end,
            },
        });
    }
    out
}

/// The screen with its attributes once two looks in a row agree (a frame is
/// never read half drawn; outlay draws nothing while idle).
fn settled(tmux: &Tmux) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut last = tmux.screen_with_attributes();
    loop {
        std::thread::sleep(Duration::from_millis(60));
        let now = tmux.screen_with_attributes();
        if now == last {
            return now;
        }
        assert!(
            Instant::now() < deadline,
            "the screen never settled:\n{now}"
        );
        last = now;
    }
}

/// The screen as the README keeps it: trailing blanks gone.
fn screen_text(screen: &str) -> String {
    let mut lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_readme_screens_are_what_the_tui_shows() {
    let text = readme();
    let screens = screens(&text);
    assert!(
        screens.len() >= 6,
        "{} screens marked in README.md",
        screens.len()
    );
    let mut got = Vec::new();
    for screen in &screens {
        let dir = tempfile::tempdir().unwrap();
        let tmux = Tmux::start(
            dir.path(),
            screen.width,
            screen.height,
            &["--lang", "zh", "demo"],
        );
        tmux.wait_for("2021年度");
        for key in &screen.keys {
            // With its attributes: moving the selection changes only those.
            let before = settled(&tmux);
            tmux.keys(&[key]);
            let deadline = Instant::now() + Duration::from_secs(10);
            while settled(&tmux) == before {
                assert!(
                    Instant::now() < deadline,
                    "{key} changed nothing on the screen:\n{}",
                    tmux.screen()
                );
                std::thread::sleep(Duration::from_millis(40));
            }
        }
        settled(&tmux);
        got.push(screen_text(&tmux.screen()));
    }
    if std::env::var_os("OUTLAY_README_UPDATE").is_some() {
        let mut updated = text.clone();
        for (screen, shown) in screens.iter().zip(&got).rev() {
            updated.replace_range(screen.block.body_start..screen.block.body_end, shown);
        }
        if updated != text {
            std::fs::write(readme_path(), updated).unwrap();
            eprintln!("README.md: the TUI screens rewritten from this run");
        }
        return;
    }
    for (screen, shown) in screens.iter().zip(&got) {
        assert_eq!(
            screen.block.body, *shown,
            "the {}x{} screen after keys {:?} is not what README.md shows; if the change is \
             meant: OUTLAY_README_UPDATE=1 cargo test --test readme",
            screen.width, screen.height, screen.keys
        );
    }
}
