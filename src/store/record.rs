//! What the store checks of every record it reads back: that its figures are
//! inside the bounds the ledger's commands enforce — every amount under
//! [`MAX_AMOUNT`], weights and points between 0 and 100. A figure past them
//! was written around those commands (an older outlay, a hand-edited file);
//! reading it is refused, naming the record, so no report, screen or
//! `check` ever computes with it.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use super::{Damage, LineTotals};
use crate::domain::money::MAX_AMOUNT;
use crate::domain::settings::{LineSettings, ProjectSettings};
use crate::domain::{Adjustment, BudgetLine, Disbursement, Event, Indicator, Money, ScheduleItem};

/// A record the store keeps as JSON. Every such type says what bounds its
/// figures keep, so a new record type cannot forget to.
pub trait Stored: DeserializeOwned {
    /// What is wrong with this record's figures, as a sentence fragment.
    fn problem(&self) -> Option<Damage> {
        None
    }
}

/// The first amount past [`MAX_AMOUNT`] among `amounts`, as a problem.
fn first_out_of_bound<const N: usize>(amounts: [(&str, Money); N]) -> Option<Damage> {
    let (field, amount) = amounts.into_iter().find(|(_, a)| !a.within_limit())?;
    Some(amount_problem(field, amount))
}

pub fn amount_problem(field: &str, amount: Money) -> Damage {
    let (amount, bound) = (amount.plain(), MAX_AMOUNT.plain());
    Damage::new(
        format!("has {field} {amount}, outside the bound of ±{bound} yuan that every amount keeps"),
        format!("的 {field} 为 {amount}，超出每个金额都须遵守的 ±{bound} 元上限"),
    )
}

/// A weight or a number of points outside 0..=`most`, as a problem.
fn points_problem(field: &str, value: Decimal, most: Decimal) -> Option<Damage> {
    (value < Decimal::ZERO || value > most).then(|| {
        Damage::new(
            format!("has {field} {value}, outside 0 to {most}"),
            format!("的 {field} 为 {value}，不在 0 到 {most} 之间"),
        )
    })
}

impl Stored for BudgetLine {
    fn problem(&self) -> Option<Damage> {
        first_out_of_bound([("allocated", self.allocated)])
    }
}

impl Stored for Adjustment {
    fn problem(&self) -> Option<Damage> {
        first_out_of_bound([("amount", self.amount)])
    }
}

impl Stored for Disbursement {
    fn problem(&self) -> Option<Damage> {
        first_out_of_bound([("amount", self.amount)])
    }
}

impl Stored for ScheduleItem {
    fn problem(&self) -> Option<Damage> {
        first_out_of_bound([("amount", self.amount)])
    }
}

impl Stored for LineTotals {
    fn problem(&self) -> Option<Damage> {
        first_out_of_bound([("spent", self.spent), ("adjusted", self.adjusted)])
    }
}

impl Stored for Indicator {
    fn problem(&self) -> Option<Damage> {
        // A score may exceed a weight lowered after it was given; both stay
        // within the 100 points of a project's score.
        points_problem("weight", self.weight, Decimal::ONE_HUNDRED).or_else(|| {
            self.score
                .and_then(|score| points_problem("score", score, Decimal::ONE_HUNDRED))
        })
    }
}

impl Stored for ProjectSettings {
    fn problem(&self) -> Option<Damage> {
        let parts = self.weights.parts();
        parts
            .iter()
            .find_map(|(w, en, _)| points_problem(en, *w, Decimal::ONE_HUNDRED))
            .or_else(|| {
                self.weights
                    .check()
                    .err()
                    .map(|e| Damage::new(e.to_string(), crate::i18n::Lang::Zh.refusal(&e)))
            })
    }
}

impl Stored for crate::domain::facts::ProjectFacts {
    fn problem(&self) -> Option<Damage> {
        use crate::domain::Vocabulary;
        use crate::domain::facts::FactField;
        use crate::domain::settings::MAX_PROSE;
        FactField::ALL.iter().find_map(|field| {
            let length = self.get(*field)?.chars().count();
            (length > MAX_PROSE).then(|| {
                Damage::new(
                    format!(
                        "has a {} of {length} characters, past the {MAX_PROSE} kept",
                        field.code()
                    ),
                    format!("的{}长 {length} 个字符，超过上限 {MAX_PROSE}", field.zh()),
                )
            })
        })
    }
}

impl Stored for crate::domain::progress::Progress {
    fn problem(&self) -> Option<Damage> {
        use crate::domain::input::MAX_TEXT;
        use crate::domain::settings::MAX_PROSE;
        let measured = [
            ("value", Some(&self.value)),
            ("projected", self.projected.as_ref()),
        ];
        let prose = [("reason", &self.reason), ("rectify", &self.rectify)];
        measured
            .iter()
            .filter_map(|(field, m)| Some((*field, m.as_ref()?.text.chars().count(), MAX_TEXT)))
            .chain(
                prose.iter().filter_map(|(field, t)| {
                    Some((*field, t.as_ref()?.chars().count(), MAX_PROSE))
                }),
            )
            .find(|(_, length, most)| length > most)
            .map(|(field, length, most)| {
                Damage::new(
                    format!("has a {field} of {length} characters, past the {most} kept"),
                    format!("的 {field} 长 {length} 个字符，超过上限 {most}"),
                )
            })
    }
}

impl Stored for Event {}
impl Stored for LineSettings {}

/// A progress value's key as messages show it: `#12 on 2021-07-31`.
#[derive(Clone, Copy)]
pub struct ProgressKey(pub u64, pub u32);

impl fmt::Display for ProgressKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{} on {}", self.0, super::tables::day_from_key(self.1))
    }
}

/// A numeric key as messages show it: `#12`.
#[derive(Clone, Copy)]
pub struct Id(pub u64);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}
