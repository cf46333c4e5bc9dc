//! CSV that opens in Excel and WPS: UTF-8 with a byte-order mark (without it
//! they read Chinese as GBK), the tables one after another, each under its
//! heading and separated by a blank row.

use super::{Block, Document};

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn to_csv(document: &Document) -> Vec<u8> {
    let mut out = BOM.to_vec();
    for (n, block) in document.blocks.iter().enumerate() {
        if n > 0 && matches!(block, Block::Heading { .. }) {
            // A truly empty row between tables (a CSV writer would write `""`).
            out.push(b'\n');
        }
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let mut record = |cells: &[&str]| {
            // Writing into memory cannot fail.
            let _ = writer.write_record(cells);
        };
        match block {
            Block::Heading { text, .. } => record(&[text]),
            Block::Paragraph(text) => record(&[text]),
            Block::Table(table) => {
                let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
                record(&headers);
                for row in &table.rows {
                    let cells: Vec<String> = row.iter().map(|c| inert(c)).collect();
                    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                    record(&cells);
                }
            }
        }
        let _ = writer.flush();
    }
    out
}

/// A cell Excel and WPS will not run as a formula. A target such as
/// `= 7 大项` gets the full-width `＝`, which reads the same and which outlay
/// reads back as the same comparator; any other text starting like a formula
/// (`+`, `-`, `@`) gets a leading apostrophe. Numbers stay numbers.
fn inert(cell: &str) -> String {
    let is_number = cell.trim_end_matches('%').parse::<f64>().is_ok();
    match cell.chars().next() {
        Some('=') => format!("＝{}", &cell[1..]),
        Some('+' | '-' | '@' | '\t' | '\r') if !is_number => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Table;
    use super::*;

    #[test]
    fn starts_with_a_bom_and_keeps_tables_apart() {
        let mut doc = Document::default();
        doc.heading(2, "资金");
        let mut t = Table::new(["项目", "金额"], &[1]);
        t.row(["基本支出, 年初", "373.29"]);
        doc.table(t);
        doc.heading(2, "执行");
        let bytes = to_csv(&doc);
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "资金\n项目,金额\n\"基本支出, 年初\",373.29\n\n执行\n");
    }

    #[test]
    fn cells_never_start_a_formula() {
        assert_eq!(inert("= 7 大项"), "＝ 7 大项");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("-HYPERLINK(x)"), "'-HYPERLINK(x)");
        // figures stay figures
        assert_eq!(inert("-1.42"), "-1.42");
        assert_eq!(inert("+6.89"), "+6.89");
        assert_eq!(inert("-46.90%"), "-46.90%");
        assert_eq!(inert("≥ 160 人"), "≥ 160 人");
    }
}
