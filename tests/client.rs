//! The client side of `outlay serve`: it talks only to the server's user
//! (a process planted on the socket by someone else is sent nothing), and a
//! client outlives a server restart without repeating a change.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::Receiver;
use std::thread;
use std::time::{Duration, Instant};

use outlay::domain::input::NewDisbursement;
use outlay::domain::{BudgetLine, EconClass, FiscalYear, Kind, Level, Money, Source};
use outlay::ledger::DisbursementQuery;
use outlay::remote::{ConnectionError, Notice};
use outlay::{Error, Ledger};

const OUTLAY: &str = env!("CARGO_BIN_EXE_outlay");
/// Longest wait for anything a test waits on (a server to listen, a notice).
const PATIENCE: Duration = Duration::from_secs(20);

/// Creates a Unix user for the test; panics when it cannot (CI runs as root).
fn unix_user(name: &str) -> String {
    let exists = Command::new("id")
        .arg(name)
        .output()
        .is_ok_and(|o| o.status.success());
    let created = exists
        || Command::new("useradd")
            .args(["-M", "-s", "/usr/sbin/nologin", name])
            .status()
            .is_ok_and(|s| s.success());
    assert!(
        created,
        "this test creates the Unix user {name} and must run as root (CI does)"
    );
    name.to_string()
}

fn wait_for(what: &str, ok: impl Fn() -> bool) {
    let started = Instant::now();
    while !ok() {
        assert!(started.elapsed() < PATIENCE, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(20));
    }
}

/// A ledger with one line, in a directory only its owner (root) can write.
fn ledger_with_a_line(dir: &Path) -> PathBuf {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let db = dir.join("shared.redb");
    let me = outlay::identity::current_user();
    let ledger = Ledger::create(&db, FiscalYear::new(2021).unwrap(), "测试局", &me).unwrap();
    ledger
        .add_line(BudgetLine {
            code: "B01".into(),
            name: "公用经费".into(),
            kind: Kind::Basic,
            source: Source::Initial,
            level: Level::District,
            econ_class: Some(EconClass::Goods),
            project: None,
            doc_no: "doc".into(),
            allocated_on: "2021-01-01".parse().unwrap(),
            allocated: "1000000".parse().unwrap(),
            refs: Default::default(),
        })
        .unwrap();
    db
}

/// `outlay serve` on a ledger, killed when dropped.
struct Server {
    child: Child,
    db: PathBuf,
    socket: PathBuf,
}

impl Server {
    fn start(db: &Path) -> Server {
        let socket = db.with_extension("sock");
        let child = Command::new(OUTLAY)
            .arg("--db")
            .arg(db)
            .arg("serve")
            .env("OUTLAY_CONFIG", db.with_extension("no-settings"))
            .stderr(Stdio::null())
            .spawn()
            .expect("outlay serve starts");
        wait_for("the server to listen", || {
            UnixStream::connect(&socket).is_ok()
        });
        Server {
            child,
            db: db.to_path_buf(),
            socket,
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `outlay --socket SOCKET ARGS` as root, with no settings unless `config` names a file.
fn cli(socket: &Path, config: &Path, args: &[&str]) -> Output {
    Command::new(OUTLAY)
        .arg("--socket")
        .arg(socket)
        .args(args)
        .env("OUTLAY_CONFIG", config)
        .env_remove("OUTLAY_SERVER_USER")
        .output()
        .expect("outlay runs")
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

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
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

    let out = cli(
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

    let out = cli(
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
    let db = ledger_with_a_line(dir.path());
    let server = Server::start(&db);
    let settings = dir.path().join("settings.toml");
    std::fs::write(&settings, format!("server_user = \"{other}\"\n")).unwrap();

    // The real server runs as root, not as the configured user: refused, nothing recorded.
    let out = cli(
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
    let no_settings = server.db.with_extension("no-settings");
    let out = cli(
        &server.socket,
        &no_settings,
        &["list", "disbursements", "--format", "csv"],
    );
    assert_eq!(
        text(&out.stdout).matches("V-FAKE-1").count(),
        1,
        "only the accepted call recorded: {}",
        text(&out.stdout)
    );
    // A name that is no user is named.
    let out = cli(
        &server.socket,
        &no_settings,
        &["--server-user", "ocl-nobody-at-all", "report"],
    );
    assert!(
        text(&out.stderr).contains("no Unix user called 'ocl-nobody-at-all'"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_server_run_by_the_owner_of_the_socket_directory_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    let server = Server::start(&db);
    let out = cli(
        &server.socket,
        &server.db.with_extension("no-settings"),
        &PAY,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Recorded disbursement #1"));
}

fn payment(voucher: &str) -> NewDisbursement {
    NewDisbursement {
        line: "B01".into(),
        date: "2021-06-01".parse().unwrap(),
        amount: Money::from_fen(100),
        payee: "某公司".into(),
        voucher: voucher.into(),
        memo: String::new(),
        contract: None,
        refs: Default::default(),
    }
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
    let db = ledger_with_a_line(dir.path());
    let mut server = Server::start(&db);
    let ledger = Ledger::connect(&server.socket).unwrap();
    let notices = ledger.client().unwrap().subscribe().unwrap();
    ledger.pay(payment("V-BEFORE")).unwrap();
    assert!(matches!(next(&notices), Notice::Changed(c) if c.call == "pay"));

    server.kill();
    assert_eq!(next(&notices), Notice::Lost);
    // While it is down a save fails, says it was not saved, in both languages.
    let e = ledger.pay(payment("V-DOWN")).unwrap_err();
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
    ledger.pay(payment("V-DOWN")).unwrap();
    assert!(matches!(next(&notices), Notice::Changed(c) if c.call == "pay"));
    // Another client's payment reaches the re-subscribed one.
    let other = Ledger::connect(&server.socket).unwrap();
    other.pay(payment("V-OTHER")).unwrap();
    assert!(matches!(next(&notices), Notice::Changed(c) if c.call == "pay"));
    assert_eq!(vouchers(&ledger), ["V-BEFORE", "V-DOWN", "V-OTHER"]);
}
