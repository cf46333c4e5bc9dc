//! The TUI's first frame and tab switch, from `benches/scripts/tui_first_frame.py`:
//! the release binary in a tmux pseudo-terminal at 120×40, as a user starts it.

use std::path::Path;
use std::process::Command;

/// Medians of the script's runs.
#[derive(Clone, Copy, Debug)]
pub struct FirstFrame {
    pub first_frame_ms: f64,
    pub switch_ms: f64,
    pub peak_rss: u64,
}

/// Runs the script `runs` times over `db`; panics when it cannot run, since
/// the table would otherwise silently lack the row.
pub fn first_frame(db: &Path, runs: usize) -> FirstFrame {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/scripts/tui_first_frame.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_outlay"))
        .arg(db)
        .arg(runs.to_string())
        .arg("json")
        .env("OUTLAY_CONFIG", db.with_extension("no-settings"))
        .env_remove("OUTLAY_SOCKET")
        .output()
        .expect("python3 runs tui_first_frame.py (it needs tmux)");
    assert!(
        out.status.success(),
        "tui_first_frame.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let figures: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("tui_first_frame.py prints JSON");
    let number = |key: &str| figures[key].as_f64().expect("a figure per key");
    FirstFrame {
        first_frame_ms: number("first_frame_ms"),
        switch_ms: number("switch_ms"),
        peak_rss: number("peak_rss_kb") as u64 * 1024,
    }
}
