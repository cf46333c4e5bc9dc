//! A report as headings, paragraphs and tables, already worded in the user's
//! language and unit, so that one builder serves every output: the terminal,
//! Markdown to paste into the self-evaluation report, CSV for Excel/WPS, and
//! the TUI's Summary tab.

mod csv;
pub mod form;
mod markdown;
pub mod monitor;
pub mod summary;
mod text;
pub mod workbook;
pub mod xlsx;

pub use csv::to_csv;
pub use markdown::to_markdown;
pub(crate) use text::grid;
pub use text::to_text;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// Level 1 is the document's title.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    Table(Table),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    /// Columns holding figures, right-aligned where alignment exists.
    pub figures: Vec<usize>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>, figures: &[usize]) -> Table {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            figures: figures.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }
}

impl Document {
    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    pub fn paragraph(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(text.into()));
    }

    pub fn table(&mut self, table: Table) {
        self.blocks.push(Block::Table(table));
    }

    /// Every table of the document, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}
