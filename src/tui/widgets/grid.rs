//! A table whose rows are computed when data changes (never while drawing),
//! with a selection, a filter and a sort order of its own.
//!
//! How it meets a narrow screen is decided here for every tab: a column of
//! identifiers or figures ([`Fit::Whole`]) is never cut and gives way whole,
//! in the order of [`Column::keep`]; names and texts take the room left and
//! are cut at their end with `…`, names never so that two rows read alike.

use std::cell::Cell as Remembered;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Row, Table, TableState};
use rust_decimal::Decimal;

use crate::domain::money::column_scale;
use crate::domain::{Money, Unit};
use crate::tui::keymap::Action;
use unicode_width::UnicodeWidthStr;

mod cut;
mod fit;

/// What a text column (a memo, a payee) keeps of its widest cell before
/// columns kept less long give way.
const TEXT_RESERVE: u16 = 12;
/// What a name column (a row's identity) keeps: a project's usual name in full.
const NAME_RESERVE: u16 = 28;

/// What a row stands for, so an action knows what is selected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowId {
    Line(String),
    Project(String),
    Disbursement(u64),
    Instalment(u64),
    Indicator(u64),
    Adjustment(Option<u64>),
    /// A heading or total row: nothing to act on.
    None,
}

/// A value to sort a column by; its order is the column's natural order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Text(String),
    Number(i64),
    Money(Money),
    /// No rate sorts before any rate.
    Rate(Option<Decimal>),
    Date(NaiveDate),
}

/// How a column gives way when the table is narrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// A code, 文号, voucher, date, amount, rate, light or status word: a
    /// figure or a word cut short would say something else, so it is never
    /// cut. As wide as its widest cell; given way whole when it does not fit.
    Whole,
    /// A row's name: takes the room left, cut at the end with `…`, and
    /// never so that two rows read alike.
    Name,
    /// A text (a payee, a memo, a target): takes the room left, cut at the
    /// end with `…`. A cell marked whole in it (a figure with its unit) is not.
    Text,
}

#[derive(Clone, Debug)]
pub struct Column {
    pub title: String,
    pub fit: Fit,
    pub right: bool,
    /// A name's or a text's share of the room left.
    pub weight: u16,
    /// What a name or a text keeps of its widest cell before columns kept
    /// less long give way.
    pub reserve: u16,
    /// Never narrower, so a column stays put as its rows change.
    pub min: u16,
    /// How long it stays as the width shrinks: the lowest gives way first,
    /// of equals the rightmost.
    pub keep: u8,
    /// Whether the sort keys stop on it (the journal's memo has no index).
    pub sortable: bool,
}

impl Column {
    /// A left-aligned identifier or word: a code, 文号, voucher, date, status.
    pub fn whole(title: &str) -> Column {
        Column {
            title: title.to_string(),
            fit: Fit::Whole,
            right: false,
            weight: 0,
            reserve: 0,
            min: 0,
            keep: 0,
            sortable: true,
        }
    }

    /// A right-aligned figure: an amount, a rate, a count.
    pub fn figure(title: &str) -> Column {
        Column {
            right: true,
            ..Column::whole(title)
        }
    }

    /// A row's name, filling the room left: columns kept less long give way
    /// before it is cut below its widest cell (up to [`NAME_RESERVE`]).
    pub fn name(title: &str) -> Column {
        Column {
            fit: Fit::Name,
            weight: 1,
            reserve: NAME_RESERVE,
            ..Column::whole(title)
        }
    }

    /// A text taking `weight` shares of the room left.
    pub fn text(title: &str, weight: u16) -> Column {
        Column {
            fit: Fit::Text,
            weight,
            reserve: TEXT_RESERVE,
            ..Column::whole(title)
        }
    }

    /// How long the column stays as the width shrinks (see [`Column::keep`]).
    /// Skipped by the sort keys.
    pub fn unsorted(mut self) -> Column {
        self.sortable = false;
        self
    }

    pub fn keep(mut self, keep: u8) -> Column {
        self.keep = keep;
        self
    }

    /// What a name or a text keeps before columns kept less long give way.
    pub fn reserve(mut self, cells: u16) -> Column {
        self.reserve = cells;
        self
    }

    pub fn at_least(mut self, cells: u16) -> Column {
        self.min = cells;
        self
    }
}

#[derive(Clone, Debug)]
pub struct GridCell {
    pub text: String,
    pub style: Style,
    /// Never cut, even in a text column: a figure with its unit, a date.
    pub whole: bool,
}

#[derive(Clone, Debug)]
pub struct GridRow {
    pub id: RowId,
    pub cells: Vec<GridCell>,
    /// One per column.
    pub keys: Vec<SortKey>,
    pub style: Style,
}

impl GridRow {
    pub fn new(id: RowId) -> GridRow {
        GridRow {
            id,
            cells: Vec::new(),
            keys: Vec::new(),
            style: Style::default(),
        }
    }

    pub fn cell(self, text: impl Into<String>, key: SortKey) -> GridRow {
        self.styled(text, Style::default(), key)
    }

    pub fn styled(mut self, text: impl Into<String>, style: Style, key: SortKey) -> GridRow {
        self.cells.push(GridCell {
            text: super::one_line(&text.into()),
            style,
            whole: false,
        });
        self.keys.push(key);
        self
    }

    /// Marks the cell just added as never cut (a figure in a text column).
    pub fn whole_if(mut self, whole: bool) -> GridRow {
        if let Some(cell) = self.cells.last_mut() {
            cell.whole = whole;
        }
        self
    }

    pub fn with_style(mut self, style: Style) -> GridRow {
        self.style = style;
        self
    }

    fn matches(&self, needle: &str) -> bool {
        self.cells
            .iter()
            .any(|cell| cell.text.to_lowercase().contains(needle))
    }
}

#[derive(Debug, Default)]
pub struct Grid {
    pub columns: Vec<Column>,
    rows: Vec<GridRow>,
    /// Indices into `rows`, filtered and sorted.
    order: Vec<usize>,
    selected: usize,
    /// Where the visible window starts; kept between frames so scrolling is steady.
    offset: Remembered<usize>,
    pub filter: String,
    /// (column, descending)
    pub sort: Option<(usize, bool)>,
    /// How the panel title says a filter is on: its word ("筛选") and the
    /// key that clears it, in the user's language.
    pub filter_words: (String, String),
    /// A 合计 row under the rows: its label and the unit its sums are written in.
    total: Option<(String, Unit)>,
    /// The total row's cells for the rows shown (the filter's matches).
    total_cells: Vec<String>,
    /// The unit its amounts are written in: each amount column then takes one
    /// number of decimals, the most any of its cells needs (万元 up to 6).
    unit: Option<Unit>,
    /// Per column, the widest cell and the widest cell never cut (totals
    /// included), measured when the rows change rather than on every frame.
    widest: Vec<Widest>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Widest {
    any: u16,
    whole: u16,
}

impl Grid {
    pub fn new(columns: Vec<Column>) -> Grid {
        Grid {
            columns,
            ..Grid::default()
        }
    }

    /// Draws a total row under the rows: `label`, then the sum of each
    /// column whose cells are all amounts, over the rows the filter shows.
    pub fn set_total(&mut self, label: &str, unit: Unit) {
        self.total = Some((label.to_string(), unit));
        self.reorder();
    }

    /// Writes the amounts in `unit` with one number of decimals per column.
    pub fn set_unit(&mut self, unit: Unit) {
        self.unit = Some(unit);
    }

    /// Replaces the rows, keeping the selection on the same item where it still exists.
    pub fn set_rows(&mut self, rows: Vec<GridRow>) {
        let keep = self.selected_id().cloned();
        self.rows = rows;
        self.align_decimals();
        self.reorder();
        if let Some(id) = keep {
            self.select_id(&id);
        }
    }

    pub fn set_columns(&mut self, columns: Vec<Column>) {
        self.columns = columns;
        self.measure();
    }

    /// Measures each column's widest cells, so that drawing knows which
    /// columns fit without reading every row.
    fn measure(&mut self) {
        let cell_width = |text: &str| u16::try_from(text.width()).unwrap_or(u16::MAX);
        self.widest = (0..self.columns.len())
            .map(|i| {
                let mut widest = Widest::default();
                for cell in self.rows.iter().filter_map(|r| r.cells.get(i)) {
                    let width = cell_width(&cell.text);
                    widest.any = widest.any.max(width);
                    if cell.whole {
                        widest.whole = widest.whole.max(width);
                    }
                }
                // The total row's label and sums are never cut.
                if let Some(total) = self.total_cells.get(i) {
                    let width = cell_width(total);
                    widest.any = widest.any.max(width);
                    widest.whole = widest.whole.max(width);
                }
                widest
            })
            .collect();
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    fn reorder(&mut self) {
        let needle = self.filter.trim().to_lowercase();
        self.order = (0..self.rows.len())
            .filter(|&i| needle.is_empty() || self.rows[i].matches(&needle))
            .collect();
        if let Some((column, descending)) = self.sort {
            let rows = &self.rows;
            self.order.sort_by(|&a, &b| {
                let ordering = rows[a].keys.get(column).cmp(&rows[b].keys.get(column));
                if descending {
                    ordering.reverse()
                } else {
                    ordering
                }
            });
        }
        self.selected = self.selected.min(self.order.len().saturating_sub(1));
        self.total_cells = self.totals();
        self.measure();
    }

    /// Rewrites each amount cell (a cell that reads as its amount in the
    /// unit, perhaps after a mark such as `⚠ ` or `+`) with the decimals its
    /// column needs, so a 万元 column never mixes `1,335.888` and `625.9998`.
    /// Cells without their amount (`—`) stay as written.
    fn align_decimals(&mut self) {
        let Some(unit) = self.unit else { return };
        for column in 0..self.columns.len() {
            let amount = |row: &GridRow| match (row.keys.get(column), row.cells.get(column)) {
                (Some(SortKey::Money(m)), Some(cell)) => {
                    let mark = cell.text.strip_suffix(&m.display(unit))?;
                    // a mark, not more digits of a longer number
                    let is_mark =
                        !mark.ends_with(|c: char| c.is_ascii_digit() || ".,-".contains(c));
                    is_mark.then(|| (*m, mark.to_string()))
                }
                _ => None,
            };
            let amounts: Vec<Money> = self
                .rows
                .iter()
                .filter_map(amount)
                .map(|(m, _)| m)
                .collect();
            if amounts.is_empty() {
                continue;
            }
            let scale = column_scale(amounts, unit);
            for row in &mut self.rows {
                if let Some((m, mark)) = amount(row) {
                    row.cells[column].text = format!("{mark}{}", m.display_scaled(unit, scale));
                }
            }
        }
    }

    /// The total row's cells: the label, the sums, blanks elsewhere.
    fn totals(&self) -> Vec<String> {
        let Some((label, unit)) = &self.total else {
            return Vec::new();
        };
        (0..self.columns.len())
            .map(|column| {
                if column == 0 {
                    return format!("{label} ({})", self.order.len());
                }
                let mut sum = Money::ZERO;
                for &i in &self.order {
                    match self.rows[i].keys.get(column) {
                        Some(SortKey::Money(m)) => sum += *m,
                        _ => return String::new(),
                    }
                }
                if self.order.is_empty() {
                    String::new()
                } else {
                    // As many decimals as the column's cells show.
                    let shown =
                        self.order
                            .iter()
                            .filter_map(|&i| match self.rows[i].keys.get(column) {
                                Some(SortKey::Money(m)) => Some(*m),
                                _ => None,
                            });
                    sum.display_scaled(*unit, column_scale(shown.chain([sum]), *unit))
                }
            })
            .collect()
    }

    pub fn set_filter(&mut self, filter: &str) {
        self.filter = filter.to_string();
        self.reorder();
        self.selected = 0;
    }

    /// Sorts by the next column (after the last one: back to the original order).
    pub fn sort_next(&mut self) {
        let from = self.sort.map_or(0, |(c, _)| c + 1);
        self.sort = (from..self.columns.len())
            .find(|&c| self.columns[c].sortable)
            .map(|c| (c, false));
        self.reorder();
    }

    pub fn sort_reverse(&mut self) {
        self.sort = Some(self.sort.map_or((0, true), |(c, d)| (c, !d)));
        self.reorder();
    }

    pub fn selected_id(&self) -> Option<&RowId> {
        self.order.get(self.selected).map(|&i| &self.rows[i].id)
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    pub fn select_id(&mut self, id: &RowId) {
        if let Some(pos) = self.order.iter().position(|&i| &self.rows[i].id == id) {
            self.selected = pos;
        }
    }

    /// Moves the selection by `delta` rows, stopping at either end.
    pub fn step(&mut self, delta: isize) {
        let last = self.order.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn first(&mut self) {
        self.selected = 0;
    }

    pub fn last(&mut self) {
        self.selected = self.order.len().saturating_sub(1);
    }

    /// A movement or sort key; returns whether it was one. `page`: rows a page key moves.
    pub fn act(&mut self, action: Action, page: isize) -> bool {
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-page),
            Action::PageDown => self.step(page),
            Action::First => self.first(),
            Action::Last => self.last(),
            Action::Sort => self.sort_next(),
            Action::SortReverse => self.sort_reverse(),
            _ => return false,
        }
        true
    }

    /// The titles of the columns shown, with a sort arrow on the sorted one.
    fn header(&self, widths: &[Option<u16>]) -> Row<'static> {
        Row::new(widths.iter().enumerate().filter_map(|(i, width)| {
            let title = cut::cut_end(&self.title(i), usize::from((*width)?));
            Some(aligned(title, Style::default(), self.columns[i].right))
        }))
        .style(Style::default().add_modifier(Modifier::BOLD))
    }

    /// What each column asks of the width: an identifier its widest cell
    /// (and title), a name or a text its reserve.
    fn asks(&self) -> Vec<fit::Ask> {
        self.columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let title = u16::try_from(self.title(i).width()).unwrap_or(u16::MAX);
                let widest = self.widest.get(i).copied().unwrap_or_default();
                let any = widest.any.max(title);
                match column.fit {
                    Fit::Whole => {
                        let need = any.max(column.min);
                        fit::Ask {
                            need,
                            flexible: false,
                            weight: 0,
                            widest: need,
                            keep: column.keep,
                        }
                    }
                    Fit::Name | Fit::Text => {
                        let need = any.min(column.reserve).max(widest.whole).max(column.min);
                        fit::Ask {
                            need,
                            flexible: true,
                            weight: column.weight,
                            widest: any.max(need),
                            keep: column.keep,
                        }
                    }
                }
            })
            .collect()
    }

    /// A column's title with a sort arrow when the rows are sorted by it.
    fn title(&self, column: usize) -> String {
        let arrow = match self.sort {
            Some((s, false)) if s == column => " ▲",
            Some((s, true)) if s == column => " ▼",
            _ => "",
        };
        format!("{}{arrow}", self.columns[column].title)
    }

    /// What each name column shows of its cells at its width, row by row of
    /// `order`: two different names never read alike.
    fn names(&self, widths: &[Option<u16>]) -> Vec<Option<Vec<String>>> {
        self.columns
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (column, width))| {
                let width = (*width)?;
                if column.fit != Fit::Name {
                    return None;
                }
                let texts: Vec<&str> = self
                    .order
                    .iter()
                    .map(|&r| self.rows[r].cells.get(i).map_or("", |c| c.text.as_str()))
                    .collect();
                Some(cut::distinct_cuts(&texts, usize::from(width)))
            })
            .collect()
    }

    /// A cell's text as it shows in `width`: identifiers whole, names as
    /// [`Grid::names`] cut them, texts cut at the end.
    fn shown(&self, column: usize, cell: &GridCell, name: Option<&String>, width: u16) -> String {
        match (self.columns[column].fit, name) {
            _ if cell.whole => cell.text.clone(),
            (Fit::Whole, _) => cell.text.clone(),
            (Fit::Name, Some(name)) => name.clone(),
            (Fit::Name | Fit::Text, _) => cut::cut_end(&cell.text, usize::from(width)),
        }
    }

    /// The filter as the panel's title says it: the text, the rows that
    /// match of all, and the key that clears it; none without a filter.
    pub fn filter_title(&self) -> Option<String> {
        let filter = self.filter.trim();
        if filter.is_empty() {
            return None;
        }
        let (word, clear) = &self.filter_words;
        Some(format!(
            " {word} “{}” · {} / {} · {clear} ",
            super::one_line(filter),
            self.order.len(),
            self.rows.len()
        ))
    }

    /// Draws the visible rows only; `focused` shows the selection.
    pub fn draw(&self, frame: &mut Frame, area: Rect, block: Block<'_>, focused: bool) {
        let block = match self.filter_title() {
            Some(title) => block.title_top(
                Line::from(title)
                    .style(Style::default().add_modifier(Modifier::REVERSED))
                    .right_aligned(),
            ),
            None => block,
        };
        let inner = block.inner(area);
        let widths = fit::widths(&self.asks(), inner.width);
        // minus the header and the total row
        let total_rows = usize::from(!self.total_cells.is_empty());
        let inner_height = (inner.height.saturating_sub(1) as usize).saturating_sub(total_rows);
        let mut offset = self.offset.get();
        if self.selected < offset {
            offset = self.selected;
        } else if inner_height > 0 && self.selected >= offset + inner_height {
            offset = self.selected + 1 - inner_height;
        }
        offset = offset.min(self.order.len().saturating_sub(inner_height.max(1)));
        self.offset.set(offset);
        let names = self.names(&widths);
        let visible = self
            .order
            .iter()
            .enumerate()
            .skip(offset)
            .take(inner_height.max(1));
        let rows = visible.map(|(position, &i)| {
            let row = &self.rows[i];
            let cells = row.cells.iter().zip(&widths).enumerate();
            Row::new(cells.filter_map(|(column, (cell, width))| {
                let name = names[column].as_ref().map(|n| &n[position]);
                let text = self.shown(column, cell, name, (*width)?);
                Some(aligned(text, cell.style, self.columns[column].right))
            }))
            .style(row.style)
        });
        let total = (!self.total_cells.is_empty()).then(|| {
            let cells = self.total_cells.iter().zip(&widths).enumerate();
            Row::new(cells.filter_map(|(column, (text, width))| {
                width.map(|_| aligned(text.clone(), Style::default(), self.columns[column].right))
            }))
            .style(Style::default().add_modifier(Modifier::BOLD))
        });
        let rows: Vec<Row> = rows.chain(total).collect();
        let mut state = TableState::new();
        if focused && !self.order.is_empty() {
            state.select(Some(self.selected - offset));
        }
        let constraints = widths.iter().flatten().map(|w| Constraint::Length(*w));
        let table = Table::new(rows, constraints)
            .header(self.header(&widths))
            .block(block)
            .column_spacing(1)
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
        frame.render_stateful_widget(table, area, &mut state);
    }
}

/// A cell's text, right-aligned for figures.
fn aligned(text: String, style: Style, right: bool) -> Cell<'static> {
    let line = Line::from(text).style(style);
    Cell::from(if right {
        line.alignment(Alignment::Right)
    } else {
        line
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let mut g = Grid::new(vec![Column::whole("name"), Column::figure("n")]);
        g.set_rows(
            [("b", 2), ("a", 3), ("c", 1)]
                .iter()
                .map(|(name, n)| {
                    GridRow::new(RowId::Line(name.to_string()))
                        .cell(*name, SortKey::Text(name.to_string()))
                        .cell(n.to_string(), SortKey::Number(*n))
                })
                .collect(),
        );
        g
    }

    fn names(g: &Grid) -> Vec<String> {
        g.order
            .iter()
            .map(|&i| g.rows[i].cells[0].text.clone())
            .collect()
    }

    #[test]
    fn sorts_by_column_and_reverses() {
        let mut g = grid();
        g.sort_next();
        assert_eq!(names(&g), ["a", "b", "c"]);
        g.sort_next();
        assert_eq!(names(&g), ["c", "b", "a"]); // by n ascending
        g.sort_reverse();
        assert_eq!(names(&g), ["a", "b", "c"]);
        g.sort_next();
        assert_eq!(names(&g), ["b", "a", "c"]); // back to the original order
    }

    #[test]
    fn amount_columns_grow_to_their_widest_figure() {
        let mut g = Grid::new(vec![Column::figure("amount")]);
        g.set_rows(vec![
            GridRow::new(RowId::None).cell("1,234,567,890.12", SortKey::Number(0)),
        ]);
        assert_eq!(g.asks()[0].need, 16);
    }

    #[test]
    fn an_amount_column_in_wan_takes_one_number_of_decimals() {
        let money = |s: &str| s.parse::<Money>().unwrap();
        let mut g = Grid::new(vec![Column::figure("万元")]);
        g.set_unit(Unit::Wan);
        g.set_total("total", Unit::Wan);
        let row = |m: Money, text: String| GridRow::new(RowId::None).cell(text, SortKey::Money(m));
        let amounts = ["13358880", "6259998", "120000"].map(money);
        let mut rows: Vec<GridRow> = amounts
            .iter()
            .map(|m| row(*m, m.display(Unit::Wan)))
            .collect();
        // a marked amount takes the column's decimals; one without its amount stays
        rows.push(row(
            money("120000"),
            format!("⚠ {}", money("120000").display(Unit::Wan)),
        ));
        rows.push(row(
            money("20000"),
            format!("+{}", money("20000").display(Unit::Wan)),
        ));
        rows.push(row(money("20000"), "—".into()));
        rows.push(row(
            money("20000"),
            format!("1{}", money("20000").display(Unit::Wan)),
        ));
        g.set_rows(rows);
        let cells: Vec<&str> = g.rows.iter().map(|r| r.cells[0].text.as_str()).collect();
        assert_eq!(
            cells,
            [
                "1,335.8880",
                "625.9998",
                "12.0000",
                "⚠ 12.0000",
                "+2.0000",
                "—",
                "12.00"
            ]
        );
        assert_eq!(g.total_cells[0], "total (7)");
    }

    /// The grid drawn in a bordered box `width` cells wide, row by row as a
    /// terminal shows it (a wide character covers the cell after it).
    fn drawn(g: &Grid, width: u16, height: u16) -> Vec<String> {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| g.draw(f, f.area(), Block::bordered(), false))
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                let mut row = String::new();
                let mut covered = 0;
                for x in 0..width {
                    if covered > 0 {
                        covered -= 1;
                        continue;
                    }
                    let symbol = buffer[(x, y)].symbol();
                    covered = symbol.width().saturating_sub(1);
                    row.push_str(symbol);
                }
                row
            })
            .collect()
    }

    const RELIEF: &str = "2020年中央自然灾害救灾资金";
    const RELIEF_TRAINING: &str = "2020年中央自然灾害救灾资金（培训演练）";
    const PREVENTION: &str = "2020年中央自然灾害防治体系建设补助资金";
    const MINE_SURVEY: &str = "2020年省级安全生产专项资金（关闭煤矿水患普查）";

    /// Allocations as the Supplementary tab lists them: date, 文号, amount, project.
    fn allocations() -> Grid {
        let mut g = Grid::new(vec![
            Column::whole("date").keep(4),
            Column::whole("document").keep(2),
            Column::figure("amount").keep(3),
            Column::name("project").keep(1),
        ]);
        let rows = [
            ("2021-01-22", "财建〔2020〕341号", "325,000.00", RELIEF),
            (
                "2021-01-22",
                "财建〔2020〕341号",
                "200,000.00",
                RELIEF_TRAINING,
            ),
            ("2021-02-02", "财建〔2020〕297号", "240,000.00", PREVENTION),
            (
                "2021-03-15",
                "川财建〔2020〕196号",
                "200,000.00",
                MINE_SURVEY,
            ),
        ];
        g.set_rows(
            rows.iter()
                .map(|(date, doc, amount, project)| {
                    GridRow::new(RowId::None)
                        .cell(*date, SortKey::Text(date.to_string()))
                        .cell(*doc, SortKey::Text(doc.to_string()))
                        .cell(*amount, SortKey::Text(amount.to_string()))
                        .cell(*project, SortKey::Text(project.to_string()))
                })
                .collect(),
        );
        g
    }

    #[test]
    fn an_identifier_is_never_cut_its_column_gives_way_whole() {
        let g = allocations();
        // date 10, 文号 19, amount 10, one cell between: 41 inside the borders
        for width in 20..120 {
            let text = drawn(&g, width, 7).join("\n");
            let inner = width - 2;
            assert!(text.contains("2021-03-15"), "{text}");
            assert_eq!(
                text.contains("川财建〔2020〕196号"),
                inner >= 10 + 1 + 10 + 1 + 19,
                "{text}"
            );
            assert_eq!(
                text.contains("川财建"),
                text.contains("川财建〔2020〕196号"),
                "{text}"
            );
            assert_eq!(text.contains("200,000.00"), inner >= 21, "{text}");
            assert!(
                !text.contains("200,00 ") && !text.contains("2021-03-1 "),
                "{text}"
            );
        }
    }

    #[test]
    fn a_name_is_cut_at_its_end_with_an_ellipsis() {
        let g = allocations();
        // 41 for the identifiers, 28 kept for the name: 70 inside the borders
        let rows = drawn(&g, 72, 7);
        assert!(
            rows[5].contains(" 2020年省级安全生产专项资金… │"),
            "{rows:#?}"
        );
        let rows = drawn(&g, 71, 7);
        assert!(
            !rows.concat().contains("2020年省级"),
            "the name gives way: {rows:#?}"
        );
    }

    #[test]
    fn two_rows_never_read_alike_after_cutting() {
        let mut g = Grid::new(vec![Column::name("project"), Column::figure("rate")]);
        let names = [RELIEF, RELIEF_TRAINING, PREVENTION, RELIEF];
        g.set_rows(
            names
                .iter()
                .map(|n| {
                    GridRow::new(RowId::Project(n.to_string()))
                        .cell(*n, SortKey::Text(n.to_string()))
                        .cell("100.00%", SortKey::Number(0))
                })
                .collect(),
        );
        for width in 20..60 {
            let rows = drawn(&g, width, 7);
            let projects = &rows[2..6];
            assert!(
                projects[0] != projects[1] && projects[0] != projects[2],
                "{rows:#?}"
            );
            assert!(projects[1] != projects[2], "{rows:#?}");
            // the same project on two rows reads the same
            assert_eq!(projects[0], projects[3], "{rows:#?}");
            if width >= 2 + 28 + 1 + 7 {
                assert!(projects.iter().all(|p| p.contains("100.00%")), "{rows:#?}");
            }
        }
        let rows = drawn(&g, 22, 7);
        assert_eq!(rows[2], "│2020年…灾害救灾资金 │", "{rows:#?}");
        assert_eq!(rows[3], "│2020年…（培训演练） │", "{rows:#?}");
        assert_eq!(rows[4], "│2020年…防治体系建设…│", "{rows:#?}");
    }

    #[test]
    fn columns_kept_longest_stay_as_the_width_shrinks() {
        // A line as the Projects tab shows it: rate and remaining outlast budget and spent.
        let mut g = Grid::new(vec![
            Column::name("project").keep(9),
            Column::figure("budget").keep(6),
            Column::figure("spent").keep(4),
            Column::figure("left").keep(7),
            Column::figure("rate").keep(8),
            Column::whole("pace"),
        ]);
        g.set_rows(vec![
            GridRow::new(RowId::None)
                .cell("办公用房租赁费", SortKey::Number(0))
                .cell("114,000.00", SortKey::Number(0))
                .cell("57,000.01", SortKey::Number(0))
                .cell("56,999.99", SortKey::Number(0))
                .cell("50.00%", SortKey::Number(0))
                .cell("lagging", SortKey::Number(0)),
        ]);
        let shown = |width: u16| -> Vec<&'static str> {
            let rows = drawn(&g, width + 2, 4);
            ["114,000.00", "57,000.01", "56,999.99", "50.00%", "lagging"]
                .into_iter()
                .filter(|figure| rows[2].contains(figure))
                .collect()
        };
        // name 14, budget 10, spent 9, left 9, rate 6, pace 7, one cell between
        assert_eq!(
            shown(14 + 11 + 10 + 10 + 7 + 8),
            ["114,000.00", "57,000.01", "56,999.99", "50.00%", "lagging"]
        );
        assert_eq!(
            shown(14 + 11 + 10 + 10 + 7),
            ["114,000.00", "57,000.01", "56,999.99", "50.00%"]
        );
        assert_eq!(
            shown(14 + 11 + 10 + 7),
            ["114,000.00", "56,999.99", "50.00%"]
        );
        assert_eq!(shown(14 + 10 + 7), ["56,999.99", "50.00%"]);
        assert_eq!(shown(14 + 7), ["50.00%"]);
        assert!(shown(14).is_empty());
    }

    #[test]
    fn a_figure_in_a_text_column_is_kept_whole_and_the_prose_is_cut() {
        let mut g = Grid::new(vec![Column::whole("id").keep(1), Column::text("actual", 1)]);
        let rows = [
            ("2021-12-31", true),
            ("761.67 平方米", true),
            ("排查各类安全隐患并整改到位", false),
        ];
        g.set_rows(
            rows.iter()
                .map(|(actual, whole)| {
                    GridRow::new(RowId::None)
                        .cell("A1", SortKey::Number(0))
                        .cell(*actual, SortKey::Number(0))
                        .whole_if(*whole)
                })
                .collect(),
        );
        let rows = drawn(&g, 2 + 2 + 1 + 13, 6);
        assert!(
            rows[2].contains("2021-12-31") && rows[3].contains("761.67 平方米"),
            "{rows:#?}"
        );
        assert!(rows[4].contains("排查各类安全…"), "{rows:#?}");
    }

    #[test]
    fn nothing_panics_in_a_tiny_area() {
        let g = allocations();
        for (width, height) in [(1, 1), (2, 2), (5, 3), (20, 5)] {
            drawn(&g, width, height);
        }
    }

    #[test]
    fn filter_and_selection_follow_the_item() {
        let mut g = grid();
        g.step(1);
        assert_eq!(g.selected_id(), Some(&RowId::Line("a".into())));
        g.sort_next();
        g.select_id(&RowId::Line("c".into()));
        g.set_rows(g.rows.clone());
        assert_eq!(g.selected_id(), Some(&RowId::Line("c".into())));
        g.set_filter("A");
        assert_eq!(names(&g), ["a"]);
        g.step(5);
        assert_eq!(g.selected_index(), 0);
        g.set_filter("zzz");
        assert!(g.is_empty() && g.selected_id().is_none());
    }
}
