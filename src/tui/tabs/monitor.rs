//! The 绩效运行监控 (双监控) return as a view of the Review tab, as of the
//! as-of date: every project's money above, the selected project's
//! indicators with their latest progress below, and under them the
//! selection in full — what a narrow screen's columns leave out, and what is
//! still to be explained.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

use super::Render;
use super::monitor_detail::draw_detail;
use crate::domain::monitor::{MonitorReturn, MonitoredIndicator, MonitoredProject, Unexplained};
use crate::domain::progress::{Likelihood, Shortfall};
use crate::i18n::Lang;
use crate::tui::keymap::{Action, Keymap};
use crate::tui::view::ViewData;
use crate::tui::widgets::gauge::rate_text;
use crate::tui::widgets::grid::{Column, Grid, GridRow, RowId, SortKey};
use crate::tui::widgets::light::LightCell;

#[derive(Debug, Default)]
pub struct MonitorTab {
    /// The Review tab shows the return instead of the month-end review.
    pub shown: bool,
    pub projects: Grid,
    /// The indicators of the project selected above.
    pub indicators: Grid,
    pub indicators_focused: bool,
    /// Whose indicators the lower pane holds, so another project's start at the top.
    indicators_of: Option<String>,
}

/// What calls for a reason and has none: a warning in a word and a colour.
pub fn warning() -> Style {
    Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

fn project_columns(r: Render, through_month: u32) -> Vec<Column> {
    let spent = match r.lang {
        Lang::Zh => format!("预算执行数（1—{through_month}月）"),
        Lang::En => format!("Spent (months 1–{through_month})"),
    };
    // The rates, light and mark before the amounts: at 80 columns the amounts give way.
    vec![
        Column::name(r.pick("项目", "Project")),
        Column::figure(r.pick("执行率", "Rate")),
        Column::figure(r.pick("预计执行率", "Projected")),
        Column::whole(r.pick("预警", "Light")),
        Column::whole(r.pick("原因", "Reason")),
        Column::figure(r.pick("预算数", "Budget")),
        Column::figure(&spent),
        Column::figure(r.pick("全年预计执行数", "Year end")),
    ]
}

/// The mark of a project: a shortfall nobody explained, or a reason given.
pub fn reason_mark(p: &MonitoredProject, r: Render) -> (&'static str, Style) {
    if !p.unexplained.is_empty() {
        (r.pick("⚠ 待说明", "⚠ missing"), warning())
    } else if p.reason.is_some() {
        (r.pick("已说明", "given"), Style::default())
    } else {
        ("", Style::default())
    }
}

fn project_row(p: &MonitoredProject, r: Render) -> GridRow {
    let (mark, mark_style) = reason_mark(p, r);
    GridRow::new(RowId::Project(p.project.clone()))
        .cell(&p.project, SortKey::Text(p.project.clone()))
        .cell(rate_text(p.rate), SortKey::Rate(p.rate))
        .cell(rate_text(p.projected_rate), SortKey::Rate(p.projected_rate))
        .light(r.lang, p.light, None)
        .styled(
            mark,
            mark_style,
            SortKey::Number(-(p.unexplained.len() as i64)),
        )
        .cell(r.money(p.budget), SortKey::Money(p.budget))
        .cell(r.money(p.spent), SortKey::Money(p.spent))
        .cell(r.money(p.projected), SortKey::Money(p.projected))
}

/// The names and targets keep at least their widest in the return, up to
/// this room, before other columns give way; the pane below shows the
/// selected one whole.
const NAME_WIDTH: usize = 22;
const TARGET_WIDTH: usize = 14;

/// `widths`: of the names and of the targets, the widest in the return up to the caps.
fn indicator_columns(r: Render, widths: (u16, u16)) -> Vec<Column> {
    // The figures before the prose, and the tier (which the category
    // implies) last: the lower pane spells out what does not fit.
    vec![
        Column::whole(r.pick("二级指标", "Category")),
        Column::name(r.pick("三级指标", "Indicator")).at_least(widths.0),
        Column::text(r.pick("指标值", "Target"), 1).at_least(widths.1),
        Column::whole(r.pick("完成情况", "Reached")),
        Column::whole(r.pick("全年预计", "Projected")),
        Column::whole(r.pick("可能性", "Likely")),
        Column::whole(r.pick("整改", "Rectify")),
        // The cause before the measures: room for a sentence before they show.
        Column::text(r.pick("偏差原因", "Cause of deviation"), 2).reserve(24),
        Column::text(r.pick("整改措施", "Rectification"), 2),
        Column::whole(r.pick("一级指标", "Tier")),
    ]
}

/// Whether the return lists this indicator as short with no reason.
pub fn unexplained(p: &MonitoredProject, id: u64) -> Option<Shortfall> {
    p.unexplained.iter().find_map(|u| match u {
        Unexplained::Indicator {
            id: i, shortfall, ..
        } if *i == id => Some(*shortfall),
        _ => None,
    })
}

/// 完成情况: the value, with its date when it is older than the return's.
pub fn reached(i: &MonitoredIndicator, as_of: NaiveDate, r: Render) -> String {
    match (&i.value, i.reported_on) {
        (Some(value), Some(date)) if date != as_of => {
            format!("{value} · {:02}-{:02}", date.month(), date.day())
        }
        (Some(value), _) => value.clone(),
        (None, _) => r.pick("未填报", "not reported").to_string(),
    }
}

/// 偏差原因 as the return writes it: the kind and the text, or what is required.
pub fn deviation(i: &MonitoredIndicator, short: Option<Shortfall>, r: Render) -> (String, Style) {
    let text = match (i.cause, &i.reason) {
        (Some(cause), Some(reason)) => {
            format!("{}{}{reason}", r.lang.word(cause), r.pick("：", ": "))
        }
        (Some(cause), None) => r.lang.word(cause).to_string(),
        (None, Some(reason)) => reason.clone(),
        (None, None) => {
            return match short {
                Some(_) => (
                    r.pick("⚠ 须说明原因", "⚠ reason required").into(),
                    warning(),
                ),
                None => (String::new(), Style::default()),
            };
        }
    };
    (text, Style::default())
}

pub fn likelihood_style(l: Option<Likelihood>) -> Style {
    match l {
        Some(Likelihood::Certain) => Style::default().fg(Color::Green),
        Some(Likelihood::Possible) => Style::default().fg(Color::Yellow),
        Some(Likelihood::Impossible) => {
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
        }
        None => Style::default(),
    }
}

/// 是否需要整改: nothing before a value is reported.
pub fn rectify_word(i: &MonitoredIndicator, r: Render) -> &'static str {
    match (i.reported_on, i.rectification_needed) {
        (None, _) => "",
        (Some(_), true) => r.pick("是", "yes"),
        (Some(_), false) => r.pick("否", "no"),
    }
}

fn indicator_row(
    i: &MonitoredIndicator,
    p: &MonitoredProject,
    as_of: NaiveDate,
    r: Render,
) -> GridRow {
    let short = unexplained(p, i.id);
    let name = match short {
        Some(_) => format!("⚠ {}", i.name),
        None => i.name.clone(),
    };
    let (cause, cause_style) = deviation(i, short, r);
    let value_style = if i.reported_on.is_none() {
        Style::default().fg(Color::DarkGray)
    } else {
        Style::default()
    };
    let rectify = rectify_word(i, r);
    let likelihood = i.likelihood.map_or("", |l| r.lang.word(l));
    let name_style = if short.is_some() {
        warning()
    } else {
        Style::default()
    };
    GridRow::new(RowId::Indicator(i.id))
        .cell(r.lang.word(i.category), SortKey::Number(i.category as i64))
        .styled(name, name_style, SortKey::Text(i.name.clone()))
        .cell(&i.target, SortKey::Text(i.target.clone()))
        .styled(
            reached(i, as_of, r),
            value_style,
            SortKey::Date(i.reported_on.unwrap_or(NaiveDate::MIN)),
        )
        .cell(
            i.projected.clone().unwrap_or_default(),
            SortKey::Text(i.projected.clone().unwrap_or_default()),
        )
        .styled(
            likelihood,
            likelihood_style(i.likelihood),
            SortKey::Number(i.likelihood.map_or(-1, |l| l as i64)),
        )
        .styled(
            rectify,
            if i.rectification_needed {
                Style::default().fg(Color::Yellow)
            } else {
                Style::default()
            },
            SortKey::Text(rectify.to_string()),
        )
        .styled(cause.clone(), cause_style, SortKey::Text(cause))
        .cell(
            i.rectify.clone().unwrap_or_default(),
            SortKey::Text(i.rectify.clone().unwrap_or_default()),
        )
        .cell(r.lang.word(i.tier), SortKey::Number(i.tier as i64))
}

/// The name and target columns' least widths, the same for every project so
/// the columns stay put as the selection moves.
fn column_widths(m: &MonitorReturn) -> (u16, u16) {
    let indicators = m.projects.iter().flat_map(|p| &p.indicators);
    let (mut name, mut target) = (8, 6);
    for i in indicators {
        // The warning mark before a name takes two columns.
        name = name.max(i.name.width() + 2);
        target = target.max(i.target.width());
    }
    let width = |w: usize| u16::try_from(w).unwrap_or(u16::MAX);
    (width(name.min(NAME_WIDTH)), width(target.min(TARGET_WIDTH)))
}

impl MonitorTab {
    /// Rows from the return; none read (a reload before it is read again)
    /// leaves the rows as they are, so the selection survives a save.
    pub fn rebuild(&mut self, data: &ViewData, r: Render) {
        let Some(m) = &data.monitor else {
            return;
        };
        self.projects.set_unit(r.unit);
        self.projects
            .set_columns(project_columns(r, m.through_month));
        self.indicators.set_unit(r.unit);
        self.indicators
            .set_columns(indicator_columns(r, column_widths(m)));
        self.projects
            .set_rows(m.projects.iter().map(|p| project_row(p, r)).collect());
        self.rebuild_indicators(data, r);
    }

    /// The lower pane, after the selection above moved or the return was re-read.
    pub fn rebuild_indicators(&mut self, data: &ViewData, r: Render) {
        let project = data
            .monitor
            .as_ref()
            .and_then(|m| Some((m, self.selected_project(m)?)));
        let rows = project.map_or_else(Vec::new, |(m, p)| {
            p.indicators
                .iter()
                .map(|i| indicator_row(i, p, m.as_of, r))
                .collect()
        });
        self.indicators.set_rows(rows);
        let name = project.map(|(_, p)| p.project.clone());
        if name != self.indicators_of {
            self.indicators.first();
            self.indicators_of = name;
        }
        if self.indicators.is_empty() {
            self.indicators_focused = false;
        }
    }

    pub fn focused_mut(&mut self) -> &mut Grid {
        if self.indicators_focused {
            &mut self.indicators
        } else {
            &mut self.projects
        }
    }

    pub fn selected_project<'a>(&self, m: &'a MonitorReturn) -> Option<&'a MonitoredProject> {
        match self.projects.selected_id() {
            Some(RowId::Project(name)) => m.projects.iter().find(|p| &p.project == name),
            _ => None,
        }
    }

    pub fn selected_indicator<'a>(&self, m: &'a MonitorReturn) -> Option<&'a MonitoredIndicator> {
        let project = self.selected_project(m)?;
        match self.indicators.selected_id() {
            Some(RowId::Indicator(id)) => project.indicators.iter().find(|i| i.id == *id),
            _ => None,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, data: &ViewData, r: Render, keys: &Keymap) {
        let Some(m) = &data.monitor else {
            return;
        };
        // The pane below holds what the tables leave out: four lines even at 24 rows.
        let detail_height = if area.height >= 30 { 7 } else { 6 };
        let room = area.height.saturating_sub(detail_height);
        // The projects take about half the rest: at 40 rows all 13 of the demo, at 24 rows four.
        let projects_height = (self.projects.len() as u16 + 3)
            .min((room * 3 / 5).saturating_sub(2))
            .max(4);
        let [projects, indicators, detail] = Layout::vertical([
            Constraint::Length(projects_height),
            Constraint::Fill(1),
            Constraint::Length(detail_height),
        ])
        .areas(area);
        let flagged = m.flagged().count();
        let title = match r.lang {
            Lang::Zh => format!(
                " 绩效运行监控（双监控） · {}（1—{}月） · {} · 待说明 {flagged} 个项目 ",
                m.as_of,
                m.through_month,
                r.unit_label()
            ),
            Lang::En => format!(
                " Monitoring return · {}, months 1–{} · {} · {flagged} to explain ",
                m.as_of,
                m.through_month,
                r.unit_label()
            ),
        };
        let title_style = if flagged > 0 {
            warning()
        } else {
            Style::default()
        };
        self.projects.draw(
            frame,
            projects,
            Block::bordered().title(ratatui::text::Span::styled(title, title_style)),
            !self.indicators_focused,
        );
        let title = format!(
            " {} · {} {} · {} {} · {} {} ",
            r.pick("绩效指标", "Indicators"),
            keys.hint(Action::EditIndicator),
            r.pick("填报进度", "record progress"),
            keys.hint(Action::OtherPane),
            r.pick("切换窗格", "other pane"),
            keys.hint(Action::Monitor),
            r.pick("返回月末分析", "back to the review"),
        );
        self.indicators.draw(
            frame,
            indicators,
            Block::bordered().title(title),
            self.indicators_focused,
        );
        let project = self.selected_project(m);
        let indicator = self
            .indicators_focused
            .then(|| self.selected_indicator(m))
            .flatten();
        draw_detail(frame, detail, m, project, indicator, r, keys);
    }
}
