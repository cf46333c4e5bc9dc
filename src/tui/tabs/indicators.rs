//! Indicators (绩效指标): per project, grouped by category, with target,
//! actual, whether met, weight and the reason for a deviation.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style};
use ratatui::widgets::Block;

use super::Render;
use crate::domain::{Attainment, Indicator};
use crate::tui::keymap::{Action, Keymap};
use crate::tui::view::ViewData;
use crate::tui::widgets::grid::{Column, Grid, GridRow, RowId, SortKey};

#[derive(Debug, Default)]
pub struct IndicatorsTab {
    pub grid: Grid,
}

pub fn attainment_text(a: Attainment, r: Render) -> (&'static str, Style) {
    match a {
        Attainment::Met => (r.pick("✓ 达成", "✓ met"), Style::default().fg(Color::Green)),
        Attainment::NotMet => (
            r.pick("✗ 未达成", "✗ not met"),
            Style::default().fg(Color::Red),
        ),
        Attainment::Unset => (
            r.pick("· 未定", "· unset"),
            Style::default().fg(Color::DarkGray),
        ),
    }
}

pub fn indicator_columns(r: Render) -> Vec<Column> {
    vec![
        Column::left(r.pick("类别", "Category"), Constraint::Length(12)),
        Column::left(r.pick("指标", "Indicator"), Constraint::Fill(2)),
        // The result before the texts it comes from: narrow screens drop from the right.
        Column::left(r.pick("结果", "Result"), Constraint::Length(10)),
        Column::left(r.pick("实际", "Actual"), Constraint::Fill(1)),
        Column::left(r.pick("目标", "Target"), Constraint::Fill(2)),
        Column::right(r.pick("权重", "Weight"), Constraint::Length(6)),
    ]
}

pub fn indicator_row(i: &Indicator, r: Render) -> GridRow {
    let (result, style) = attainment_text(i.attainment(), r);
    GridRow::new(RowId::Indicator(i.id))
        .cell(r.lang.word(i.category), SortKey::Number(i.category as i64))
        .cell(&i.name, SortKey::Text(i.name.clone()))
        .styled(result, style, SortKey::Text(result.to_string()))
        .cell(
            i.actual.as_ref().map_or("—", |a| a.text.as_str()),
            SortKey::Text(
                i.actual
                    .as_ref()
                    .map(|a| a.text.clone())
                    .unwrap_or_default(),
            ),
        )
        .cell(&i.target.text, SortKey::Text(i.target.text.clone()))
        .cell(
            format!("{:.2}", i.weight),
            SortKey::Text(format!("{:>8.2}", i.weight)),
        )
}

impl IndicatorsTab {
    pub fn rebuild(&mut self, data: &ViewData, r: Render) {
        let mut columns = vec![Column::left(r.pick("项目", "Project"), Constraint::Fill(2))];
        columns.extend(indicator_columns(r));
        columns.push(Column::left(
            r.pick("偏离原因", "Deviation"),
            Constraint::Fill(1),
        ));
        self.grid.set_columns(columns);
        let mut indicators: Vec<&Indicator> = data.indicators.iter().collect();
        let project_order = |p: &str| {
            data.report
                .projects
                .iter()
                .position(|row| row.project == p)
                .unwrap_or(usize::MAX)
        };
        indicators.sort_by_key(|i| (project_order(&i.project), i.category, i.id));
        self.grid.set_rows(
            indicators
                .into_iter()
                .map(|i| {
                    let mut row = GridRow::new(RowId::Indicator(i.id))
                        .cell(&i.project, SortKey::Text(i.project.clone()));
                    let rest = indicator_row(i, r);
                    row.cells.extend(rest.cells);
                    row.keys.extend(rest.keys);
                    row.cell(
                        i.deviation_reason.clone().unwrap_or_default(),
                        SortKey::Text(i.deviation_reason.clone().unwrap_or_default()),
                    )
                })
                .collect(),
        );
    }

    pub fn selected(&self) -> Option<u64> {
        match self.grid.selected_id() {
            Some(RowId::Indicator(id)) => Some(*id),
            _ => None,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, r: Render, keys: &Keymap) {
        let title = format!(
            " {} · {} {} ",
            r.pick("绩效指标", "Performance indicators"),
            keys.hint(Action::EditIndicator),
            r.pick("填报实际值", "set the actual")
        );
        self.grid
            .draw(frame, area, Block::bordered().title(title), true);
    }
}
