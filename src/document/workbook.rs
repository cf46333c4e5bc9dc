//! Any report document (the year-end summary) as an Excel/WPS workbook: one
//! sheet per section under the document's title, tables bordered with their
//! figures as numbers (amounts `0.00`, rates `0.00"%"` holding the percent
//! the JSON gives), prose merged across the sheet and wrapped, A4 landscape.
//! The cells are the Markdown export's, so the two never disagree.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::xlsx::{bordered_cell, fit, page_setup, sheet_name};
use super::{Block, Document, Table};

/// Widest a column is made, in characters; longer text wraps.
const WIDEST: f64 = 48.0;

struct Formats {
    title: Format,
    heading: Format,
    prose: Format,
    label: Format,
    text: Format,
    amount: Format,
    rate: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = bordered_cell();
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            heading: Format::new().set_bold().set_font_size(12),
            prose: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            label: cell.clone().set_bold().set_align(FormatAlign::Center),
            text: cell.clone(),
            amount: cell.clone().set_num_format("0.00"),
            rate: cell.set_num_format("0.00\"%\""),
        }
    }
}

/// A sheet's blocks: the section's heading and what follows it.
struct Section<'d> {
    name: String,
    blocks: Vec<&'d Block>,
}

/// Splits the document at its level-2 headings; the title (level 1) and any
/// paragraph before the first section lead every sheet.
fn sections(doc: &Document) -> (Vec<&Block>, Vec<Section<'_>>) {
    let mut lead = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level: 2, text } => sections.push(Section {
                name: text.clone(),
                blocks: vec![block],
            }),
            _ => match sections.last_mut() {
                Some(section) => section.blocks.push(block),
                None => lead.push(block),
            },
        }
    }
    (lead, sections)
}

pub fn document_workbook(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let f = Formats::new();
    let (lead, sections) = sections(doc);
    let mut used: Vec<String> = Vec::new();
    for (n, section) in sections.iter().enumerate() {
        let name = sheet_name(n + 1, &section.name, &used);
        used.push(name.clone());
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        let blocks: Vec<&Block> = lead.iter().chain(&section.blocks).copied().collect();
        write_sheet(sheet, &blocks, &f)?;
    }
    if sections.is_empty() {
        write_sheet(book.add_worksheet(), &lead, &f)?;
    }
    book.save_to_buffer()
}

/// Each column as wide as its widest cell, within reason.
fn widths(blocks: &[&Block]) -> Vec<f64> {
    let mut widths: Vec<f64> = Vec::new();
    for block in blocks {
        if let Block::Table(table) = block {
            let rows = std::iter::once(&table.headers).chain(&table.rows);
            for row in rows {
                for (col, cell) in row.iter().enumerate() {
                    if widths.len() <= col {
                        widths.resize(col + 1, 8.0);
                    }
                    let w = (cell.width() as f64 + 2.0).min(WIDEST);
                    widths[col] = widths[col].max(w);
                }
            }
        }
    }
    if widths.len() < 6 {
        widths.resize(6, 12.0);
    }
    widths
}

fn write_sheet(sheet: &mut Worksheet, blocks: &[&Block], f: &Formats) -> Result<(), XlsxError> {
    let widths = widths(blocks);
    let last = (widths.len() - 1) as u16;
    let across: f64 = widths.iter().sum();
    page_setup(sheet, &widths)?;
    let mut row: u32 = 0;
    for block in blocks {
        match block {
            Block::Heading { level, text } => {
                if row > 0 && *level > 1 {
                    row += 1;
                }
                let format = if *level == 1 { &f.title } else { &f.heading };
                sheet.write_string_with_format(row, 0, text.as_str(), format)?;
                row += 1;
            }
            Block::Paragraph(text) => {
                sheet.merge_range(row, 0, row, last, text, &f.prose)?;
                fit(sheet, row, text, across)?;
                row += 1;
            }
            Block::Table(table) => {
                write_table(sheet, row, table, &widths, f)?;
                row += 1 + table.rows.len() as u32;
            }
        }
    }
    Ok(())
}

fn write_table(
    sheet: &mut Worksheet,
    top: u32,
    table: &Table,
    widths: &[f64],
    f: &Formats,
) -> Result<(), XlsxError> {
    for (col, header) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(top, col as u16, header.as_str(), &f.label)?;
    }
    for (n, cells) in table.rows.iter().enumerate() {
        let row = top + 1 + n as u32;
        for (col, cell) in cells.iter().enumerate() {
            let figure = table.figures.contains(&col);
            write_cell(sheet, row, col as u16, cell, figure, f)?;
        }
        // The row is as tall as the cell that wraps most in its column.
        let wraps = |col: usize| cells[col].width() as f64 / widths[col].max(1.0);
        if let Some(col) = (0..cells.len()).max_by(|&a, &b| wraps(a).total_cmp(&wraps(b))) {
            fit(sheet, row, &cells[col], widths[col])?;
        }
    }
    Ok(())
}

/// A figure column's cell as a number when it reads as one (`309.20`,
/// `57.19%`); anything else (`—`, 待评) as the text it is.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &str,
    figure: bool,
    f: &Formats,
) -> Result<(), XlsxError> {
    if figure {
        let (digits, format) = match cell.strip_suffix('%') {
            Some(percent) => (percent, &f.rate),
            None => (cell, &f.amount),
        };
        if let Ok(value) = digits.parse::<Decimal>() {
            let value = value.to_f64().unwrap_or_default();
            sheet.write_number_with_format(row, col, value, format)?;
            return Ok(());
        }
    }
    sheet.write_string_with_format(row, col, cell, &f.text)?;
    Ok(())
}
