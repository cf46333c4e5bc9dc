//! A ledger file an earlier outlay made opens in this one: migrated in
//! place, every figure as it was. `fixtures/schema-7-demo.redb` is the demo
//! year as `outlay init --demo` wrote it at schema 7 (commit c71d590), run by
//! `root`, its first admin.

use std::path::{Path, PathBuf};

use outlay::Ledger;
use outlay::ledger::{DisbursementQuery, JournalOrder};
use outlay::store::SCHEMA_VERSION;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of a fixture to open (opening migrates it).
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(fixture(name), &path).unwrap();
    (dir, path)
}

fn as_of() -> Option<chrono::NaiveDate> {
    Some("2021-12-31".parse().unwrap())
}

#[test]
fn a_schema_7_ledger_opens_with_every_figure_and_entry_as_a_new_one_has_them() {
    let (_dir, path) = copy_of("schema-7-demo.redb");
    let old = Ledger::open(&path, "root").unwrap();
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = Ledger::create_demo(&fresh_dir.path().join("new.redb"), "outlay").unwrap();
    let json = |l: &Ledger| serde_json::to_string(&l.report(as_of()).unwrap()).unwrap();
    assert_eq!(json(&old), json(&fresh));
    assert!(
        old.verify_totals().unwrap().is_empty(),
        "running totals agree"
    );
    // every line's entries come from the migrated index in date order,
    // the same as the journal's entries of that line
    let journal = old.disbursements(DisbursementQuery::default()).unwrap();
    let entries = |all: &[outlay::domain::Disbursement]| -> Vec<String> {
        all.iter()
            .map(|d| {
                // every field the demo writes alike (not who or when)
                format!(
                    "{} {} {} {} {} {} {} {:?} {:?} {:?} {:?}",
                    d.id,
                    d.line,
                    d.date,
                    d.amount.plain(),
                    d.voucher,
                    d.payee,
                    d.memo,
                    d.contract,
                    d.reverses,
                    d.refs,
                    d.tags
                )
            })
            .collect()
    };
    let fresh_journal = fresh.disbursements(DisbursementQuery::default()).unwrap();
    assert!(journal.len() > 100);
    assert_eq!(entries(&journal), entries(&fresh_journal));
    for line in old.lines().unwrap() {
        let of_line: Vec<u64> = old
            .disbursements(DisbursementQuery {
                line: Some(line.code.clone()),
                ..DisbursementQuery::default()
            })
            .unwrap()
            .iter()
            .map(|d| d.id)
            .collect();
        let expected: Vec<u64> = journal
            .iter()
            .filter(|d| d.line == line.code)
            .map(|d| d.id)
            .collect();
        assert_eq!(of_line, expected, "line {}", line.code);
    }
    // the indexes the migration built list the journal in every order as a
    // new ledger's do
    for order in [
        JournalOrder::Entered,
        JournalOrder::Line,
        JournalOrder::Payee,
        JournalOrder::Voucher,
    ] {
        let query = DisbursementQuery {
            order,
            newest_first: true,
            ..DisbursementQuery::default()
        };
        let listed = |l: &Ledger| entries(&l.disbursements(query.clone()).unwrap());
        assert_eq!(listed(&old), listed(&fresh), "{order:?}");
    }
    // the file now records this version, and opens again as it is
    drop(old);
    assert_eq!(schema_version(&path), SCHEMA_VERSION.to_string());
    let reopened = Ledger::open(&path, "root").unwrap();
    assert_eq!(json(&reopened), json(&fresh));
}

#[test]
fn the_fixture_is_schema_7() {
    assert_eq!(schema_version(&fixture("schema-7-demo.redb")), "7");
}

fn schema_version(path: &Path) -> String {
    use redb::ReadableDatabase;
    // read-only: the fixture itself must stay as the old outlay wrote it
    let db = redb::Database::builder().open_read_only(path).unwrap();
    let txn = db.begin_read().unwrap();
    let meta = txn.open_table(outlay::store::tables::META).unwrap();
    let version = meta.get("schema_version").unwrap().unwrap();
    version.value().to_string()
}
