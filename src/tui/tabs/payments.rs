//! Payments (支付): the journal, newest first, filtered by line, month or
//! text; and the contract schedule with overdue instalments highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Block;

use super::Render;
use super::basic::{entry_columns, entry_row};
use crate::domain::schedule::InstalmentStatus;
use crate::ledger::JournalOrder;
use crate::tui::keymap::{Action, Keymap};
use crate::tui::view::ViewData;
use crate::tui::widgets::grid::{Column, Grid, GridRow, RowId, SortKey};

#[derive(Debug, Default)]
pub struct PaymentsTab {
    pub journal: Grid,
    pub schedule: Grid,
    /// The filter as typed: `line:P05 month:2021-06 text`.
    pub filter: String,
    /// The list keys move in the schedule, not the journal.
    pub schedule_focused: bool,
}

pub fn schedule_columns(r: Render) -> Vec<Column> {
    // Most telling first: narrow panes drop columns from the right.
    vec![
        Column::whole(r.pick("指标", "Line")),
        Column::whole(r.pick("合同", "Contract")),
        Column::whole(r.pick("到期日", "Due")),
        Column::figure(r.pick("未付", "Outstanding")),
        Column::whole(r.pick("状态", "Status")),
        Column::figure(r.pick("应付", "Amount")),
        Column::figure(r.pick("已付", "Paid")),
        Column::text(r.pick("收款人", "Payee"), 1),
    ]
}

pub fn schedule_row(s: &InstalmentStatus, r: Render) -> GridRow {
    let (status, style) = match s.days_overdue {
        Some(days) => (
            format!("⚠ {} {days}{}", r.pick("逾期", "late"), r.pick("天", "d")),
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        ),
        None if s.outstanding.is_zero() => (
            r.pick("已付清", "paid").to_string(),
            Style::default().fg(Color::Green),
        ),
        None => (
            r.pick("未到期", "not yet due").to_string(),
            Style::default(),
        ),
    };
    GridRow::new(RowId::Instalment(s.item.id))
        .cell(&s.item.line, SortKey::Text(s.item.line.clone()))
        .cell(&s.item.contract, SortKey::Text(s.item.contract.clone()))
        .cell(s.item.due.to_string(), SortKey::Date(s.item.due))
        .styled(r.money(s.outstanding), style, SortKey::Money(s.outstanding))
        .styled(status, style, SortKey::Number(s.days_overdue.unwrap_or(-1)))
        .cell(r.money(s.item.amount), SortKey::Money(s.item.amount))
        .cell(r.money(s.paid), SortKey::Money(s.paid))
        .cell(&s.item.payee, SortKey::Text(s.item.payee.clone()))
}

/// Overdue instalments first (longest overdue on top), then those still to
/// pay by due date, then the paid ones: what needs attention fits a short pane.
pub fn by_urgency(schedule: &[InstalmentStatus]) -> Vec<&InstalmentStatus> {
    let mut items: Vec<&InstalmentStatus> = schedule.iter().collect();
    items.sort_by_key(|s| {
        let group = match s.days_overdue {
            Some(_) => 0,
            None if s.outstanding.is_positive() => 1,
            None => 2,
        };
        (
            group,
            std::cmp::Reverse(s.days_overdue.unwrap_or(0)),
            s.item.due,
            s.item.id,
        )
    });
    items
}

/// The index each journal column sorts by, in the store, so a sort covers
/// the whole year and pages follow in its order; amount and memo have none.
const JOURNAL_ORDERS: [Option<JournalOrder>; 7] = [
    Some(JournalOrder::Entered),
    Some(JournalOrder::Date),
    Some(JournalOrder::Line),
    None,
    Some(JournalOrder::Payee),
    Some(JournalOrder::Voucher),
    None,
];

/// The journal's columns: the entries' columns, sortable where an index is.
fn journal_columns(r: Render) -> Vec<Column> {
    entry_columns(r)
        .into_iter()
        .zip(JOURNAL_ORDERS)
        .map(|(column, order)| match order {
            Some(_) => column,
            None => column.unsorted(),
        })
        .collect()
}

impl PaymentsTab {
    /// The store's order for the journal's sort: newest first by date
    /// unless a column is sorted.
    pub fn journal_order(&self) -> (JournalOrder, bool) {
        self.journal
            .sort
            .and_then(|(column, descending)| {
                Some((JOURNAL_ORDERS.get(column).copied()??, descending))
            })
            .unwrap_or((JournalOrder::Date, true))
    }

    pub fn rebuild(&mut self, data: &ViewData, r: Render) {
        self.journal.set_unit(r.unit);
        self.journal.set_columns(journal_columns(r));
        self.journal
            .set_rows(data.journal.iter().map(|d| entry_row(d, data, r)).collect());
        self.schedule.set_unit(r.unit);
        self.schedule.set_columns(schedule_columns(r));
        self.schedule.set_rows(
            by_urgency(&data.schedule)
                .into_iter()
                .map(|s| schedule_row(s, r))
                .collect(),
        );
    }

    pub fn selected_disbursement(&self) -> Option<u64> {
        match self.journal.selected_id() {
            Some(RowId::Disbursement(id)) if !self.schedule_focused => Some(*id),
            _ => None,
        }
    }

    /// The instalment selected in the schedule, when it has the focus.
    pub fn selected_instalment(&self) -> Option<u64> {
        match self.schedule.selected_id() {
            Some(RowId::Instalment(id)) if self.schedule_focused => Some(*id),
            _ => None,
        }
    }

    /// The grid the list keys move in.
    pub fn focused_mut(&mut self) -> &mut Grid {
        if self.schedule_focused {
            &mut self.schedule
        } else {
            &mut self.journal
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, data: &ViewData, r: Render, keys: &Keymap) {
        // A third of the screen, but never fewer than three rows of each
        // table (borders and header take three more).
        let least = |rows: usize| rows.min(3) as u16 + 3;
        let schedule_height = (self.schedule.len() as u16 + 3)
            .min(area.height / 3)
            .max(least(self.schedule.len()))
            .min(area.height.saturating_sub(least(self.journal.len())));
        let [journal, schedule] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(schedule_height)])
                .areas(area);
        let shown = if data.journal_more {
            // Read a page at a time: the count so far, and that more follow.
            format!(
                "{} {}+",
                r.pick("已读", "newest"),
                crate::domain::money::group_thousands(&data.journal.len().to_string())
            )
        } else {
            crate::domain::money::group_thousands(&data.journal.len().to_string())
        };
        let filter = if self.filter.is_empty() {
            format!("{} {}", keys.hint(Action::Filter), r.pick("筛选", "filter"))
        } else {
            format!("{}{}", r.pick("筛选：", "filter: "), self.filter)
        };
        let title = format!(
            " {} · {shown} {} · {filter} ",
            r.pick("支付流水", "Journal"),
            r.lang.noun(data.journal.len(), "笔", "entry", "entries")
        );
        self.journal.draw(
            frame,
            journal,
            Block::bordered().title(title),
            !self.schedule_focused,
        );
        let overdue = data.report.overdue.len();
        // Focused, the schedule says what p does there; else how to get in.
        let (key, does) = if self.schedule_focused {
            (
                keys.hint(Action::Pay),
                r.pick("支付所选一期", "pays the selected instalment"),
            )
        } else {
            (
                keys.hint(Action::OtherPane),
                r.pick("切换窗格", "other pane"),
            )
        };
        let title = format!(
            " {} · {} {overdue} · {key} {does} ",
            r.pick("合同支付计划", "Contract schedule"),
            r.pick("逾期", "overdue"),
        );
        self.schedule.draw(
            frame,
            schedule,
            Block::bordered().title(title),
            self.schedule_focused,
        );
    }
}
