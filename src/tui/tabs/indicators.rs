//! Indicators (绩效指标): per project, grouped by category, with target,
//! actual, how far achieved and the points it earns (the summary's and the
//! form's own judgement: [`achievement`], [`indicator_points`]), weight and
//! the reason for a deviation.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style};
use ratatui::widgets::Block;

use super::Render;
use crate::domain::Indicator;
use crate::domain::rules::ScoringRules;
use crate::domain::score::{Achievement, achievement, indicator_points};
use crate::tui::keymap::{Action, Keymap};
use crate::tui::view::ViewData;
use crate::tui::widgets::grid::{Column, Grid, GridRow, RowId, SortKey};

#[derive(Debug, Default)]
pub struct IndicatorsTab {
    pub grid: Grid,
}

/// How far an indicator was achieved, in a sign, a word and a colour.
pub fn achievement_text(a: Achievement, r: Render) -> (String, Style) {
    let (sign, colour) = match a {
        Achievement::Achieved => ("✓", Color::Green),
        Achievement::Partly => ("◐", Color::Yellow),
        Achievement::NotAchieved => ("✗", Color::Red),
        Achievement::Open => ("·", Color::DarkGray),
    };
    (
        format!("{sign} {}", r.lang.achievement(a)),
        Style::default().fg(colour),
    )
}

pub fn indicator_columns(r: Render) -> Vec<Column> {
    vec![
        Column::fitted(r.pick("类别", "Category"), Constraint::Length(4)),
        Column::left(r.pick("指标", "Indicator"), Constraint::Fill(2)),
        // The result before the texts it comes from: narrow screens drop from the right.
        Column::fitted(r.pick("结果", "Result"), Constraint::Length(6)),
        Column::right(r.pick("得分", "Points"), Constraint::Length(6)),
        Column::left(r.pick("实际", "Actual"), Constraint::Fill(1)),
        Column::left(r.pick("目标", "Target"), Constraint::Fill(2)),
        Column::right(r.pick("权重", "Weight"), Constraint::Length(6)),
    ]
}

pub fn indicator_row(i: &Indicator, rules: &ScoringRules, r: Render) -> GridRow {
    let (result, style) = achievement_text(achievement(i, rules), r);
    let points = indicator_points(i, rules);
    // No actual value yet: the form lists it as missing, and so does this.
    let (actual, actual_style) = match &i.actual {
        Some(a) => (a.text.clone(), Style::default()),
        None => (
            r.pick("⚠ 未填", "⚠ missing").to_string(),
            Style::default().fg(Color::Yellow),
        ),
    };
    GridRow::new(RowId::Indicator(i.id))
        .cell(r.lang.word(i.category), SortKey::Number(i.category as i64))
        .cell(&i.name, SortKey::Text(i.name.clone()))
        .styled(result.clone(), style, SortKey::Text(result))
        .cell(
            points.map_or_else(|| "—".to_string(), |p| format!("{p:.2}")),
            SortKey::Rate(points),
        )
        .styled(
            actual,
            actual_style,
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
                    let rest = indicator_row(i, &data.rules, r);
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
