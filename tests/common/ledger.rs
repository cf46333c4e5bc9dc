//! Ledgers made through the library for the tests that serve them, and the
//! payments those tests make on them.

use std::path::{Path, PathBuf};

use outlay::Ledger;
use outlay::domain::input::NewDisbursement;
use outlay::domain::{BudgetLine, EconClass, FiscalYear, Kind, Level, Money, Source};

/// A 2021 ledger, `DIR/shared.redb`, with one line: B01 of 1,000,000,000 元.
pub fn ledger_with_a_line(dir: &Path) -> PathBuf {
    ledger_with_a_line_of(dir, "1000000000")
}

/// The same with `allocated` 元 on B01. Its admin is the test's user.
pub fn ledger_with_a_line_of(dir: &Path, allocated: &str) -> PathBuf {
    let db = dir.join("shared.redb");
    let ledger =
        Ledger::create(&db, FiscalYear::new(2021).unwrap(), "测试局", &super::me()).unwrap();
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
            allocated: allocated.parse().unwrap(),
            refs: Default::default(),
        })
        .unwrap();
    db
}

/// A payment of `fen` on B01 on 2021-06-01 to 某公司.
pub fn payment(voucher: &str, fen: i64) -> NewDisbursement {
    NewDisbursement {
        line: "B01".into(),
        date: "2021-06-01".parse().unwrap(),
        amount: Money::from_fen(fen),
        payee: "某公司".into(),
        voucher: voucher.into(),
        memo: String::new(),
        contract: None,
        refs: Default::default(),
        tags: Default::default(),
    }
}
