//! `outlay serve`: several clients at once through one server, identity from
//! the kernel, roles, a bad client affecting only itself, and no committed
//! write lost when the server is killed.

mod common;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::process::Command;
use std::thread;
use std::time::Duration;

use common::ledger::{ledger_with_a_line, payment};
use common::server::{Server, cli_on_file, serve_command, serve_command_as};
use common::users::{unix_user, unix_user_in};
use common::{me, stderr};
use outlay::Ledger;
use outlay::domain::Money;
use outlay::domain::settings::{LineSettings, NoteSection};
use outlay::ledger::DisbursementQuery;

/// Four clients writing at once, their writes sharing commits: every entry
/// stored once and the totals exact. `cargo bench --bench serve` runs the
/// same check at 4 × 5,000 (it takes minutes, too long for CI).
#[test]
fn four_clients_writing_400_disbursements_each_at_once() {
    const EACH: i64 = 400;
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&ledger_with_a_line(dir.path()));
    let writers: Vec<_> = (0..4)
        .map(|client| {
            let ledger = server.connect();
            thread::spawn(move || {
                let mut total = 0i64;
                for n in 0..EACH {
                    let fen = 100 + client * 7 + n;
                    ledger.pay(payment(&format!("C{client}-{n}"), fen)).unwrap();
                    total += fen;
                }
                total
            })
        })
        .collect();
    let expected: i64 = writers.into_iter().map(|w| w.join().unwrap()).sum();

    let ledger = server.connect();
    let all = ledger.disbursements(DisbursementQuery::default()).unwrap();
    assert_eq!(all.len(), 4 * EACH as usize);
    let mut vouchers: Vec<&str> = all.iter().map(|d| d.voucher.as_str()).collect();
    vouchers.sort_unstable();
    vouchers.dedup();
    assert_eq!(
        vouchers.len(),
        4 * EACH as usize,
        "every entry exactly once"
    );
    let report = ledger.report(Some("2021-12-31".parse().unwrap())).unwrap();
    assert_eq!(
        report.group("all").unwrap().spent,
        Money::from_fen(expected)
    );
    assert!(
        ledger.verify_totals().unwrap().is_empty(),
        "running totals equal the sums of their entries"
    );
    assert!(all.iter().all(|d| d.entered_by == me()));
}

#[test]
fn identity_comes_from_the_kernel_and_roles_are_enforced() {
    // The other users reach the socket through its group, as the README sets it up.
    let viewer = unix_user_in("outlayv", "root");
    let clerk = unix_user_in("outlayc", "root");
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(
        dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let db = ledger_with_a_line(dir.path());
    let server = Server::start(&db);

    // Unknown to the ledger: refused, told who can fix it.
    let out = server.cli_as(&clerk, &["report"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("'outlayc' has no role")
            && stderr(&out).contains("outlay user grant outlayc clerk"),
        "{}",
        stderr(&out)
    );

    assert!(
        server
            .cli(&["user", "grant", &viewer, "viewer"])
            .status
            .success()
    );
    assert!(
        server
            .cli(&["user", "grant", &clerk, "clerk"])
            .status
            .success()
    );

    let pay = [
        "pay",
        "B01",
        "100",
        "--date",
        "2021-03-01",
        "--payee",
        "p",
        "--voucher",
    ];
    let out = server.cli_as(&viewer, &[&pay[..], &["V-viewer"]].concat());
    assert!(
        stderr(&out).contains("this needs the clerk role, and 'outlayv' is a viewer"),
        "{}",
        stderr(&out)
    );
    assert!(
        server.cli_as(&viewer, &["report"]).status.success(),
        "a viewer reads"
    );

    let out = server.cli_as(&clerk, &[&pay[..], &["V-clerk"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let out = server.cli_as(
        &clerk,
        &[
            "line",
            "add",
            "--code",
            "Z9",
            "--name",
            "n",
            "--kind",
            "basic",
            "--econ-class",
            "goods",
            "--amount",
            "1",
        ],
    );
    assert!(
        stderr(&out).contains("this needs the admin role, and 'outlayc' is a clerk"),
        "{}",
        stderr(&out)
    );

    // The entry and the event log carry the user the kernel named, whatever the client is.
    let csv = String::from_utf8(
        server
            .cli(&["list", "disbursements", "--format", "csv"])
            .stdout,
    )
    .unwrap();
    assert!(
        csv.lines()
            .any(|l| l.contains("V-clerk") && l.contains(",outlayc")),
        "{csv}"
    );
    assert!(!csv.contains("V-viewer"));
    let events =
        String::from_utf8(server.cli(&["list", "events", "--format", "csv"]).stdout).unwrap();
    assert!(
        events.lines().any(|l| l.contains("outlayc,pay")),
        "{events}"
    );
    let users = String::from_utf8(server.cli(&["user", "list"]).stdout).unwrap();
    assert!(
        users.contains("outlayc\tclerk") && users.contains("outlayv\tviewer"),
        "{users}"
    );

    // Opening the file directly while it is served points at the socket.
    let direct = cli_on_file(&db, &["report"]);
    assert!(
        stderr(&direct).contains("is served by `outlay serve`")
            && stderr(&direct).contains("--socket"),
        "{}",
        stderr(&direct)
    );
}

#[test]
fn a_bad_client_ends_only_its_own_connection() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&ledger_with_a_line(dir.path()));
    let good = server.connect();

    // Another protocol version is told so.
    let mut old = UnixStream::connect(&server.socket).unwrap();
    let hello = br#"{"type":"hello","protocol":999,"client":"outlay 9.9"}"#;
    old.write_all(&(hello.len() as u32).to_be_bytes()).unwrap();
    old.write_all(hello).unwrap();
    let mut answer = Vec::new();
    old.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.contains("refused")
            && answer.contains(&format!("protocol {}", outlay::remote::PROTOCOL))
            && answer.contains("speaks 999"),
        "{answer}"
    );

    // An oversized frame and garbage close those connections…
    for bytes in [
        &u32::MAX.to_be_bytes()[..],
        &[0, 0, 0, 4, b'{', b'{', b'{', b'{'][..],
    ] {
        let mut bad = UnixStream::connect(&server.socket).unwrap();
        bad.write_all(bytes).unwrap();
        let mut rest = Vec::new();
        bad.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = bad.read_to_end(&mut rest);
    }
    // …and a client that connects and says nothing holds only its own thread.
    let _silent = UnixStream::connect(&server.socket).unwrap();
    // The good client is served throughout.
    good.pay(payment("V1", 100)).unwrap();
    assert_eq!(
        good.disbursements(DisbursementQuery::default())
            .unwrap()
            .len(),
        1
    );
}

/// How many disbursements the ledger file holds, opened once the server let go of it.
fn stored(db: &std::path::Path) -> usize {
    let ledger = Ledger::open(db, &me()).unwrap();
    ledger
        .disbursements(DisbursementQuery::default())
        .unwrap()
        .len()
}

/// Four clients paying as fast as the server answers, until it stops
/// answering; each thread returns the vouchers the server acknowledged.
/// Four clients paying as fast as the server answers, each until a call
/// fails; returns once `under_way` writes are acknowledged in all (however
/// busy the machine), so what follows happens mid-storm.
fn storm(server: &Server, prefix: &str, under_way: usize) -> Vec<thread::JoinHandle<Vec<String>>> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let done = Arc::new(AtomicUsize::new(0));
    let writers = (0..4)
        .map(|client| {
            let ledger = server.connect();
            let prefix = prefix.to_string();
            let done = Arc::clone(&done);
            thread::spawn(move || {
                let mut acknowledged = Vec::new();
                for n in 0.. {
                    let voucher = format!("{prefix}{client}-{n}");
                    match ledger.pay(payment(&voucher, 100)) {
                        Ok(_) => acknowledged.push(voucher),
                        Err(_) => break,
                    }
                    done.fetch_add(1, Ordering::SeqCst);
                }
                acknowledged
            })
        })
        .collect();
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while done.load(Ordering::SeqCst) < under_way {
        assert!(
            std::time::Instant::now() < deadline,
            "the storm never got under way"
        );
        thread::sleep(Duration::from_millis(10));
    }
    writers
}

#[test]
fn killing_the_server_mid_storm_loses_no_committed_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    let mut server = Server::start(&db);
    let writers = storm(&server, "K", 101);
    server.kill(); // SIGKILL
    let acknowledged: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(
        acknowledged.len() > 100,
        "the storm was under way ({} writes)",
        acknowledged.len()
    );

    let server = Server::start(&db);
    let ledger = server.connect();
    let stored = ledger.disbursements(DisbursementQuery::default()).unwrap();
    let stored_vouchers: std::collections::HashSet<&str> =
        stored.iter().map(|d| d.voucher.as_str()).collect();
    for voucher in &acknowledged {
        assert!(
            stored_vouchers.contains(voucher.as_str()),
            "acknowledged {voucher} was lost"
        );
    }
    // At most one write per client was in flight when the server died.
    assert!(
        stored.len() <= acknowledged.len() + 4,
        "{} stored, {} acknowledged",
        stored.len(),
        acknowledged.len()
    );
    assert!(
        stored
            .iter()
            .all(|d| d.amount == Money::from_fen(100) && d.entered_by == me()),
        "no half-written entry"
    );
    assert!(
        ledger.verify_totals().unwrap().is_empty(),
        "running totals equal the rebuilt sums"
    );
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(&ledger_with_a_line(dir.path()));
    server.connect().pay(payment("V1", 100)).unwrap();
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = server.child.wait().unwrap();
    assert!(status.success(), "exit status after SIGTERM: {status:?}");
    assert!(!server.socket.exists(), "the socket is removed");
    // The file is free again, with the write in it.
    assert_eq!(stored(&server.db), 1);
}

#[test]
fn settings_and_notes_travel_over_the_socket() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&ledger_with_a_line(dir.path()));
    let client = server.connect();
    // tags travel too
    let lump = LineSettings {
        paced: false,
        carry_over: true,
        tags: [outlay::domain::spend_tag::SpendTag::Reception].into(),
    };
    client
        .set_line_settings("B01".into(), lump.clone())
        .unwrap();
    assert_eq!(client.line_settings().unwrap()["B01"], lump);
    let report = client.report(Some("2021-06-30".parse().unwrap())).unwrap();
    assert!(!report.lines[0].paced && !report.lines[0].lagging);
    // section names are map keys on the wire
    client
        .set_note(NoteSection::Problems, Some("资金下达较晚".into()))
        .unwrap();
    assert_eq!(
        client.notes().unwrap()[&NoteSection::Problems],
        "资金下达较晚"
    );
    // a refusal keeps its field across the wire
    match client.set_line_settings("ZZ".into(), lump).unwrap_err() {
        outlay::Error::Refused(r) => assert_eq!(r.field_name(), "line"),
        other => panic!("unexpected {other}"),
    }
    // and the CLI works through the server
    let shown = server.cli(&["note", "show", "problems"]);
    assert_eq!(String::from_utf8(shown.stdout).unwrap(), "资金下达较晚\n");
    // the year-end summary and the month-end review come over the wire whole
    let summary = client.summary(Some("2021-12-31".parse().unwrap())).unwrap();
    assert_eq!(summary.notes[&NoteSection::Problems], "资金下达较晚");
    let md = server.cli(&["--lang", "zh", "summary", "--format", "md"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("### 存在问题\n\n资金下达较晚"), "{md}");
    let review = client.review(6, 30).unwrap();
    assert_eq!(review.lines[0].code, "B01");
}

#[test]
fn progress_values_travel_over_the_socket_and_a_viewer_may_not_record_one() {
    use outlay::domain::progress::{Likelihood, NewProgress};
    let viewer = unix_user_in("outlayv", "root");
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(
        dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let db = dir.path().join("demo.redb");
    drop(Ledger::create_demo(&db, &me()).unwrap());
    let server = Server::start(&db);
    let client = server.connect();
    assert!(
        server
            .cli(&["user", "grant", &viewer, "viewer"])
            .status
            .success()
    );
    let before = client.progress(None).unwrap();
    let record = [
        "indicator",
        "progress",
        "28",
        "--date",
        "2021-08-31",
        "--value",
        "156 人",
    ];
    let out = server.cli_as(&viewer, &record);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("this needs the clerk role, and 'outlayv' is a viewer"),
        "{}",
        stderr(&out)
    );
    assert_eq!(client.progress(None).unwrap(), before, "nothing stored");
    // A viewer reads them.
    let listed = server.cli_as(&viewer, &["list", "progress", "--format", "csv"]);
    assert!(
        String::from_utf8_lossy(&listed.stdout).contains("28,2021-07-31,152 人"),
        "{}",
        stderr(&listed)
    );

    // The admin records through the CLI and the library alike.
    let out = server.cli(&record);
    assert!(out.status.success(), "{}", stderr(&out));
    let request = NewProgress {
        indicator: 29,
        date: "2021-08-31".parse().unwrap(),
        value: "12 个".into(),
        projected: None,
        cause: None,
        reason: None,
        likelihood: Some(Likelihood::Certain),
        rectify: None,
    };
    let recorded = client.record_progress(request.clone()).unwrap();
    assert_eq!(recorded.recorded_by, me());
    let after = client.progress(None).unwrap();
    assert_eq!(after.len(), before.len() + 2);
    // a refusal keeps its field across the wire
    let unknown = client
        .record_progress(NewProgress {
            indicator: 9999,
            ..request
        })
        .unwrap_err();
    match unknown {
        outlay::Error::Refused(r) => assert_eq!(r.field_name(), "indicator"),
        other => panic!("unexpected {other}"),
    }
}

/// One frame as the wire carries it: its length, big-endian, then its JSON.
fn frame_of(message: &serde_json::Value) -> Vec<u8> {
    let body = serde_json::to_vec(message).unwrap();
    [&(body.len() as u32).to_be_bytes()[..], &body].concat()
}

fn hello_frame() -> Vec<u8> {
    frame_of(&serde_json::json!({
        "type": "hello", "protocol": outlay::remote::PROTOCOL, "client": "test"
    }))
}

/// A raw connection that has said hello and read the welcome.
fn shake_hands(socket: &std::path::Path) -> UnixStream {
    let mut stream = UnixStream::connect(socket).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(&hello_frame()).unwrap();
    let mut len = [0u8; 4];
    stream.read_exact(&mut len).unwrap();
    let mut welcome = vec![0u8; u32::from_be_bytes(len) as usize];
    stream.read_exact(&mut welcome).unwrap();
    assert!(
        String::from_utf8_lossy(&welcome).contains("welcome"),
        "{}",
        String::from_utf8_lossy(&welcome)
    );
    stream
}

/// The number in a stop line `… stopped (SIGNAL), N connection(s) served`.
fn served_in(stop_line: &str) -> u64 {
    stop_line
        .split("), ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count of connections in {stop_line:?}"))
}

/// Far more than a stop takes, idle or not: a ceiling, not a measure.
const STOP_CEILING: Duration = Duration::from_secs(5);

#[test]
fn the_socket_takes_its_directorys_group_whatever_the_servers_own() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    // The server (the test's user, root) is in neither group: a plain
    // directory (the server sets the group) and a setgid one (the kernel does).
    for (gid, mode) in [(12345, 0o750), (12346, 0o2750)] {
        let run = dir.path().join(format!("run-{gid}"));
        std::fs::create_dir(&run).unwrap();
        std::os::unix::fs::chown(&run, None, Some(gid)).unwrap();
        std::fs::set_permissions(&run, PermissionsExt::from_mode(mode)).unwrap();
        let socket = run.join("shared.sock");
        let mut server = Server::start_on(&db, &socket, &[]);
        let meta = std::fs::symlink_metadata(&socket).unwrap();
        assert_eq!(
            meta.gid(),
            gid,
            "the socket's group in a directory of mode {mode:o}"
        );
        assert_eq!(meta.mode() & 0o7777, 0o660, "only owner and group connect");
        server
            .connect()
            .pay(payment(&format!("G{gid}"), 100))
            .unwrap();
        assert!(server.terminate(STOP_CEILING).success());
    }
}

#[test]
fn a_server_that_may_not_give_the_socket_its_directorys_group_says_how_to_fix_it() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let user = unix_user("osockgrp"); // in no group but its own
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), PermissionsExt::from_mode(0o755)).unwrap();
    let db = ledger_with_a_line(dir.path());
    let (uid, gid) = {
        let id = |flag: &str| -> u32 {
            let out = Command::new("id").arg(flag).arg(&user).output().unwrap();
            String::from_utf8(out.stdout)
                .unwrap()
                .trim()
                .parse()
                .unwrap()
        };
        (id("-u"), id("-g"))
    };
    // The server's user owns the ledger and its directory, as the README sets it up.
    std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid)).unwrap();
    std::os::unix::fs::chown(&db, Some(uid), Some(gid)).unwrap();
    // Its socket's directory has a group the server's user is not in, and is not setgid.
    let run = dir.path().join("run");
    std::fs::create_dir(&run).unwrap();
    std::os::unix::fs::chown(&run, Some(uid), Some(12345)).unwrap();
    std::fs::set_permissions(&run, PermissionsExt::from_mode(0o750)).unwrap();
    let socket = run.join("shared.sock");
    let mut server = Server::spawn_logged(serve_command_as(&user, &db, &socket, &[]), &db, &socket);
    let meta = std::fs::symlink_metadata(&socket).unwrap();
    assert_eq!(meta.gid(), gid, "the kernel keeps the server's group");
    let log = server.stderr();
    assert!(
        log.contains(&format!("the socket {} keeps the group", socket.display()))
            && log.contains("gid 12345")
            && log.contains(&format!("`chmod g+s {}`", run.display())),
        "{log}"
    );
    // Serving all the same: its own group's members (and root) still connect.
    let out = server.cli(&["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(server.terminate(STOP_CEILING).success());
}

#[test]
fn clients_leaving_in_every_usual_way_leave_no_error_in_the_servers_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    let socket = db.with_extension("sock");
    // Heartbeats every second: a subscriber that left is written to soon.
    let command = serve_command(&db, None, &["--heartbeat-secs", "1"]);
    let mut server = Server::spawn_logged(command, &db, &socket);

    // A CLI command, a library client dropped after its calls.
    let out = server.cli(&["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    {
        let ledger = server.connect();
        ledger.pay(payment("V1", 100)).unwrap();
    }
    // A subscriber that goes away: its next notice or heartbeat finds it gone.
    let mut subscriber = shake_hands(&server.socket);
    subscriber
        .write_all(&frame_of(&serde_json::json!({"type": "subscribe"})))
        .unwrap();
    thread::sleep(Duration::from_millis(200));
    drop(subscriber);
    // A client that quits before reading its answer, and one that quits
    // before reading the welcome (the server's next read is a reset).
    let mut impatient = shake_hands(&server.socket);
    let users = serde_json::json!({"type": "call", "call": {"call": "users", "args": {}}});
    impatient.write_all(&frame_of(&users)).unwrap();
    drop(impatient);
    let mut rude = UnixStream::connect(&server.socket).unwrap();
    rude.write_all(&hello_frame()).unwrap();
    thread::sleep(Duration::from_millis(200));
    drop(rude);
    // A notice for the subscriber that left, then heartbeats.
    server.connect().pay(payment("V2", 100)).unwrap();
    thread::sleep(Duration::from_millis(2500));

    // A client at fault is still reported.
    let mut garbage = shake_hands(&server.socket);
    garbage
        .write_all(&[0, 0, 0, 4, b'{', b'{', b'{', b'{'])
        .unwrap();
    let _ = garbage.read_to_end(&mut Vec::new());

    assert!(server.terminate(STOP_CEILING).success());
    let log = server.stderr();
    let ended: Vec<&str> = log.lines().filter(|l| l.contains("ended:")).collect();
    assert_eq!(ended.len(), 1, "only the faulty client is reported:\n{log}");
    assert!(ended[0].contains("not a message"), "{log}");
    for quiet in ["Broken pipe", "os error", "reset"] {
        assert!(
            !log.contains(quiet),
            "{quiet:?} in the server's log:\n{log}"
        );
    }
}

#[test]
fn sigterm_stops_an_idle_server_with_clients_connected_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    let socket = db.with_extension("sock");
    let mut server = Server::spawn_logged(serve_command(&db, None, &[]), &db, &socket);
    let out = server.cli(&["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Held open across the stop: an idle client and a subscriber.
    let idle = server.connect();
    idle.pay(payment("V1", 100)).unwrap();
    let mut subscriber = shake_hands(&server.socket);
    subscriber
        .write_all(&frame_of(&serde_json::json!({"type": "subscribe"})))
        .unwrap();

    let status = server.terminate(STOP_CEILING);
    assert!(status.success(), "exit status after SIGTERM: {status:?}");
    let log = server.stderr();
    let last = log.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("outlay serve: stopped (SIGTERM), ") && last.ends_with(" served"),
        "{log}"
    );
    assert!(served_in(last) >= 3, "{log}");
    assert_eq!(log.lines().filter(|l| l.contains("stopped")).count(), 1);
    assert!(!server.socket.exists(), "the socket is removed");
    // The subscriber was let go: it sees the end, not a hang.
    subscriber
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    assert_eq!(subscriber.read_to_end(&mut Vec::new()).unwrap(), 0);
    // The ledger was closed: it opens at once, the write in it.
    drop(idle);
    assert_eq!(stored(&server.db), 1);
}

#[test]
fn sigint_stops_the_server_with_its_line_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    let socket = db.with_extension("sock");
    let mut command = serve_command(&db, None, &[]);
    command.env("LANG", "zh_CN.UTF-8");
    let mut server = Server::spawn_logged(command, &db, &socket);
    server.connect().pay(payment("V1", 100)).unwrap();
    let status = server.stop_with("INT", STOP_CEILING);
    assert!(status.success(), "{status:?}");
    let log = server.stderr();
    assert!(log.starts_with("outlay serve: 正在 "), "{log}");
    assert_eq!(
        log.lines().last(),
        Some("outlay serve: 已停止（SIGINT），共服务 1 个连接"),
        "{log}"
    );
}

#[test]
fn sigterm_mid_storm_answers_the_calls_under_way_then_stops() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_a_line(dir.path());
    let socket = db.with_extension("sock");
    let mut server = Server::spawn_logged(serve_command(&db, None, &[]), &db, &socket);
    let writers = storm(&server, "T", 21);
    let status = server.terminate(STOP_CEILING);
    let mut acknowledged: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(status.success(), "{status:?}");
    assert!(acknowledged.len() > 20, "the storm was under way");
    let log = server.stderr();
    assert!(
        log.lines()
            .last()
            .is_some_and(|l| l.starts_with("outlay serve: stopped (SIGTERM), 4 connections")),
        "{log}"
    );
    assert!(!log.contains("ended:"), "{log}");
    // Each call under way was finished and answered: what is stored is
    // exactly what the clients were told was saved.
    let ledger = Ledger::open(&server.db, &me()).unwrap();
    let mut stored: Vec<String> = ledger
        .disbursements(DisbursementQuery::default())
        .unwrap()
        .into_iter()
        .map(|d| d.voucher)
        .collect();
    stored.sort();
    acknowledged.sort();
    assert_eq!(stored, acknowledged);
    assert!(ledger.verify_totals().unwrap().is_empty());
}
