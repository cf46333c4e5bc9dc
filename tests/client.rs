//! The client side of `outlay serve`: it talks only to the server's user
//! (a process planted on the socket by someone else is sent nothing), and a
//! client outlives a server restart without repeating a change.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::Receiver;
use std::thread;
use std::time::{Duration, Instant};

use common::ledger::{ledger_with_a_line_of, payment};
use common::server::{OUTLAY, Server, cli_on_socket};
use common::text;
use common::users::unix_user;
use outlay::ledger::DisbursementQuery;
use outlay::remote::{ConnectionError, Notice};
use outlay::{Error, Ledger};

/// Longest wait for anything a test waits on (a fake server to listen, a notice).
const PATIENCE: Duration = Duration::from_secs(20);

fn wait_for(what: &str, ok: impl Fn() -> bool) {
    let started = Instant::now();
    while !ok() {
        assert!(started.elapsed() < PATIENCE, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(20));
    }
}

const PAY: [&str; 9] = [
    "pay",
    "B01",
    "100",
    "--date",
    "2021-03-01",
    "--payee",
    "某公司",
    "--voucher",
    "V-FAKE-1",
];

/// A ledger with one line, in a directory only its owner (root) can write.
fn ledger_in_a_dir_only_root_writes(dir: &Path) -> PathBuf {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    ledger_with_a_line_of(dir, "1000000")
}

/// A fake server a Unix user runs on a socket of their own: it counts the
/// bytes each connection sends it, one line per connection, into `log`.
const FAKE_SERVER: &str = r#"
import os, socket, sys
path, log, connections = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(socket.AF_UNIX)
s.bind(path)
os.chmod(path, 0o777)
s.listen(8)
open(log + ".ready", "w").close()
for _ in range(connections):
    c, _ = s.accept()
    c.settimeout(15)
    total = 0
    try:
        while True:
            b = c.recv(65536)
            if not b:
                break
            total += len(b)
    except OSError:
        pass
    c.close()
    with open(log, "a") as f:
        f.write(f"{total}\n")
"#;

fn python() -> &'static str {
    ["/usr/bin/python3", "/usr/local/bin/python3"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("this test runs a fake server in python3 as another user")
}

#[test]
fn a_fake_server_in_a_world_writable_directory_is_refused_and_sent_nothing() {
    let faker = unix_user("oclfake");
    let dir = tempfile::tempdir().unwrap();
    // Owned by root but writable by all, as a misconfigured directory would be.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let socket = dir.path().join("ledger.sock");
    let log = dir.path().join("received");
    let mut fake = Command::new("runuser")
        .args(["-u", &faker, "--", python(), "-c", FAKE_SERVER])
        .arg(&socket)
        .arg(&log)
        .arg("2")
        .spawn()
        .expect("runuser runs");
    wait_for("the fake server to listen", || {
        dir.path().join("received.ready").exists()
    });
    let no_settings = dir.path().join("no-settings.toml");

    let out = cli_on_socket(
        &socket,
        &no_settings,
        &[&["--lang", "en"], &PAY[..]].concat(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        !text(&out.stdout).contains("Recorded"),
        "{}",
        text(&out.stdout)
    );
    let stderr = text(&out.stderr);
    for needed in [
        "refusing to talk to the process answering on",
        &socket.display().to_string(),
        "runs as Unix user 'oclfake'",
        "the server must run as 'root'",
        &format!("the owner of {}", dir.path().display()),
        "nothing was sent",
    ] {
        assert!(stderr.contains(needed), "{needed:?} in: {stderr}");
    }

    let out = cli_on_socket(
        &socket,
        &no_settings,
        &[&["--lang", "zh"], &PAY[..]].concat(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("拒绝与") && stderr.contains("“oclfake”") && stderr.contains("“root”"),
        "{stderr}"
    );

    assert!(
        fake.wait().unwrap().success(),
        "the fake server ran to its end"
    );
    let received = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        received.lines().collect::<Vec<_>>(),
        ["0", "0"],
        "bytes each connection sent the fake server"
    );
}

#[test]
fn server_user_is_the_user_the_server_must_run_as() {
    let other = unix_user("oclsrv");
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_in_a_dir_only_root_writes(dir.path());
    let server = Server::start(&db);
    let settings = dir.path().join("settings.toml");
    std::fs::write(&settings, format!("server_user = \"{other}\"\n")).unwrap();

    // The real server runs as root, not as the configured user: refused, nothing recorded.
    let out = cli_on_socket(
        &server.socket,
        &settings,
        &[&["--lang", "en"], &PAY[..]].concat(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!text(&out.stdout).contains("Recorded"));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("runs as Unix user 'root', but the server must run as 'oclsrv' (as the server_user setting says)"),
        "{stderr}"
    );
    // $OUTLAY_SERVER_USER wins over the settings file.
    let out = Command::new(OUTLAY)
        .arg("--socket")
        .arg(&server.socket)
        .args(PAY)
        .env("OUTLAY_CONFIG", &settings)
        .env("OUTLAY_SERVER_USER", "root")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Recorded disbursement #1"));
    let out = server.cli(&["list", "disbursements", "--format", "csv"]);
    assert_eq!(
        text(&out.stdout).matches("V-FAKE-1").count(),
        1,
        "only the accepted call recorded: {}",
        text(&out.stdout)
    );
    // A name that is no user is named.
    let out = server.cli(&["--server-user", "ocl-nobody-at-all", "report"]);
    assert!(
        text(&out.stderr).contains("no Unix user called 'ocl-nobody-at-all'"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_server_run_by_the_owner_of_the_socket_directory_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_in_a_dir_only_root_writes(dir.path());
    let server = Server::start(&db);
    let out = server.cli(&PAY);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Recorded disbursement #1"));
}

fn next(notices: &Receiver<Notice>) -> Notice {
    notices.recv_timeout(PATIENCE).expect("a notice arrives")
}

fn vouchers(ledger: &Ledger) -> Vec<String> {
    ledger
        .disbursements(DisbursementQuery::default())
        .unwrap()
        .into_iter()
        .map(|d| d.voucher)
        .collect()
}

#[test]
fn a_client_outlives_a_server_restart_without_repeating_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_in_a_dir_only_root_writes(dir.path());
    let mut server = Server::start(&db);
    let ledger = server.connect();
    let notices = ledger.client().unwrap().subscribe().unwrap();
    ledger.pay(payment("V-BEFORE", 100)).unwrap();
    assert!(matches!(next(&notices), Notice::Changed(c) if c.call == "pay"));

    server.kill();
    assert_eq!(next(&notices), Notice::Lost);
    // While it is down a save fails, says it was not saved, in both languages.
    let e = ledger.pay(payment("V-DOWN", 100)).unwrap_err();
    assert!(
        matches!(e, Error::Connection(ConnectionError::NotSaved { .. })),
        "{e:?}"
    );
    assert!(
        outlay::i18n::Lang::Zh.error(&e).contains("未保存"),
        "{}",
        outlay::i18n::Lang::Zh.error(&e)
    );

    let server = Server::start(&db);
    assert_eq!(next(&notices), Notice::Back);
    // Reads and saves work again on the same client; the failed save was not stored.
    assert_eq!(vouchers(&ledger), ["V-BEFORE"]);
    ledger.pay(payment("V-DOWN", 100)).unwrap();
    assert!(matches!(next(&notices), Notice::Changed(c) if c.call == "pay"));
    // Another client's payment reaches the re-subscribed one.
    let other = server.connect();
    other.pay(payment("V-OTHER", 100)).unwrap();
    assert!(matches!(next(&notices), Notice::Changed(c) if c.call == "pay"));
    assert_eq!(vouchers(&ledger), ["V-BEFORE", "V-DOWN", "V-OTHER"]);
}
