//! The month-end review's third view: lines proposed for an in-year
//! reduction (调减建议) and carry-over money two or more years old, which is
//! recovered if it stays unspent.

use ratatui::style::{Color, Style};

use super::Render;
use crate::domain::review::MonthReview;
use crate::tui::widgets::gauge::rate_text;
use crate::tui::widgets::grid::{Column, GridRow, RowId, SortKey};

pub fn cut_columns(r: Render) -> Vec<Column> {
    vec![
        Column::name(r.pick("指标", "Line")),
        Column::whole(r.pick("类别", "Why")),
        Column::figure(r.pick("可调减/收回", "Amount")),
        Column::figure(r.pick("比例", "Share")),
        Column::figure(r.pick("预计执行数", "Projected")),
        Column::figure(r.pick("预算数", "Budget")),
    ]
}

/// Reductions first (largest share first), then old carry-over.
pub fn cut_rows(review: &MonthReview, r: Render) -> Vec<GridRow> {
    let mut reductions: Vec<_> = review.reductions.iter().collect();
    reductions.sort_by_key(|c| std::cmp::Reverse(c.unspent_share));
    let cut = reductions.into_iter().map(|c| {
        GridRow::new(RowId::Line(c.code.clone()))
            .cell(
                format!("{} {}", c.code, c.name),
                SortKey::Text(c.code.clone()),
            )
            .styled(
                r.pick("调减建议", "reduce"),
                Style::default().fg(Color::Yellow),
                SortKey::Number(0),
            )
            .cell(r.money(c.unspent), SortKey::Money(c.unspent))
            .cell(
                rate_text(Some(c.unspent_share)),
                SortKey::Rate(Some(c.unspent_share)),
            )
            .cell(r.money(c.projected), SortKey::Money(c.projected))
            .cell(r.money(c.budget), SortKey::Money(c.budget))
    });
    let aged = review.aged_carryover.iter().map(|a| {
        let why = match r.lang {
            crate::i18n::Lang::Zh => format!("{} 年结转", a.origin_year),
            crate::i18n::Lang::En => format!("from {}", a.origin_year),
        };
        GridRow::new(RowId::Line(a.code.clone()))
            .cell(
                format!("{} {}", a.code, a.name),
                SortKey::Text(a.code.clone()),
            )
            .styled(why, Style::default().fg(Color::Red), SortKey::Number(1))
            .cell(r.money(a.at_risk), SortKey::Money(a.at_risk))
            .cell("—", SortKey::Rate(None))
            .cell("—", SortKey::Money(a.spent))
            .cell(r.money(a.budget), SortKey::Money(a.budget))
    });
    cut.chain(aged).collect()
}
