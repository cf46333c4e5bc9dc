//! The domain: pure rules and figures, no I/O. Everything outlay shows is
//! computed here from plain data, so every front end shows the same numbers.

pub mod budget;
pub mod calendar;
pub mod carryover;
pub mod cumulative;
pub mod department;
pub mod entries;
pub mod facts;
#[cfg(test)]
mod fixtures;
pub mod form;
pub mod indicator;
pub mod input;
pub mod line;
pub mod money;
pub mod monitor;
pub mod monitoring;
pub mod progress;
pub mod refusal;
pub mod report;
pub mod review;
pub mod role;
pub mod rules;
pub mod schedule;
pub mod score;
pub mod settings;
pub mod spend_tag;
pub mod summary;
pub mod supplementary;
pub mod text;
pub mod vocabulary;

pub use calendar::{FiscalYear, parse_date, parse_month};
pub use entries::{Adjustment, Disbursement, Event, PaymentRefs, ScheduleItem};
pub use indicator::{Category, Indicator, Measure};
pub use line::{BudgetLine, EconClass, Kind, Level, LineRefs, Source};
pub use money::{Money, Unit, column_scale, parse_amount};
pub use refusal::Refusal;
pub use vocabulary::Vocabulary;
