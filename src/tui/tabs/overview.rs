//! Overview (总览): gauges for the year, each kind and each source against
//! time progress, with their warning lights and the next checkpoint; the
//! warning panel (red lines first); the overdue panel; money paid per month.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Render;
use crate::domain::Money;
use crate::domain::monitoring::Light;
use crate::domain::monitoring::checkpoint::to_reach;
use crate::domain::report::LineRow;
use crate::i18n::Lang;
use crate::tui::view::ViewData;
use crate::tui::widgets::gauge::{GaugeMoney, PaceGauge};
use crate::tui::widgets::grid::{Column, Grid, GridRow, RowId, SortKey};
use crate::tui::widgets::light::{LightCell, light_severity, light_style};
use crate::tui::widgets::{title, wrap};

/// The groups with a gauge, in the order a finance reader expects.
const GAUGES: [(&str, &str, &str); 6] = [
    ("all", "全年", "Whole year"),
    ("basic", "基本支出", "Basic"),
    ("project", "项目支出", "Projects"),
    ("source/initial", "年初预算", "Initial"),
    ("source/supplementary", "追加预算", "Supplementary"),
    ("source/carryover", "上年结转", "Carry-over"),
];

/// The fewest rows a table panel shows when the screen is at its smallest.
pub const MIN_ROWS: usize = 3;
/// The overdue panel grows with its rows up to this many.
const MAX_OVERDUE_ROWS: usize = 5;
/// The fewest gauges kept (the year, basic, projects) before the tables
/// stop being stacked.
const MIN_GAUGES_SHOWN: usize = 3;
/// The gauges panel with those gauges: borders, header and the gauges.
const MIN_GAUGES: u16 = MIN_GAUGES_SHOWN as u16 + 3;

/// The height of a table panel showing up to `rows` of its rows: borders,
/// header and rows; an empty table shows its one-line sentence instead.
fn panel_height(grid: &Grid, rows: usize) -> u16 {
    if grid.is_empty() {
        3
    } else {
        grid.len().min(rows) as u16 + 3
    }
}

#[derive(Debug, Default)]
pub struct OverviewTab {
    pub overdue: Grid,
    /// Lines lit red or yellow, red first, furthest behind first.
    pub warnings: Grid,
    /// How many of the warnings are red.
    red: usize,
}

impl OverviewTab {
    pub fn rebuild(&mut self, data: &ViewData, r: Render) {
        // Most telling first: a narrow panel drops columns from the right.
        self.overdue.set_unit(r.unit);
        self.overdue.set_columns(vec![
            Column::whole(r.pick("指标", "Line")),
            Column::figure(r.pick("逾期天数", "Days late")),
            Column::figure(r.pick("未付", "Outstanding")),
            Column::text(r.pick("收款人", "Payee"), 1),
        ]);
        self.overdue.set_rows(
            data.report
                .overdue
                .iter()
                .map(|o| {
                    GridRow::new(RowId::None)
                        .cell(&o.line, SortKey::Text(o.line.clone()))
                        .styled(
                            o.days_overdue.to_string(),
                            Style::default().fg(Color::Red),
                            SortKey::Number(o.days_overdue),
                        )
                        .cell(r.money(o.outstanding), SortKey::Money(o.outstanding))
                        .cell(&o.payee, SortKey::Text(o.payee.clone()))
                })
                .collect(),
        );
        self.rebuild_warnings(data, r);
    }

    fn rebuild_warnings(&mut self, data: &ViewData, r: Render) {
        let report = &data.report;
        let target = report.checkpoint.as_ref().map(|c| c.target);
        let mut lit: Vec<&LineRow> = report
            .lines
            .iter()
            .filter(|l| matches!(l.light, Some(Light::Red | Light::Yellow)))
            .collect();
        lit.sort_by_key(|l| (light_severity(l.light), l.light_ratio));
        self.red = lit.iter().filter(|l| l.light == Some(Light::Red)).count();
        let checkpoint =
            report
                .checkpoint
                .as_ref()
                .map_or(r.pick("节点须付", "To pay").to_string(), |c| {
                    format!(
                        "{}{}",
                        r.lang.checkpoint_date(c.date),
                        r.pick("须付", " to pay")
                    )
                });
        self.warnings.set_unit(r.unit);
        self.warnings.set_columns(vec![
            Column::whole(r.pick("指标", "Line")),
            Column::whole(r.pick("预警", "Light")),
            Column::figure(r.pick("落后", "Behind")),
            Column::figure(&checkpoint),
            Column::text(r.pick("名称", "Name"), 1),
        ]);
        self.warnings.set_rows(
            lit.into_iter()
                .map(|l| {
                    let to_pay = target.map_or(Money::ZERO, |t| to_reach(t, l.budget, l.spent));
                    GridRow::new(RowId::Line(l.code.clone()))
                        .cell(&l.code, SortKey::Text(l.code.clone()))
                        .light(r.lang, l.light, l.light_ratio)
                        .cell(r.money(l.behind()), SortKey::Money(l.behind()))
                        .cell(r.money(to_pay), SortKey::Money(to_pay))
                        .cell(&l.name, SortKey::Text(l.name.clone()))
                })
                .collect(),
        );
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, data: &ViewData, r: Render) {
        // The checkpoint sentence wraps rather than cut its amount.
        let checkpoint = checkpoint_text(data, r).map_or(0, |text| {
            wrap(&text, area.width.saturating_sub(2) as usize).len() as u16
        });
        let all_gauges = GAUGES.len() as u16 + 3 + checkpoint;
        let warnings_least = panel_height(&self.warnings, MIN_ROWS);
        let overdue_least = panel_height(&self.overdue, MIN_ROWS);
        let overdue_most = panel_height(&self.overdue, MAX_OVERDUE_ROWS);
        let stacked = warnings_least + overdue_least;
        // Tables before gauges: every table keeps three rows, and the gauges
        // give up rows to them, down to three gauges. Below that the two
        // tables stand side by side and the chart goes.
        let side_by_side = area.height < MIN_GAUGES + stacked;
        let tables = if side_by_side {
            warnings_least.max(overdue_least)
        } else {
            stacked
        };
        let mut gauges_height = area.height.saturating_sub(tables).min(all_gauges);
        if gauges_height < 3 {
            gauges_height = 0; // a border round nothing
        }
        let [gauges, lower] =
            Layout::vertical([Constraint::Length(gauges_height), Constraint::Fill(1)]).areas(area);
        if gauges_height > 0 {
            self.draw_gauges(frame, gauges, data, r);
        }
        if side_by_side {
            let [warnings, overdue] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(lower);
            self.draw_warnings(frame, warnings, r);
            self.draw_overdue(frame, overdue, data, r);
            return;
        }
        let [left, chart] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(lower);
        // The overdue panel as tall as its rows (at most five) while the
        // warnings keep three, the warnings above it.
        let overdue_height = overdue_most.min(lower.height.saturating_sub(warnings_least));
        let [warnings, overdue] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(overdue_height.max(overdue_least)),
        ])
        .areas(left);
        self.draw_warnings(frame, warnings, r);
        self.draw_overdue(frame, overdue, data, r);
        draw_months(frame, chart, &data.report.months, r);
    }

    fn draw_warnings(&self, frame: &mut Frame, area: Rect, r: Render) {
        let yellow = self.warnings.len() - self.red;
        let (title, style) = if self.warnings.is_empty() {
            (
                format!(
                    " {} ",
                    r.pick("预警：无红灯、黄灯", "Warnings: no red or yellow light")
                ),
                Style::default(),
            )
        } else {
            let counts = format!(
                "{} {} · {} {}",
                r.pick("红灯", "red"),
                self.red,
                r.pick("黄灯", "yellow"),
                yellow
            );
            let candidates = [
                format!(" ⚠ {} {counts} ", r.pick("预警", "Warnings:")),
                format!(" ⚠ {counts} "),
            ];
            (
                title::fitted(&candidates, area.width.saturating_sub(2)),
                light_style(Some(if self.red > 0 {
                    Light::Red
                } else {
                    Light::Yellow
                })),
            )
        };
        let block = Block::bordered().title(Span::styled(title, style));
        if self.warnings.is_empty() {
            let text = Paragraph::new(r.pick(
                "每条指标都在序时进度的八成以上。",
                "Every line is at 80 % of its expected progress or more.",
            ))
            .block(block);
            frame.render_widget(text, area);
        } else {
            self.warnings.draw(frame, area, block, false);
        }
    }

    fn draw_gauges(&self, frame: &mut Frame, area: Rect, data: &ViewData, r: Render) {
        let report = &data.report;
        let title = format!(
            " {} · {} {}% ┃ ",
            r.pick("执行进度", "Execution"),
            r.pick("序时进度", "time progress"),
            report.time_progress
        );
        let block = Block::bordered().title(title);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let labels: Vec<&str> = GAUGES.iter().map(|(_, zh, en)| r.pick(zh, en)).collect();
        let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0);
        let gauges: Vec<PaceGauge> = GAUGES
            .iter()
            .zip(labels)
            .filter_map(|((key, _, _), label)| {
                let group = report.group(key)?;
                Some(PaceGauge {
                    label,
                    rate: group.rate,
                    progress: report.time_progress,
                    pace: report.pace_of(group),
                    lang: r.lang,
                    label_width,
                    light: group.light,
                    light_ratio: group.light_ratio,
                    money: GaugeMoney {
                        budget: r.lone_money(group.budget),
                        spent: r.lone_money(group.spent),
                        remaining: r.lone_money(group.budget - group.spent),
                    },
                    money_width: 0,
                })
            })
            .collect();
        let money_width = gauges
            .iter()
            .flat_map(|g| [&g.money.budget, &g.money.spent, &g.money.remaining])
            .map(|t| t.width())
            .max()
            .unwrap_or(0);
        let row = |n: usize| Rect {
            y: inner.y + n as u16,
            height: 1,
            ..inner
        };
        if let Some(first) = gauges.first() {
            let first = PaceGauge {
                money_width,
                ..first.clone()
            };
            let header = first.header(first.parts(inner.width as usize));
            frame.render_widget(
                Paragraph::new(header).style(Style::default().fg(Color::DarkGray)),
                row(0),
            );
        }
        // Short of room the sources' gauges go first (carry-over, then
        // supplementary, then initial), then the checkpoint sentence.
        let checkpoint = checkpoint_text(data, r).map(|text| wrap(&text, inner.width as usize));
        let room = (inner.height as usize).saturating_sub(1);
        let sentence = checkpoint.as_ref().map_or(0, Vec::len);
        let (shown, checkpoint) = if room >= MIN_GAUGES_SHOWN + sentence {
            ((room - sentence).min(gauges.len()), checkpoint)
        } else {
            (room.min(gauges.len()), None)
        };
        for (i, gauge) in gauges.into_iter().take(shown).enumerate() {
            frame.render_widget(
                PaceGauge {
                    money_width,
                    ..gauge
                },
                row(i + 1),
            );
        }
        if let Some(rows) = checkpoint {
            let area = Rect {
                height: rows.len() as u16,
                ..row(shown + 1)
            };
            frame.render_widget(Paragraph::new(rows.join("\n")), area);
        }
    }

    fn draw_overdue(&self, frame: &mut Frame, area: Rect, data: &ViewData, r: Render) {
        let report = &data.report;
        let (title, style) = if report.overdue.is_empty() {
            (
                format!(" {} ", r.pick("逾期未付：无", "Overdue: none")),
                Style::default(),
            )
        } else {
            let count = report.overdue.len();
            let amount = format!(
                "{} {}",
                r.lone_money(report.overdue_total()),
                r.unit_label()
            );
            let candidates = match r.lang {
                Lang::Zh => [
                    format!(" ⚠ 逾期未付 {count} 笔 · {amount} "),
                    format!(" ⚠ 逾期 {count} 笔 · {amount} "),
                    format!(" ⚠ 逾期 {amount} "),
                    format!(" ⚠ {amount} "),
                    format!(" {amount} "),
                ],
                Lang::En => [
                    format!(" ⚠ Overdue: {count} · {amount} "),
                    format!(" ⚠ {count} overdue · {amount} "),
                    format!(" ⚠ Overdue {amount} "),
                    format!(" ⚠ {amount} "),
                    format!(" {amount} "),
                ],
            };
            (
                title::fitted(&candidates, area.width.saturating_sub(2)),
                Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
            )
        };
        let block = Block::bordered().title(Span::styled(title, style));
        if report.overdue.is_empty() {
            let text = Paragraph::new(r.pick(
                "所有到期合同款均已支付。",
                "Every instalment due has been paid.",
            ))
            .block(block);
            frame.render_widget(text, area);
        } else {
            self.overdue.draw(frame, area, block, false);
        }
    }
}

/// Money paid per month as bars, in the chosen unit.
fn draw_months(frame: &mut Frame, area: Rect, months: &[Money], r: Render) {
    let title = format!(" {} ", r.in_unit(r.pick("每月支付", "Paid per month")));
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Twelve bars and their gaps must fit; narrow screens get one-cell bars.
    let bar_width = ((inner.width as usize).saturating_sub(11) / 12).clamp(1, 6) as u16;
    // A one-cell bar cannot carry "10": months are then marked on an axis
    // row of their own (1, 6, 12), never cut to "1 1 1".
    let axis = bar_width < 2 && inner.height > 2;
    let [bars_area, axis_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(u16::from(axis))]).areas(inner);
    let bars: Vec<Bar> = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let fen = u64::try_from(m.fen().max(0)).unwrap_or(u64::MAX);
            let text = if bar_width >= 5 {
                short_amount(*m, r)
            } else {
                String::new()
            };
            let label = if axis {
                String::new()
            } else {
                format!("{}", i + 1)
            };
            Bar::default()
                .value(fen)
                .label(Line::from(label))
                .text_value(text)
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1)
        .bar_style(Style::default().fg(Color::Cyan))
        .value_style(Style::default().fg(Color::Black).bg(Color::Cyan));
    frame.render_widget(chart, bars_area);
    if axis {
        frame.render_widget(Paragraph::new(month_axis(months.len())), axis_area);
    }
}

/// The months under one-cell bars two cells apart: 1, 6 and the last.
fn month_axis(months: usize) -> String {
    let mut axis = vec![' '; months * 2 + 1];
    for month in [1, 6, months] {
        let at = (month - 1) * 2;
        for (k, c) in month.to_string().chars().enumerate() {
            if let Some(cell) = axis.get_mut(at + k) {
                *cell = c;
            }
        }
    }
    axis.into_iter().collect::<String>().trim_end().to_string()
}

/// The whole year's next checkpoint and what it still needs, if it has one.
fn checkpoint_text(data: &ViewData, r: Render) -> Option<String> {
    let status = data.report.checkpoint.as_ref()?;
    Some(format!(
        "{}{}",
        r.pick("进度节点：", "Checkpoint: "),
        r.lang.checkpoint(status, r.unit)
    ))
}

/// An amount short enough to print on a bar: whole 万 or thousands of 元.
fn short_amount(m: Money, r: Render) -> String {
    match r.unit {
        crate::domain::Unit::Wan => format!("{:.0}", m.wan_2dp()),
        // thousands are not a Chinese unit: 万 is
        crate::domain::Unit::Yuan => match r.lang {
            crate::i18n::Lang::Zh => format!("{:.1}万", m.wan_2dp()),
            crate::i18n::Lang::En => format!("{}k", m.fen() / 100_000),
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_cell_bars_mark_the_first_the_sixth_and_the_last_month() {
        let axis = super::month_axis(12);
        assert_eq!(axis, "1         6           12");
        // each number starts under its bar: bar n at cell 2 × (n − 1)
        assert_eq!(axis.find('6'), Some(10));
        assert_eq!(axis.find("12"), Some(22));
    }
}
