//! Projects (项目支出): every project whatever its source, with its schedule
//! status; Enter opens one: its lines, disbursements, schedule and indicators.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::widgets::Block;

use super::Render;
use super::basic::{KEEP_SPENT, entry_columns, entry_row, figure_columns, line_row, money_columns};
use super::indicators::{indicator_columns, indicator_row};
use crate::domain::report::{Pace, ProjectRow};
use crate::domain::schedule::InstalmentStatus;
use crate::tui::keymap::{Action, Keymap};
use crate::tui::view::ViewData;
use crate::tui::widgets::gauge::{GaugeMoney, PaceGauge, bar_text, pace_style, rate_text};
use crate::tui::widgets::grid::{Column, Grid, GridRow, RowId, SortKey};
use crate::tui::widgets::light::LightCell;
use crate::tui::widgets::wrap;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Default)]
pub struct ProjectsTab {
    pub projects: Grid,
    /// The project opened with Enter, if any.
    pub open: Option<String>,
    pub lines: Grid,
    pub entries: Grid,
    pub schedule: Grid,
    pub indicators: Grid,
}

/// A project's row; `wants_reason`: its form needs a reason not yet written,
/// marked before its name so it shows at any width.
fn project_row(p: &ProjectRow, pace: Pace, wants_reason: bool, r: Render) -> GridRow {
    let f = &p.figures;
    let sources: Vec<&str> = p.sources.iter().map(|s| r.lang.word(*s)).collect();
    let overdue = if p.overdue_outstanding.is_positive() {
        (
            format!("⚠ {}", r.money(p.overdue_outstanding)),
            Style::default().fg(Color::Red),
        )
    } else {
        ("—".to_string(), Style::default())
    };
    let name = if wants_reason {
        (
            format!("⚠ {}", p.project),
            Style::default().fg(Color::Yellow),
        )
    } else {
        (p.project.clone(), Style::default())
    };
    GridRow::new(RowId::Project(p.project.clone()))
        .styled(name.0, name.1, SortKey::Text(p.project.clone()))
        .cell(r.money(f.budget), SortKey::Money(f.budget))
        .cell(r.money(f.spent), SortKey::Money(f.spent))
        .styled(
            r.money(f.budget - f.spent),
            super::basic::remaining_style(f.budget - f.spent),
            SortKey::Money(f.budget - f.spent),
        )
        .styled(rate_text(f.rate), pace_style(pace), SortKey::Rate(f.rate))
        .light(r.lang, f.light, f.light_ratio)
        .styled(
            r.lang.pace(pace),
            pace_style(pace),
            SortKey::Number(super::basic::pace_severity(pace)),
        )
        .styled(overdue.0, overdue.1, SortKey::Money(p.overdue_outstanding))
        .styled(
            bar_text(f.rate, 10),
            pace_style(pace),
            SortKey::Rate(f.rate),
        )
        .cell(sources.join("+"), SortKey::Text(sources.join("+")))
}

/// A project's contract schedule as the contract lists it: instalments by
/// due date, so a paid one comes before the later unpaid ones, and overdue
/// ones stand out by their colour and days late, not by moving.
fn by_due_date(schedule: &[InstalmentStatus]) -> Vec<&InstalmentStatus> {
    let mut items: Vec<&InstalmentStatus> = schedule.iter().collect();
    items.sort_by_key(|s| (s.item.due, s.item.id));
    items
}

impl ProjectsTab {
    pub fn rebuild(&mut self, data: &ViewData, r: Render) {
        self.projects.set_unit(r.unit);
        // As the width shrinks the words and the bar give way first, then
        // the figures as a line's do (rate and what is left last); money
        // overdue is worth more of the room than the words after it.
        let mut columns = money_columns(r, ("项目", "Project"));
        columns.extend([
            Column::figure(r.pick("逾期未付", "Overdue")).keep(KEEP_SPENT - 1),
            Column::whole(r.pick("进度条", "Bar")),
            Column::whole(r.pick("来源", "Source")),
        ]);
        self.projects.set_columns(columns);
        self.projects.set_total(r.pick("合计", "Total"), r.unit);
        // Judged once, not once for every row.
        let wanting: std::collections::HashSet<&str> =
            data.wanting_reason().map(|p| p.project.as_str()).collect();
        self.projects.set_rows(
            data.report
                .projects
                .iter()
                .map(|p| {
                    let wants = wanting.contains(p.project.as_str());
                    project_row(p, data.report.project_pace(p), wants, r)
                })
                .collect(),
        );
        self.rebuild_detail(data, r);
    }

    pub fn rebuild_detail(&mut self, data: &ViewData, r: Render) {
        let Some(project) = &self.open else { return };
        let codes = data.project_lines(project);
        self.lines.set_unit(r.unit);
        self.lines.set_columns(figure_columns(r, ("指标", "Line")));
        self.lines.set_total(r.pick("合计", "Total"), r.unit);
        self.lines.set_rows(
            data.report
                .lines
                .iter()
                .filter(|l| codes.contains(&l.code))
                .map(|l| line_row(l, data.report.line_pace(l), r))
                .collect(),
        );
        self.entries.set_unit(r.unit);
        self.entries.set_columns(entry_columns(r));
        self.entries
            .set_rows(data.detail.iter().map(|d| entry_row(d, data, r)).collect());
        self.schedule.set_unit(r.unit);
        self.schedule
            .set_columns(super::payments::schedule_columns(r));
        self.schedule.set_rows(
            by_due_date(&data.schedule)
                .into_iter()
                .filter(|s| codes.contains(&s.item.line))
                .map(|s| super::payments::schedule_row(s, r))
                .collect(),
        );
        self.indicators.set_unit(r.unit);
        self.indicators.set_columns(indicator_columns(r));
        self.indicators.set_rows(
            data.indicators
                .iter()
                .filter(|i| &i.project == project)
                .map(|i| indicator_row(i, &data.rules, r))
                .collect(),
        );
    }

    pub fn selected_project(&self) -> Option<String> {
        match self.projects.selected_id() {
            Some(RowId::Project(p)) => Some(p.clone()),
            _ => None,
        }
    }

    /// The grid that list keys move in.
    pub fn focused_mut(&mut self) -> &mut Grid {
        if self.open.is_some() {
            &mut self.entries
        } else {
            &mut self.projects
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, data: &ViewData, r: Render, keys: &Keymap) {
        let Some(project) = &self.open else {
            let wanting = data.wanting_reason().count();
            let reasons = match (wanting, r.lang) {
                (0, _) => String::new(),
                (n, crate::i18n::Lang::Zh) => format!(
                    " · ⚠ 待说明原因 {n} 个（{} 填写）",
                    keys.hint(Action::SetReason)
                ),
                (n, crate::i18n::Lang::En) => format!(
                    " · ⚠ {n} need a reason ({} writes one)",
                    keys.hint(Action::SetReason)
                ),
            };
            let title = format!(
                " {} · {} {}{reasons} · {} {} ",
                r.pick("项目支出", "Projects"),
                data.report.projects.len(),
                r.lang
                    .noun(data.report.projects.len(), "个项目", "project", "projects"),
                keys.hint(Action::Open),
                r.pick("查看", "opens one")
            );
            self.projects
                .draw(frame, area, Block::bordered().title(title), true);
            return;
        };
        let Some(row) = data.report.projects.iter().find(|p| &p.project == project) else {
            return;
        };
        let checkpoint_text = row.checkpoint.as_ref().map(|status| {
            format!(
                "{}{}",
                r.pick("进度节点：", "Checkpoint: "),
                r.lang.checkpoint(status, r.unit)
            )
        });
        let checkpoint_rows = checkpoint_text
            .as_deref()
            .map_or(0, |t| wrap(t, area.width as usize).len().min(2) as u16);
        let [gauge, checkpoint, lines, schedule, indicators, entries] = view_areas(
            area,
            checkpoint_rows,
            [
                self.lines.len(),
                self.schedule.len(),
                self.indicators.len(),
                self.entries.len(),
            ],
        );
        let levels: Vec<&str> = row.levels.iter().map(|l| r.lang.word(*l)).collect();
        let label = format!("{project} ({})", levels.join("/"));
        let f = &row.figures;
        let money = GaugeMoney {
            budget: r.lone_money(f.budget),
            spent: r.lone_money(f.spent),
            remaining: r.lone_money(f.budget - f.spent),
        };
        frame.render_widget(
            PaceGauge {
                label: &label,
                rate: row.figures.rate,
                progress: data.report.time_progress,
                pace: data.report.project_pace(row),
                lang: r.lang,
                label_width: 0,
                light: row.figures.light,
                light_ratio: row.figures.light_ratio,
                money_width: [&money.budget, &money.spent, &money.remaining]
                    .iter()
                    .map(|t| t.width())
                    .max()
                    .unwrap_or(0),
                money,
            },
            gauge,
        );
        if let Some(text) = checkpoint_text {
            // Wrapped whole: the amount it ends with is never cut.
            let text =
                ratatui::widgets::Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true });
            frame.render_widget(text, checkpoint);
        }
        self.lines.draw(
            frame,
            lines,
            Block::bordered().title(format!(" {} ", r.pick("资金来源（指标）", "Lines"))),
            false,
        );
        self.schedule.draw(
            frame,
            schedule,
            Block::bordered().title(format!(" {} ", r.pick("合同支付计划", "Schedule"))),
            false,
        );
        self.indicators.draw(
            frame,
            indicators,
            Block::bordered().title(format!(" {} ", r.pick("绩效指标", "Indicators"))),
            false,
        );
        let title = format!(
            " {} · {} {} ",
            r.pick("支付明细", "Disbursements"),
            keys.hint(Action::Back),
            r.pick("返回", "back")
        );
        self.entries
            .draw(frame, entries, Block::bordered().title(title), true);
    }
}

/// Rows a table of `rows` rows needs to show three of them (or all, when
/// fewer): its borders, its header and those rows.
fn least_height(rows: usize) -> u16 {
    rows.min(3) as u16 + 3
}

/// Where an opened project's parts go: its gauge, its checkpoint sentence,
/// and its lines, schedule, indicators and disbursements (rows of each in
/// `rows`). Stacked when every table shows three rows so; otherwise the
/// tables go two by two side by side, and the sentence gives way first.
fn view_areas(area: Rect, checkpoint: u16, rows: [usize; 4]) -> [Rect; 6] {
    let [lines, schedule, indicators, entries] = rows.map(least_height);
    let stacked = 1 + checkpoint + lines + schedule + indicators + entries;
    if area.height >= stacked {
        return Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(checkpoint),
            Constraint::Length((rows[0] as u16 + 3).clamp(lines, 6)),
            Constraint::Length((rows[1] as u16 + 3).clamp(schedule, 7)),
            Constraint::Min(indicators),
            Constraint::Min(entries),
        ])
        .areas(area);
    }
    let top = lines.max(schedule);
    let bottom = indicators.max(entries);
    let sentence = if area.height >= 1 + checkpoint + top + bottom {
        checkpoint
    } else {
        0
    };
    let [gauge, sentence, upper, lower] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(sentence),
        Constraint::Length(top),
        Constraint::Min(bottom),
    ])
    .areas(area);
    let halves = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]);
    let [lines_area, schedule_area] = halves.areas(upper);
    let [indicators_area, entries_area] = halves.areas(lower);
    [
        gauge,
        sentence,
        lines_area,
        schedule_area,
        indicators_area,
        entries_area,
    ]
}
