//! The schema version and the path from older versions to this one.

use std::path::Path;

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction};

use super::tables::*;
use super::{LedgerMeta, StoreError};

/// Bump when the layout of a table changes, and add the step to [`MIGRATIONS`].
pub const SCHEMA_VERSION: u32 = 9;

/// `MIGRATIONS[n]` takes a ledger from schema `n + 1` to `n + 2`, inside the
/// transaction that records the new version, so a migration is all or nothing.
type Migration = fn(&WriteTransaction) -> Result<(), StoreError>;
const MIGRATIONS: &[Migration] = &[
    add_users,
    add_settings,
    add_event_chain,
    add_project_facts,
    add_tag_totals,
    add_progress,
    index_lines_by_date,
    encode_disbursements_compactly,
];

/// Schema 7's index of a line's disbursements, by id alone: finding a line's
/// newest meant reading every record of the line for its date.
const BY_LINE_UNDATED: TableDefinition<(&str, u64), ()> =
    TableDefinition::new("disbursements_by_line");

/// Schema 8's voucher index, keyed (line, voucher): no order by voucher.
const VOUCHERS_BY_LINE: TableDefinition<(&str, &str), u64> = TableDefinition::new("vouchers");

/// 1 → 2: roles. The user who created the ledger becomes its first admin.
fn add_users(txn: &WriteTransaction) -> Result<(), StoreError> {
    let creator = txn
        .open_table(META)?
        .get("created_by")?
        .map(|v| v.value().to_string());
    if let Some(creator) = creator.filter(|c| !c.is_empty()) {
        txn.open_table(USERS)?.insert(creator.as_str(), "admin")?;
    }
    Ok(())
}

/// 2 → 3: line settings, project settings and the report's notes. The
/// tables start empty: every line and project has the default settings and
/// no section is written, which is how schema 2 behaved.
fn add_settings(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(LINE_SETTINGS)?;
    txn.open_table(PROJECT_SETTINGS)?;
    txn.open_table(NOTES)?;
    Ok(())
}

/// 3 → 4: the event log's hash chain, linked over the events already logged
/// (tamper-evidence starts from the upgrade: an edit made before it is not seen).
fn add_event_chain(txn: &WriteTransaction) -> Result<(), StoreError> {
    let events = txn.open_table(EVENTS)?;
    let mut hashes = txn.open_table(EVENT_HASHES)?;
    let mut previous = super::chain::GENESIS;
    for entry in events.iter()? {
        let (id, bytes) = entry?;
        previous = super::chain::link(&previous, id.value(), bytes.value());
        hashes.insert(id.value(), previous.as_slice())?;
    }
    Ok(())
}

/// 4 → 5: what each project's self-evaluation form says beyond its money
/// (implementer, goals, prose, signatures). The table starts empty: no project
/// has written any, and the forms list them as missing. Indicators gain
/// improvement measures and a recorded grade as optional fields of their
/// record, so their rows read unchanged.
fn add_project_facts(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(PROJECT_FACTS)?;
    Ok(())
}

/// 5 → 6: running totals of tagged payments (三公经费, 政府采购). The table
/// starts empty: no payment of schema 5 carries a tag (the field is new and
/// optional), and line tags live in the line settings' records.
fn add_tag_totals(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(TAG_DAILY)?;
    Ok(())
}

/// 6 → 7: indicators' dated in-year progress values (绩效运行监控). The
/// table starts empty: no indicator of schema 6 has any, and the monitoring
/// return shows them as not yet reported.
fn add_progress(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(PROGRESS)?;
    Ok(())
}

/// 7 → 8: a line's disbursements indexed by (line, date, id) instead of
/// (line, id), built from the records themselves; the old index goes.
fn index_lines_by_date(txn: &WriteTransaction) -> Result<(), StoreError> {
    let records = txn.open_table(DISBURSEMENTS)?;
    let mut index = txn.open_table(BY_LINE_DATE)?;
    // Schema 7 wrote records as JSON; only the line and the date are needed.
    #[derive(serde::Deserialize)]
    struct Dated {
        line: String,
        date: chrono::NaiveDate,
    }
    for entry in records.iter()? {
        let (id, bytes) = entry?;
        let d: Dated = serde_json::from_slice(bytes.value()).map_err(|e| {
            let id = id.value();
            StoreError::Corrupt(super::Damage::new(
                format!("record {id} of table 'disbursements' cannot be read: {e}"),
                format!("表“disbursements”的记录 {id} 无法读取：{e}"),
            ))
        })?;
        index.insert((d.line.as_str(), day_key(d.date), id.value()), ())?;
    }
    txn.delete_table(BY_LINE_UNDATED)?;
    Ok(())
}

/// 8 → 9: disbursements rewritten from JSON to the compact layout
/// (`compact`), a chunk of ids at a time (a table cannot be written while it
/// is being read), and indexed by payee, and by voucher then line instead of
/// line then voucher, for the journal's orders. Bounds are checked when a record is read, as before: a
/// record written around them is carried over to be refused by name.
fn encode_disbursements_compactly(txn: &WriteTransaction) -> Result<(), StoreError> {
    const CHUNK: usize = 10_000;
    let mut table = txn.open_table(DISBURSEMENTS)?;
    let mut by_payee = txn.open_table(BY_PAYEE)?;
    let mut vouchers = txn.open_table(VOUCHERS)?;
    let mut next = 0;
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        for entry in table.range(next..)?.take(CHUNK) {
            let (id, bytes) = entry?;
            let id = id.value();
            let mut d: crate::domain::Disbursement = serde_json::from_slice(bytes.value())
                .map_err(|e| {
                    StoreError::Corrupt(super::Damage::new(
                        format!("record {id} of table 'disbursements' cannot be read: {e}"),
                        format!("表“disbursements”的记录 {id} 无法读取：{e}"),
                    ))
                })?;
            // The layout keeps no id of its own: the key is the id.
            d.id = id;
            chunk.push(d);
        }
        let Some(last) = chunk.last().map(|d| d.id) else {
            break;
        };
        for d in &chunk {
            table.insert(d.id, super::compact::encode_disbursement(d).as_slice())?;
            by_payee.insert((d.payee.as_str(), d.id), ())?;
            vouchers.insert((d.voucher.as_str(), d.line.as_str()), d.id)?;
        }
        match last.checked_add(1) {
            Some(after) => next = after,
            None => break,
        }
    }
    drop((table, by_payee, vouchers));
    txn.delete_table(VOUCHERS_BY_LINE)?;
    Ok(())
}

/// Creates every table, so readers never meet a missing one.
fn create_tables(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(META)?;
    txn.open_table(COUNTERS)?;
    txn.open_table(LINES)?;
    txn.open_table(LINE_TOTALS)?;
    txn.open_table(DAILY_SPENT)?;
    txn.open_table(CONTRACT_DAILY)?;
    txn.open_table(TAG_DAILY)?;
    txn.open_table(ADJUSTMENTS)?;
    txn.open_table(DISBURSEMENTS)?;
    txn.open_table(VOUCHERS)?;
    txn.open_table(BY_LINE_DATE)?;
    txn.open_table(BY_DATE)?;
    txn.open_table(BY_PAYEE)?;
    txn.open_table(REVERSALS)?;
    txn.open_table(SCHEDULE)?;
    txn.open_table(INDICATORS)?;
    txn.open_table(EVENTS)?;
    txn.open_table(EVENT_HASHES)?;
    txn.open_table(USERS)?;
    txn.open_table(LINE_SETTINGS)?;
    txn.open_table(PROJECT_SETTINGS)?;
    txn.open_table(NOTES)?;
    txn.open_table(PROJECT_FACTS)?;
    txn.open_table(PROGRESS)?;
    Ok(())
}

pub fn initialise(db: &Database, meta: &LedgerMeta) -> Result<(), StoreError> {
    let mut txn = db.begin_write()?;
    // Every commit saves the allocator's state, so the file opens read-only.
    txn.set_quick_repair(true);
    create_tables(&txn)?;
    {
        let mut table = txn.open_table(META)?;
        table.insert("schema_version", SCHEMA_VERSION.to_string().as_str())?;
        table.insert("year", meta.year.to_string().as_str())?;
        table.insert("department", meta.department.as_str())?;
        table.insert("created_by", meta.created_by.as_str())?;
        table.insert("created_at", chrono::Utc::now().to_rfc3339().as_str())?;
    }
    txn.open_table(USERS)?
        .insert(meta.created_by.as_str(), "admin")?;
    txn.commit()?;
    Ok(())
}

/// Refuses a ledger a newer outlay wrote.
pub fn refuse_newer(db: &impl ReadableDatabase, path: &Path) -> Result<u32, StoreError> {
    let found = read_version(db, path)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

pub fn check_and_migrate(db: &Database, path: &Path) -> Result<(), StoreError> {
    let found = refuse_newer(db, path)?;
    for (step, migrate) in MIGRATIONS.iter().enumerate().skip(found as usize - 1) {
        let mut txn = db.begin_write()?;
        txn.set_quick_repair(true);
        create_tables(&txn)?;
        migrate(&txn)?;
        let next = (step + 2).to_string();
        txn.open_table(META)?
            .insert("schema_version", next.as_str())?;
        txn.commit()?;
    }
    Ok(())
}

pub fn read_version(db: &impl ReadableDatabase, path: &Path) -> Result<u32, StoreError> {
    let not_ledger = |reason: &str| StoreError::NotALedger {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let txn = db.begin_read()?;
    let table = txn
        .open_table(META)
        .map_err(|_| not_ledger("it has no outlay metadata"))?;
    let version = table
        .get("schema_version")?
        .ok_or_else(|| not_ledger("it has no schema version"))?;
    let version = version
        .value()
        .parse::<u32>()
        .map_err(|_| not_ledger("its schema version is unreadable"))?;
    if version == 0 {
        return Err(not_ledger("its schema version is 0"));
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::{LineSettings, NoteSection};
    use crate::domain::{BudgetLine, Kind, Level, Source};
    use crate::store::Store;

    /// A ledger as an older outlay left it: one line, the layout of `version`
    /// (today's without the tables added since), and that version recorded.
    fn ledger_of_version(path: &Path, version: u32) {
        let meta = LedgerMeta {
            year: 2021,
            department: "测试局".into(),
            created_by: "creator".into(),
        };
        let store = Store::create(path, &meta).unwrap();
        let line = BudgetLine {
            code: "P01".into(),
            name: "救援队".into(),
            kind: Kind::Project,
            source: Source::Initial,
            level: Level::District,
            econ_class: None,
            project: Some("救援队".into()),
            doc_no: String::new(),
            allocated_on: "2021-01-01".parse().unwrap(),
            allocated: "1000".parse().unwrap(),
            refs: Default::default(),
        };
        store.write(|w| w.put_line(&line)).unwrap();
        for n in 0..3 {
            let event = crate::domain::Event {
                id: 0,
                at: chrono::Utc::now(),
                who: "creator".into(),
                action: "line.add".into(),
                subject: "P01".into(),
                detail: format!("event {n}"),
            };
            store.write(|w| w.log(event.clone())).unwrap();
        }
        drop(store);
        let db = Database::open(path).unwrap();
        let txn = db.begin_write().unwrap();
        if version < 8 {
            txn.delete_table(BY_LINE_DATE).unwrap();
            txn.open_table(BY_LINE_UNDATED).unwrap();
        }
        if version < 7 {
            txn.delete_table(PROGRESS).unwrap();
        }
        if version < 6 {
            txn.delete_table(TAG_DAILY).unwrap();
        }
        if version < 5 {
            txn.delete_table(PROJECT_FACTS).unwrap();
        }
        if version < 4 {
            txn.delete_table(EVENT_HASHES).unwrap();
        }
        if version < 3 {
            txn.delete_table(LINE_SETTINGS).unwrap();
            txn.delete_table(PROJECT_SETTINGS).unwrap();
            txn.delete_table(NOTES).unwrap();
        }
        if version < 2 {
            txn.delete_table(USERS).unwrap();
        }
        txn.open_table(META)
            .unwrap()
            .insert("schema_version", version.to_string().as_str())
            .unwrap();
        txn.commit().unwrap();
    }

    #[test]
    fn a_schema_2_ledger_gains_empty_settings_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.redb");
        ledger_of_version(&path, 2);
        let store = Store::open(&path).unwrap();
        let (version, lines, settings, notes, role) = store
            .read(|r| {
                Ok::<_, StoreError>((
                    r.meta("schema_version")?,
                    r.lines()?.len(),
                    r.line_settings()?,
                    r.notes()?,
                    r.role("creator")?,
                ))
            })
            .unwrap();
        assert_eq!(version, Some(SCHEMA_VERSION.to_string()));
        assert_eq!(lines, 1);
        assert!(settings.is_empty() && notes.is_empty());
        assert_eq!(role.as_deref(), Some("admin"));
        // the new tables take writes, and a second open migrates nothing
        let unpaced = LineSettings {
            paced: false,
            carry_over: true,
            tags: Default::default(),
        };
        store
            .write(|w| {
                w.put_line_settings("P01", &unpaced)?;
                w.set_note(NoteSection::Problems, Some("资金下达较晚"))
            })
            .unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        let (settings, notes) = store
            .read(|r| Ok::<_, StoreError>((r.line_settings()?, r.notes()?)))
            .unwrap();
        assert_eq!(settings["P01"], unpaced);
        assert_eq!(notes[&NoteSection::Problems], "资金下达较晚");
    }

    #[test]
    fn a_schema_1_ledger_is_migrated_through_every_step() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.redb");
        ledger_of_version(&path, 1);
        let store = Store::open(&path).unwrap();
        let (version, role, settings) = store
            .read(|r| {
                Ok::<_, StoreError>((
                    r.meta("schema_version")?,
                    r.role("creator")?,
                    r.project_settings()?,
                ))
            })
            .unwrap();
        assert_eq!(version, Some(SCHEMA_VERSION.to_string()));
        assert_eq!(
            role.as_deref(),
            Some("admin"),
            "1 → 2 made the creator admin"
        );
        assert!(settings.is_empty());
    }

    #[test]
    fn a_schema_3_ledger_gains_a_hash_chain_over_its_events() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.redb");
        ledger_of_version(&path, 3);
        let store = Store::open(&path).unwrap();
        let (events, head) = store.read(|r| r.event_chain()).unwrap();
        assert_eq!(events, 3);
        assert_eq!(head.len(), 64);
        // new events extend the chain the migration made
        let event = |detail: &str| crate::domain::Event {
            id: 0,
            at: chrono::Utc::now(),
            who: "creator".into(),
            action: "settings".into(),
            subject: "x".into(),
            detail: detail.into(),
        };
        store.write(|w| w.log(event("after"))).unwrap();
        let (events, next_head) = store.read(|r| r.event_chain()).unwrap();
        assert_eq!(events, 4);
        assert_ne!(next_head, head);
    }

    #[test]
    fn an_event_changed_removed_or_added_in_the_file_breaks_the_chain_there() {
        use crate::domain::Event;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4.redb");
        ledger_of_version(&path, SCHEMA_VERSION);
        type EventsTable<'t> = redb::Table<'t, u64, &'static [u8]>;
        let tamper = |edit: &dyn Fn(&mut EventsTable)| {
            let copy = dir.path().join("tampered.redb");
            std::fs::copy(&path, &copy).unwrap();
            let db = Database::open(&copy).unwrap();
            let txn = db.begin_write().unwrap();
            edit(&mut txn.open_table(EVENTS).unwrap());
            txn.commit().unwrap();
            drop(db);
            let store = Store::open(&copy).unwrap();
            let err = store.read(|r| r.event_chain()).err().unwrap();
            std::fs::remove_file(&copy).unwrap();
            err.to_string()
        };
        let reread = |t: &EventsTable, id: u64| -> Event {
            serde_json::from_slice(t.get(id).unwrap().unwrap().value()).unwrap()
        };
        let changed = tamper(&|t| {
            let mut e = reread(t, 2);
            e.who = "admin".into();
            t.insert(2, serde_json::to_vec(&e).unwrap().as_slice())
                .unwrap();
        });
        assert!(
            changed.contains("event #2 does not match the hash chain"),
            "{changed}"
        );
        let removed = tamper(&|t| {
            t.remove(2).unwrap();
        });
        assert!(removed.contains("event #2 is missing"), "{removed}");
        let last = tamper(&|t| {
            t.remove(3).unwrap();
        });
        assert!(last.contains("event #3 is missing"), "{last}");
        let added = tamper(&|t| {
            let mut e = reread(t, 3);
            e.id = 9;
            t.insert(9, serde_json::to_vec(&e).unwrap().as_slice())
                .unwrap();
        });
        assert!(added.contains("event #9"), "{added}");
        // untouched, the chain holds
        let store = Store::open(&path).unwrap();
        assert_eq!(store.read(|r| r.event_chain()).unwrap().0, 3);
    }

    #[test]
    fn a_schema_4_ledger_gains_project_facts_and_its_indicators_read_without_measures() {
        use crate::domain::facts::ProjectFacts;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4-facts.redb");
        ledger_of_version(&path, 4);
        // An indicator as schema 4 wrote it: no `measures` in its record.
        {
            let db = Database::open(&path).unwrap();
            let txn = db.begin_write().unwrap();
            let record = r#"{"id":1,"project":"救援队","category":"quantity","name":"队员人数",
                "target":{"text":"≥ 160 人","comparator":"≥","value":{"number":"160"},"unit":"人"},
                "actual":null,"weight":"50","deviation_reason":"招录未满","marked_met":null,
                "score":null,"updated_by":"creator","updated_at":"2021-12-31T00:00:00Z"}"#;
            txn.open_table(INDICATORS)
                .unwrap()
                .insert(1, record.as_bytes())
                .unwrap();
            txn.commit().unwrap();
        }
        let store = Store::open(&path).unwrap();
        let (version, facts, indicators) = store
            .read(|r| {
                Ok::<_, StoreError>((
                    r.meta("schema_version")?,
                    r.project_facts()?,
                    r.indicators()?,
                ))
            })
            .unwrap();
        assert_eq!(version, Some(SCHEMA_VERSION.to_string()));
        assert!(facts.is_empty(), "no project has written its form yet");
        assert_eq!(indicators[0].deviation_reason.as_deref(), Some("招录未满"));
        assert_eq!(
            (&indicators[0].measures, indicators[0].grade),
            (&None, None)
        );
        let written = ProjectFacts {
            goal: Some("组建160人的综合应急救援队".into()),
            ..ProjectFacts::default()
        };
        store
            .write(|w| w.put_project_facts("救援队", &written))
            .unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        let facts = store.read(|r| r.project_facts()).unwrap();
        assert_eq!(facts["救援队"], written);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v9.redb");
        ledger_of_version(&path, SCHEMA_VERSION + 1);
        match Store::open(&path) {
            Err(StoreError::NewerSchema { found, supported }) => {
                assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
            }
            other => panic!("expected NewerSchema, got {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn a_schema_5_ledger_gains_tag_totals_and_a_tagged_payment_counts_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v5.redb");
        ledger_of_version(&path, 5);
        let store = Store::open(&path).unwrap();
        let tag = crate::domain::spend_tag::SpendTag::Procurement;
        let payment = crate::domain::Disbursement {
            id: 1,
            line: "P01".into(),
            date: "2021-05-01".parse().unwrap(),
            amount: "12.50".parse().unwrap(),
            payee: "供应商".into(),
            voucher: "V1".into(),
            memo: String::new(),
            contract: None,
            reverses: None,
            refs: Default::default(),
            tags: [tag].into(),
            entered_by: "creator".into(),
            entered_at: chrono::Utc::now(),
        };
        store
            .write(|w| w.insert_disbursements(std::slice::from_ref(&payment)))
            .unwrap();
        let (version, before, after) = store
            .read(|r| {
                Ok::<_, StoreError>((
                    r.meta("schema_version")?,
                    r.tagged_until("2021-04-30".parse().unwrap())?,
                    r.tagged_until("2021-12-31".parse().unwrap())?,
                ))
            })
            .unwrap();
        assert_eq!(version, Some(SCHEMA_VERSION.to_string()));
        assert!(before.is_empty(), "{before:?}");
        assert_eq!(after[&tag]["P01"], payment.amount);
    }

    #[test]
    fn a_schema_6_ledger_gains_an_empty_progress_table_that_takes_values() {
        use crate::domain::progress::{Likelihood, NewProgress, progress_from};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v6.redb");
        ledger_of_version(&path, 6);
        let store = Store::open(&path).unwrap();
        let (version, progress, lines) = store
            .read(|r| {
                Ok::<_, StoreError>((r.meta("schema_version")?, r.progress()?, r.lines()?.len()))
            })
            .unwrap();
        assert_eq!(version, Some(SCHEMA_VERSION.to_string()));
        assert!(progress.is_empty(), "{progress:?}");
        assert_eq!(lines, 1, "the line of schema 6 is kept");
        let value = |date: &str, text: &str| {
            progress_from(
                NewProgress {
                    indicator: 1,
                    date: date.parse().unwrap(),
                    value: text.into(),
                    projected: Some("160 人".into()),
                    cause: None,
                    reason: None,
                    likelihood: Some(Likelihood::Possible),
                    rectify: None,
                },
                "creator",
            )
        };
        store
            .write(|w| {
                w.put_progress(&value("2021-07-31", "100 人"))?;
                w.put_progress(&value("2021-06-30", "80 人"))?;
                // the same day again replaces its value
                w.put_progress(&value("2021-07-31", "120 人"))
            })
            .unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        let progress = store.read(|r| r.progress()).unwrap();
        let read: Vec<(String, &str)> = progress
            .iter()
            .map(|p| (p.date.to_string(), p.value.text.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                ("2021-06-30".to_string(), "80 人"),
                ("2021-07-31".to_string(), "120 人")
            ]
        );
        store.read(|r| r.read_every_record()).unwrap();
    }
}
