//! The columns of each file kind and the headers accepted for them.
//!
//! A header matches a column when, ignoring case, surrounding spaces, a
//! byte-order mark, a leading `*` (templates mark required columns so) and a
//! trailing unit in brackets (`金额（元）`, `amount (yuan)`), it is the column's
//! name or one of its aliases; in English names a space or `-` may stand for
//! `_`. A unit of 万元 on the amount column makes its plain numbers 万元.
//! Columns no layout knows are ignored: treasury exports carry dozens.

use csv::StringRecord;

use super::error::{ImportError, Problem};

/// One column a file kind reads.
#[derive(Debug)]
pub struct Column {
    /// The English name gen.py and our exports write, also used in messages.
    pub name: &'static str,
    /// Other headers meaning the same column, lower case.
    pub aliases: &'static [&'static str],
    /// A file without this column is refused; an absent optional column reads
    /// as empty on every row.
    pub required: bool,
}

/// The columns of one file kind, in the order our own files write them.
#[derive(Debug)]
pub struct Layout {
    pub columns: &'static [Column],
}

macro_rules! layout {
    (@required required) => { true };
    (@required optional) => { false };
    ($(#[$meta:meta])* $layout:ident, $id:ident {
        $($variant:ident => $name:literal $required:ident [$($alias:literal),* $(,)?];)+
    }) => {
        #[doc = concat!("A column of [`", stringify!($layout), "`], by its position there.")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $id { $($variant),+ }

        impl From<$id> for usize {
            fn from(column: $id) -> usize {
                column as usize
            }
        }

        $(#[$meta])*
        pub static $layout: Layout = Layout {
            columns: &[$(Column {
                name: $name,
                aliases: &[$($alias),*],
                required: layout!(@required $required),
            }),+],
        };
    };
}

layout! {
    /// Budget lines (预算指标). `econ_class` and `project` are optional because
    /// a file of only project (only basic) lines has no use for them; the
    /// row-level rules still demand them where a line needs them.
    LINES, LineColumn {
        Code => "code" required ["编码", "指标编码", "代码", "指标代码", "指标编号"];
        Name => "name" required ["名称", "指标名称"];
        Kind => "kind" required ["支出类型", "类型"];
        Source => "source" required ["资金来源", "来源"];
        Level => "level" required ["资金级次", "级次"];
        EconClass => "econ_class" optional ["经济分类"];
        Project => "project" optional ["项目", "项目名称"];
        Amount => "amount" required ["金额", "指标金额", "支付金额", "调整金额"];
        DocNo => "doc_no" required ["文号", "指标文号", "本级指标文号", "调整文号"];
        AllocatedOn => "allocated_on" required ["日期", "下达日期", "指标下达日期"];
        SuperiorDocNo => "superior_doc_no" optional ["上级指标文号", "上级文号"];
        FunctionalCode => "functional_code" optional ["支出功能分类科目", "功能分类", "功能分类科目", "支出功能分类"];
        EconomicCode => "economic_code" optional ["经济分类科目", "经济分类编码", "部门经济分类", "部门经济分类科目", "政府经济分类", "政府经济分类科目"];
        FundType => "fund_type" optional ["资金性质"];
        ProjectCode => "project_code" optional ["项目编码", "项目代码"];
        OriginYear => "origin_year" optional ["资金年度", "指标年度", "结转年度"];
    }
}

layout! {
    /// Adjustments (指标调整): a positive amount adds to the line, a negative one reduces it.
    ADJUSTMENTS, AdjustmentColumn {
        Line => "line" required ["指标", "预算指标", "指标编码", "调入指标"];
        Date => "date" required ["日期", "调整日期"];
        Amount => "amount" required ["金额", "指标金额", "支付金额", "调整金额"];
        DocNo => "doc_no" required ["文号", "指标文号", "本级指标文号", "调整文号"];
        Reason => "reason" required ["原因", "调整原因"];
        BatchNo => "batch_no" optional ["批次号", "批次"];
        FromLine => "from_line" optional ["调出指标"];
    }
}

layout! {
    /// Disbursements (支付). `memo` is optional: treasury exports often lack it.
    DISBURSEMENTS, DisbursementColumn {
        Date => "date" required ["日期", "支付日期"];
        Line => "line" required ["指标", "预算指标", "指标编码"];
        Amount => "amount" required ["金额", "指标金额", "支付金额", "调整金额"];
        Payee => "payee" required ["收款人", "收款单位", "收款人全称", "收款人名称"];
        Voucher => "voucher" required ["凭证号", "支付凭证号"];
        Memo => "memo" optional ["摘要", "备注", "用途说明"];
        Contract => "contract" optional ["合同", "合同号", "合同编号"];
        RequestNo => "request_no" optional ["支付申请编号", "申请编号"];
        PayeeAccount => "payee_account" optional ["收款账号", "收款人账号"];
        Purpose => "purpose" optional ["用途"];
        Tags => "tags" optional ["标记", "支出标记"];
    }
}

layout! {
    /// Contract payments due (合同支付计划).
    SCHEDULE, ScheduleColumn {
        Line => "line" required ["指标", "预算指标", "指标编码"];
        Due => "due" required ["到期日", "应付日期", "计划支付日期"];
        Amount => "amount" required ["金额", "指标金额", "支付金额", "计划支付金额", "应付金额"];
        Payee => "payee" required ["收款人", "收款单位", "收款人全称", "收款人名称"];
        Contract => "contract" required ["合同", "合同号", "合同编号"];
        Memo => "memo" optional ["摘要", "备注", "用途说明"];
    }
}

layout! {
    /// Performance indicators (绩效指标) of projects. `actual` is optional: at
    /// the start of the year there is none.
    INDICATORS, IndicatorColumn {
        Project => "project" required ["项目", "项目名称"];
        Category => "category" required ["二级指标", "指标类别", "类别"];
        Name => "name" required ["三级指标", "指标名称", "名称"];
        Target => "target" required ["指标值", "年度指标值", "目标值"];
        Weight => "weight" required ["权重", "分值"];
        Actual => "actual" optional ["实际完成值", "完成值", "实际值"];
    }
}

layout! {
    /// What each project's form says (项目支出绩效自评表): every column but the
    /// project is optional, and an empty cell leaves that field as it is.
    /// The names are those of `FactField`, so a refusal lands on its column.
    PROJECT_FACTS, FactColumn {
        Project => "project" required ["项目", "项目名称"];
        Implementer => "implementer" optional ["实施单位"];
        Goal => "goal" optional ["预期目标", "项目年度目标", "年度总体目标"];
        Achieved => "achieved" optional ["实际完成情况", "年度目标完成情况"];
        Content => "content" optional ["项目实施内容及过程概述", "实施内容"];
        Conclusion => "conclusion" optional ["评价结论"];
        Problems => "problems" optional ["存在问题"];
        Improvements => "improvements" optional ["改进措施"];
        Leader => "leader" optional ["项目负责人"];
        FinanceLeader => "finance_leader" optional ["财务负责人"];
    }
}

layout! {
    /// Indicators' in-year progress values (绩效运行监控), one row per
    /// indicator and date, as the 双监控 return's columns name them.
    PROGRESS, ProgressColumn {
        Indicator => "indicator" required ["指标编号", "绩效指标编号", "指标id", "indicator_id"];
        Date => "date" required ["日期", "监控日期", "截至日期"];
        Value => "value" required ["完成情况", "绩效指标完成情况", "完成值"];
        Projected => "projected" optional ["全年预计", "全年预计完成情况", "绩效指标全年预计完成情况"];
        Cause => "cause" optional ["偏差原因类型", "偏差原因分类", "原因类型"];
        Reason => "reason" optional ["偏差原因", "偏差原因分析", "原因"];
        Likelihood => "likelihood" optional ["完成可能性", "完成目标可能性"];
        Rectify => "rectify" optional ["整改措施", "整改要求和建议"];
    }
}

/// Where a layout's columns are in one file, found once from its header row.
#[derive(Debug)]
pub struct Header {
    /// For each column of the layout, its index in the file's rows.
    at: Vec<Option<usize>>,
    /// For each column of the layout, its header as the file writes it (its
    /// name when the file lacks it), for messages.
    shown: Vec<String>,
    /// Fields in the header row; every row must have as many.
    pub width: usize,
    /// The amount column's header carries the unit 万元.
    pub amount_in_wan: bool,
}

impl Header {
    pub fn index(&self, column: usize) -> Option<usize> {
        self.at[column]
    }

    pub fn shown(&self, column: usize) -> &str {
        &self.shown[column]
    }
}

/// A header cell as written, without the mark, invisible characters and
/// spaces a spreadsheet or a paste adds around it.
fn as_written(cell: &str) -> &str {
    cell.trim_matches(|c: char| c.is_whitespace() || crate::domain::text::is_invisible(c))
}

/// A header reduced to what is compared, and the unit in brackets after it.
fn normalise(cell: &str) -> (String, Option<&str>) {
    let mut text = as_written(cell).trim_start_matches('*').trim();
    let mut unit = None;
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = text.strip_suffix(close)
            && let Some((head, u)) = inner.rsplit_once(open)
        {
            text = head.trim();
            unit = Some(u.trim());
            break;
        }
    }
    let key = text
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    (key, unit)
}

/// Finds the layout's columns in a header row; refuses a header that lacks a
/// required column or names one twice.
pub fn resolve(layout: &Layout, header: &StringRecord) -> Result<Header, ImportError> {
    let columns = layout.columns;
    let mut at: Vec<Option<usize>> = vec![None; columns.len()];
    let mut amount_in_wan = false;
    for (index, cell) in header.iter().enumerate() {
        let (key, unit) = normalise(cell);
        let Some(column) = columns
            .iter()
            .position(|c| c.name == key || c.aliases.contains(&key.as_str()))
        else {
            continue;
        };
        if let Some(first) = at[column] {
            return Err(ImportError {
                row: None,
                column: Some(columns[column].name.to_string()),
                problem: Problem::DuplicateColumn {
                    first: (first, as_written(&header[first]).to_string()),
                    second: (index, as_written(cell).to_string()),
                },
            });
        }
        at[column] = Some(index);
        if columns[column].name == "amount" {
            amount_in_wan = match unit.map(str::to_lowercase).as_deref() {
                None | Some("元" | "yuan" | "cny" | "rmb" | "¥") => false,
                Some("万元" | "万" | "10k yuan" | "wan") => true,
                Some(other) => {
                    return Err(ImportError {
                        row: None,
                        column: Some(as_written(cell).to_string()),
                        problem: Problem::Invalid(
                            format!(
                                "column '{}': the unit '{other}' is not one outlay reads (write the amounts in 元 or 万元)",
                                as_written(cell)
                            ),
                            format!(
                                "“{}”列：不认识单位“{other}”（金额请用元或万元）",
                                as_written(cell)
                            ),
                        ),
                    });
                }
            };
        }
    }
    let missing: Vec<&'static str> = columns
        .iter()
        .zip(&at)
        .filter(|(column, index)| column.required && index.is_none())
        .map(|(column, _)| column.name)
        .collect();
    if let Some(first) = missing.first() {
        return Err(ImportError {
            row: None,
            column: Some(first.to_string()),
            problem: Problem::MissingColumns {
                missing,
                found: header
                    .iter()
                    .map(as_written)
                    .filter(|h| !h.is_empty())
                    .map(str::to_string)
                    .collect(),
            },
        });
    }
    let shown = columns
        .iter()
        .zip(&at)
        .map(|(column, index)| match index {
            Some(i) => as_written(&header[*i]).to_string(),
            None => column.name.to_string(),
        })
        .collect();
    Ok(Header {
        at,
        shown,
        width: header.len(),
        amount_in_wan,
    })
}

/// The required columns of a layout, for the message about an empty file.
pub fn required(layout: &Layout) -> Vec<&'static str> {
    layout
        .columns
        .iter()
        .filter(|c| c.required)
        .map(|c| c.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> StringRecord {
        StringRecord::from(cells.to_vec())
    }

    #[test]
    fn chinese_and_decorated_headers_find_their_columns() {
        let h = resolve(
            &DISBURSEMENTS,
            &header(&[
                "\u{feff}支付日期",
                " 指标编码 ",
                "*支付金额（万元）",
                "收款人全称",
                "支付凭证号",
                "用途",
                "经办人",
            ]),
        )
        .unwrap();
        assert_eq!(h.index(DisbursementColumn::Date.into()), Some(0));
        assert_eq!(h.index(DisbursementColumn::Amount.into()), Some(2));
        assert_eq!(h.index(DisbursementColumn::Purpose.into()), Some(5));
        assert_eq!(h.index(DisbursementColumn::Memo.into()), None);
        assert_eq!(
            h.shown(DisbursementColumn::Amount.into()),
            "*支付金额（万元）"
        );
        assert_eq!(h.shown(DisbursementColumn::Date.into()), "支付日期");
        assert!(h.amount_in_wan);
        assert_eq!(h.width, 7);
    }

    #[test]
    fn english_headers_ignore_case_spaces_and_units() {
        let h = resolve(
            &LINES,
            &header(&[
                "Code",
                "NAME",
                "Kind",
                "source",
                "level",
                "amount (yuan)",
                "Doc No",
                "Allocated-On",
            ]),
        )
        .unwrap();
        assert_eq!(h.index(LineColumn::AllocatedOn.into()), Some(7));
        assert_eq!(h.index(LineColumn::DocNo.into()), Some(6));
        assert_eq!(h.index(LineColumn::Amount.into()), Some(5));
        assert!(!h.amount_in_wan);
    }

    #[test]
    fn the_same_word_means_a_different_column_per_file_kind() {
        let lines = resolve(
            &LINES,
            &header(&[
                "指标编码",
                "名称",
                "类型",
                "来源",
                "级次",
                "金额",
                "文号",
                "日期",
            ]),
        )
        .unwrap();
        assert_eq!(lines.index(LineColumn::Code.into()), Some(0));
        assert_eq!(lines.index(LineColumn::AllocatedOn.into()), Some(7));
        let adj = resolve(
            &ADJUSTMENTS,
            &header(&["指标编码", "日期", "金额", "文号", "原因"]),
        )
        .unwrap();
        assert_eq!(adj.index(AdjustmentColumn::Line.into()), Some(0));
        assert_eq!(adj.index(AdjustmentColumn::Date.into()), Some(1));
    }

    #[test]
    fn a_missing_column_is_named_with_what_was_found() {
        let e = resolve(
            &DISBURSEMENTS,
            &header(&["date", "line", "amount", "payee"]),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "missing column 'voucher' (found: date, line, amount, payee)"
        );
        assert_eq!(e.column.as_deref(), Some("voucher"));
        assert_eq!(e.row, None);
    }

    #[test]
    fn a_column_named_twice_is_refused() {
        let e = resolve(
            &DISBURSEMENTS,
            &header(&["date", "line", "金额", "payee", "voucher", "支付金额"]),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "column 'amount' appears twice in the header (column C '金额' and column F '支付金额')"
        );
    }

    #[test]
    fn every_alias_is_already_normalised_and_unique_in_its_layout() {
        for layout in [
            &LINES,
            &ADJUSTMENTS,
            &DISBURSEMENTS,
            &SCHEDULE,
            &INDICATORS,
            &PROJECT_FACTS,
            &PROGRESS,
        ] {
            let mut seen = std::collections::HashSet::new();
            for column in layout.columns {
                for word in std::iter::once(&column.name).chain(column.aliases) {
                    assert_eq!(normalise(word).0, *word, "{word} would never match");
                    assert!(seen.insert(*word), "{word} names two columns");
                }
            }
        }
    }
}
