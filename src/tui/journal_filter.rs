//! The payments journal's filter text: `line:P05 month:2021-06 free text`.

use crate::domain::Refusal;
use crate::ledger::DisbursementQuery;

/// Reads `line:P05 month:2021-06 free text` into a journal query.
pub fn journal_query(text: &str) -> Result<DisbursementQuery, Refusal> {
    let mut query = DisbursementQuery::default();
    let mut words = Vec::new();
    for token in text.split_whitespace() {
        if let Some(text) = token
            .strip_prefix("payee:")
            .or_else(|| token.strip_prefix("text:"))
        {
            words.push(text);
        } else if let Some(line) = token.strip_prefix("line:") {
            query.line = Some(line.to_string());
        } else if let Some(month) = token.strip_prefix("month:") {
            query.month = Some(parse_month(month)?);
        } else if let Ok(month) = parse_month(token) {
            query.month = Some(month);
        } else {
            words.push(token);
        }
    }
    query.text = (!words.is_empty()).then(|| words.join(" "));
    Ok(query)
}

fn parse_month(text: &str) -> Result<(i32, u32), Refusal> {
    let bad = || {
        Refusal::field_in(
            "filter",
            format!("'{text}' is not a month (write e.g. month:2021-06)"),
            format!("“{text}”不是月份（可写 month:2021-06）"),
        )
    };
    crate::domain::parse_month(text).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_filter_reads_line_month_and_text() {
        let q = journal_query("line:P05 2021-06 救援").unwrap();
        assert_eq!(
            (q.line.as_deref(), q.month, q.text.as_deref()),
            (Some("P05"), Some((2021, 6)), Some("救援"))
        );
        assert_eq!(
            journal_query("month:2021-13").unwrap_err().field_name(),
            "filter"
        );
        assert_eq!(journal_query("").unwrap().text, None);
    }
}
