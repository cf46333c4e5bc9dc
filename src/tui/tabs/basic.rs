//! Basic expenditure (基本支出): the basic lines by economic class, each with
//! a small gauge, and the disbursements of the selected line below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;

use super::Render;
use crate::domain::report::{LineRow, Pace};
use crate::domain::{Disbursement, EconClass, Kind};
use crate::tui::keymap::{Action, Keymap};
use crate::tui::view::ViewData;
use crate::tui::widgets::gauge::{bar_text, pace_style, rate_text};
use crate::tui::widgets::grid::{Column, Grid, GridRow, RowId, SortKey};
use crate::tui::widgets::light::LightCell;

#[derive(Debug, Default)]
pub struct BasicTab {
    pub lines: Grid,
    pub entries: Grid,
    /// The list keys move in the entries pane, not the lines.
    pub entries_focused: bool,
}

/// Columns of a line with its figures and gauge, shared with the Projects
/// tab. As the width shrinks the gauge and words give way first, then the
/// figures: spent, the light, the budget; what is left and the rate last.
pub fn figure_columns(r: Render, first: (&'static str, &'static str)) -> Vec<Column> {
    let mut columns = money_columns(r, first);
    columns.push(Column::whole(r.pick("进度条", "Bar")));
    columns.push(Column::whole(r.pick("分类", "Class")));
    columns
}

/// The name, the figures, the light and the pace word of a line or a
/// project, each column with its place in the order they give way.
pub fn money_columns(r: Render, first: (&'static str, &'static str)) -> Vec<Column> {
    vec![
        Column::name(r.pick(first.0, first.1)).keep(KEEP_NAME),
        Column::figure(r.pick("预算数", "Budget")).keep(KEEP_BUDGET),
        Column::figure(r.pick("已支出", "Spent")).keep(KEEP_SPENT),
        Column::figure(r.pick("余额", "Left")).keep(KEEP_REMAINING),
        Column::figure(r.pick("执行率", "Rate")).keep(KEEP_RATE),
        Column::whole(r.pick("预警", "Light")).keep(KEEP_LIGHT),
        Column::whole(r.pick("进度", "Pace")),
    ]
}

/// How long the columns of a line's figures stay as the width shrinks
/// ([`Column::keep`]), shared with the Projects tab: the name, then the
/// rate and what is left, which a finance officer reads first.
pub const KEEP_NAME: u8 = 9;
pub const KEEP_RATE: u8 = 8;
pub const KEEP_REMAINING: u8 = 7;
pub const KEEP_BUDGET: u8 = 6;
pub const KEEP_LIGHT: u8 = 5;
pub const KEEP_SPENT: u8 = 4;

/// Width of the small gauge in a table row.
const BAR: u16 = 8;

pub fn line_row(row: &LineRow, pace: Pace, r: Render) -> GridRow {
    let label = format!("{} {}", row.code, row.name);
    let class = row.econ_class.map(|c| class_label(c, r)).unwrap_or("");
    GridRow::new(RowId::Line(row.code.clone()))
        .cell(label, SortKey::Text(row.code.clone()))
        .cell(r.money(row.budget), SortKey::Money(row.budget))
        .cell(r.money(row.spent), SortKey::Money(row.spent))
        .styled(
            r.money(row.remaining),
            remaining_style(row.remaining),
            SortKey::Money(row.remaining),
        )
        .styled(
            rate_text(row.rate),
            pace_style(pace),
            SortKey::Rate(row.rate),
        )
        .light(r.lang, row.light, row.light_ratio)
        .styled(
            r.lang.pace(pace),
            pace_style(pace),
            SortKey::Number(pace_severity(pace)),
        )
        .styled(
            bar_text(row.rate, BAR as usize),
            pace_style(pace),
            SortKey::Rate(row.rate),
        )
        .cell(
            class,
            SortKey::Number(row.econ_class.map_or(-1, |c| c as i64)),
        )
}

/// What is left, in red when a line is overspent.
pub fn remaining_style(remaining: crate::domain::Money) -> ratatui::style::Style {
    use ratatui::style::{Color, Modifier, Style};
    if remaining.is_negative() {
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
    } else {
        Style::default()
    }
}

/// An economic class short enough for a table column.
fn class_label(class: EconClass, r: Render) -> &'static str {
    match class {
        EconClass::Wages => r.pick("工资福利", "wages"),
        EconClass::Goods => r.pick("商品服务", "goods"),
        EconClass::Subsidies => r.pick("个人补助", "subsidies"),
        EconClass::Capital => r.pick("资本性", "capital"),
    }
}

/// Pace ordered from most to least worrying, for sorting.
pub fn pace_severity(pace: Pace) -> i64 {
    match pace {
        Pace::Overspent => 0,
        Pace::Lagging => 1,
        Pace::OnPace => 2,
        Pace::Ahead => 3,
        Pace::Unpaced => 4,
        Pace::Unmeasured => 5,
    }
}

/// Columns and rows of a list of disbursements, newest first.
pub fn entry_columns(r: Render) -> Vec<Column> {
    vec![
        Column::figure("#"),
        Column::whole(r.pick("日期", "Date")),
        Column::whole(r.pick("指标", "Line")),
        Column::figure(r.pick("金额", "Amount")),
        // Who was paid before the memo: it keeps room for a company's name.
        Column::text(r.pick("收款人", "Payee"), 2).reserve(20),
        Column::whole(r.pick("凭证号", "Voucher")),
        Column::text(r.pick("摘要", "Memo"), 3),
    ]
}

/// An entry as the journals list it: a reversal says which entry it
/// cancels (↺ #12), a cancelled entry by which it was (✗ #176), greyed.
pub fn entry_row(d: &Disbursement, data: &ViewData, r: Render) -> GridRow {
    let reversed_by = data.reversed.get(&d.id);
    let memo = match (d.reverses, reversed_by) {
        // The stored memo says 冲销 #id: reason; the mark says it in the user's language.
        (Some(id), _) => {
            let reason = d.reversal_reason().unwrap_or_default();
            match r.lang {
                crate::i18n::Lang::Zh => format!("↺ 冲销 #{id} · {reason}"),
                crate::i18n::Lang::En => format!("↺ reverses #{id} · {reason}"),
            }
        }
        (None, Some(by)) => match r.lang {
            crate::i18n::Lang::Zh => format!("✗ 已由 #{by} 冲销 · {}", d.memo),
            crate::i18n::Lang::En => format!("✗ reversed by #{by} · {}", d.memo),
        },
        (None, None) => d.memo.clone(),
    };
    let row = GridRow::new(RowId::Disbursement(d.id))
        .cell(d.id.to_string(), SortKey::Number(d.id as i64))
        .cell(d.date.to_string(), SortKey::Date(d.date))
        .cell(&d.line, SortKey::Text(d.line.clone()))
        .cell(r.money(d.amount), SortKey::Money(d.amount))
        .cell(&d.payee, SortKey::Text(d.payee.clone()))
        .cell(&d.voucher, SortKey::Text(d.voucher.clone()))
        .cell(memo, SortKey::Text(d.memo.clone()));
    if reversed_by.is_some() || d.reverses.is_some() {
        row.with_style(
            ratatui::style::Style::default()
                .fg(ratatui::style::Color::DarkGray)
                .add_modifier(ratatui::style::Modifier::CROSSED_OUT),
        )
    } else {
        row
    }
}

impl BasicTab {
    pub fn rebuild(&mut self, data: &ViewData, r: Render) {
        self.lines.set_unit(r.unit);
        self.lines.set_columns(figure_columns(r, ("指标", "Line")));
        self.lines.set_total(r.pick("合计", "Total"), r.unit);
        let mut rows: Vec<&LineRow> = data
            .report
            .lines
            .iter()
            .filter(|l| l.kind == Kind::Basic)
            .collect();
        rows.sort_by_key(|l| (l.econ_class, l.code.clone()));
        self.lines.set_rows(
            rows.into_iter()
                .map(|l| line_row(l, data.report.line_pace(l), r))
                .collect(),
        );
        self.rebuild_entries(data, r);
    }

    pub fn rebuild_entries(&mut self, data: &ViewData, r: Render) {
        self.entries.set_unit(r.unit);
        self.entries.set_columns(entry_columns(r));
        self.entries
            .set_rows(data.detail.iter().map(|d| entry_row(d, data, r)).collect());
    }

    /// The grid the list keys move in.
    pub fn focused_mut(&mut self) -> &mut Grid {
        if self.entries_focused {
            &mut self.entries
        } else {
            &mut self.lines
        }
    }

    /// The disbursement selected in the entries pane, when it has the focus.
    pub fn selected_disbursement(&self) -> Option<u64> {
        match self.entries.selected_id() {
            Some(RowId::Disbursement(id)) if self.entries_focused => Some(*id),
            _ => None,
        }
    }

    /// The line whose entries the lower pane shows.
    pub fn selected_line(&self) -> Option<String> {
        match self.lines.selected_id() {
            Some(RowId::Line(code)) => Some(code.clone()),
            _ => None,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, data: &ViewData, r: Render, keys: &Keymap) {
        // Half the screen, but never fewer than three rows of each table:
        // borders and header take three more, the lines' total one.
        let least = |rows: usize| rows.min(3) as u16 + 3;
        let lines_height = (self.lines.len() as u16 + 4)
            .min(area.height / 2)
            .max(least(self.lines.len()) + 1)
            .min(area.height.saturating_sub(least(self.entries.len())));
        let [top, bottom] =
            Layout::vertical([Constraint::Length(lines_height), Constraint::Fill(1)]).areas(area);
        let basic = data.report.group("basic");
        let budget = format!(
            "{} {} {}",
            r.pick("预算", "budget"),
            basic.map(|g| r.lone_money(g.budget)).unwrap_or_default(),
            r.unit_label()
        );
        let rate = format!(
            "{} {}",
            r.pick("执行率", "rate"),
            rate_text(basic.and_then(|g| g.rate))
        );
        let name = r.pick("基本支出", "Basic expenditure");
        let title = crate::tui::widgets::title::fitted(
            &[
                format!(" {name} · {budget} · {rate} "),
                format!(" {budget} · {rate} "),
                format!(" {budget} "),
            ],
            top.width.saturating_sub(2),
        );
        self.lines.draw(
            frame,
            top,
            Block::bordered().title(title),
            !self.entries_focused,
        );
        let pane = format!(
            "{} {}",
            keys.hint(Action::OtherPane),
            r.pick("切换窗格", "other pane")
        );
        let title = match self.selected_line() {
            Some(code) => format!(
                " {} {code} · {pane} ",
                r.pick("支付明细", "Disbursements of")
            ),
            None => format!(" {} · {pane} ", r.pick("支付明细", "Disbursements")),
        };
        self.entries.draw(
            frame,
            bottom,
            Block::bordered().title(title),
            self.entries_focused,
        );
    }
}
