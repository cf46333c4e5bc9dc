//! One parser per file kind: text → typed rows, each field and each row
//! checked by the domain's rules, stopping at the first error.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::Row;
use super::error::ImportError;
use super::headers::{
    ADJUSTMENTS, AdjustmentColumn, DISBURSEMENTS, DisbursementColumn, FactColumn, INDICATORS,
    IndicatorColumn, LINES, LineColumn, PROJECT_FACTS, SCHEDULE, ScheduleColumn,
};
use super::table::read_rows;
use crate::domain::input::{
    NewAdjustment, NewDisbursement, NewIndicator, NewScheduleItem, Normalise, check_adjustment,
    check_disbursement, check_indicator, check_line, check_schedule_item,
};
use crate::domain::{BudgetLine, FiscalYear, Kind, LineRefs, PaymentRefs};

/// Budget lines (预算指标), checked by `check_line` against `year`.
///
/// A project line whose `project` cell is empty funds a project of its own
/// name: treasury exports rarely carry a project column, and one line per
/// project is the common case. A code used twice in the file is refused.
pub fn parse_lines(
    text: &str,
    year: FiscalYear,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Row<BudgetLine>>, ImportError> {
    use LineColumn as C;
    let mut codes: HashMap<String, usize> = HashMap::new();
    read_rows(text, &LINES, progress, |r| {
        let kind: Kind = r.word(C::Kind)?;
        let name = r.text(C::Name);
        let project = match r.optional(C::Project)? {
            None if kind == Kind::Project && !name.is_empty() => Some(name.clone()),
            project => project,
        };
        let line = BudgetLine {
            code: r.text(C::Code),
            name,
            kind,
            source: r.word(C::Source)?,
            level: r.word(C::Level)?,
            econ_class: r.optional_word(C::EconClass)?,
            project,
            doc_no: r.text(C::DocNo),
            allocated_on: r.date(C::AllocatedOn)?,
            allocated: r.amount(C::Amount)?,
            refs: LineRefs {
                superior_doc_no: r.optional(C::SuperiorDocNo)?,
                functional_code: r.optional(C::FunctionalCode)?,
                economic_code: r.optional(C::EconomicCode)?,
                fund_type: r.optional(C::FundType)?,
                project_code: r.optional(C::ProjectCode)?,
                origin_year: r.year(C::OriginYear)?,
            },
        };
        let line = line.normalised();
        check_line(&line, year).map_err(|e| r.refused(&e))?;
        match codes.entry(line.code.clone()) {
            Entry::Occupied(first) => Err(r.error(
                C::Code,
                format!("'{}' is already the code of row {}", line.code, first.get()),
                format!("“{}”已是第 {} 行的编码", line.code, first.get()),
            )),
            Entry::Vacant(slot) => {
                slot.insert(r.row());
                Ok(line)
            }
        }
    })
}

/// Adjustments (追加 / 调减) of existing lines, checked by `check_adjustment`:
/// the amount is signed, negative for a reduction.
pub fn parse_adjustments(
    text: &str,
    year: FiscalYear,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Row<NewAdjustment>>, ImportError> {
    use AdjustmentColumn as C;
    read_rows(text, &ADJUSTMENTS, progress, |r| {
        let adjustment = NewAdjustment {
            line: r.text(C::Line),
            date: r.date(C::Date)?,
            amount: r.amount(C::Amount)?,
            doc_no: r.text(C::DocNo),
            reason: r.text(C::Reason),
            batch_no: r.optional(C::BatchNo)?,
            from_line: r.optional(C::FromLine)?,
        };
        let adjustment = adjustment.normalised();
        check_adjustment(&adjustment, year).map_err(|e| r.refused(&e))?;
        Ok(adjustment)
    })
}

/// Disbursements (支付), checked by `check_disbursement`. A voucher repeated
/// within the file is left to the ledger, which skips an identical repeat (an
/// export pasted twice) and refuses a conflicting one, naming both rows.
pub fn parse_disbursements(
    text: &str,
    year: FiscalYear,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Row<NewDisbursement>>, ImportError> {
    use DisbursementColumn as C;
    read_rows(text, &DISBURSEMENTS, progress, |r| {
        let disbursement = NewDisbursement {
            line: r.text(C::Line),
            date: r.date(C::Date)?,
            amount: r.amount(C::Amount)?,
            payee: r.text(C::Payee),
            voucher: r.text(C::Voucher),
            memo: r.text(C::Memo),
            contract: r.optional(C::Contract)?,
            refs: PaymentRefs {
                request_no: r.optional(C::RequestNo)?,
                payee_account: r.optional(C::PayeeAccount)?,
                purpose: r.optional(C::Purpose)?,
            },
            tags: r.tags(C::Tags)?,
        };
        let disbursement = disbursement.normalised();
        check_disbursement(&disbursement, year).map_err(|e| r.refused(&e))?;
        Ok(disbursement)
    })
}

/// Contract payments due (合同支付计划), checked by `check_schedule_item`: the
/// due date may lie after the year (跨年 contracts), within reason.
pub fn parse_schedule(
    text: &str,
    year: FiscalYear,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Row<NewScheduleItem>>, ImportError> {
    use ScheduleColumn as C;
    read_rows(text, &SCHEDULE, progress, |r| {
        let item = NewScheduleItem {
            line: r.text(C::Line),
            contract: r.text(C::Contract),
            payee: r.text(C::Payee),
            due: r.date(C::Due)?,
            amount: r.amount(C::Amount)?,
            memo: r.text(C::Memo),
        };
        let item = item.normalised();
        check_schedule_item(&item, year).map_err(|e| r.refused(&e))?;
        Ok(item)
    })
}

/// Performance indicators (绩效指标), checked by `check_indicator`. They have
/// no date, so unlike the other parsers this one takes no fiscal year.
pub fn parse_indicators(
    text: &str,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Row<NewIndicator>>, ImportError> {
    use IndicatorColumn as C;
    read_rows(text, &INDICATORS, progress, |r| {
        let indicator = NewIndicator {
            project: r.text(C::Project),
            category: r.word(C::Category)?,
            name: r.text(C::Name),
            target: r.text(C::Target),
            weight: r.points(C::Weight)?,
            actual: r.optional(C::Actual)?,
        };
        let indicator = indicator.normalised();
        check_indicator(&indicator).map_err(|e| r.refused(&e))?;
        Ok(indicator)
    })
}

/// What each project's form says: one row per project, each non-empty cell
/// a field to write (checked by `check_facts`: prose bounded, names on one
/// line). A row that writes nothing, or a project named twice, is refused.
pub fn parse_project_facts(
    text: &str,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Row<crate::domain::facts::ProjectFactsRow>>, ImportError> {
    use crate::domain::facts::{FactField, FactsUpdate, ProjectFactsRow, check_facts};
    use FactColumn as C;
    let fields = [
        (C::Implementer, FactField::Implementer),
        (C::Goal, FactField::Goal),
        (C::Achieved, FactField::Achieved),
        (C::Content, FactField::Content),
        (C::Conclusion, FactField::Conclusion),
        (C::Problems, FactField::Problems),
        (C::Improvements, FactField::Improvements),
        (C::Leader, FactField::Leader),
        (C::FinanceLeader, FactField::FinanceLeader),
    ];
    let mut projects: HashMap<String, usize> = HashMap::new();
    read_rows(text, &PROJECT_FACTS, progress, |r| {
        let project = r.text(C::Project);
        if project.is_empty() {
            return Err(r.error(C::Project, "must not be empty".into(), "必填".into()));
        }
        let facts: FactsUpdate = fields
            .iter()
            .filter(|(column, _)| !r.raw(*column).trim().is_empty())
            .map(|(column, field)| (*field, r.raw(*column).to_string()))
            .collect();
        if facts.is_empty() {
            return Err(r.error(
                C::Project,
                format!("the row of '{project}' writes no field"),
                format!("“{project}”这一行没有填写任何内容"),
            ));
        }
        check_facts(facts.clone()).map_err(|e| r.refused(&e))?;
        match projects.entry(project.clone()) {
            Entry::Occupied(first) => Err(r.error(
                C::Project,
                format!("'{project}' is already the project of row {}", first.get()),
                format!("“{project}”已在第 {} 行", first.get()),
            )),
            Entry::Vacant(slot) => {
                slot.insert(r.row());
                Ok(ProjectFactsRow { project, facts })
            }
        }
    })
}

#[cfg(test)]
mod project_facts_tests {
    use super::*;

    #[test]
    fn a_file_of_project_facts_reads_by_chinese_headers_and_names_the_bad_cell() {
        let text = "项目,预期目标,实际完成情况,项目负责人\n\
                    救援队,组建160人的综合应急救援队,已组建150人,张三\n\
                    慰问金,,按时完成慰问,\n";
        let rows = parse_project_facts(text, &mut |_| {}).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].value.project, "救援队");
        assert_eq!(rows[0].value.facts.len(), 3);
        assert_eq!(rows[1].number, 3);
        let only: Vec<_> = rows[1].value.facts.keys().copied().collect();
        assert_eq!(
            only,
            [crate::domain::facts::FactField::Achieved],
            "empty cells write nothing"
        );

        let twice = "project,goal\n救援队,a\n救援队,b\n";
        let err = parse_project_facts(twice, &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("row 3") && err.contains("already the project of row 2"),
            "{err}"
        );
        let multiline = "project,leader\n救援队,\"张三\n李四\"\n";
        let err = parse_project_facts(multiline, &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.contains("leader") && err.contains("one line"), "{err}");
        let empty = "project,goal\n救援队,\n";
        let err = parse_project_facts(empty, &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.contains("writes no field"), "{err}");
    }
}
