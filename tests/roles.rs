//! Roles hold through every path: always one admin, and the ledger file is
//! the server's alone.

mod common;

use common::users::unix_user;
use common::{Env, me};

#[test]
fn the_last_admin_cannot_grant_themselves_less_or_revoke_themselves() {
    let env = Env::new();
    env.small_year();
    let me = me();
    for args in [
        vec!["user", "grant", me.as_str(), "viewer"],
        vec!["user", "grant", me.as_str(), "clerk"],
        vec!["user", "revoke", me.as_str()],
    ] {
        let err = env.refused(&args);
        assert!(
            err.contains(&format!(
                "'{me}' is the last admin; grant another admin first"
            )),
            "{args:?}: {err}"
        );
    }
    let zh = env
        .outlay()
        .args(["--lang", "zh", "user", "revoke", me.as_str()])
        .assert()
        .code(1);
    let zh = String::from_utf8_lossy(&zh.get_output().stderr).to_string();
    assert!(zh.contains("是最后一位管理员"), "{zh}");
    let users = env.run(&["user", "list"]);
    assert!(users.contains(&format!("{me}\tadmin")), "{users}");
}

/// The binary as `user`, on `db`, in a clean environment.
fn outlay_as(user: &str, db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("runuser")
        .args(["-u", user, "--", env!("CARGO_BIN_EXE_outlay")])
        .arg("--db")
        .arg(db)
        .args(args)
        .env("OUTLAY_CONFIG", "/nonexistent/obd-settings.toml")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("OUTLAY_SOCKET")
        .output()
        .unwrap()
}

#[test]
fn another_user_opening_the_ledger_file_is_sent_to_its_socket() {
    use std::os::unix::fs::PermissionsExt;
    let user = unix_user("obdview");
    let env = Env::new();
    env.small_year();
    let db = env.db();
    let sentence = format!(
        "{} belongs to {} and is read through its server: use --socket PATH or set `socket` in your settings file (~/.config/outlay/config.toml)",
        db.display(),
        me()
    );
    // the directory open to all, the file 0600 as `init` made it; then the
    // directory closed too (the file cannot even be looked at)
    for dir_mode in [0o755, 0o700] {
        std::fs::set_permissions(env.dir.path(), PermissionsExt::from_mode(dir_mode)).unwrap();
        for args in [
            &["report"][..],
            &["pay", "B01", "1", "--payee", "p", "--voucher", "V"],
        ] {
            let out = outlay_as(&user, &db, args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            assert!(
                stderr.contains(&sentence) && !stderr.contains("os error"),
                "{dir_mode:o} {args:?}: {stderr}"
            );
        }
    }
    let out = outlay_as(&user, &db, &["--lang", "zh", "report"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("须通过其服务器读取"), "{stderr}");
    // the owner still opens it
    env.run(&["check"]);
    // Served, the file's directory open to staff as the README sets it up:
    // the refusal names the socket the server's note gives.
    std::fs::set_permissions(env.dir.path(), PermissionsExt::from_mode(0o750)).unwrap();
    assert!(common::succeeds(
        "chgrp",
        &[&user, env.dir.path().to_str().unwrap()]
    ));
    let server = common::server::Server::start(&db);
    let out = outlay_as(&user, &db, &["report"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is served by `outlay serve`")
            && stderr.contains(&format!("--socket {}", server.socket.display())),
        "{stderr}"
    );
    drop(server);
    std::fs::set_permissions(env.dir.path(), PermissionsExt::from_mode(0o700)).unwrap();
}

/// Everything the audit log and the entries hold, by id.
type Snapshot = (
    Vec<(u64, String)>,
    Vec<(u64, String)>,
    Vec<(u64, String)>,
    Vec<(u64, String)>,
);

fn snapshot(l: &outlay::Ledger) -> Snapshot {
    let by_id = |items: Vec<(u64, String)>| {
        let mut items = items;
        items.sort();
        items
    };
    (
        by_id(
            l.events(usize::MAX)
                .unwrap()
                .iter()
                .map(|e| (e.id, json(e)))
                .collect(),
        ),
        by_id(
            l.disbursements(Default::default())
                .unwrap()
                .iter()
                .map(|d| (d.id, json(d)))
                .collect(),
        ),
        by_id(
            l.adjustments(None)
                .unwrap()
                .iter()
                .map(|a| (a.id, json(a)))
                .collect(),
        ),
        by_id(
            l.schedule(None, None)
                .unwrap()
                .iter()
                .map(|s| (s.item.id, json(&s.item)))
                .collect(),
        ),
    )
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// Every record of `before` is in `after`, unchanged, and every new one has
/// an id above the ones before: nothing overwritten, deleted or reused.
fn appended_only(before: &[(u64, String)], after: &[(u64, String)], what: &str, step: &str) {
    assert!(
        after.starts_with(before),
        "{step}: a stored {what} changed or went"
    );
    let last = before.last().map_or(0, |(id, _)| *id);
    assert!(
        after[before.len()..].iter().all(|(id, _)| *id > last),
        "{step}: a {what} id was reused"
    );
}

#[test]
fn the_audit_log_and_the_entries_only_ever_grow_through_every_writing_command() {
    let env = Env::new();
    env.small_year();
    let csv = env.write(
        "pay.csv",
        "date,line,amount,payee,voucher,memo\n2021-03-01,B01,100.00,甲,V1,\n2021-03-02,P01,200.00,乙,V2,\n",
    );
    let conflicting = env.write(
        "conflict.csv",
        "date,line,amount,payee,voucher,memo\n2021-03-01,B01,999.00,甲,V1,\n",
    );
    let schedule = env.write(
        "schedule.csv",
        "line,contract,payee,due,amount\nP01,HT-1,服务公司,2021-09-30,1000\n",
    );
    let steps: Vec<(&str, Vec<&str>, bool)> = vec![
        (
            "pay",
            vec![
                "pay",
                "B01",
                "10",
                "--date",
                "2021-02-01",
                "--payee",
                "p",
                "--voucher",
                "V0",
            ],
            true,
        ),
        (
            "import",
            vec!["import", "disbursements", csv.to_str().unwrap()],
            true,
        ),
        (
            "re-import",
            vec!["import", "disbursements", csv.to_str().unwrap()],
            true,
        ),
        (
            "conflicting import",
            vec!["import", "disbursements", conflicting.to_str().unwrap()],
            false,
        ),
        (
            "reverse",
            vec!["reverse", "1", "--reason", "错付", "--date", "2021-02-02"],
            true,
        ),
        (
            "reverse again",
            vec!["reverse", "1", "--reason", "again"],
            false,
        ),
        (
            "adjust",
            vec![
                "adjust",
                "B01",
                "-50",
                "--date",
                "2021-04-01",
                "--doc",
                "文2",
                "--reason",
                "r",
            ],
            true,
        ),
        (
            "schedule",
            vec![
                "schedule",
                "add",
                "P01",
                "500",
                "--due",
                "2021-10-30",
                "--contract",
                "HT-2",
                "--payee",
                "q",
            ],
            true,
        ),
        (
            "schedule import",
            vec!["import", "schedule", schedule.to_str().unwrap()],
            true,
        ),
        (
            "schedule re-import",
            vec!["import", "schedule", schedule.to_str().unwrap()],
            true,
        ),
        (
            "indicator add",
            vec![
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
                "20",
            ],
            true,
        ),
        (
            "progress",
            vec![
                "indicator",
                "progress",
                "1",
                "--date",
                "2021-07-31",
                "--value",
                "120 人",
            ],
            true,
        ),
        (
            "progress outside the year",
            vec![
                "indicator",
                "progress",
                "1",
                "--date",
                "2022-07-31",
                "--value",
                "130 人",
            ],
            false,
        ),
        ("month close", vec!["month", "close", "2021-02"], true),
        (
            "pay in a closed month",
            vec![
                "pay",
                "B01",
                "1",
                "--date",
                "2021-02-03",
                "--payee",
                "p",
                "--voucher",
                "V9",
            ],
            false,
        ),
        (
            "line add again",
            vec![
                "line",
                "add",
                "--code",
                "B01",
                "--name",
                "x",
                "--kind",
                "basic",
                "--econ-class",
                "goods",
                "--amount",
                "1",
            ],
            false,
        ),
    ];
    let ledger = || outlay::Ledger::open(&env.db(), &me()).unwrap();
    let mut before = snapshot(&ledger());
    for (step, args, succeeds) in steps {
        let out = env.outlay().args(&args).output().unwrap();
        assert_eq!(
            out.status.success(),
            succeeds,
            "{step}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let after = snapshot(&ledger());
        appended_only(&before.0, &after.0, "event", step);
        appended_only(&before.1, &after.1, "disbursement", step);
        appended_only(&before.2, &after.2, "adjustment", step);
        appended_only(&before.3, &after.3, "schedule item", step);
        if !succeeds {
            assert_eq!(after, before, "{step}: a refused command stored nothing");
        }
        before = after;
    }
}

#[test]
fn check_names_an_event_whose_who_was_edited_in_the_file() {
    use redb::{ReadableDatabase, ReadableTable};
    let env = Env::new();
    env.small_year();
    env.run(&[
        "pay",
        "B01",
        "10",
        "--date",
        "2021-02-01",
        "--payee",
        "p",
        "--voucher",
        "V0",
    ]);
    let out = env.run(&["check"]);
    assert!(
        out.contains("Consistent") && out.contains("Events logged 3 · hash chain head "),
        "{out}"
    );
    {
        let db = redb::Database::open(env.db()).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let mut events = txn.open_table(outlay::store::tables::EVENTS).unwrap();
            let mut event: serde_json::Value =
                serde_json::from_slice(events.get(2).unwrap().unwrap().value()).unwrap();
            event["who"] = "somebody-else".into();
            events
                .insert(2, serde_json::to_vec(&event).unwrap().as_slice())
                .unwrap();
        }
        txn.commit().unwrap();
        let _ = db.begin_read();
    }
    let err = env.refused(&["check"]);
    assert!(
        err.contains("event #2 does not match the hash chain: it was changed after it was written"),
        "{err}"
    );
}
