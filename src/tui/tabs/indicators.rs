//! Indicators (绩效指标): per project, grouped by category, with target,
//! actual, how far achieved and the points it earns (the summary's and the
//! form's own judgement: [`achievement`], [`indicator_points`]), weight and
//! the reason for a deviation.

use ratatui::Frame;
use ratatui::layout::Rect;
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

/// As the width shrinks, the weight and the category give way first, then
/// the points and the target; the indicator, its actual value and the
/// result last. A value with a figure (`2021-12-31`, `278.47 万元`) is never cut.
pub fn indicator_columns(r: Render) -> Vec<Column> {
    vec![
        Column::whole(r.pick("类别", "Category")).keep(3),
        Column::name(r.pick("指标", "Indicator"))
            .reserve(NAME_RESERVE)
            .keep(8),
        Column::whole(r.pick("结果", "Result")).keep(6),
        Column::figure(r.pick("得分", "Points")).keep(4),
        Column::text(r.pick("实际", "Actual"), 1).keep(7),
        Column::text(r.pick("目标", "Target"), 2).keep(5),
        Column::figure(r.pick("权重", "Weight")).keep(2),
    ]
}

/// What a project's or an indicator's name keeps before figures give way:
/// names in this table repeat down the rows and are told apart by their start.
const NAME_RESERVE: u16 = 14;

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
        // A figure with its unit or a date is never cut; prose may be.
        .whole_if(i.actual.as_ref().is_none_or(|a| a.value.is_some()))
        .cell(&i.target.text, SortKey::Text(i.target.text.clone()))
        .whole_if(i.target.value.is_some())
        .cell(
            format!("{:.2}", i.weight),
            SortKey::Text(format!("{:>8.2}", i.weight)),
        )
}

impl IndicatorsTab {
    pub fn rebuild(&mut self, data: &ViewData, r: Render) {
        let mut columns = vec![
            Column::name(r.pick("项目", "Project"))
                .reserve(NAME_RESERVE)
                .keep(9),
        ];
        columns.extend(indicator_columns(r));
        // Its start says there is a reason; the form it is written in shows it whole.
        columns.push(
            Column::text(r.pick("偏离原因", "Deviation"), 1)
                .reserve(8)
                .keep(1),
        );
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
