//! One parser per file kind: text → typed rows, each field and each row
//! checked by the domain's rules, stopping at the first error.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::Row;
use super::error::ImportError;
use super::headers::{
    ADJUSTMENTS, AdjustmentColumn, DISBURSEMENTS, DisbursementColumn, FactColumn, INDICATORS,
    IndicatorColumn, LINES, LineColumn, PROGRESS, PROJECT_FACTS, ProgressColumn, SCHEDULE,
    ScheduleColumn,
};
use super::table::{Cells, Halt, read_rows, stream_rows};
use crate::domain::input::{
    NewAdjustment, NewDisbursement, NewIndicator, NewScheduleItem, Normalise, check_adjustment,
    check_disbursement, check_indicator, check_line, check_schedule_item,
};
use crate::domain::progress::{NewProgress, check_progress};
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
    read_rows(text, &DISBURSEMENTS, progress, |r| disbursement(r, year))
}

/// [`parse_disbursements`] of a file read as a stream (a [`super::TextReader`]),
/// each row handed to `each` as soon as it is parsed, none kept; returns how
/// many rows were handed over.
pub fn stream_disbursements<E>(
    text: impl std::io::Read,
    year: FiscalYear,
    progress: &mut dyn FnMut(usize),
    each: &mut dyn FnMut(Row<NewDisbursement>) -> Result<(), E>,
) -> Result<usize, Halt<E>> {
    stream_rows(
        text,
        &DISBURSEMENTS,
        progress,
        |r| disbursement(r, year),
        each,
    )
}

fn disbursement(r: &Cells<'_>, year: FiscalYear) -> Result<NewDisbursement, ImportError> {
    use DisbursementColumn as C;
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

/// Indicators' in-year progress values (绩效运行监控), checked by
/// `check_progress` against `year`. An indicator and date given twice in the
/// file is refused, naming the first row: which of the two was meant is
/// not for the import to guess. Whether the indicator exists is the ledger's
/// to check.
pub fn parse_progress(
    text: &str,
    year: FiscalYear,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<Row<NewProgress>>, ImportError> {
    use ProgressColumn as C;
    let mut seen: HashMap<(u64, chrono::NaiveDate), usize> = HashMap::new();
    read_rows(text, &PROGRESS, progress, |r| {
        let value = NewProgress {
            indicator: r.id(C::Indicator)?,
            date: r.date(C::Date)?,
            value: r.text(C::Value),
            projected: r.optional(C::Projected)?,
            cause: r.optional_word(C::Cause)?,
            reason: r.raw(C::Reason).to_string().into(),
            likelihood: r.optional_word(C::Likelihood)?,
            rectify: r.raw(C::Rectify).to_string().into(),
        };
        let value = check_progress(value.normalised(), year).map_err(|e| r.refused(&e))?;
        match seen.entry((value.indicator, value.date)) {
            Entry::Occupied(first) => Err(r.error(
                C::Date,
                format!(
                    "indicator #{} on {} is already in row {}",
                    value.indicator,
                    value.date,
                    first.get()
                ),
                format!(
                    "绩效指标 #{} 在 {} 的完成情况已在第 {} 行",
                    value.indicator,
                    value.date,
                    first.get()
                ),
            )),
            Entry::Vacant(slot) => {
                slot.insert(r.row());
                Ok(value)
            }
        }
    })
}

#[cfg(test)]
mod progress_tests {
    use super::*;
    use crate::domain::progress::{Cause, Likelihood};

    fn year() -> FiscalYear {
        FiscalYear::new(2021).unwrap()
    }

    #[test]
    fn a_file_of_progress_values_reads_by_chinese_headers() {
        let text = "指标编号,日期,完成情况,全年预计,偏差原因类型,偏差原因,完成可能性,整改措施\n\
                    #3,2021-07-31,120 人,160 人,人员保障,招录未满,有可能,加快招录\n\
                    4,2021/7/31,6 个,,,,确定能,\n";
        let rows = parse_progress(text, year(), &mut |_| {}).unwrap();
        assert_eq!(rows.len(), 2);
        let first = &rows[0].value;
        assert_eq!(
            (
                first.indicator,
                first.value.as_str(),
                first.projected.as_deref()
            ),
            (3, "120 人", Some("160 人"))
        );
        assert_eq!(
            (first.cause, first.likelihood),
            (Some(Cause::Staffing), Some(Likelihood::Possible))
        );
        assert_eq!(first.reason.as_deref(), Some("招录未满"));
        let second = &rows[1].value;
        assert_eq!(rows[1].number, 3);
        assert_eq!(
            (
                second.projected.as_ref(),
                second.cause,
                second.reason.as_ref()
            ),
            (None, None, None)
        );
        assert_eq!(second.likelihood, Some(Likelihood::Certain));
    }

    #[test]
    fn a_bad_cell_is_refused_by_row_and_column() {
        let head = "indicator,date,value,cause,likelihood\n";
        let cases = [
            ("1,2021-07-31,1 人,weather,\n", "row 2, column 'cause'"),
            ("1,2021-07-31,1 人,,maybe\n", "row 2, column 'likelihood'"),
            ("1,2022-01-01,1 人,,\n", "row 2, column 'date'"),
            ("x1,2021-07-31,1 人,,\n", "row 2, column 'indicator'"),
            ("1,2021-07-31,,,\n", "row 2, column 'value'"),
            (
                "1,2021-07-31,1 人,,\n1,2021-07-31,2 人,,\n",
                "already in row 2",
            ),
        ];
        for (rows, expected) in cases {
            let err = parse_progress(&format!("{head}{rows}"), year(), &mut |_| {})
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{rows}: {err}");
        }
    }
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
