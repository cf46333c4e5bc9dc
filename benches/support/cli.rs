//! The release binary as a user runs it: one whole process per command.

use std::path::Path;
use std::process::{Command, Stdio};

/// `outlay` on `db`, with no settings file and no socket from the
/// environment, its output discarded (a figure, not a transcript).
pub fn outlay(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_outlay"));
    command
        .arg("--db")
        .arg(db)
        .env("OUTLAY_CONFIG", db.with_extension("no-settings"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("OUTLAY_SOCKET")
        .env_remove("OUTLAY_DB")
        .stdout(Stdio::null());
    command
}

/// `outlay` talking to the server on `socket` instead of opening a file.
pub fn outlay_through(socket: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_outlay"));
    command
        .arg("--socket")
        .arg(socket)
        .env("OUTLAY_CONFIG", socket.with_extension("no-settings"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("OUTLAY_DB")
        .stdout(Stdio::null());
    command
}

/// Runs `command`; panics when it fails.
pub fn run(mut command: Command) {
    let status = command.status().expect("outlay runs");
    assert!(status.success(), "{command:?} failed");
}

/// A new ledger at `db` holding the year's lines, adjustments and schedule
/// from `data`, ready for its disbursements.
pub fn ledger_before_disbursements(data: &Path, db: &Path) {
    let mut init = outlay(db);
    init.args(["init", "--year", "2021", "--department", "bench"]);
    run(init);
    for kind in ["lines", "adjustments", "schedule"] {
        let mut import = outlay(db);
        import
            .args(["import", kind])
            .arg(data.join(format!("{kind}.csv")));
        run(import);
    }
}

/// `outlay import disbursements` of the year's disbursements.csv.
pub fn import_disbursements(data: &Path, db: &Path) -> Command {
    let mut import = outlay(db);
    import
        .args(["import", "disbursements"])
        .arg(data.join("disbursements.csv"));
    import
}
