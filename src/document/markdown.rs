//! Markdown a person can paste into the report: ATX headings, pipe tables.

use super::{Block, Document};

pub fn to_markdown(document: &Document) -> String {
    let mut out = String::new();
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(usize::from((*level).clamp(1, 6))));
                out.push(' ');
                out.push_str(&inline(text));
                out.push_str("\n\n");
            }
            Block::Paragraph(text) => {
                // A blank line would end the paragraph; keep the writer's
                // line breaks as hard breaks.
                let lines: Vec<String> = text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| escape_start(&inline(l.trim_end())))
                    .collect();
                out.push_str(&lines.join("  \n"));
                out.push_str("\n\n");
            }
            Block::Table(table) => {
                out.push_str(&row(&table.headers));
                let rule: Vec<String> = (0..table.headers.len())
                    .map(|c| {
                        if table.figures.contains(&c) {
                            "---:".to_string()
                        } else {
                            "---".to_string()
                        }
                    })
                    .collect();
                out.push_str(&format!("|{}|\n", rule.join("|")));
                for r in &table.rows {
                    out.push_str(&row(r));
                }
                out.push('\n');
            }
        }
    }
    out
}

fn row(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    format!("| {} |\n", cells.join(" | "))
}

/// A table cell holds one line and no pipe; a backslash is itself, not an escape.
fn cell(text: &str) -> String {
    inline(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

/// Text as text: no raw HTML gets through.
fn inline(text: &str) -> String {
    text.replace('\r', "").replace('<', "&lt;")
}

/// A paragraph line that starts like a heading, a list, a quote or an
/// underline (`===` makes the line above a heading) would be read as one;
/// escape its first character.
fn escape_start(line: &str) -> String {
    match line.chars().next() {
        Some('#' | '>' | '-' | '+' | '*' | '|' | '=') => format!("\\{line}"),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Table;
    use super::*;

    #[test]
    fn headings_paragraphs_and_tables() {
        let mut doc = Document::default();
        doc.heading(1, "汇总");
        doc.paragraph("第一行\n\n# 不是标题\n===\n<b>原样</b>");
        let mut t = Table::new(["项目", "金额"], &[1]);
        t.row(["a|b", "1.00"]);
        doc.table(t);
        assert_eq!(
            to_markdown(&doc),
            "# 汇总\n\n第一行  \n\\# 不是标题  \n\\===  \n&lt;b>原样&lt;/b>\n\n| 项目 | 金额 |\n|---|---:|\n| a\\|b | 1.00 |\n\n"
        );
    }
}
