//! What the department decides about lines and projects beyond their money:
//! whether a line is paced against time, whether its unspent money is carried
//! into the next year, a project's first-level score weights, and the prose
//! the self-evaluation report needs (reasons, problems, improvements).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::vocabulary::vocabulary;

/// Settings of one budget line; the default is what a new line gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineSettings {
    /// Measured against time progress. Off for a lump-sum line (paid once,
    /// whenever the bill comes), which is then never "lagging".
    pub paced: bool,
    /// Marked for carry-over (结转) at year close.
    pub carry_over: bool,
}

impl Default for LineSettings {
    fn default() -> LineSettings {
        LineSettings {
            paced: true,
            carry_over: false,
        }
    }
}

/// A project's first-level weights (一级指标分值): execution 10, outputs 50,
/// effects 30, satisfaction 10 unless the project sets others. They sum to
/// 100 by the national form; a project may set other splits (Sichuan's forms
/// use execution 10 + indicators 90 split as the project sets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub execution: Decimal,
    pub output: Decimal,
    pub effect: Decimal,
    pub satisfaction: Decimal,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            execution: Decimal::from(10),
            output: Decimal::from(50),
            effect: Decimal::from(30),
            satisfaction: Decimal::from(10),
        }
    }
}

impl Weights {
    pub fn total(&self) -> Decimal {
        self.execution + self.output + self.effect + self.satisfaction
    }
}

/// Settings and prose of one project for the year-end summary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectSettings {
    pub weights: Weights,
    /// Why the money is not fully spent (未完成原因 / 偏差原因): the forms ask
    /// for one wherever the execution rate is below 90 %.
    pub reason: Option<String>,
}

vocabulary! {
    /// The free-text sections of the self-evaluation report.
    NoteSection, "section" {
        Conclusion => "conclusion", "评价结论", "conclusion", ["结论"];
        Problems => "problems", "存在问题", "problems found", ["问题"];
        Improvements => "improvements", "改进措施", "improvement measures", ["改进"];
    }
}

/// The free-text sections as written so far; a missing section is unwritten.
pub type Notes = std::collections::BTreeMap<NoteSection, String>;
