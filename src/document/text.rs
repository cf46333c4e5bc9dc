//! The document for a terminal: headings underlined, tables with CJK-aware
//! widths (comfy-table).

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table as Grid, presets};

use super::Table;
use unicode_width::UnicodeWidthStr;

use super::{Block, Document};
use crate::domain::text::escape;

pub fn to_text(document: &Document) -> String {
    let mut out = String::new();
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let rule = if *level <= 1 { "═" } else { "─" };
                out.push_str(&format!("{text}\n{}\n", rule.repeat(text.width())));
            }
            Block::Paragraph(text) => out.push_str(&format!("{text}\n\n")),
            Block::Table(table) => {
                out.push_str(&format!("{}\n\n", grid(table, presets::UTF8_BORDERS_ONLY)));
            }
        }
    }
    out
}

/// A table laid out by comfy-table (CJK widths measured), in a border
/// preset, figures aligned right; stored text is escaped before it is
/// measured, so an escaped value still lines up.
pub(crate) fn grid(table: &Table, preset: comfy_table::TableStyle) -> Grid {
    let mut grid = Grid::new();
    grid.load_style(preset)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(table.headers.iter().map(|h| Cell::new(escape(h))));
    for row in &table.rows {
        grid.add_row(row.iter().map(|cell| Cell::new(escape(cell))));
    }
    for &column in &table.figures {
        if let Some(c) = grid.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    grid
}
