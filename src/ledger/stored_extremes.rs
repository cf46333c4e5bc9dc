//! The property that no stored state makes a read model panic: extreme
//! amounts (`Decimal::MAX`, `MIN`, values at and near the bound, many of
//! them) are planted through the store around every command's checks, as a
//! hand-edited file or an older outlay would leave them, and every read the
//! CLI, the TUI and `check` make either answers or says which record is at fault.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use chrono::{NaiveDate, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::LocalLedger;
use crate::domain::money::MAX_AMOUNT;
use crate::domain::{Adjustment, Disbursement, Money, ScheduleItem};
use crate::error::Error;
use crate::store::{DisbursementQuery, LineTotals, StoreError};

fn money(value: Decimal) -> Money {
    Money::from_decimal(value).expect("two decimals at most")
}

fn extreme() -> impl Strategy<Value = Money> {
    let under = MAX_AMOUNT.as_decimal() - Decimal::new(1, 2);
    prop_oneof![
        Just(money(Decimal::MAX)),
        Just(money(Decimal::MIN)),
        Just(MAX_AMOUNT),
        Just(-MAX_AMOUNT),
        Just(money(under)),
        Just(money(-under)),
        Just(money(Decimal::new(1, 2))),
        Just(Money::ZERO),
        (-1_000_000_000_000_000i64..1_000_000_000_000_000).prop_map(Money::from_fen),
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>()).prop_map(
            |(lo, mid, hi, negative)| money(Decimal::from_parts(lo, mid, hi, negative, 2))
        ),
    ]
}

fn cell() -> impl Strategy<Value = i64> {
    prop_oneof![
        Just(i64::MAX),
        Just(i64::MIN),
        Just(999_999_999_999_999),
        Just(-999_999_999_999_999),
        any::<i64>(),
    ]
}

#[derive(Clone, Debug)]
struct Planted {
    allocated: Vec<Money>,
    adjustments: Vec<Money>,
    disbursements: Vec<Money>,
    schedule: Vec<Money>,
    totals: Vec<(Money, Money)>,
    cells: Vec<i64>,
}

impl Planted {
    fn all_within_bound(&self) -> bool {
        let amounts = self
            .allocated
            .iter()
            .chain(&self.adjustments)
            .chain(&self.disbursements)
            .chain(&self.schedule)
            .chain(self.totals.iter().flat_map(|(a, b)| [a, b]));
        let cells_ok = self
            .cells
            .iter()
            .all(|&fen| Money::from_fen(fen).within_limit());
        cells_ok && amounts.copied().all(Money::within_limit)
    }
}

fn planted() -> impl Strategy<Value = Planted> {
    let many = |n| proptest::collection::vec(extreme(), 0..n);
    (
        many(4),
        many(40),
        many(40),
        many(40),
        proptest::collection::vec((extreme(), extreme()), 0..4),
        proptest::collection::vec(cell(), 0..40),
    )
        .prop_map(
            |(allocated, adjustments, disbursements, schedule, totals, cells)| Planted {
                allocated,
                adjustments,
                disbursements,
                schedule,
                totals,
                cells,
            },
        )
}

/// Writes `planted` into the demo ledger's lines, straight through the store.
fn plant(l: &LocalLedger, planted: &Planted) {
    let mut lines = l.lines().unwrap();
    let codes: Vec<String> = lines.iter().map(|line| line.code.clone()).collect();
    let code = |n: usize| codes[n % codes.len()].clone();
    let date =
        |n: usize| NaiveDate::from_yo_opt(2021, 1 + (n as u32 * 37) % 365).expect("a day of 2021");
    l.store
        .write(|w| {
            for (line, &allocated) in lines.iter_mut().zip(&planted.allocated) {
                line.allocated = allocated;
                w.put_line(line)?;
            }
            for (n, &amount) in planted.adjustments.iter().enumerate() {
                let id = w.next_id("adjustment")?;
                w.plant_adjustment(&Adjustment {
                    id,
                    line: code(n),
                    date: date(n),
                    amount,
                    doc_no: format!("D{n}"),
                    reason: String::new(),
                    batch_no: None,
                    from_line: (n % 3 == 0).then(|| code(n + 1)),
                    entered_by: "planter".into(),
                    entered_at: Utc::now(),
                })?;
            }
            for (n, &amount) in planted.disbursements.iter().enumerate() {
                let id = w.next_id("disbursement")?;
                w.plant_disbursement(&Disbursement {
                    id,
                    line: code(n),
                    date: date(n),
                    amount,
                    payee: "planted".into(),
                    voucher: format!("X{n}"),
                    memo: String::new(),
                    contract: (n % 2 == 0).then(|| "HT-X".to_string()),
                    reverses: None,
                    refs: Default::default(),
                    tags: Default::default(),
                    entered_by: "planter".into(),
                    entered_at: Utc::now(),
                })?;
            }
            for (n, &amount) in planted.schedule.iter().enumerate() {
                let id = w.next_id("schedule")?;
                w.insert_schedule_item(&ScheduleItem {
                    id,
                    line: code(n),
                    contract: format!("HT-{n}"),
                    payee: "planted".into(),
                    due: date(n),
                    amount,
                    memo: String::new(),
                    entered_by: "planter".into(),
                    entered_at: Utc::now(),
                })?;
            }
            for (n, &(spent, adjusted)) in planted.totals.iter().enumerate() {
                let mut totals = w.totals(&code(n)).unwrap_or_default();
                totals = LineTotals {
                    spent,
                    adjusted,
                    ..totals
                };
                w.plant_totals(&code(n), &totals)?;
            }
            for (n, &fen) in planted.cells.iter().enumerate() {
                let contract = (n % 2 == 0).then_some("HT-X");
                w.plant_daily_cell(&code(n), date(n), contract, fen)?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

/// What a read may answer: a value, or the store naming the record at fault.
fn answered<T>(call: &str, outcome: std::thread::Result<crate::error::Result<T>>) -> bool {
    match outcome {
        Err(_) => panic!("{call} panicked"),
        Ok(Ok(_)) => true,
        Ok(Err(Error::Store(StoreError::Corrupt(why)))) => {
            let en = &why.en;
            assert!(
                en.contains("record ") || en.contains("cell ") || en.contains("tolerance"),
                "{call}: {why}"
            );
            // said in both languages, each in its own
            let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(!chinese(en) && chinese(&why.zh), "{call}: {why:?}");
            false
        }
        Ok(Err(other)) => panic!("{call}: not a clear answer: {other}"),
    }
}

/// Every read the CLI's report, review, summary and check make, and the
/// ones the TUI's view makes when it loads (overview, journal, review, summary).
fn every_read(l: &LocalLedger, project: &str) -> Vec<(&'static str, bool)> {
    let june = NaiveDate::from_ymd_opt(2021, 6, 30);
    let project = project.to_string();
    macro_rules! reads {
        ($($name:literal => $call:expr),* $(,)?) => {
            vec![$(($name, answered($name, catch_unwind(AssertUnwindSafe(|| $call))))),*]
        };
    }
    reads![
        "info" => l.info(),
        "report at year end" => l.report(NaiveDate::from_ymd_opt(2021, 12, 31)),
        "report in June" => l.report(june),
        "review of June" => l.review(6, 30),
        "review of December" => l.review(12, 30),
        "summary" => l.summary(NaiveDate::from_ymd_opt(2021, 12, 31)),
        "summary in June" => l.summary(june),
        "monthly execution" => l.monthly_execution(None),
        "monthly execution of a project" => l.monthly_execution(Some(project.clone())),
        "schedule" => l.schedule(june, None),
        "supplements" => l.supplements(june.unwrap()),
        "journal" => l.disbursements(DisbursementQuery { newest_first: true, limit: Some(1001), ..Default::default() }),
        "lines" => l.lines(),
        "adjustments" => l.adjustments(None),
        "indicators" => l.indicators(None),
        "verify totals" => l.verify_totals(),
    ]
}

fn demo_copy(template: &Path, dir: &Path) -> LocalLedger {
    let path = dir.join("ledger.redb");
    std::fs::copy(template, &path).unwrap();
    LocalLedger::open(&path, "planter").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn no_stored_value_makes_a_read_panic(planted in planted()) {
        static TEMPLATE: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> =
            std::sync::OnceLock::new();
        let (_, template) = TEMPLATE.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("demo.redb");
            drop(LocalLedger::create_demo(&path, "planter").unwrap());
            (dir, path)
        });
        let dir = tempfile::tempdir().unwrap();
        let l = demo_copy(template, dir.path());
        let project = l.projects().unwrap()[0].clone();
        plant(&l, &planted);
        let reads = every_read(&l, &project);
        let check = reads.iter().find(|(name, _)| *name == "verify totals").unwrap().1;
        if planted.all_within_bound() {
            // Every figure in bounds: every read answers.
            for (name, ok) in &reads {
                prop_assert!(ok, "{} refused values within the bound", name);
            }
        } else {
            // `check` names what is out of bounds instead of saying consistent.
            prop_assert!(!check, "check passed a value past the bound");
        }
    }
}
