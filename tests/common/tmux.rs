//! The real `outlay` binary in a real terminal: tmux runs it in a detached
//! pane, keys go in with `send-keys` and the screen comes back with
//! `capture-pane`, as a person would type and read. Every test has its own
//! tmux server (`tmux -L <socket>`), killed when the test ends, pass or fail,
//! so tests run in parallel and never touch the user's tmux.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

pub const OUTLAY: &str = env!("CARGO_BIN_EXE_outlay");
/// How long a screen may take to show what a test waits for.
pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const POLL: Duration = Duration::from_millis(40);
/// The tmux session (and so target) every test uses on its private server.
pub const SESSION: &str = "outlay";

/// The department's name as far as a narrow header shows it (it gives way to the figures).
pub const DEPARTMENT: &str = "攀枝花市仁和区应急管";
pub const PROJECT: &str = "购买安全生产和应急管理服务";
/// What the pane's shell says once outlay has exited.
pub const EXITED: &str = "[outlay exited with";

/// A private tmux server with one pane running outlay; killed on drop.
pub struct Tmux {
    socket: String,
    /// The server's socket file, removed on drop (tmux leaves it behind).
    socket_path: Option<PathBuf>,
    /// Where the pane's shell writes outlay's exit code (`.exit`) and the
    /// terminal's modes after it (`.stty`).
    files: PathBuf,
}

impl Tmux {
    /// Starts `outlay ARGS` with a clean environment in a `width`×`height` pane.
    /// When outlay exits, the pane's shell notes its exit code and the
    /// terminal's modes, says so on the screen and stays (tmux would reset a
    /// dead pane's modes, so they could not be checked there).
    pub fn start(dir: &Path, width: u16, height: u16, args: &[&str]) -> Tmux {
        Tmux::start_after("", dir, width, height, args)
    }

    /// As [`Tmux::start`], with `prelude` (shell commands) run in the pane first.
    pub fn start_after(prelude: &str, dir: &Path, width: u16, height: u16, args: &[&str]) -> Tmux {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "outlay-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let files = dir.join(&socket).display().to_string();
        let command = format!(
            "{prelude}{outlay} {args}; code=$?; stty -a > {stty}; echo $code > {exit}; \
             echo \"{EXITED} $code\"; exec sleep 120",
            outlay = quote(OUTLAY),
            args = args.join(" "),
            stty = quote(&format!("{files}.stty")),
            exit = quote(&format!("{files}.exit")),
        );
        let mut tmux = Tmux {
            socket,
            socket_path: None,
            files: PathBuf::from(files),
        };
        let home = dir.display().to_string();
        let (w, h) = (width.to_string(), height.to_string());
        #[rustfmt::skip]
        tmux.run(&[
            // The pane works in the test's directory: exports land there.
            "new-session", "-d", "-s", SESSION, "-x", &w, "-y", &h, "-c", &home, "--",
            "env", "-i",
            "LANG=en_US.UTF-8", "TERM=xterm-256color", "PATH=/usr/bin:/bin",
            &format!("HOME={home}"), &format!("XDG_CONFIG_HOME={home}/config"),
            &format!("XDG_DATA_HOME={home}/data"),
            "sh", "-c", &command,
        ]);
        tmux.socket_path = Some(PathBuf::from(tmux.format("#{socket_path}")));
        tmux
    }

    /// Runs one tmux command on this test's server.
    #[track_caller]
    pub fn run(&self, args: &[&str]) -> Output {
        let output = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null", "-u"])
            .args(args)
            .env_remove("TMUX")
            .output()
            .unwrap_or_else(|e| panic!("cannot run tmux (is it installed?): {e}"));
        assert!(
            output.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// Presses keys, named as tmux names them: `Tab`, `Enter`, `Down`, `C-c`, `3`.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend(keys);
        self.run(&args);
    }

    /// Types text literally (any script: `安源公司`).
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", SESSION, "-l", text]);
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        String::from_utf8(self.run(&["capture-pane", "-p", "-t", SESSION]).stdout).unwrap()
    }

    /// The screen with its attributes, as escape sequences.
    pub fn screen_with_attributes(&self) -> String {
        String::from_utf8(
            self.run(&["capture-pane", "-p", "-e", "-t", SESSION])
                .stdout,
        )
        .unwrap()
    }

    /// Waits until the screen shows `text`; returns that screen.
    #[track_caller]
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text))
    }

    /// Waits until the screen satisfies `ok`; returns that screen once it
    /// has settled (the same at the next look: a frame is not read half
    /// drawn; outlay draws nothing while idle). Panics after the timeout with
    /// the last screen seen.
    #[track_caller]
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let screen = self.screen();
            if ok(&screen) && screen == last {
                return screen;
            }
            last = screen;
            if start.elapsed() > TIMEOUT {
                panic!("timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{last}");
            }
            sleep(POLL);
        }
    }

    /// The reverse-video text of each line (the selected row, the current tab).
    pub fn highlighted(&self) -> Vec<String> {
        highlighted_runs(&self.screen_with_attributes())
    }

    pub fn format(&self, format: &str) -> String {
        let out = self
            .run(&["display-message", "-p", "-t", SESSION, format])
            .stdout;
        String::from_utf8(out).unwrap().trim().to_string()
    }

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.run(&["resize-window", "-t", SESSION, "-x", &w, "-y", &h]);
    }

    /// Waits until outlay has exited; returns its exit code.
    #[track_caller]
    pub fn wait_exit(&self) -> i32 {
        let start = Instant::now();
        let file = self.files.with_extension("exit");
        loop {
            if let Ok(code) = std::fs::read_to_string(&file)
                && let Ok(code) = code.trim().parse()
            {
                return code;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "outlay did not exit within {TIMEOUT:?}; the screen:\n{}",
                    self.screen()
                );
            }
            sleep(POLL);
        }
    }

    /// Checks outlay gave the terminal back as it found it: main screen,
    /// cursor shown, cooked mode, and nothing of the TUI left on the screen.
    #[track_caller]
    pub fn assert_terminal_restored(&self) {
        let screen = self.wait_for(EXITED);
        assert!(
            !screen.contains(DEPARTMENT),
            "TUI left on screen:\n{screen}"
        );
        assert_eq!(
            self.format("#{alternate_on} #{cursor_flag}"),
            "0 1",
            "alternate screen left and cursor shown again"
        );
        let stty = std::fs::read_to_string(self.files.with_extension("stty")).unwrap();
        let modes: Vec<&str> = stty.split_whitespace().collect();
        for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
            assert!(modes.contains(&mode), "raw mode left on ({mode}):\n{stty}");
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .env_remove("TMUX")
            .output();
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A word for `sh -c`, single-quoted.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The runs of reverse-video text in `capture-pane -e` output, one string per
/// line that has any (the runs of a line joined).
pub fn highlighted_runs(screen: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in screen.lines() {
        let mut reverse = false;
        let mut run = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\x1b' {
                if reverse {
                    run.push(c);
                }
                continue;
            }
            if chars.peek() != Some(&'[') {
                chars.next();
                continue;
            }
            chars.next();
            let mut params = String::new();
            let mut last = ' ';
            for c in chars.by_ref() {
                if ('\x40'..='\x7e').contains(&c) {
                    last = c;
                    break;
                }
                params.push(c);
            }
            if last != 'm' {
                continue;
            }
            let codes: Vec<&str> = params.split(';').collect();
            let mut i = 0;
            while i < codes.len() {
                match codes[i] {
                    "" | "0" | "27" => reverse = false,
                    "7" => reverse = true,
                    "38" | "48" | "58" => {
                        i += if codes.get(i + 1) == Some(&"5") { 2 } else { 4 };
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        if !run.trim().is_empty() {
            out.push(run);
        }
    }
    out
}

/// A directory with the demo year in `ledger.redb`.
pub fn demo_ledger() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.redb");
    outlay(dir.path(), &db, &["init", "--demo"]);
    (dir, db)
}

/// Runs `outlay --db DB ARGS` with a clean environment; its stdout. Panics on failure.
#[track_caller]
pub fn outlay(home: &Path, db: &Path, args: &[&str]) -> String {
    outlay_on(home, "--db", db, args)
}

/// The CLI in a clean environment of `home`, on a ledger named by `how`
/// (`--db` or `--socket`) and `path`; its stdout, once it has succeeded.
#[track_caller]
pub fn outlay_on(home: &Path, how: &str, path: &Path, args: &[&str]) -> String {
    let output = Command::new(OUTLAY)
        .env_clear()
        .env("LANG", "en_US.UTF-8")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .arg(how)
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "outlay {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
