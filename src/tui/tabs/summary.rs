//! Summary (年度汇总): the year-end summary laid out as the report reads,
//! scrolled like a document. Prose wraps to the screen; tables keep their
//! rows whole and shift sideways when wider than the screen. The same
//! document exports as Markdown or CSV.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use comfy_table::presets;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Frame_, Paragraph};
use unicode_width::UnicodeWidthChar;

use super::Render;
use super::project_form::FormView;
use crate::document::summary::{Style as DocStyle, summary_document};
use crate::document::workbook::document_workbook;
use crate::document::{Block, Document, Table, to_csv, to_markdown};
use crate::domain::form::Layout;
use crate::domain::summary::YearSummary;
use crate::tui::keymap::{Action, Keymap};
use crate::tui::widgets::one_line;

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Markdown,
    Csv,
    /// A workbook: only a project's form has one.
    Xlsx,
}

impl Export {
    pub fn extension(self) -> &'static str {
        match self {
            Export::Markdown => "md",
            Export::Csv => "csv",
            Export::Xlsx => "xlsx",
        }
    }
}

/// Writes `bytes` into `dir` as `NAME` (`outlay-summary-2021.md`), or, when
/// that file exists, as `NAME-2`, `NAME-3` …: an earlier export, perhaps
/// already sent, is never overwritten. Returns the path written.
pub fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    use std::io::Write;
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    // Bounded: a directory someone filled with NAME-2 … NAME-999 gets a refusal, not a hang.
    for n in 1..1000 {
        let file = match n {
            1 => name.to_string(),
            n => format!("{stem}-{n}.{extension}"),
        };
        let path = dir.join(file);
        // create_new: no other export can slip in between the test and the write.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(bytes)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!(
            "{name} and 998 numbered copies already exist in {}",
            dir.display()
        ),
    ))
}

/// A document read on screen: scrolled by lines, its wide tables shifted
/// sideways. The summary and a project's form both read this way.
#[derive(Debug, Default)]
pub struct DocView {
    document: Document,
    /// First line shown.
    scroll: usize,
    /// Columns tables are shifted left by.
    shift: usize,
    /// The furthest `scroll` can go, as of the last draw.
    max_scroll: Cell<usize>,
    /// The widest table line, as of the last draw.
    widest: Cell<usize>,
}

impl DocView {
    /// Shows `document`, keeping the place (a refresh of the same one).
    pub fn set(&mut self, document: Document) {
        self.document = document;
    }

    /// Shows another document from its top.
    pub fn replace(&mut self, document: Document) {
        self.document = document;
        self.scroll = 0;
        self.shift = 0;
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    pub fn scroll_by(&mut self, lines: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(lines)
            .min(self.max_scroll.get());
    }

    pub fn scroll_to(&mut self, top: bool) {
        self.scroll = if top { 0 } else { self.max_scroll.get() };
    }

    pub fn shift_by(&mut self, columns: isize) {
        self.shift = self
            .shift
            .saturating_add_signed(columns)
            .min(self.widest.get());
    }

    /// Moves by a list key; false for a key that does not move a document.
    pub fn act(&mut self, action: Action, page: isize) -> bool {
        match action {
            Action::Up => self.scroll_by(-1),
            Action::Down => self.scroll_by(1),
            Action::PageUp => self.scroll_by(-page),
            Action::PageDown => self.scroll_by(page),
            Action::First => self.scroll_to(true),
            Action::Last => self.scroll_to(false),
            Action::ShiftLeft => self.shift_by(-8),
            Action::ShiftRight => self.shift_by(8),
            _ => return false,
        }
        true
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, block: Frame_) {
        let inner = block.inner(area);
        let width = usize::from(inner.width.max(1));
        let (lines, widest) = layout(&self.document, width, self.shift);
        let height = usize::from(inner.height);
        self.max_scroll.set(lines.len().saturating_sub(height));
        self.widest.set(widest.saturating_sub(width));
        let top = self.scroll.min(self.max_scroll.get());
        let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
        frame.render_widget(Paragraph::new(shown).block(block), area);
    }
}

#[derive(Debug)]
pub struct SummaryTab {
    year: i32,
    pub view: DocView,
    /// The project's form shown instead of the summary, when one is open.
    pub form: Option<FormView>,
    /// The layout forms open in; the layout key switches it.
    pub layout: Layout,
}

impl Default for SummaryTab {
    fn default() -> SummaryTab {
        SummaryTab {
            year: 0,
            view: DocView::default(),
            form: None,
            layout: Layout::National,
        }
    }
}

impl SummaryTab {
    pub fn rebuild(&mut self, summary: &YearSummary, r: Render) {
        self.year = summary.year;
        self.view.set(summary_document(
            summary,
            DocStyle {
                lang: r.lang,
                unit: r.unit,
            },
        ));
    }

    pub fn document(&self) -> &Document {
        self.view.document()
    }

    /// Writes the summary into `dir` as `outlay-summary-YEAR.md`, `.csv` or
    /// `.xlsx` (as `outlay summary --format …` writes it) and says where.
    pub fn export(&self, format: Export, dir: &Path) -> std::io::Result<PathBuf> {
        let document = self.view.document();
        let bytes = match format {
            Export::Markdown => to_markdown(document).into_bytes(),
            Export::Csv => to_csv(document),
            Export::Xlsx => document_workbook(document).map_err(std::io::Error::other)?,
        };
        let name = format!("outlay-summary-{}.{}", self.year, format.extension());
        write_new(dir, &name, &bytes)
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, r: Render, keys: &Keymap) {
        if let Some(form) = &self.form {
            return form.draw(frame, area, r, keys);
        }
        // The keys that move the document, the exports, then the way to the
        // projects' forms: it fits 80 columns.
        let title = format!(
            " {} · {}/{}/{}/{} · {} Markdown · {} CSV · {} {} ",
            r.in_unit(r.pick("年度汇总", "Year-end summary")),
            keys.hint(Action::Up),
            keys.hint(Action::Down),
            keys.hint(Action::ShiftLeft),
            keys.hint(Action::ShiftRight),
            keys.hint(Action::ExportMarkdown),
            keys.hint(Action::ExportCsv),
            keys.hint(Action::Open),
            r.pick("项目自评表", "project forms"),
        );
        let write = format!(
            " {} {} ",
            keys.hint(Action::EditFact),
            r.pick(
                "填写部门报告：结论、问题、改进",
                "write the report's conclusion, problems, improvements"
            ),
        );
        let block = Frame_::bordered().title(title).title_bottom(write);
        self.view.draw(frame, area, block);
    }
}

/// The document as screen lines `width` wide, tables shifted left by
/// `shift` columns; also the width of the widest table line.
fn layout(document: &Document, width: usize, shift: usize) -> (Vec<Line<'static>>, usize) {
    let mut lines = Vec::new();
    let mut widest = 0;
    for (n, block) in document.blocks.iter().enumerate() {
        match block {
            Block::Heading { level, text } => {
                if n > 0 {
                    lines.push(Line::default());
                }
                let style = match level {
                    1 => Style::default()
                        .fg(Color::Cyan)
                        .add_modifier(Modifier::BOLD),
                    2 => Style::default()
                        .fg(Color::Yellow)
                        .add_modifier(Modifier::BOLD),
                    _ => Style::default().add_modifier(Modifier::BOLD),
                };
                for part in textwrap::wrap(&one_line(text), width) {
                    lines.push(Line::styled(part.into_owned(), style));
                }
            }
            Block::Paragraph(text) => {
                for paragraph_line in text.lines() {
                    for part in textwrap::wrap(&one_line(paragraph_line), width) {
                        lines.push(Line::raw(part.into_owned()));
                    }
                }
            }
            Block::Table(table) => {
                let rows = table_lines(table);
                let table_width = rows
                    .iter()
                    .map(|text| text.chars().filter_map(|c| c.width()).sum::<usize>())
                    .max()
                    .unwrap_or(0);
                widest = widest.max(table_width);
                // A table shifts only as far as it is wider than the screen;
                // its first column (the row's label) stays where it is.
                let shift = shift.min(table_width.saturating_sub(width));
                let label = label_width(table).min(width / 2);
                for (row, text) in rows.into_iter().enumerate() {
                    let shown = if shift == 0 {
                        clip(&text, 0, width)
                    } else {
                        let mut frozen = clip(&text, 0, label);
                        frozen.push_str(&clip(&text, label + shift, width - label));
                        frozen
                    };
                    lines.push(if row == 0 {
                        Line::from(Span::styled(
                            shown,
                            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                        ))
                    } else {
                        Line::raw(shown)
                    });
                }
            }
        }
    }
    (lines, widest)
}

/// A table as aligned text lines, header first (comfy-table measures CJK
/// widths); amounts grouped by thousands for reading (the exports keep
/// them plain, for a spreadsheet to read as numbers).
fn table_lines(table: &Table) -> Vec<String> {
    let mut grouped = table.clone();
    for row in &mut grouped.rows {
        for cell in row.iter_mut() {
            if is_plain_amount(cell) {
                *cell = crate::domain::money::group_thousands(cell);
            }
        }
    }
    crate::document::grid(&grouped, presets::NOTHING)
        .lines()
        .collect()
}

/// `-14180.00`, `3732900.5`: a number as the documents write amounts.
fn is_plain_amount(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    whole.len() > 3
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit())
        && !fraction.is_empty()
}

/// Display columns of a table's first column as drawn: its widest cell and
/// the padding on each side.
fn label_width(table: &Table) -> usize {
    let width = |text: &str| text.chars().filter_map(|c| c.width()).sum::<usize>();
    table
        .headers
        .first()
        .into_iter()
        .chain(table.rows.iter().filter_map(|r| r.first()))
        .map(|t| width(t))
        .max()
        .unwrap_or(0)
        + 2
}

/// The part of `text` from display column `skip`, at most `width` columns;
/// a wide character cut in half becomes a space.
fn clip(text: &str, skip: usize, width: usize) -> String {
    let mut out = String::new();
    let mut column = 0;
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        let start = column;
        column += w;
        if column <= skip {
            continue;
        }
        if start < skip {
            // Straddles the left edge.
            out.push(' ');
            used += column - skip;
            continue;
        }
        if used + w > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_counts_display_columns() {
        assert_eq!(clip("资金 1.00", 0, 4), "资金");
        assert_eq!(clip("资金 1.00", 1, 4), " 金 ");
        assert_eq!(clip("abc", 5, 4), "");
        assert_eq!(clip("ab资", 0, 3), "ab");
    }

    #[test]
    fn tables_stay_whole_and_prose_wraps() {
        let mut doc = Document::default();
        doc.heading(1, "汇总");
        doc.paragraph("这是一段很长的说明文字，需要换行显示");
        let mut t = Table::new(["项目", "金额"], &[1]);
        t.row(["基本支出", "373.29"]);
        doc.table(t);
        let (lines, widest) = layout(&doc, 12, 0);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text[0], "汇总");
        assert_eq!(text[1], "这是一段很长");
        assert!(
            text.iter()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 12)
        );
        assert!(widest > 12, "the table is wider than the screen: {widest}");
        let row = lines.last().unwrap().to_string();
        assert!(row.contains("基本支出"), "{row}");
        // shifted, the label column stays (up to half the screen) and the
        // figures move under it; far right, the table's right edge is on screen
        let (far, _) = layout(&doc, 16, 100);
        let row = far.last().unwrap().to_string();
        assert!(row.starts_with(" 基本"), "the label stays: {row}");
        assert!(row.contains("373.29"), "{row}");
        // a table narrower than the screen never moves
        let mut narrow = Document::default();
        let mut t = Table::new(["项目"], &[]);
        t.row(["甲"]);
        narrow.table(t);
        let (unshifted, _) = layout(&narrow, 40, 0);
        let (shifted, _) = layout(&narrow, 40, 8);
        assert_eq!(unshifted, shifted);
    }
}
