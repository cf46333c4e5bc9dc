//! `outlay backup FILE`: a private, verified copy that is one committed state
//! of the ledger, from the file or through the server while clients write.

mod common;

use std::collections::{HashMap, HashSet};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use common::ledger::ledger_with_a_line;
use common::server::{OUTLAY, Server, cli_on_file};
use common::users::unix_user_in;
use common::{Env, me, text};
use outlay::Ledger;
use outlay::domain::Money;
use outlay::domain::input::NewDisbursement;
use outlay::import::Row;
use outlay::ledger::DisbursementQuery;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Names in `dir` left by a backup that did not finish.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".partial"))
        .collect()
}

#[test]
fn a_direct_backup_of_the_demo_is_private_consistent_and_reports_the_same() {
    let env = Env::demo();
    let copy = env.dir.path().join("copy.redb");
    // Under the loosest umask the copy is still the owner's alone.
    let out = Command::new("sh")
        .args(["-c", "umask 000 && exec \"$0\" \"$@\"", OUTLAY])
        .arg("--db")
        .arg(env.db())
        .arg("backup")
        .arg(&copy)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("OUTLAY_CONFIG", env.dir.path().join("no-settings.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    let paid = env
        .run(&["list", "disbursements", "--format", "csv"])
        .lines()
        .count()
        - 1;
    assert!(
        said.starts_with(&format!("Backed up to {}: ", copy.display()))
            && said.contains(&format!("{paid} disbursements"))
            && said.contains("checked consistent"),
        "{said}"
    );
    assert_eq!(mode(&copy), 0o600);
    assert!(leftovers(env.dir.path()).is_empty());

    let check = env.outlay_on(&copy).arg("check").assert().success();
    assert!(text(&check.get_output().stdout).starts_with("Consistent"));
    let report = |db: &Path| {
        let out = env
            .outlay_on(db)
            .args(["report", "--as-of", "2021-12-31", "--format", "json"])
            .assert()
            .success();
        serde_json::from_slice::<serde_json::Value>(&out.get_output().stdout).unwrap()
    };
    assert_eq!(report(&copy), report(&env.db()));
    // The copy is a ledger of its own: the source's events, then its own.
    let events = |db: &Path| {
        let out = env
            .outlay_on(db)
            .args(["list", "events", "--format", "csv"])
            .assert()
            .success();
        text(&out.get_output().stdout)
    };
    assert_eq!(events(&copy), events(&env.db()));
}

#[test]
fn a_backup_never_overwrites_a_file_and_names_it() {
    let env = Env::demo();
    let target = env.write("ledger-2021-12-31.redb", "yesterday's backup");
    let stderr = env.refused(&["backup", target.to_str().unwrap()]);
    assert!(
        stderr.contains(&format!("{} already exists", target.display()))
            && stderr.contains("never overwrites"),
        "{stderr}"
    );
    let zh = env
        .outlay()
        .args(["--lang", "zh", "backup"])
        .arg(&target)
        .assert()
        .code(1);
    let zh = text(&zh.get_output().stderr);
    assert!(
        zh.contains("文件：") && zh.contains("已存在") && zh.contains("不会覆盖"),
        "{zh}"
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"yesterday's backup");
    // The ledger itself is never a backup's target either.
    let stderr = env.refused(&["backup", env.db().to_str().unwrap()]);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(leftovers(env.dir.path()).is_empty());
}

// ---- through the server --------------------------------------------------

/// A payment on B01 to 某某劳务公司.
fn payment(voucher: &str, fen: i64) -> NewDisbursement {
    NewDisbursement {
        payee: "某某劳务公司".into(),
        ..common::ledger::payment(voucher, fen)
    }
}

/// A ledger with one line and `paid` payments already on it.
fn ledger_with_payments(dir: &Path, paid: usize) -> PathBuf {
    let db = ledger_with_a_line(dir);
    let ledger = Ledger::open(&db, &me()).unwrap();
    let rows = (0..paid)
        .map(|n| Row {
            number: n + 2,
            value: payment(&format!("PRE-{n}"), 5_000 + n as i64),
        })
        .collect();
    ledger.import_disbursements(rows, "before".into()).unwrap();
    db
}

#[test]
fn a_backup_during_a_four_client_write_storm_is_a_state_the_clients_were_told_of() {
    let dir = tempfile::tempdir().unwrap();
    // Enough rows that the copy crosses the wire in several chunks.
    let db = ledger_with_payments(dir.path(), 6_000);
    let before_storm = Ledger::open(&db, &me())
        .unwrap()
        .disbursements(DisbursementQuery::default())
        .unwrap();
    let server = Server::start(&db);

    // Every payment the server acknowledged, voucher → amount.
    let acknowledged: Arc<Mutex<HashMap<String, Money>>> = Arc::new(Mutex::new(
        before_storm
            .iter()
            .map(|d| (d.voucher.clone(), d.amount))
            .collect(),
    ));
    let backup_done = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4i64)
        .map(|client| {
            let ledger = server.connect();
            let (acknowledged, backup_done) = (acknowledged.clone(), backup_done.clone());
            thread::spawn(move || {
                let mut after_backup = 0;
                for n in 0.. {
                    let (voucher, fen) = (format!("S{client}-{n}"), 100 + client * 7 + n);
                    ledger.pay(payment(&voucher, fen)).unwrap();
                    acknowledged
                        .lock()
                        .unwrap()
                        .insert(voucher, Money::from_fen(fen));
                    // Go on writing a while after the backup, so that it
                    // cannot have been taken after the storm.
                    if backup_done.load(Ordering::SeqCst) {
                        after_backup += 1;
                        if after_backup == 100 {
                            break;
                        }
                    }
                }
            })
        })
        .collect();
    let storm_len = || acknowledged.lock().unwrap().len() - before_storm.len();
    while storm_len() < 200 {
        assert!(
            !writers.iter().any(|w| w.is_finished()),
            "a writer stopped before the backup"
        );
        thread::sleep(Duration::from_millis(5));
    }

    let before_backup: HashSet<String> = acknowledged.lock().unwrap().keys().cloned().collect();
    let copy = dir.path().join("ledger-2021-06-01.redb");
    let out = server.cli(&["backup", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    backup_done.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(text(&out.stdout).starts_with("Backed up to"));
    assert_eq!(mode(&copy), 0o600);
    assert!(
        std::fs::metadata(&copy).unwrap().len() > 1 << 20,
        "the copy came in more than one chunk"
    );

    let check = cli_on_file(&copy, &["--lang", "en", "check"]);
    assert!(
        text(&check.stdout).starts_with("Consistent"),
        "{}{}",
        text(&check.stdout),
        text(&check.stderr)
    );

    let backup = Ledger::open(&copy, &me()).unwrap();
    let entries = backup.disbursements(DisbursementQuery::default()).unwrap();
    for d in &entries {
        assert_eq!(
            acknowledged.get(&d.voucher),
            Some(&d.amount),
            "{} in the copy was never acknowledged with that amount",
            d.voucher
        );
    }
    let in_copy: HashSet<&str> = entries.iter().map(|d| d.voucher.as_str()).collect();
    for voucher in &before_backup {
        assert!(
            in_copy.contains(voucher.as_str()),
            "{voucher} was acknowledged before the backup but is not in it"
        );
    }
    assert!(
        entries.len() + 400 <= acknowledged.len(),
        "the clients wrote on after the backup ({} in the copy, {} acknowledged)",
        entries.len(),
        acknowledged.len()
    );
    let sum = entries.iter().fold(Money::ZERO, |mut sum, d| {
        sum += d.amount;
        sum
    });
    let report = backup.report(Some("2021-12-31".parse().unwrap())).unwrap();
    assert_eq!(report.group("all").unwrap().spent, sum);
    assert!(backup.verify_totals().unwrap().is_empty());
}

#[test]
fn a_backup_through_the_server_needs_a_role_and_a_viewer_may() {
    // The user reaches the 0660 socket through its group, as the README sets it up.
    let user = unix_user_in("obkviewer", "root");
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), PermissionsExt::from_mode(0o755)).unwrap();
    let db = ledger_with_payments(dir.path(), 10);
    let server = Server::start(&db);
    // Where the user keeps backups: their own directory.
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let chown = Command::new("chown")
        .arg(format!("{user}:"))
        .arg(&backups)
        .status()
        .unwrap();
    assert!(chown.success());
    let copy = backups.join("ledger.redb");

    let out = server.cli_as(&user, &["backup", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("'obkviewer' has no role"),
        "{}",
        text(&out.stderr)
    );
    assert!(!copy.exists() && leftovers(&backups).is_empty());

    let grant = server.cli(&["user", "grant", &user, "viewer"]);
    assert!(grant.status.success(), "{}", text(&grant.stderr));
    let out = server.cli_as(&user, &["backup", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let made = std::fs::metadata(&copy).unwrap();
    let uid = Command::new("id").args(["-u", &user]).output().unwrap();
    assert_eq!(made.uid().to_string(), text(&uid.stdout).trim());
    assert_eq!(made.permissions().mode() & 0o777, 0o600);
    let copied = Ledger::open(&copy, &me())
        .unwrap()
        .disbursements(DisbursementQuery::default())
        .unwrap();
    assert_eq!(copied.len(), 10);
}
