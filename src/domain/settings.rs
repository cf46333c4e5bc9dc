//! What the department decides about lines and projects beyond their money:
//! whether a line is paced against time, whether its unspent money is carried
//! into the next year, a project's first-level score weights, and the prose
//! the self-evaluation report needs (reasons, problems, improvements).

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::refusal::Refusal;
use super::spend_tag::SpendTag;
use super::vocabulary::vocabulary;

/// Longest prose accepted (a reason, a section of the report): several pages,
/// far beyond what a form's box holds; longer input is a paste gone wrong.
pub const MAX_PROSE: usize = 20_000;

/// Settings of one budget line; the default is what a new line gets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineSettings {
    /// Measured against time progress. Off for a lump-sum line (paid once,
    /// whenever the bill comes), which is then never "lagging".
    pub paced: bool,
    /// Marked for carry-over (结转) at year close.
    pub carry_over: bool,
    /// All its money is 三公经费 of a kind or 政府采购.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<SpendTag>,
}

impl Default for LineSettings {
    fn default() -> LineSettings {
        LineSettings {
            paced: true,
            carry_over: false,
            tags: BTreeSet::new(),
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
    /// Saturating, so weights that came over the wire past any sense are
    /// refused by [`Weights::check`] rather than overflowing.
    pub fn total(&self) -> Decimal {
        self.parts()
            .iter()
            .fold(Decimal::ZERO, |sum, (w, ..)| sum.saturating_add(*w))
    }

    /// Each weight with its name in English and Chinese, in the forms' order.
    pub fn parts(&self) -> [(Decimal, &'static str, &'static str); 4] {
        [
            (self.execution, "execution", "预算执行率"),
            (self.output, "output", "产出指标"),
            (self.effect, "effect", "效益指标"),
            (self.satisfaction, "satisfaction", "满意度指标"),
        ]
    }

    /// None negative, and 100 in all: the score is out of 100.
    pub fn check(&self) -> Result<(), Refusal> {
        if let Some((weight, en, zh)) = self.parts().into_iter().find(|(w, ..)| *w < Decimal::ZERO)
        {
            return Err(Refusal::field_in(
                "weights",
                format!("the {en} weight {weight} is negative"),
                format!("{zh}权重 {weight} 为负数"),
            ));
        }
        if let Some((weight, en, zh)) = self
            .parts()
            .into_iter()
            .find(|(w, ..)| w.normalize().scale() > 2)
        {
            return Err(Refusal::field_in(
                "weights",
                format!("the {en} weight {weight} has more than two decimals"),
                format!("{zh}权重 {weight} 超过两位小数"),
            ));
        }
        let total = self.total();
        if total != Decimal::ONE_HUNDRED {
            return Err(Refusal::field_in(
                "weights",
                format!("add up to {total}, not 100"),
                format!("合计为 {total}，应为 100"),
            ));
        }
        Ok(())
    }
}

impl std::fmt::Display for Weights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [a, b, c, d] = self.parts().map(|(w, ..)| w.normalize());
        write!(f, "{a},{b},{c},{d}")
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

/// Prose as stored: trimmed, line ends as `\n`; blank means none. Refuses
/// text past [`MAX_PROSE`] and control characters other than line breaks and tabs.
pub fn check_prose(field: &'static str, text: Option<String>) -> Result<Option<String>, Refusal> {
    let Some(text) = text else {
        return Ok(None);
    };
    let text = text.replace("\r\n", "\n").trim().to_string();
    if text.is_empty() {
        return Ok(None);
    }
    let length = text.chars().count();
    if length > MAX_PROSE {
        return Err(Refusal::field_in(
            field,
            format!("is {length} characters long; at most {MAX_PROSE} are kept"),
            format!("长 {length} 个字符，最多 {MAX_PROSE} 个"),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Refusal::field_in(
            field,
            "contains a control character",
            "含有控制字符",
        ));
    }
    Ok(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Vocabulary;

    fn weights(parts: [i64; 4]) -> Weights {
        let [execution, output, effect, satisfaction] = parts.map(Decimal::from);
        Weights {
            execution,
            output,
            effect,
            satisfaction,
        }
    }

    #[test]
    fn the_national_split_and_a_sichuan_split_are_accepted() {
        assert_eq!(Weights::default().check(), Ok(()));
        assert_eq!(weights([10, 60, 30, 0]).check(), Ok(()));
        let halves = Weights {
            output: "45.5".parse().unwrap(),
            effect: "34.5".parse().unwrap(),
            ..Weights::default()
        };
        assert_eq!(halves.check(), Ok(()));
        assert_eq!(halves.to_string(), "10,45.5,34.5,10");
    }

    #[test]
    fn a_negative_weight_or_a_total_other_than_100_is_refused_naming_weights() {
        let negative = weights([10, -10, 90, 10]).check().unwrap_err();
        assert_eq!(negative.field_name(), "weights");
        assert!(
            negative.to_string().contains("output weight -10"),
            "{negative}"
        );
        let short = weights([10, 50, 30, 5]).check().unwrap_err();
        assert_eq!(short.to_string(), "weights: add up to 95, not 100");
    }

    #[test]
    fn prose_is_trimmed_blank_is_none_and_overlong_is_refused() {
        assert_eq!(check_prose("reason", None), Ok(None));
        assert_eq!(check_prose("reason", Some(" \n ".into())), Ok(None));
        assert_eq!(
            check_prose("reason", Some(" 一、资金未到位\r\n二、…\n".into())),
            Ok(Some("一、资金未到位\n二、…".into()))
        );
        let longest = "问".repeat(MAX_PROSE);
        assert_eq!(
            check_prose("text", Some(longest.clone())),
            Ok(Some(longest))
        );
        let err = check_prose("text", Some("问".repeat(MAX_PROSE + 1))).unwrap_err();
        assert_eq!(err.field_name(), "text");
        assert!(err.to_string().contains("20001 characters"), "{err}");
        let err = check_prose("reason", Some("a\u{1b}[2J".into())).unwrap_err();
        assert_eq!(err.field_name(), "reason");
    }

    #[test]
    fn sections_read_in_either_language() {
        assert_eq!(NoteSection::parse("problems"), Ok(NoteSection::Problems));
        assert_eq!(NoteSection::parse("存在问题"), Ok(NoteSection::Problems));
        assert_eq!(NoteSection::parse("改进"), Ok(NoteSection::Improvements));
        assert_eq!(
            NoteSection::parse("Conclusion"),
            Ok(NoteSection::Conclusion)
        );
        assert!(NoteSection::parse("summary").is_err());
    }
}
