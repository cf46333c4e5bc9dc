//! `outlay serve` under attack by local staff (issue 9): a ledger or socket
//! directory others could change is refused at start, oversized frames cost
//! nothing, one user's connections cannot lock the others out, idle clients
//! are kept while stalled ones are dropped, change notices need a role and
//! end with it, and a direct opener is told the socket in use.
//!
//! Tests that need another Unix user create one (`osv…`) and must run as root
//! (CI does); the other user runs `client.py`, a raw protocol client.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::thread;
use std::time::{Duration, Instant};

use common::ledger::{ledger_with_a_line, payment};
use common::server::{OUTLAY, Server, cli_on_file, serve_command};
use common::users::unix_user_in;
use common::{stderr, succeeds};
use outlay::Ledger;
use outlay::domain::input::NewDisbursement;
use outlay::import::Row;
use outlay::ledger::DisbursementQuery;
use outlay::remote::PROTOCOL;
use serde_json::{Value, json};

const CLIENT_PY: &str = include_str!("serve_attacks/client.py");
/// The group whose members may connect, as the README sets it up.
const STAFF: &str = "osvstaff";

// Only these tests drive client.py: the shared server learns it here.
impl Server {
    /// Runs client.py as `user` against this server.
    fn client_py(&self, user: &str, args: &[&str]) -> Child {
        let script = self.db.with_file_name("client.py");
        if !script.exists() {
            std::fs::write(&script, CLIENT_PY).unwrap();
            chmod(&script, 0o644);
        }
        // setpriv execs python in its place, so killing the child ends the flood.
        Command::new("setpriv")
            .args([
                "--reuid",
                user,
                "--regid",
                user,
                "--init-groups",
                "/usr/bin/python3",
            ])
            .arg(&script)
            .arg(args[0])
            .arg(&self.socket)
            .arg(PROTOCOL.to_string())
            .args(&args[1..])
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs")
    }
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A directory staff may enter but only root may write: setgid, so the
/// socket made in it belongs to the staff group, as with systemd's RuntimeDirectory.
fn staff_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert!(succeeds("chgrp", &[STAFF, dir.path().to_str().unwrap()]));
    chmod(dir.path(), 0o2750);
    dir
}

fn frame(message: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(message).unwrap();
    [&(body.len() as u32).to_be_bytes()[..], &body].concat()
}

fn read_frame(stream: &mut UnixStream) -> Option<Value> {
    let mut len = [0u8; 4];
    stream.read_exact(&mut len).ok()?;
    let mut body = vec![0u8; u32::from_be_bytes(len) as usize];
    stream.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn hello_frame() -> Vec<u8> {
    frame(&json!({"type": "hello", "protocol": PROTOCOL, "client": "test"}))
}

/// A raw connection that has said hello, and the server's first answer.
fn say_hello(socket: &Path) -> (UnixStream, Value) {
    let mut stream = UnixStream::connect(socket).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(&hello_frame()).unwrap();
    let answer = read_frame(&mut stream).unwrap();
    (stream, answer)
}

/// A raw connection through the handshake.
fn shake_hands(socket: &Path) -> UnixStream {
    let (stream, welcome) = say_hello(socket);
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    stream
}

/// The lines a child prints, as they come.
fn lines_of(child: &mut Child) -> Receiver<Value> {
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let value = serde_json::from_str(&line).unwrap_or(Value::String(line));
            if sender.send(value).is_err() {
                break;
            }
        }
    });
    receiver
}

fn next_line(lines: &Receiver<Value>, what: &str) -> Value {
    lines
        .recv_timeout(Duration::from_secs(120))
        .unwrap_or_else(|_| panic!("client.py never reported {what}"))
}

fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/PID/status")
}

/// Runs `outlay serve` expecting it to refuse to start; its message.
fn refused_to_start(db: &Path, socket: &Path) -> String {
    let mut child = serve_command(db, Some(socket), &[])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("outlay serve started on an unsafe layout");
        }
        thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    stderr(&out)
}

#[test]
fn serve_refuses_a_ledger_or_socket_others_could_change_and_says_what_to_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    let socket = db.with_extension("sock");
    let shown = |p: &Path| std::fs::canonicalize(p).unwrap().display().to_string();

    chmod(&db, 0o644);
    let err = refused_to_start(&db, &socket);
    assert!(
        err.contains("readable by its group or others")
            && err.contains(&format!("`chmod 600 {}`", shown(&db))),
        "{err}"
    );
    chmod(&db, 0o660);
    let err = refused_to_start(&db, &socket);
    assert!(
        err.contains("writable by its group or others") && err.contains("chmod 600"),
        "{err}"
    );
    chmod(&db, 0o600);

    chmod(dir.path(), 0o775);
    let err = refused_to_start(&db, &socket);
    assert!(
        err.contains("holding the ledger")
            && err.contains(&format!("`chmod go-w {}`", shown(dir.path()))),
        "{err}"
    );
    chmod(dir.path(), 0o755);

    let owner = unix_user_in("osvowner", STAFF);
    assert!(succeeds("chown", &[&owner, dir.path().to_str().unwrap()]));
    let err = refused_to_start(&db, &socket);
    assert!(
        err.contains("holding the ledger belongs to osvowner") && err.contains("`chown root "),
        "{err}"
    );
    assert!(succeeds("chown", &["root", dir.path().to_str().unwrap()]));

    let sockets = tempfile::tempdir().unwrap();
    chmod(sockets.path(), 0o1777);
    let err = refused_to_start(&db, &sockets.path().join("shared.sock"));
    assert!(
        err.contains("holding the socket") && err.contains("shared with every user"),
        "{err}"
    );
    chmod(sockets.path(), 0o775);
    let err = refused_to_start(&db, &sockets.path().join("shared.sock"));
    assert!(
        err.contains("holding the socket")
            && err.contains(&format!("`chmod go-w {}`", shown(sockets.path()))),
        "{err}"
    );
    // One level up: the socket's own directory is the server's, but another
    // user owns the directory above it and could swap it for one of theirs.
    let above = tempfile::tempdir().unwrap();
    let run = above.path().join("run");
    std::fs::create_dir(&run).unwrap();
    assert!(succeeds(
        "chown",
        &["osvowner", above.path().to_str().unwrap()]
    ));
    let err = refused_to_start(&db, &run.join("shared.sock"));
    assert!(
        err.contains(&format!(
            "the directory {} above the socket",
            shown(above.path())
        )) && err.contains("osvowner"),
        "{err}"
    );
    assert!(
        !sockets.path().join("shared.sock").exists(),
        "no socket was made"
    );

    // The layout fixed as told, it serves.
    let mut server = Server::start(&db);
    assert!(server.running());
}

#[test]
fn a_200_mb_frame_costs_the_server_no_memory_and_it_keeps_answering() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&ledger_with_a_line(dir.path()));
    let good = server.connect();
    good.pay(payment("V0", 100)).unwrap();
    let before = rss_kb(server.pid());

    // Before the handshake: refused at the length, whatever follows.
    for _ in 0..4 {
        let mut bad = UnixStream::connect(&server.socket).unwrap();
        bad.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        bad.write_all(&(200u32 << 20).to_be_bytes()).unwrap();
        let _ = bad.write_all(&vec![b' '; 16 << 20]);
        let answer = read_frame(&mut bad).expect("a refusal before the server hangs up");
        assert_eq!(answer["type"], "refused");
        let message = answer["message"].as_str().unwrap();
        assert!(message.contains("over its 4096-byte limit"), "{message}");
        assert!(answer["message_zh"].as_str().unwrap().contains("4096 字节"));
    }
    // After it, an admin's big import grows with the bytes that arrive, not the claim.
    let import_start = br#"{"type":"call","call":{"call":"import_disbursements","args":{"rows":["#;
    let begin_an_import = || {
        let mut stream = shake_hands(&server.socket);
        stream.write_all(&(200u32 << 20).to_be_bytes()).unwrap();
        stream.write_all(import_start).unwrap();
        stream
    };
    let held: Vec<UnixStream> = (0..2)
        .map(|_| {
            let mut stream = begin_an_import();
            // More than the socket buffers: written only once the server reads on.
            stream.write_all(&vec![b' '; 512 << 10]).unwrap();
            stream
        })
        .collect();
    // Two large frames of one user are being read: a third is refused at its start.
    let mut third = begin_an_import();
    let _ = third.write_all(&vec![b' '; 512 << 10]);
    let answer = read_frame(&mut third).expect("a refusal before the server hangs up");
    let message = answer["message"].as_str().unwrap();
    assert!(
        message.contains("already has 2 messages over 65536 bytes being read"),
        "{message}"
    );

    let after = rss_kb(server.pid());
    assert!(
        after < before + 10 * 1024,
        "the server's RSS grew from {before} kB to {after} kB"
    );
    good.pay(payment("V1", 100)).unwrap();
    let stored = good.disbursements(DisbursementQuery::default()).unwrap();
    assert_eq!(stored.len(), 2);
    drop(held);
}

#[test]
fn connections_are_capped_per_user_and_in_total_with_a_refusal_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    let refusal = |socket: &Path| say_hello(socket).1;

    let server = Server::start_with(&db, &["--max-per-user", "3"]);
    let held: Vec<Ledger> = (0..3).map(|_| server.connect()).collect();
    let answer = refusal(&server.socket);
    assert_eq!(answer["type"], "refused", "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("too many connections from root (3"),
        "{answer}"
    );
    assert!(
        answer["message_zh"]
            .as_str()
            .unwrap()
            .contains("来自 root 的连接过多")
    );
    // Through the CLI too, in words.
    let out = server.cli(&["report"]);
    assert!(
        stderr(&out).contains("too many connections from root"),
        "{}",
        stderr(&out)
    );
    drop(held);
    // The server frees the slots as it sees the connections close.
    let mut tries = 0;
    while !server.cli(&["report"]).status.success() {
        tries += 1;
        assert!(
            tries < 200,
            "the closed connections' slots were never freed"
        );
        thread::sleep(Duration::from_millis(50));
    }
    drop(server);

    let server = Server::start_with(&db, &["--max-connections", "2"]);
    let _held: Vec<Ledger> = (0..2).map(|_| server.connect()).collect();
    let answer = refusal(&server.socket);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("too many connections already (2"),
        "{answer}"
    );
}

#[test]
fn a_normal_call_succeeds_while_another_user_holds_1100_connections_and_theirs_beyond_the_cap_are_refused()
 {
    let attacker = unix_user_in("osvhold", STAFF);
    let dir = staff_dir();
    let mut server = Server::start(&ledger_with_a_line(dir.path()));
    let mut flood = server.client_py(&attacker, &["hold", "1100"]);
    let lines = lines_of(&mut flood);
    let report = next_line(&lines, "its connections");
    assert_eq!(report["welcomed"], 32, "{report}");
    assert_eq!(report["refused"], 1100 - 32, "{report}");
    assert_eq!(
        report["other"],
        json!([]),
        "every connection was answered: {report}"
    );
    assert_eq!(
        report["messages"],
        json!([
            "too many connections from osvhold (32, the most one user may hold); close some outlay windows or scripts, or ask the server's administrator to raise `outlay serve --max-per-user`"
        ]),
        "{report}"
    );
    assert!(
        report["messages_zh"][0]
            .as_str()
            .unwrap()
            .contains("来自 osvhold 的连接过多")
    );
    // The flood still holds its connections: root is served all the same.
    let out = server.cli(&["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fds = std::fs::read_dir(format!("/proc/{}/fd", server.pid()))
        .unwrap()
        .count();
    assert!(fds < 200, "the server holds {fds} descriptors");
    assert!(server.running(), "the server is still running");
    let _ = (flood.kill(), flood.wait());
}

#[test]
fn a_connection_that_does_not_shake_hands_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&ledger_with_a_line(dir.path()));
    let mut silent = UnixStream::connect(&server.socket).unwrap();
    silent
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let mut rest = Vec::new();
    let ended = silent.read_to_end(&mut rest);
    assert!(
        matches!(ended, Ok(0)),
        "the server hung up on a silent connection: {ended:?}"
    );
}

#[test]
fn an_idle_client_is_kept_while_a_stalled_frame_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with(
        &ledger_with_a_line(dir.path()),
        &["--handshake-secs", "1", "--frame-secs", "1"],
    );
    let idle = server.connect();
    let mut stalled = shake_hands(&server.socket);
    stalled.write_all(&[0, 0]).unwrap();
    let mut rest = Vec::new();
    assert!(
        matches!(stalled.read_to_end(&mut rest), Ok(0)),
        "half a frame is dropped"
    );
    // Quiet for longer than either bound, the idle client is still served.
    thread::sleep(Duration::from_secs(3));
    idle.pay(payment("V1", 100)).unwrap();
}

#[test]
fn a_quiet_subscriber_gets_heartbeats_and_then_its_notices() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with(&ledger_with_a_line(dir.path()), &["--heartbeat-secs", "1"]);
    let mut notices = shake_hands(&server.socket);
    notices
        .write_all(&frame(&json!({"type": "subscribe"})))
        .unwrap();
    assert_eq!(read_frame(&mut notices), Some(json!({"type": "heartbeat"})));
    Ledger::connect(&server.socket)
        .unwrap()
        .pay(payment("V1", 100))
        .unwrap();
    let changed = std::iter::from_fn(|| read_frame(&mut notices))
        .find(|m| m["type"] != "heartbeat")
        .unwrap();
    assert_eq!(changed["type"], "changed");
    assert_eq!(changed["call"], "pay");
}

#[test]
fn subscribing_needs_a_role_and_a_revoked_user_is_disconnected() {
    let user = unix_user_in("osvsub", STAFF);
    let dir = staff_dir();
    let server = Server::start(&ledger_with_a_line(dir.path()));
    let _ = server.cli(&["user", "revoke", &user]);

    // No role: no change notices (they say who did what).
    let mut client = server.client_py(&user, &["subscribe"]);
    let refused = next_line(&lines_of(&mut client), "the subscription's answer");
    assert!(client.wait().unwrap().success());
    let message = refused["refused"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("'osvsub' has no role"), "{refused}");
    assert!(refused["refused"]["message_zh"].is_string(), "{refused}");

    // A viewer subscribes, then loses the role: both their connections end.
    assert!(
        server
            .cli(&["user", "grant", &user, "viewer"])
            .status
            .success()
    );
    let mut client = server.client_py(&user, &["subscribe"]);
    let lines = lines_of(&mut client);
    let payer = server.connect();
    let mut n = 0;
    let first = loop {
        // Until the subscription is in place, notices go to nobody: pay again.
        n += 1;
        payer.pay(payment(&format!("V{n}"), 100)).unwrap();
        if let Ok(line) = lines.recv_timeout(Duration::from_millis(500)) {
            break line;
        }
        assert!(n < 200, "the viewer's subscription never received a notice");
    };
    assert_eq!(first, json!({"changed": "pay"}));
    let out = server.cli(&["user", "revoke", &user]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ended: Vec<Value> =
        std::iter::from_fn(|| lines.recv_timeout(Duration::from_secs(120)).ok())
            .filter(|l| l.get("changed").is_none())
            .take(2)
            .collect();
    assert_eq!(
        ended,
        [
            json!({"subscription": "closed"}),
            json!({"calls": "closed"})
        ]
    );
    assert!(client.wait().unwrap().success());
}

#[test]
fn a_viewer_may_send_small_frames_only_and_an_admin_large_imports_only() {
    let user = unix_user_in("osvbig", STAFF);
    let dir = staff_dir();
    let server = Server::start(&ledger_with_a_line(dir.path()));
    assert!(
        server
            .cli(&["user", "grant", &user, "viewer"])
            .status
            .success()
    );
    let big = (100 * 1024).to_string();

    let mut viewer = server.client_py(&user, &["big-call", &big]);
    let answer = next_line(&lines_of(&mut viewer), "the answer to a big call");
    assert_eq!(answer["answer"]["type"], "refused", "{answer}");
    assert!(
        answer["answer"]["message"]
            .as_str()
            .unwrap()
            .contains("over its 65536-byte limit"),
        "{answer}"
    );
    let mut small = server.client_py(&user, &["big-call", "1000"]);
    let answer = next_line(&lines_of(&mut small), "the answer to a small call");
    assert_eq!(answer["answer"]["type"], "answer", "{answer}");

    // An admin's large frame is refused too unless it is an import.
    let mut admin = shake_hands(&server.socket);
    let mut call = json!({"type": "call", "call": {"call": "info", "args": {}}});
    call["pad"] = json!("x".repeat(100 * 1024));
    admin.write_all(&frame(&call)).unwrap();
    let answer = read_frame(&mut admin).unwrap();
    assert_eq!(answer["type"], "refused", "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("over its 65536-byte limit for a call that is not an import"),
        "{answer}"
    );
}

#[test]
fn a_100_mb_pay_frame_is_refused_at_its_start_while_a_large_import_goes_through() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&ledger_with_a_line(dir.path()));
    let good = server.connect();
    good.pay(payment("V0", 100)).unwrap();
    let before = rss_kb(server.pid());

    // An admin (who may import) sends a 100 MB payee: read no further than its start.
    let mut admin = shake_hands(&server.socket);
    let len: u32 = 100 << 20;
    let start = br#"{"type":"call","call":{"call":"pay","args":{"request":{"payee":""#;
    admin.write_all(&len.to_be_bytes()).unwrap();
    admin.write_all(start).unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..100 {
        if admin.write_all(&chunk).is_err() {
            break; // refused and closed: the refusal is there to read
        }
    }
    let answer = read_frame(&mut admin).expect("a refusal before the server hangs up");
    assert_eq!(answer["type"], "refused", "{answer}");
    let message = answer["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("a message of {len} bytes"))
            && message.contains("over its 65536-byte limit for a call that is not an import"),
        "{message}"
    );
    assert!(
        answer["message_zh"]
            .as_str()
            .unwrap()
            .contains("非导入调用"),
        "{answer}"
    );
    let after = rss_kb(server.pid());
    assert!(
        after < before + 10 * 1024,
        "the server's RSS grew from {before} kB to {after} kB"
    );

    // The client's own import, well over 64 KiB, is read and stored.
    let rows: Vec<Row<NewDisbursement>> = (0..2_000)
        .map(|n| Row {
            number: n + 2,
            value: payment(&format!("IMP-{n}"), 100 + n as i64),
        })
        .collect();
    let size = serde_json::to_vec(&rows).unwrap().len();
    assert!(size > 64 * 1024, "the import is only {size} bytes");
    let summary = good.import_disbursements(rows, "big.csv".into()).unwrap();
    assert_eq!(summary.added, 2_000);
    let stored = good.disbursements(DisbursementQuery::default()).unwrap();
    assert_eq!(stored.len(), 2_001);
}

#[test]
fn a_direct_open_of_a_served_file_names_its_custom_socket() {
    let dir = tempfile::tempdir().unwrap();
    let sockets = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    let socket = sockets.path().join("custom.sock");
    let mut server = Server::start_on(&db, &socket, &[]);
    let note = dir.path().join("shared.redb.serving");
    let mode = std::fs::metadata(&note).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);

    let direct = cli_on_file(&db, &["report"]);
    let expected = format!(
        "is served by `outlay serve`; use --socket {}",
        std::fs::canonicalize(&socket).unwrap().display()
    );
    assert!(stderr(&direct).contains(&expected), "{}", stderr(&direct));

    assert!(succeeds("kill", &["-TERM", &server.pid().to_string()]));
    assert!(server.child.wait().unwrap().success());
    assert!(!note.exists(), "the note goes with the server");
}

#[test]
fn running_out_of_file_descriptors_does_not_end_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    let socket = db.with_extension("sock");
    // A hard limit of 32 descriptors: serve cannot raise it, accept() hits EMFILE.
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("ulimit -n 32 && exec \"$@\"")
        .arg("sh")
        .arg(OUTLAY)
        .arg("--db")
        .arg(&db)
        .arg("--socket")
        .arg(&socket)
        .args(["serve", "--max-per-user", "100"])
        .env("OUTLAY_CONFIG", db.with_extension("no-settings"));
    let mut server = Server::spawn(command, &db, &socket);

    let hello = hello_frame();
    let mut open = Vec::new();
    let mut answered = 0;
    for _ in 0..40 {
        let mut stream = UnixStream::connect(&socket).unwrap();
        stream.write_all(&hello).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        let welcomed = read_frame(&mut stream).is_some_and(|m| m["type"] == "welcome");
        open.push(stream);
        if !welcomed {
            break; // waiting in the backlog: the server is out of descriptors
        }
        answered += 1;
    }
    assert!(answered < 40, "the descriptor limit was never reached");
    assert!(server.running(), "the server survived EMFILE");
    drop(open);
    let out = server.cli(&["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(server.running());
}

#[test]
fn a_client_subscription_outlives_heartbeats() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with(&ledger_with_a_line(dir.path()), &["--heartbeat-secs", "1"]);
    let watcher = server.connect();
    let changes = watcher.client().unwrap().subscribe().unwrap();
    // Quiet long enough for a few heartbeats, then a change.
    thread::sleep(Duration::from_secs(3));
    Ledger::connect(&server.socket)
        .unwrap()
        .pay(payment("V1", 100))
        .unwrap();
    let notice = changes
        .recv_timeout(Duration::from_secs(60))
        .expect("the notice after the heartbeats");
    // Heartbeats are neither a loss of the server nor a change.
    match notice {
        outlay::remote::Notice::Changed(change) => assert_eq!(change.call, "pay"),
        other => panic!("expected the payment's notice, got {other:?}"),
    }
}

/// The attack of issue 9: in the README's old set-up a viewer moved the
/// socket aside, put a fake server in its place and removed the ledger. In
/// the layout the README gives now (ledger 0600 in a directory only the
/// server's user writes, socket in a setgid 0750 directory of its own), a
/// member of staff can do none of that, and the server goes on serving.
#[test]
fn a_member_of_staff_can_neither_replace_the_socket_nor_remove_the_ledger() {
    let viewer = unix_user_in("osvmover", STAFF);
    let ledger_dir = tempfile::tempdir().unwrap();
    chmod(ledger_dir.path(), 0o755); // the directory staff could see, not write
    let db = ledger_with_a_line(ledger_dir.path());
    let granted = cli_on_file(&db, &["user", "grant", &viewer, "viewer"]);
    assert!(granted.status.success(), "{}", stderr(&granted));
    let run_dir = staff_dir();
    let socket = run_dir.path().join("shared.sock");
    let server = Server::start_on(&db, &socket, &[]);
    let as_viewer = |script: &str| {
        Command::new("setpriv")
            .args(["--reuid", &viewer, "--regid", &viewer, "--init-groups"])
            .args(["sh", "-c", script, "sh"])
            .arg(&socket)
            .arg(&db)
            .output()
            .unwrap()
    };
    let moved = as_viewer(r#"mv "$1" "$1.aside""#);
    assert!(!moved.status.success(), "the viewer moved the socket aside");
    let planted = as_viewer(
        r#"python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1] + ".fake")' "$1""#,
    );
    assert!(
        !planted.status.success(),
        "the viewer bound a socket of their own beside the server's"
    );
    let removed = as_viewer(r#"rm -f "$2""#);
    assert!(!removed.status.success(), "the viewer removed the ledger");
    let read = as_viewer(r#"cat "$2" > /dev/null"#);
    assert!(!read.status.success(), "the viewer read the ledger file");
    assert!(db.exists() && socket.exists());
    // The viewer still reads through the server, as their role allows.
    let report = as_viewer(&format!(
        r#"OUTLAY_CONFIG=/nonexistent "{OUTLAY}" --socket "$1" report --format json"#
    ));
    assert!(report.status.success(), "{}", stderr(&report));
    let paid = server.cli(&["pay", "B01", "100", "--payee", "p", "--voucher", "V-AFTER"]);
    assert!(paid.status.success(), "{}", stderr(&paid));
}

#[test]
fn a_change_its_client_gave_up_on_before_the_server_read_it_is_not_carried_out() {
    let dir = tempfile::tempdir().unwrap();
    // One connection per user: the next is let in once the first is done with.
    let server = Server::start_with(&ledger_with_a_line(dir.path()), &["--max-per-user", "1"]);
    let mut late = shake_hands(&server.socket);
    // A stopped server (kill -STOP): the client writes its change, waits in
    // vain, tells its user "not saved" and closes; then the server resumes.
    let pid = server.pid().to_string();
    assert!(succeeds("kill", &["-STOP", &pid]));
    wait_until_stopped(server.pid());
    let request = serde_json::to_value(payment("LATE", 100)).unwrap();
    let pay = json!({"type": "call", "call": {"call": "pay", "args": {"request": request}}});
    late.write_all(&frame(&pay)).unwrap();
    drop(late);
    assert!(succeeds("kill", &["-CONT", &pid]));
    let started = Instant::now();
    let ledger = loop {
        match Ledger::connect(&server.socket) {
            Ok(ledger) => break ledger,
            Err(e) => assert!(
                started.elapsed() < Duration::from_secs(60),
                "the late connection was never done with: {e}"
            ),
        }
        thread::sleep(Duration::from_millis(20));
    };
    let stored = ledger.disbursements(DisbursementQuery::default()).unwrap();
    assert!(
        stored.is_empty(),
        "the change no one waited for was saved: {stored:?}"
    );
}

/// Waits until every thread of `pid` is stopped: SIGSTOP is not taken at once.
fn wait_until_stopped(pid: u32) {
    let stopped = || {
        std::fs::read_dir(format!("/proc/{pid}/task"))
            .unwrap()
            .map(|task| std::fs::read_to_string(task.unwrap().path().join("stat")).unwrap())
            .all(|stat| {
                stat.rsplit_once(") ")
                    .is_some_and(|(_, rest)| rest.starts_with('T'))
            })
    };
    let started = Instant::now();
    while !stopped() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server never stopped"
        );
        thread::sleep(Duration::from_millis(5));
    }
}
