//! A table whose rows are computed when data changes (never while drawing),
//! with a selection, a filter and a sort order of its own.

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

/// The least room a `Fill` column (names, memos) is given before columns to
/// its right are dropped.
const MIN_FILL_WIDTH: u16 = 12;
/// What a name column (a row's identity, `Column::name`) keeps before
/// trailing columns give way: a project's usual name in full.
const NAME_WIDTH: u16 = 28;

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

#[derive(Clone, Debug)]
pub struct Column {
    pub title: String,
    pub width: Constraint,
    pub right: bool,
    /// Widened to its widest cell: a figure or word cut short would say
    /// something else. Right-aligned columns always are. A fill column
    /// (`Column::name`) keeps its widest cell up to [`NAME_WIDTH`] instead.
    pub fit: bool,
}

impl Column {
    pub fn left(title: &str, width: Constraint) -> Column {
        Column {
            title: title.to_string(),
            width,
            right: false,
            fit: false,
        }
    }

    /// A row's name, filling the room left: trailing columns give way
    /// before it is cut below its widest cell (up to [`NAME_WIDTH`]).
    pub fn name(title: &str) -> Column {
        Column {
            fit: true,
            ..Column::left(title, Constraint::Fill(1))
        }
    }

    /// A left-aligned column never cut: widened to its widest cell.
    pub fn fitted(title: &str, width: Constraint) -> Column {
        Column {
            fit: true,
            ..Column::left(title, width)
        }
    }

    pub fn right(title: &str, width: Constraint) -> Column {
        Column {
            title: title.to_string(),
            width,
            right: true,
            fit: true,
        }
    }
}

#[derive(Clone, Debug)]
pub struct GridRow {
    pub id: RowId,
    pub cells: Vec<(String, Style)>,
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

    pub fn cell(mut self, text: impl Into<String>, key: SortKey) -> GridRow {
        self.cells
            .push((super::one_line(&text.into()), Style::default()));
        self.keys.push(key);
        self
    }

    pub fn styled(mut self, text: impl Into<String>, style: Style, key: SortKey) -> GridRow {
        self.cells.push((super::one_line(&text.into()), style));
        self.keys.push(key);
        self
    }

    pub fn with_style(mut self, style: Style) -> GridRow {
        self.style = style;
        self
    }

    fn matches(&self, needle: &str) -> bool {
        self.cells
            .iter()
            .any(|(text, _)| text.to_lowercase().contains(needle))
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
        self.fit_columns();
    }

    /// Widens each fixed fitted column (amounts, rates, lights) to its widest
    /// cell, so a figure is never cut: a right-aligned cell that does not fit
    /// loses its leading digits, which would show a wrong amount.
    fn fit_columns(&mut self) {
        for (i, column) in self.columns.iter_mut().enumerate() {
            if let (true, Constraint::Length(width)) = (column.fit, column.width) {
                let widest = self
                    .rows
                    .iter()
                    .filter_map(|r| r.cells.get(i))
                    .map(|(text, _)| text.width())
                    .chain(self.total_cells.get(i).map(|t| t.width()))
                    .max()
                    .unwrap_or(0);
                let widest = widest.max(column.title.width());
                column.width =
                    Constraint::Length(width.max(u16::try_from(widest).unwrap_or(u16::MAX)));
            }
        }
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
        self.fit_columns();
    }

    /// Rewrites each amount cell (a cell that reads exactly as its amount in
    /// the unit) with the decimals its column needs, so a 万元 column never
    /// mixes `1,335.888` and `625.9998`. Decorated cells (`⚠ …`, `—`) stay.
    fn align_decimals(&mut self) {
        let Some(unit) = self.unit else { return };
        for column in 0..self.columns.len() {
            let plain = |row: &GridRow| match (row.keys.get(column), row.cells.get(column)) {
                (Some(SortKey::Money(m)), Some((text, _))) if *text == m.display(unit) => Some(*m),
                _ => None,
            };
            let amounts: Vec<Money> = self.rows.iter().filter_map(plain).collect();
            if amounts.is_empty() {
                continue;
            }
            let scale = column_scale(amounts, unit);
            for row in &mut self.rows {
                if let Some(m) = plain(row) {
                    row.cells[column].0 = m.display_scaled(unit, scale);
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
        self.sort = match self.sort {
            None => Some((0, false)),
            Some((c, _)) if c + 1 < self.columns.len() => Some((c + 1, false)),
            Some(_) => None,
        };
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

    /// The column titles with a sort arrow on the sorted one.
    fn header(&self, shown: usize) -> Row<'static> {
        Row::new(self.columns.iter().take(shown).enumerate().map(|(i, c)| {
            let arrow = match self.sort {
                Some((s, false)) if s == i => " ▲",
                Some((s, true)) if s == i => " ▼",
                _ => "",
            };
            let line = Line::from(format!("{}{arrow}", c.title));
            Cell::from(if c.right {
                line.alignment(Alignment::Right)
            } else {
                line
            })
        }))
        .style(Style::default().add_modifier(Modifier::BOLD))
    }

    /// How many leading columns fit in `width`: trailing columns are dropped
    /// rather than squeezed, so an amount is never shown cut short.
    fn columns_that_fit(&self, width: u16) -> usize {
        let mut used = 0u16;
        for (i, column) in self.columns.iter().enumerate() {
            let need = match column.width {
                Constraint::Length(n) | Constraint::Min(n) => n,
                _ if column.fit => self.name_width(i),
                _ => MIN_FILL_WIDTH,
            } + u16::from(i > 0);
            if used + need > width {
                return i.max(1);
            }
            used += need;
        }
        self.columns.len()
    }

    /// A fitted fill column (a name) wants its widest cell, up to [`NAME_WIDTH`].
    fn name_width(&self, column: usize) -> u16 {
        let widest = self
            .rows
            .iter()
            .filter_map(|r| r.cells.get(column))
            .map(|(text, _)| text.width())
            .max()
            .unwrap_or(0);
        u16::try_from(widest)
            .unwrap_or(u16::MAX)
            .clamp(MIN_FILL_WIDTH, NAME_WIDTH)
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
        let shown = self.columns_that_fit(inner.width.saturating_sub(2)); // the highlight symbol's room
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
        let visible = self.order.iter().skip(offset).take(inner_height.max(1));
        let rows = visible.map(|&i| {
            let row = &self.rows[i];
            Row::new(row.cells.iter().zip(&self.columns).take(shown).map(
                |((text, style), column)| {
                    let line = Line::from(text.as_str()).style(*style);
                    Cell::from(if column.right {
                        line.alignment(Alignment::Right)
                    } else {
                        line
                    })
                },
            ))
            .style(row.style)
        });
        let total = (!self.total_cells.is_empty()).then(|| {
            Row::new(self.total_cells.iter().zip(&self.columns).take(shown).map(
                |(text, column)| {
                    let line = Line::from(text.as_str());
                    Cell::from(if column.right {
                        line.alignment(Alignment::Right)
                    } else {
                        line
                    })
                },
            ))
            .style(Style::default().add_modifier(Modifier::BOLD))
        });
        let rows: Vec<Row> = rows.chain(total).collect();
        let mut state = TableState::new();
        if focused && !self.order.is_empty() {
            state.select(Some(self.selected - offset));
        }
        let table = Table::new(rows, self.columns.iter().take(shown).map(|c| c.width))
            .header(self.header(shown))
            .block(block)
            .column_spacing(1)
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
        frame.render_stateful_widget(table, area, &mut state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let mut g = Grid::new(vec![
            Column::left("name", Constraint::Length(8)),
            Column::right("n", Constraint::Length(4)),
        ]);
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
            .map(|&i| g.rows[i].cells[0].0.clone())
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
        let mut g = Grid::new(vec![Column::right("amount", Constraint::Length(4))]);
        g.set_rows(vec![
            GridRow::new(RowId::None).cell("1,234,567,890.12", SortKey::Number(0)),
        ]);
        assert_eq!(g.columns[0].width, Constraint::Length(16));
    }

    #[test]
    fn an_amount_column_in_wan_takes_one_number_of_decimals() {
        let money = |s: &str| s.parse::<Money>().unwrap();
        let mut g = Grid::new(vec![Column::right("万元", Constraint::Length(4))]);
        g.set_unit(Unit::Wan);
        g.set_total("total", Unit::Wan);
        let row = |m: Money, text: String| GridRow::new(RowId::None).cell(text, SortKey::Money(m));
        let amounts = ["13358880", "6259998", "120000"].map(money);
        let mut rows: Vec<GridRow> = amounts
            .iter()
            .map(|m| row(*m, m.display(Unit::Wan)))
            .collect();
        rows.push(row(money("120000"), "⚠ 12.00".into()));
        g.set_rows(rows);
        let cells: Vec<&str> = g.rows.iter().map(|r| r.cells[0].0.as_str()).collect();
        assert_eq!(cells, ["1,335.8880", "625.9998", "12.0000", "⚠ 12.00"]);
        assert_eq!(g.total_cells[0], "total (4)");
    }

    #[test]
    fn columns_that_do_not_fit_are_dropped_not_squeezed() {
        let g = grid();
        assert_eq!(g.columns_that_fit(13), 2); // 8 + 1 + 4
        assert_eq!(g.columns_that_fit(12), 1);
        assert_eq!(g.columns_that_fit(3), 1); // always at least the first
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
