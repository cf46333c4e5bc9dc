//! Supplementary (追加): allocations and adjustments made during the year,
//! with totals by funding level.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Render;
use crate::domain::{Level, Vocabulary};
use crate::tui::view::ViewData;
use crate::tui::widgets::grid::{Column, Grid, GridRow, RowId, SortKey};
use crate::tui::widgets::pack;

#[derive(Debug, Default)]
pub struct SupplementaryTab {
    pub grid: Grid,
}

impl SupplementaryTab {
    pub fn rebuild(&mut self, data: &ViewData, r: Render) {
        // An allocation is its date, line, amount and 文号; then what it is
        // for; the level and the type (the amount's sign says it too) give way first.
        self.grid.set_unit(r.unit);
        self.grid.set_columns(vec![
            Column::whole(r.pick("日期", "Date")).keep(9),
            Column::whole(r.pick("指标", "Line")).keep(8),
            Column::figure(r.pick("金额", "Amount")).keep(7),
            Column::whole(r.pick("级次", "Level")).keep(4),
            Column::whole(r.pick("类型", "Type")).keep(3),
            Column::whole(r.pick("文号", "Document")).keep(6),
            Column::name(r.pick("项目/名称", "Project / name")).keep(5),
        ]);
        self.grid.set_rows(
            data.supplements
                .rows
                .iter()
                .map(|row| {
                    let kind = match row.adjustment {
                        None => r.pick("追加指标", "allocation"),
                        Some(_) if row.amount.is_negative() => r.pick("调减", "reduction"),
                        Some(_) => r.pick("调增", "increase"),
                    };
                    let style = if row.amount.is_negative() {
                        Style::default().fg(Color::Yellow)
                    } else {
                        Style::default()
                    };
                    GridRow::new(RowId::Adjustment(row.adjustment))
                        .cell(row.date.to_string(), SortKey::Date(row.date))
                        .cell(&row.line, SortKey::Text(row.line.clone()))
                        .styled(r.money(row.amount), style, SortKey::Money(row.amount))
                        .cell(r.lang.word(row.level), SortKey::Number(row.level as i64))
                        .cell(kind, SortKey::Text(kind.to_string()))
                        .cell(&row.doc_no, SortKey::Text(row.doc_no.clone()))
                        .cell(&row.subject, SortKey::Text(row.subject.clone()))
                })
                .collect(),
        );
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, data: &ViewData, r: Render) {
        // Each level's sum and the total with its label, never split across rows.
        let mut sums: Vec<String> = Level::ALL
            .iter()
            .map(|level| {
                let amount = data.supplements.by_level.get(level).copied();
                format!(
                    "{} {}",
                    r.lang.word(*level),
                    r.lone_money(amount.unwrap_or_default())
                )
            })
            .collect();
        sums.push(format!(
            "{} {}",
            r.pick("合计", "Total"),
            r.lone_money(data.supplements.total)
        ));
        let items: Vec<&str> = sums.iter().map(String::as_str).collect();
        let rows = pack(&items, area.width.saturating_sub(2) as usize, 3);
        let totals_height = u16::try_from(rows.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let [table, totals] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(totals_height)]).areas(area);
        let title = format!(
            " {} · {} {} ",
            r.pick("追加与调整", "Supplementary money and adjustments"),
            self.grid.len(),
            r.lang.noun(self.grid.len(), "笔", "entry", "entries")
        );
        self.grid
            .draw(frame, table, Block::bordered().title(title), true);
        let total = items.last().copied();
        let lines: Vec<Line> = rows
            .into_iter()
            .map(|row| {
                let mut spans = Vec::new();
                for (n, item) in row.into_iter().enumerate() {
                    if n > 0 {
                        spans.push(Span::raw("   "));
                    }
                    let style = if Some(item) == total {
                        Style::default().fg(Color::Cyan)
                    } else {
                        Style::default()
                    };
                    spans.push(Span::styled(item, style));
                }
                Line::from(spans)
            })
            .collect();
        let block = Block::bordered().title(format!(
            " {} ",
            r.in_unit(r.pick("按资金级次合计", "Totals by funding level"))
        ));
        frame.render_widget(Paragraph::new(lines).block(block), totals);
    }
}
