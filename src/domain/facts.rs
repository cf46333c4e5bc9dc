//! What a project's self-evaluation form (项目支出绩效自评表) says beyond its
//! money and indicators: who carries it out, its goal for the year and what was
//! achieved, how it was done, the evaluation's conclusion, problems and
//! improvements, and who signs it. Each is free text the department writes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::refusal::Refusal;
use super::settings::check_prose;
use super::vocabulary::{Vocabulary, vocabulary};

/// Longest name accepted for a unit or a person: a form's box holds a line.
pub const MAX_NAME: usize = 200;

vocabulary! {
    /// The fields of [`ProjectFacts`], as the CLI, the event log and a form's
    /// list of what is missing name them.
    FactField, "field" {
        Implementer => "implementer", "实施单位", "implementing unit", [];
        Goal => "goal", "预期目标", "expected goal", ["项目年度目标", "年度总体目标"];
        Achieved => "achieved", "实际完成情况", "what was achieved", ["年度目标完成情况"];
        Content => "content", "项目实施内容及过程概述", "implementation and process", ["实施内容"];
        Conclusion => "conclusion", "评价结论", "conclusion", [];
        Problems => "problems", "存在问题", "problems found", [];
        Improvements => "improvements", "改进措施", "improvement measures", [];
        Leader => "leader", "项目负责人", "project leader", [];
        FinanceLeader => "finance_leader", "财务负责人", "head of finance", ["finance-leader"];
    }
}

impl FactField {
    /// Names of units and people are one line; the rest is prose.
    fn is_name(self) -> bool {
        matches!(
            self,
            FactField::Implementer | FactField::Leader | FactField::FinanceLeader
        )
    }
}

/// A project's form facts as written so far; `None` is unwritten.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectFacts {
    /// 实施单位; unwritten, the form shows the department.
    pub implementer: Option<String>,
    /// 年度总体目标 · 预期目标 (Sichuan: 项目年度目标).
    pub goal: Option<String>,
    /// 年度总体目标 · 实际完成情况 (Sichuan: 年度目标完成情况).
    pub achieved: Option<String>,
    /// 项目实施内容及过程概述 (Sichuan).
    pub content: Option<String>,
    /// 评价结论, 存在问题, 改进措施 of this project (Sichuan).
    pub conclusion: Option<String>,
    pub problems: Option<String>,
    pub improvements: Option<String>,
    /// 项目负责人, 财务负责人 (Sichuan).
    pub leader: Option<String>,
    pub finance_leader: Option<String>,
}

impl ProjectFacts {
    pub fn get(&self, field: FactField) -> Option<&str> {
        self.slot(field).as_deref()
    }

    fn slot(&self, field: FactField) -> &Option<String> {
        match field {
            FactField::Implementer => &self.implementer,
            FactField::Goal => &self.goal,
            FactField::Achieved => &self.achieved,
            FactField::Content => &self.content,
            FactField::Conclusion => &self.conclusion,
            FactField::Problems => &self.problems,
            FactField::Improvements => &self.improvements,
            FactField::Leader => &self.leader,
            FactField::FinanceLeader => &self.finance_leader,
        }
    }

    fn slot_mut(&mut self, field: FactField) -> &mut Option<String> {
        match field {
            FactField::Implementer => &mut self.implementer,
            FactField::Goal => &mut self.goal,
            FactField::Achieved => &mut self.achieved,
            FactField::Content => &mut self.content,
            FactField::Conclusion => &mut self.conclusion,
            FactField::Problems => &mut self.problems,
            FactField::Improvements => &mut self.improvements,
            FactField::Leader => &mut self.leader,
            FactField::FinanceLeader => &mut self.finance_leader,
        }
    }

    /// Applies a checked update: each field given is replaced, a blank one cleared.
    pub fn apply(&mut self, update: &CheckedFacts) {
        for (field, text) in &update.0 {
            *self.slot_mut(*field) = text.clone();
        }
    }
}

/// The fields to change: text replaces, blank text clears; a field not named
/// stays as it is.
pub type FactsUpdate = BTreeMap<FactField, String>;

/// One project's row of a facts file: the fields it writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectFactsRow {
    pub project: String,
    pub facts: FactsUpdate,
}

/// An update whose every text passed [`check_facts`]: `None` clears.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedFacts(pub BTreeMap<FactField, Option<String>>);

/// Refuses an empty update, prose past `MAX_PROSE`, a name past [`MAX_NAME`]
/// or on several lines, and control characters; names the field at fault.
pub fn check_facts(update: FactsUpdate) -> Result<CheckedFacts, Refusal> {
    if update.is_empty() {
        return Err(Refusal::field_in(
            "field",
            "nothing to change: name at least one field",
            "没有要修改的内容：请至少填写一项",
        ));
    }
    let mut checked = BTreeMap::new();
    for (field, text) in update {
        let text = check_prose(field.code(), Some(text))?;
        if field.is_name()
            && let Some(name) = &text
        {
            check_name(field, name)?;
        }
        checked.insert(field, text);
    }
    Ok(CheckedFacts(checked))
}

fn check_name(field: FactField, name: &str) -> Result<(), Refusal> {
    let length = name.chars().count();
    if length > MAX_NAME {
        return Err(Refusal::field_in(
            field.code(),
            format!("is {length} characters long; a name holds at most {MAX_NAME}"),
            format!("长 {length} 个字符，名称最多 {MAX_NAME} 个"),
        ));
    }
    if name.contains('\n') {
        return Err(Refusal::field_in(
            field.code(),
            "is a name and must fit on one line",
            "是名称，须为一行",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::MAX_PROSE;

    fn update(pairs: &[(FactField, &str)]) -> FactsUpdate {
        pairs.iter().map(|(f, t)| (*f, t.to_string())).collect()
    }

    #[test]
    fn an_update_replaces_the_fields_it_names_and_blank_clears() {
        let mut facts = ProjectFacts {
            goal: Some("组建160人的综合应急救援队".into()),
            leader: Some("张三".into()),
            ..ProjectFacts::default()
        };
        let checked = check_facts(update(&[
            (FactField::Achieved, " 已组建160人\r\n驻防12个乡镇 "),
            (FactField::Leader, "  "),
        ]))
        .unwrap();
        facts.apply(&checked);
        assert_eq!(
            facts.get(FactField::Goal),
            Some("组建160人的综合应急救援队")
        );
        assert_eq!(facts.achieved.as_deref(), Some("已组建160人\n驻防12个乡镇"));
        assert_eq!(facts.leader, None);
    }

    #[test]
    fn overlong_prose_a_long_or_multiline_name_and_an_empty_update_are_refused() {
        let err =
            check_facts(update(&[(FactField::Content, &"字".repeat(MAX_PROSE + 1))])).unwrap_err();
        assert_eq!(err.field_name(), "content");
        let err =
            check_facts(update(&[(FactField::Leader, &"名".repeat(MAX_NAME + 1))])).unwrap_err();
        assert_eq!(err.field_name(), "leader");
        assert!(err.to_string().contains("at most 200"), "{err}");
        let err = check_facts(update(&[(FactField::Implementer, "甲单位\n乙单位")])).unwrap_err();
        assert_eq!(err.field_name(), "implementer");
        assert_eq!(
            check_facts(FactsUpdate::new()).unwrap_err().field_name(),
            "field"
        );
        assert!(check_facts(update(&[(FactField::Goal, "a\u{7}b")])).is_err());
    }

    #[test]
    fn an_old_record_without_some_fields_reads_as_unwritten() {
        let facts: ProjectFacts = serde_json::from_str(r#"{"goal":"x"}"#).unwrap();
        assert_eq!(facts.goal.as_deref(), Some("x"));
        assert_eq!(facts.finance_leader, None);
        assert_eq!(
            FactField::parse("finance-leader"),
            Ok(FactField::FinanceLeader)
        );
    }
}
