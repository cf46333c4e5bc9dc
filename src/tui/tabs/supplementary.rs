//! Supplementary (追加): allocations and adjustments made during the year,
//! with totals by funding level.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Render;
use crate::domain::{Level, Vocabulary};
use crate::tui::view::ViewData;
use crate::tui::widgets::grid::{Column, Grid, GridRow, RowId, SortKey};

#[derive(Debug, Default)]
pub struct SupplementaryTab {
    pub grid: Grid,
}

impl SupplementaryTab {
    pub fn rebuild(&mut self, data: &ViewData, r: Render) {
        // Most telling first: narrow screens drop columns from the right.
        self.grid.set_unit(r.unit);
        self.grid.set_columns(vec![
            Column::left(r.pick("日期", "Date"), Constraint::Length(10)),
            Column::left(r.pick("指标", "Line"), Constraint::Length(5)),
            Column::right(r.pick("金额", "Amount"), Constraint::Length(6)),
            Column::left(r.pick("级次", "Level"), Constraint::Length(8)),
            Column::left(r.pick("类型", "Type"), Constraint::Length(10)),
            Column::left(r.pick("文号", "Document"), Constraint::Length(18)),
            Column::left(r.pick("项目/名称", "Project / name"), Constraint::Fill(1)),
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
        let [table, totals] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(4)]).areas(area);
        let title = format!(
            " {} · {} {} ",
            r.pick("追加与调整", "Supplementary money and adjustments"),
            self.grid.len(),
            r.pick("笔", "entries")
        );
        self.grid
            .draw(frame, table, Block::bordered().title(title), true);
        let mut spans = Vec::new();
        for level in Level::ALL {
            let amount = data
                .supplements
                .by_level
                .get(level)
                .copied()
                .unwrap_or_default();
            spans.push(Span::raw(format!(
                "{} {}   ",
                r.lang.word(*level),
                r.lone_money(amount)
            )));
        }
        spans.push(Span::styled(
            format!(
                "{} {}",
                r.pick("合计", "Total"),
                r.lone_money(data.supplements.total)
            ),
            Style::default().fg(Color::Cyan),
        ));
        let block = Block::bordered().title(format!(
            " {} ",
            r.in_unit(r.pick("按资金级次合计", "Totals by funding level"))
        ));
        frame.render_widget(
            Paragraph::new(Line::from(spans))
                .wrap(Wrap { trim: true })
                .block(block),
            totals,
        );
    }
}
