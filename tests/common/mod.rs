//! What the end-to-end tests share: a throw-away ledger and the real binary
//! run in a clean environment (never the user's own settings or ledger).

#![allow(dead_code)] // each test file uses its own part of it

pub mod ledger; // a ledger made through the library, and payments on it
pub mod screen; // the TUI on a test backend, driven key by key
pub mod server; // `outlay serve` and the CLI as its client
pub mod tmux; // the real binary in a tmux pane, keys in and screens out
pub mod users; // Unix users the root-only tests create

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use assert_cmd::Command;
use serde_json::Value;

/// The test's Unix user, as the library names it: the admin of the ledgers it makes.
pub fn me() -> String {
    outlay::identity::current_user()
}

/// Runs `program` quietly; whether it succeeded.
pub fn succeeds(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Bytes a program printed, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn stderr(out: &Output) -> String {
    text(&out.stderr)
}

/// The budget line `code` in the `lines` of a report or review as JSON.
pub fn line_in<'a>(figures: &'a Value, code: &str) -> &'a Value {
    figures["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == code)
        .unwrap_or_else(|| panic!("no line {code} in {figures}"))
}

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.redb")
    }

    pub fn outlay(&self) -> Command {
        self.outlay_on(&self.db())
    }

    /// The binary on another ledger file, in this test's clean environment.
    pub fn outlay_on(&self, db: &Path) -> Command {
        let mut cmd = Command::cargo_bin("outlay").unwrap();
        cmd.env_remove("OUTLAY_DB")
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            // never the user's own settings
            .env("OUTLAY_CONFIG", self.dir.path().join("no-settings.toml"));
        cmd.arg("--db").arg(db);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = self.outlay().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    pub fn refused(&self, args: &[&str]) -> String {
        let out = self.outlay().args(args).assert().code(1);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }

    /// The event log as `list events --format csv` prints it.
    pub fn events(&self) -> String {
        self.run(&["list", "events", "--format", "csv"])
    }

    /// Asserts that the event log holds each of `calls` (e.g. `note.set`).
    pub fn assert_logged(&self, calls: &[&str]) {
        let events = self.events();
        for call in calls {
            assert!(events.contains(call), "{call} in: {events}");
        }
    }

    pub fn report(&self) -> Value {
        serde_json::from_str(&self.run(&["report", "--as-of", "2021-12-31", "--format", "json"]))
            .unwrap()
    }

    pub fn small_year(&self) {
        self.run(&["init", "--year", "2021", "--department", "测试局"]);
        self.run(&[
            "line",
            "add",
            "--code",
            "B01",
            "--name",
            "办公费",
            "--kind",
            "basic",
            "--econ-class",
            "goods",
            "--amount",
            "10万",
            "--doc",
            "仁财〔2021〕1号",
        ]);
        self.run(&[
            "line",
            "add",
            "--code",
            "P01",
            "--name",
            "救援队",
            "--kind",
            "project",
            "--source",
            "supplementary",
            "--amount",
            "500,000.00",
            "--date",
            "2021-03-01",
        ]);
    }

    /// The small year's quantity indicator on 救援队: 队员人数 ≥ 160 人, of `weight` points.
    pub fn add_head_count_indicator(&self, weight: &str) {
        self.run(&[
            "indicator",
            "add",
            "--project",
            "救援队",
            "--category",
            "quantity",
            "--name",
            "队员人数",
            "--target",
            "≥ 160 人",
            "--weight",
            weight,
        ]);
    }

    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    }
}

impl Env {
    /// A ledger holding the demo year.
    pub fn demo() -> Env {
        let env = Env::new();
        env.run(&["init", "--demo"]);
        env
    }
}

/// A workbook cell as text: numbers with two decimals, as the forms print them.
pub fn xlsx_cell(range: &calamine::Range<calamine::Data>, row: u32, col: u32) -> String {
    use calamine::Data;
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => format!("{f:.2}"),
        Some(Data::Int(i)) => format!("{i}.00"),
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}
