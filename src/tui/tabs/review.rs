//! Month-end review (月末分析): the review of the as-of date's month — lines
//! behind their expected progress first, instalments overdue or falling due
//! next month, this month's payments against last month's — and the
//! cumulative execution of the year or of one project against time progress.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, LegendPosition, Paragraph};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use unicode_width::UnicodeWidthStr;

use super::Render;
use super::review_cuts::{cut_columns, cut_rows};
use crate::domain::cumulative::cumulative_rates;
use crate::domain::review::{Expectation, MonthFlow, MonthReview, ReviewLine, ReviewProject};
use crate::domain::schedule::InstalmentStatus;
use crate::domain::{FiscalYear, Kind, Money, Source, Vocabulary as _};
use crate::tui::keymap::{Action, Keymap};
use crate::tui::view::ViewData;
use crate::tui::widgets::gauge::rate_text;
use crate::tui::widgets::grid::{Column, Grid, GridRow, RowId, SortKey};
use crate::tui::widgets::light::{LightCell, light_style};

/// The review's main table: its lines, its projects, or what should be cut
/// or will be recovered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReviewView {
    #[default]
    Lines,
    Projects,
    Cuts,
}

impl ReviewView {
    pub fn next(self) -> ReviewView {
        match self {
            ReviewView::Lines => ReviewView::Projects,
            ReviewView::Projects => ReviewView::Cuts,
            ReviewView::Cuts => ReviewView::Lines,
        }
    }
}

#[derive(Debug, Default)]
pub struct ReviewTab {
    pub lines: Grid,
    pub instalments: Grid,
    pub flows: Grid,
    /// The project the chart shows; `None`: the whole year.
    pub chart: Option<String>,
    /// What the main table shows.
    pub view: ReviewView,
    /// The chart's points, (month, percent), month 0 being the year's start.
    execution: Vec<(f64, f64)>,
    progress: Vec<(f64, f64)>,
}

/// A figure as a point on the chart. Only drawing sees a float; every
/// figure shown as text stays exact.
fn coordinate(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

fn line_columns(r: Render) -> Vec<Column> {
    // Most telling first: a narrow screen drops columns from the right.
    vec![
        Column::name(r.pick("指标", "Line")),
        Column::figure(r.pick("执行率", "Rate")),
        Column::figure(r.pick("应达", "Expected")),
        Column::figure(r.pick("差距", "Gap")),
        Column::whole(r.pick("预警", "Light")),
        Column::whole(r.pick("状态", "Status")),
        Column::whole(r.pick("依据", "By")),
        Column::figure(r.pick("已承诺未付", "Committed")),
        Column::figure(r.pick("预算数", "Budget")),
        Column::figure(r.pick("已支出", "Spent")),
        Column::whole(r.pick("最近支付", "Last paid")),
    ]
}

fn status_style(l: &ReviewLine) -> Style {
    if l.overspent {
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
    } else if l.lagging {
        Style::default().fg(Color::Yellow)
    } else if l.idle {
        Style::default().fg(Color::DarkGray)
    } else {
        Style::default()
    }
}

fn line_row(l: &ReviewLine, r: Render) -> GridRow {
    let style = status_style(l);
    let by = match l.expectation {
        Expectation::TimeProportional => r.pick("时间", "time"),
        Expectation::Schedule => r.pick("合同", "contract"),
        Expectation::Unpaced => r.pick("不考核", "not paced"),
    };
    let gap = l.gap.map_or_else(|| "—".to_string(), |g| format!("{g:+}"));
    GridRow::new(RowId::Line(l.code.clone()))
        .cell(
            format!("{} {}", l.code, l.name),
            SortKey::Text(l.code.clone()),
        )
        .styled(rate_text(l.rate), style, SortKey::Rate(l.rate))
        .cell(rate_text(l.expected), SortKey::Rate(l.expected))
        .styled(gap, style, SortKey::Rate(l.gap))
        .light(r.lang, l.light, l.light_ratio)
        .styled(r.lang.review_status(l), style, SortKey::Number(severity(l)))
        .cell(by, SortKey::Text(by.to_string()))
        .cell(r.money(l.committed), SortKey::Money(l.committed))
        .cell(r.money(l.budget), SortKey::Money(l.budget))
        .cell(r.money(l.spent), SortKey::Money(l.spent))
        .cell(
            l.last_paid
                .map_or_else(|| "—".to_string(), |d| d.to_string()),
            // never paid sorts as the longest ago
            SortKey::Date(l.last_paid.unwrap_or(NaiveDate::MIN)),
        )
}

fn project_columns(r: Render) -> Vec<Column> {
    vec![
        Column::name(r.pick("项目", "Project")),
        Column::figure(r.pick("执行率", "Rate")),
        Column::figure(r.pick("应达", "Expected")),
        Column::figure(r.pick("差距", "Gap")),
        Column::whole(r.pick("预警", "Light")),
        Column::whole(r.pick("状态", "Status")),
        Column::figure(r.pick("节点须付", "To pay")),
        Column::figure(r.pick("已承诺未付", "Committed")),
        Column::figure(r.pick("预算数", "Budget")),
        Column::figure(r.pick("已支出", "Spent")),
    ]
}

fn project_row(p: &ReviewProject, r: Render) -> GridRow {
    let style = if p.overspent {
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
    } else if p.lagging {
        Style::default().fg(Color::Yellow)
    } else {
        Style::default()
    };
    let status = [
        (p.overspent, r.pick("超支", "overspent")),
        (p.lagging, r.pick("滞后", "lagging")),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, w)| *w)
    .collect::<Vec<_>>()
    .join(" ");
    let gap = p.gap.map_or_else(|| "—".to_string(), |g| format!("{g:+}"));
    let severity = -(i64::from(p.overspent) * 2 + i64::from(p.lagging));
    GridRow::new(RowId::Project(p.project.clone()))
        .cell(&p.project, SortKey::Text(p.project.clone()))
        .styled(rate_text(p.rate), style, SortKey::Rate(p.rate))
        .cell(rate_text(p.expected), SortKey::Rate(p.expected))
        .styled(gap, style, SortKey::Rate(p.gap))
        .light(r.lang, p.light, p.light_ratio)
        .styled(status, style, SortKey::Number(severity))
        .cell(
            to_pay(p, r),
            SortKey::Money(p.checkpoint.as_ref().map_or(Money::ZERO, |c| c.to_pay)),
        )
        .cell(r.money(p.committed), SortKey::Money(p.committed))
        .cell(r.money(p.budget), SortKey::Money(p.budget))
        .cell(r.money(p.spent), SortKey::Money(p.spent))
}

/// What the project still has to pay by the next checkpoint (its date and
/// target are the year's, in the header): `已达到` once reached.
fn to_pay(p: &ReviewProject, r: Render) -> String {
    match &p.checkpoint {
        Some(c) if c.reached() => r.pick("已达到", "reached").to_string(),
        Some(c) => r.money(c.to_pay),
        None => "—".to_string(),
    }
}

/// Sorting by status puts the worst first: overspent, then lagging, then idle.
fn severity(l: &ReviewLine) -> i64 {
    -(i64::from(l.overspent) * 4 + i64::from(l.lagging) * 2 + i64::from(l.idle))
}

fn instalment_columns(r: Render) -> Vec<Column> {
    vec![
        Column::whole(r.pick("状态", "Status")),
        Column::whole(r.pick("指标", "Line")),
        Column::figure(r.pick("未付", "Outstanding")),
        Column::whole(r.pick("到期日", "Due")),
        Column::whole(r.pick("合同", "Contract")),
        Column::text(r.pick("收款人", "Payee"), 1),
    ]
}

fn instalment_row(s: &InstalmentStatus, r: Render) -> GridRow {
    let (status, style) = match s.days_overdue {
        Some(days) => (
            format!("⚠ {} {days}{}", r.pick("逾期", "late"), r.pick("天", "d")),
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        ),
        None => (
            r.pick("下月到期", "next month").to_string(),
            Style::default().fg(Color::Yellow),
        ),
    };
    GridRow::new(RowId::Instalment(s.item.id))
        .styled(status, style, SortKey::Number(s.days_overdue.unwrap_or(-1)))
        .cell(&s.item.line, SortKey::Text(s.item.line.clone()))
        .styled(r.money(s.outstanding), style, SortKey::Money(s.outstanding))
        .cell(s.item.due.to_string(), SortKey::Date(s.item.due))
        .cell(&s.item.contract, SortKey::Text(s.item.contract.clone()))
        .cell(&s.item.payee, SortKey::Text(s.item.payee.clone()))
}

fn flow_columns(r: Render) -> Vec<Column> {
    vec![
        Column::whole(r.pick("分组", "Group")),
        Column::figure(r.pick("本月", "This month")),
        Column::figure(r.pick("上月", "Last month")),
        Column::figure(r.pick("增减", "Change")),
    ]
}

/// A flow group as a short row label: a kind, or a source indented under it.
fn flow_label(group: &str, r: Render) -> String {
    match group.split_once('/') {
        Some((_, source)) => {
            let source = Source::parse(source).map_or(source, |s| match s {
                Source::Initial => r.pick("年初", "initial"),
                Source::Supplementary => r.pick("追加", "supplementary"),
                Source::Carryover => r.pick("上年结转", "carry-over"),
            });
            format!("{}{source}", r.pick("　", "  "))
        }
        None => match Kind::parse(group) {
            Ok(Kind::Basic) => r.pick("基本支出", "basic").to_string(),
            Ok(Kind::Project) => r.pick("项目支出", "project").to_string(),
            Err(_) => r.pick("全部", "all").to_string(),
        },
    }
}

fn flow_row(f: &MonthFlow, r: Render) -> GridRow {
    let change = f.this_month - f.last_month;
    let change_text = if change.is_positive() {
        format!("+{}", r.money(change))
    } else {
        r.money(change)
    };
    let style = if f.group.contains('/') {
        Style::default()
    } else {
        Style::default().add_modifier(Modifier::BOLD)
    };
    GridRow::new(RowId::None)
        .cell(flow_label(&f.group, r), SortKey::Text(f.group.clone()))
        .cell(r.money(f.this_month), SortKey::Money(f.this_month))
        .cell(r.money(f.last_month), SortKey::Money(f.last_month))
        .cell(change_text, SortKey::Money(change))
        .with_style(style)
}

impl ReviewTab {
    pub fn rebuild(&mut self, data: &ViewData, r: Render) {
        self.lines.set_unit(r.unit);
        self.lines.set_columns(match self.view {
            ReviewView::Lines => line_columns(r),
            ReviewView::Projects => project_columns(r),
            ReviewView::Cuts => cut_columns(r),
        });
        self.instalments.set_unit(r.unit);
        self.instalments.set_columns(instalment_columns(r));
        let Some(loaded) = &data.review else {
            self.flows.set_unit(r.unit);
            self.flows.set_columns(flow_columns(r));
            self.lines.set_rows(Vec::new());
            self.instalments.set_rows(Vec::new());
            self.flows.set_rows(Vec::new());
            (self.execution, self.progress) = (Vec::new(), Vec::new());
            return;
        };
        let review = &loaded.review;
        self.lines.set_rows(match self.view {
            ReviewView::Lines => review.lines.iter().map(|l| line_row(l, r)).collect(),
            ReviewView::Projects => review.projects.iter().map(|p| project_row(p, r)).collect(),
            ReviewView::Cuts => cut_rows(review, r),
        });
        self.instalments.set_rows(
            review
                .overdue
                .iter()
                .chain(&review.due_next_month)
                .map(|s| instalment_row(s, r))
                .collect(),
        );
        // A source that paid nothing in either month says nothing: left out.
        let flows: Vec<GridRow> = review
            .flows
            .iter()
            .filter(|f| {
                !(f.group.contains('/') && f.this_month.is_zero() && f.last_month.is_zero())
            })
            .map(|f| flow_row(f, r))
            .collect();
        self.flows.set_unit(r.unit);
        self.flows.set_columns(flow_columns(r));
        self.flows.set_rows(flows);
        // The execution curve stops at the month reviewed: later payments are not yet known then.
        let rates = cumulative_rates(&loaded.monthly);
        self.execution =
            std::iter::once((0.0, 0.0))
                .chain((1..=review.month).filter_map(|m| {
                    rates[m as usize - 1].map(|rate| (f64::from(m), coordinate(rate)))
                }))
                .collect();
        self.progress = std::iter::once((0.0, 0.0))
            .chain((1..=12).map(|m| (f64::from(m), coordinate(FiscalYear::month_progress(m)))))
            .collect();
    }

    /// The line the selection points at, to prefill forms.
    pub fn selected_line(&self) -> Option<String> {
        match self.lines.selected_id() {
            Some(RowId::Line(code)) => Some(code.clone()),
            _ => None,
        }
    }

    /// Moves the chart to the next (or previous) project, the whole year
    /// coming before the first and after the last.
    pub fn step_chart(&mut self, projects: &[&str], forward: bool) {
        let subjects: Vec<Option<&str>> = std::iter::once(None)
            .chain(projects.iter().map(|p| Some(*p)))
            .collect();
        let at = subjects
            .iter()
            .position(|s| *s == self.chart.as_deref())
            .unwrap_or(0);
        let count = subjects.len();
        let next = if forward {
            (at + 1) % count
        } else {
            (at + count - 1) % count
        };
        self.chart = subjects[next].map(str::to_string);
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, data: &ViewData, r: Render, keys: &Keymap) {
        /// A table's three rows, its header and its borders.
        const TABLE_MIN: u16 = 6;
        let Some(loaded) = &data.review else {
            return;
        };
        let review = &loaded.review;
        // At the minimum size every table keeps three rows: the summary gives
        // up its detail lines, and the chart its place, before a table does.
        let compact = area.height < 3 + TABLE_MIN + 9;
        let summary_height = if compact { 1 } else { 3 };
        let lower_height = if compact {
            area.height.saturating_sub(summary_height + TABLE_MIN)
        } else {
            (area.height / 2).clamp(9, 17)
        };
        let [summary, lines, lower] = Layout::vertical([
            Constraint::Length(summary_height),
            Constraint::Fill(1),
            Constraint::Length(lower_height),
        ])
        .areas(area);
        draw_summary(frame, summary, review, loaded.closed, r);
        let title = format!(
            " {} · {} · {}/{} {} · {} {} · {} {} ",
            match self.view {
                ReviewView::Lines => r.pick("各指标进度（滞后在前）", "Lines, lagging first"),
                ReviewView::Projects => r.pick("各项目进度（滞后在前）", "Projects, lagging first"),
                ReviewView::Cuts => r.pick(
                    "调减建议与结转超期资金",
                    "Proposed reductions and old carry-over"
                ),
            },
            r.unit_label(),
            keys.hint(Action::AsOfEarlier),
            keys.hint(Action::AsOfLater),
            r.pick("上月/下月", "previous/next month"),
            keys.hint(Action::ReviewByProject),
            match self.view.next() {
                ReviewView::Lines => r.pick("看指标", "lines"),
                ReviewView::Projects => r.pick("看项目", "projects"),
                ReviewView::Cuts => r.pick("看调减", "cuts"),
            },
            keys.hint(Action::Monitor),
            r.pick("双监控", "monitoring return"),
        );
        self.lines
            .draw(frame, lines, Block::bordered().title(title), true);
        if compact {
            self.draw_instalments(frame, lower, review, r);
            return;
        }
        let [chart, side] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Percentage(50)]).areas(lower);
        self.draw_chart(frame, chart, review, r, keys);
        // Short of room the month's flows give way: the summary carries their total.
        if side.height < 12 {
            self.draw_instalments(frame, side, review, r);
            return;
        }
        let instalment_height = self.instalments.len().clamp(1, 4) as u16 + 3;
        let [instalments, flows] =
            Layout::vertical([Constraint::Length(instalment_height), Constraint::Fill(1)])
                .areas(side);
        self.draw_instalments(frame, instalments, review, r);
        let title = format!(" {} ", r.pick("本月与上月支付", "Paid this month and last"));
        self.flows
            .draw(frame, flows, Block::bordered().title(title), false);
    }

    fn draw_instalments(&self, frame: &mut Frame, area: Rect, review: &MonthReview, r: Render) {
        let title = format!(
            " {} {}{} · {} {}{} ",
            r.pick("逾期", "Overdue"),
            review.overdue.len(),
            r.pick(" 笔", ""),
            r.pick("下月到期", "due next month"),
            review.due_next_month.len(),
            r.pick(" 笔", ""),
        );
        let style = if review.overdue.is_empty() {
            Style::default()
        } else {
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        };
        let block = Block::bordered().title(Span::styled(title, style));
        if self.instalments.is_empty() {
            let text = r.pick(
                "无逾期未付，下月无到期合同款。",
                "Nothing overdue, nothing falling due next month.",
            );
            frame.render_widget(Paragraph::new(text).block(block), area);
        } else {
            self.instalments.draw(frame, area, block, false);
        }
    }

    /// Cumulative execution against time progress. Time progress is a
    /// dotted straight line and execution a fine curve, so the two are told
    /// apart without colour.
    fn draw_chart(
        &self,
        frame: &mut Frame,
        area: Rect,
        review: &MonthReview,
        r: Render,
        keys: &Keymap,
    ) {
        let subject = self
            .chart
            .as_deref()
            .unwrap_or(r.pick("全年", "whole year"));
        let title = format!(
            " {} · {subject} · {}/{} ",
            r.pick("累计执行率", "Cumulative execution"),
            keys.hint(Action::NextChart),
            keys.hint(Action::PrevChart)
        );
        let rate_now = self.execution.last().filter(|_| self.execution.len() > 1);
        let execution_name = match rate_now {
            Some((_, rate)) => format!("⠤ {} {rate:.2}%", r.pick("执行率", "executed")),
            None => format!("⠤ {} —", r.pick("执行率", "executed")),
        };
        let progress_name = format!(
            "• {} {}%",
            r.pick("序时进度", "time progress"),
            review.time_progress
        );
        // Room above 100% when money was overspent, so the curve is not cut off.
        let top = self
            .execution
            .iter()
            .map(|(_, y)| *y)
            .fold(100.0_f64, f64::max)
            .ceil();
        let datasets = vec![
            Dataset::default()
                .name(progress_name)
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(Style::default().fg(Color::DarkGray))
                .data(&self.progress),
            Dataset::default()
                .name(execution_name)
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Style::default().fg(Color::Cyan))
                .data(&self.execution),
        ];
        // Three labels land where they mean: ratatui puts the first and last
        // at the ends and centres a middle one, but spaces more by 1/n, not 1/(n−1).
        let months = [
            r.pick("年初", "Jan 1"),
            r.pick("6月末", "Jun 30"),
            r.pick("年末", "Dec 31"),
        ];
        let axis = Style::default().fg(Color::Gray);
        let chart = Chart::new(datasets)
            .block(Block::bordered().title(title))
            .x_axis(
                Axis::default()
                    .bounds([0.0, 12.0])
                    .labels(months)
                    .style(axis),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, top])
                    .labels([
                        "0%".to_string(),
                        format!("{:.0}%", top / 2.0),
                        format!("{top:.0}%"),
                    ])
                    .style(axis),
            )
            .legend_position(Some(LegendPosition::TopLeft))
            .hidden_legend_constraints((Constraint::Percentage(60), Constraint::Percentage(50)));
        frame.render_widget(chart, area);
    }
}

/// What the month came to, in two lines: progress and what needs attention,
/// then the money paid. An item that does not fit is left out whole, never
/// cut through a figure.
fn draw_summary(frame: &mut Frame, area: Rect, review: &MonthReview, closed: bool, r: Render) {
    let warn = |count: usize, colour: Color| {
        if count > 0 {
            Style::default().fg(colour)
        } else {
            Style::default()
        }
    };
    let lagging = review.lagging().count();
    let overspent = review.lines.iter().filter(|l| l.overspent).count();
    let (item, items) = (r.pick(" 项", ""), r.pick(" 笔", ""));
    let mut first = vec![Span::styled(
        format!(
            "{}-{:02} {}",
            review.year,
            review.month,
            r.pick("月末分析", "month-end review")
        ),
        Style::default().add_modifier(Modifier::BOLD),
    )];
    if closed {
        // Signed off: entries dated in it are refused.
        first.push(Span::styled(
            r.pick("已结账", "closed").to_string(),
            Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD),
        ));
    }
    first.extend([
        Span::raw(format!(
            "{} {}%",
            r.pick("按月序时进度", "time progress by month"),
            review.time_progress
        )),
        Span::raw(format!(
            "{} {}",
            r.pick("执行率", "executed"),
            rate_text(review.rate())
        )),
        Span::styled(
            format!("{} {lagging}{item}", r.pick("滞后", "lagging")),
            warn(lagging, Color::Yellow),
        ),
        Span::styled(
            format!("{} {overspent}{item}", r.pick("超支", "overspent")),
            warn(overspent, Color::Red),
        ),
        Span::raw(format!(
            "{} {}{item}",
            r.pick("久未支付", "idle"),
            review.idle().count()
        )),
    ]);
    let all = review.flows.first();
    let second = vec![
        Span::raw(format!(
            "{} {}",
            r.pick("本月支付", "paid this month"),
            r.lone_money(all.map(|f| f.this_month).unwrap_or_default())
        )),
        Span::raw(format!(
            "{} {}",
            r.pick("上月", "last month"),
            r.lone_money(all.map(|f| f.last_month).unwrap_or_default())
        )),
        Span::styled(
            format!(
                "{} {}{items}",
                r.pick("逾期", "overdue"),
                review.overdue.len()
            ),
            warn(review.overdue.len(), Color::Red),
        ),
        Span::raw(format!(
            "{} {}{items}",
            r.pick("下月到期", "due next month"),
            review.due_next_month.len()
        )),
    ];
    // The whole year as the bureau lights it, where it heads, and the checkpoint.
    let mut third = vec![Span::styled(
        format!(
            "{} {}",
            r.pick("预警", "light"),
            r.lang.light(review.all.light, review.all.light_ratio)
        ),
        light_style(review.all.light),
    )];
    if let Some(status) = &review.all.checkpoint {
        third.push(Span::raw(r.lang.checkpoint(status, r.unit)));
    }
    third.push(Span::raw(format!(
        "{} {}",
        r.pick("预计全年执行率", "projected"),
        rate_text(review.all.projected_rate)
    )));
    let width = usize::from(area.width);
    frame.render_widget(
        Paragraph::new(vec![
            fitting(first, width),
            fitting(second, width),
            fitting(third, width),
        ]),
        area,
    );
}

/// The items that fit in `width` columns, in order, joined by ` · `.
fn fitting(items: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 1;
    spans.push(Span::raw(" "));
    for (i, item) in items.into_iter().enumerate() {
        let separator = if i == 0 { "" } else { " · " };
        let need = separator.width() + item.content.width();
        if used + need > width {
            break;
        }
        used += need;
        if !separator.is_empty() {
            spans.push(Span::raw(separator));
        }
        spans.push(item);
    }
    Line::from(spans)
}
