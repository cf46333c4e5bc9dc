//! Why a file cannot be imported: one sentence naming the row and the column.

use crate::domain::Refusal;

/// The first thing wrong with an imported file. Nothing of the file is kept when
/// one is raised: import is all-or-nothing.
///
/// `row` is the row as a spreadsheet numbers it (the header is row 1) and
/// `column` the column's header as the file writes it (`支付金额`, `amount` …),
/// so a user can find the cell; where the file has no such header (a missing
/// column, a refusal built with [`ImportError::refused`]) it is the column's
/// English name. The `Display` form is one sentence without the file
/// name; a caller that has one prefixes it: `format!("{file}: {error}")`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.sentence())]
pub struct ImportError {
    pub row: Option<usize>,
    pub column: Option<String>,
    pub problem: Problem,
}

/// What is wrong, without where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The bytes are not text in any encoding we read.
    NotText,
    /// The byte at `offset` (and the row it is on) is not valid in `encoding`;
    /// `mostly_utf8` when the encoding was detected, the rest being UTF-8.
    Undecodable {
        encoding: &'static str,
        offset: usize,
        mostly_utf8: bool,
    },
    /// An Excel or WPS workbook (.xlsx, .xls) instead of its CSV export.
    Workbook,
    /// No header row at all; `expected` lists the required columns.
    Empty { expected: Vec<&'static str> },
    /// Required columns absent from the header (`column` holds the first).
    MissingColumns {
        missing: Vec<&'static str>,
        found: Vec<String>,
    },
    /// Two headers that mean the same column, as written, with their positions.
    DuplicateColumn {
        first: (usize, String),
        second: (usize, String),
    },
    /// A row with another number of fields than the header.
    FieldCount { expected: usize, found: usize },
    /// A value that is malformed or breaks a rule of the domain: what is
    /// wrong in English and in Chinese.
    Invalid(String, String),
    /// CSV the reader cannot make sense of.
    Syntax(String),
}

impl ImportError {
    pub(crate) fn file(problem: Problem) -> ImportError {
        ImportError {
            row: None,
            column: None,
            problem,
        }
    }

    pub(crate) fn cell(
        row: usize,
        column: impl Into<String>,
        en: String,
        zh: String,
    ) -> ImportError {
        ImportError {
            row: Some(row),
            column: Some(column.into()),
            problem: Problem::Invalid(en, zh),
        }
    }

    /// A refusal raised for an imported row after parsing (an unknown line, a
    /// voucher already stored …), in the same form as the parser's own errors.
    /// The column is the refusal's field name (`line`, `voucher` …).
    pub fn refused(row: usize, refusal: &Refusal) -> ImportError {
        let (en, zh) = refusal_messages(refusal);
        ImportError::cell(row, refusal.field_name(), en, zh)
    }

    fn sentence(&self) -> String {
        let column = self.column.as_deref().unwrap_or("?");
        match (&self.problem, self.row) {
            (Problem::NotText, _) => "the file is neither UTF-8 nor GBK text".into(),
            (
                Problem::Undecodable {
                    encoding,
                    offset,
                    mostly_utf8,
                },
                row,
            ) => {
                let hint = match (*encoding, mostly_utf8) {
                    (_, true) => {
                        "; the rest of the file is UTF-8: fix that byte, or import with --encoding gbk if the file is GBK"
                    }
                    ("UTF-8", false) => "; import with --encoding gbk if the file is GBK",
                    _ => "",
                };
                format!(
                    "row {} (byte offset {offset}): not valid {encoding} text{hint}",
                    row.unwrap_or(0)
                )
            }
            (Problem::Workbook, _) => "the file is an Excel workbook, not CSV text \
                 (save it as CSV from Excel or WPS first: 另存为 → CSV)"
                .into(),
            (Problem::Empty { expected }, _) => format!(
                "the file is empty (expected a header row with the columns {})",
                expected.join(", ")
            ),
            (Problem::MissingColumns { missing, found }, _) => {
                let found = if found.is_empty() {
                    "no named columns".to_string()
                } else {
                    found.join(", ")
                };
                let plural = if missing.len() == 1 { "" } else { "s" };
                let names: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
                format!(
                    "missing column{plural} {} (found: {found})",
                    names.join(", ")
                )
            }
            (Problem::DuplicateColumn { first, second }, _) => format!(
                "column '{column}' appears twice in the header (column {} '{}' and column {} '{}')",
                letters(first.0),
                first.1,
                letters(second.0),
                second.1
            ),
            (Problem::FieldCount { expected, found }, row) => {
                let hint = if found > expected {
                    "; a value containing a comma, such as 1,200.00, must be in double quotes"
                } else {
                    ""
                };
                format!(
                    "row {} has {found} fields but the header has {expected}{hint}",
                    row.unwrap_or(0)
                )
            }
            (Problem::Invalid(message, _), Some(row)) => match &self.column {
                Some(column) => format!("row {row}, column '{column}': {message}"),
                None => format!("row {row}: {message}"),
            },
            (Problem::Invalid(message, _), None) => message.clone(),
            (Problem::Syntax(message), Some(row)) => format!("row {row}: {message}"),
            (Problem::Syntax(message), None) => message.clone(),
        }
    }
}

impl ImportError {
    /// The same sentence in Chinese: `第 17 行，“支付金额”列：…`.
    pub fn sentence_zh(&self) -> String {
        // A column named by its field (a refusal after parsing) reads in Chinese.
        let column = crate::i18n::Lang::Zh.field(self.column.as_deref().unwrap_or("?"));
        let column = column.as_str();
        match (&self.problem, self.row) {
            (Problem::NotText, _) => "文件既不是 UTF-8 也不是 GBK 文本".into(),
            (
                Problem::Undecodable {
                    encoding,
                    offset,
                    mostly_utf8,
                },
                row,
            ) => {
                let hint = match (*encoding, mostly_utf8) {
                    (_, true) => {
                        "；文件其余部分是 UTF-8：请修正该字节，若文件是 GBK 请加 --encoding gbk"
                    }
                    ("UTF-8", false) => "；若文件是 GBK 请加 --encoding gbk",
                    _ => "",
                };
                format!(
                    "第 {} 行（字节偏移 {offset}）不是有效的 {encoding} 文本{hint}",
                    row.unwrap_or(0)
                )
            }
            (Problem::Workbook, _) => {
                "这是 Excel 工作簿而不是 CSV 文本（请先在 Excel 或 WPS 中另存为 CSV）".into()
            }
            (Problem::Empty { expected }, _) => {
                format!("文件是空的（应有含以下列的表头：{}）", expected.join("、"))
            }
            (Problem::MissingColumns { missing, found }, _) => {
                let found = if found.is_empty() {
                    "没有列名".to_string()
                } else {
                    found.join("、")
                };
                let names: Vec<String> = missing.iter().map(|m| format!("“{m}”")).collect();
                format!("缺少列 {}（现有：{found}）", names.join("、"))
            }
            (Problem::DuplicateColumn { first, second }, _) => format!(
                "“{column}”列在表头中出现两次（第 {} 列“{}”和第 {} 列“{}”）",
                letters(first.0),
                first.1,
                letters(second.0),
                second.1
            ),
            (Problem::FieldCount { expected, found }, row) => {
                let hint = if found > expected {
                    "；含逗号的值（如 1,200.00）须用英文双引号括起"
                } else {
                    ""
                };
                format!(
                    "第 {} 行有 {found} 个字段，表头有 {expected} 个{hint}",
                    row.unwrap_or(0)
                )
            }
            (Problem::Invalid(_, message), Some(row)) => match &self.column {
                Some(_) => format!("第 {row} 行，“{column}”列：{message}"),
                None => format!("第 {row} 行：{message}"),
            },
            (Problem::Invalid(_, message), None) => message.clone(),
            (Problem::Syntax(message), Some(row)) => format!("第 {row} 行：{message}"),
            (Problem::Syntax(message), None) => message.clone(),
        }
    }
}

/// A refusal's sentence in English and in Chinese, without the field name
/// it starts with: the error names the column itself.
pub(crate) fn refusal_messages(refusal: &Refusal) -> (String, String) {
    let strip = |sentence: String, field: &str, separator: &str| {
        sentence
            .strip_prefix(field)
            .and_then(|rest| rest.strip_prefix(separator))
            .map_or_else(|| sentence.clone(), str::to_string)
    };
    let field = refusal.field_name();
    (
        strip(refusal.to_string(), field, ": "),
        strip(
            crate::i18n::Lang::Zh.refusal(refusal),
            &crate::i18n::Lang::Zh.field(field),
            "：",
        ),
    )
}

/// A spreadsheet's name for the column at a 0-based index: A … Z, AA, AB …
pub(crate) fn letters(index: usize) -> String {
    let mut n = index + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_the_spreadsheet() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(letters(701), "ZZ");
        assert_eq!(letters(702), "AAA");
    }

    #[test]
    fn a_refusal_after_parsing_reads_like_a_parse_error() {
        let e = ImportError::refused(17, &Refusal::UnknownLine("P99".into()));
        assert_eq!(
            e.to_string(),
            "row 17, column 'line': no budget line has the code 'P99'"
        );
        assert_eq!(e.row, Some(17));
        assert_eq!(e.column.as_deref(), Some("line"));
    }

    #[test]
    fn sentences_for_whole_file_problems() {
        let e = ImportError::file(Problem::MissingColumns {
            missing: vec!["payee", "voucher"],
            found: vec!["date".into(), "line".into(), "amount".into()],
        });
        assert_eq!(
            e.to_string(),
            "missing columns 'payee', 'voucher' (found: date, line, amount)"
        );
        let e = ImportError {
            row: Some(9),
            column: None,
            problem: Problem::FieldCount {
                expected: 6,
                found: 7,
            },
        };
        assert!(
            e.to_string()
                .starts_with("row 9 has 7 fields but the header has 6; a value containing a comma"),
            "{e}"
        );
    }
}
