//! CSV that opens in Excel and WPS: UTF-8 with a byte-order mark (without it
//! they read Chinese as GBK), the tables one after another, each under its
//! heading and separated by a blank row.

use super::{Block, Document};

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn to_csv(document: &Document) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(BOM.to_vec());
    let mut first = true;
    for block in &document.blocks {
        let mut record = |cells: &[&str]| {
            // Writing into memory cannot fail.
            let _ = writer.write_record(cells);
        };
        match block {
            Block::Heading { text, .. } => {
                if !first {
                    record(&[""]);
                }
                record(&[text]);
            }
            Block::Paragraph(text) => record(&[text]),
            Block::Table(table) => {
                let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
                record(&headers);
                for row in &table.rows {
                    let cells: Vec<&str> = row.iter().map(String::as_str).collect();
                    record(&cells);
                }
            }
        }
        first = false;
    }
    writer.into_inner().unwrap_or_default()
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
        assert_eq!(
            text,
            "资金\n项目,金额\n\"基本支出, 年初\",373.29\n\"\"\n执行\n"
        );
    }
}
