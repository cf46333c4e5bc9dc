//! One module per tab. Each keeps the rows it shows, rebuilt from the view
//! data when that changes, and draws them.

pub mod basic;
pub mod indicators;
pub mod monitor;
pub mod monitor_detail;
pub mod overview;
pub mod payments;
pub mod project_form;
pub mod projects;
pub mod review;
pub mod review_cuts;
pub mod summary;
pub mod supplementary;

use crate::domain::{Money, Unit};
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Basic,
    Projects,
    Supplementary,
    Indicators,
    Payments,
    Review,
    Summary,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Overview,
        Tab::Basic,
        Tab::Projects,
        Tab::Supplementary,
        Tab::Indicators,
        Tab::Payments,
        Tab::Review,
        Tab::Summary,
    ];

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Tab::Overview => lang.pick("总览", "Overview"),
            Tab::Basic => lang.pick("基本支出", "Basic"),
            Tab::Projects => lang.pick("项目支出", "Projects"),
            Tab::Supplementary => lang.pick("追加", "Supplementary"),
            Tab::Indicators => lang.pick("绩效指标", "Indicators"),
            Tab::Payments => lang.pick("支付", "Payments"),
            Tab::Review => lang.pick("月末分析", "Review"),
            Tab::Summary => lang.pick("年度汇总", "Summary"),
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }
}

/// How rows are rendered: the user's language and unit.
#[derive(Clone, Copy, Debug)]
pub struct Render {
    pub lang: Lang,
    pub unit: Unit,
}

impl Render {
    /// An amount in a table cell: the grid gives its column one number of
    /// decimals, recognising the cell by this text.
    pub fn money(self, m: Money) -> String {
        m.display(self.unit)
    }

    /// An amount standing alone, in a sentence, title, gauge or message:
    /// [`Money::display_lone`].
    pub fn lone_money(self, m: Money) -> String {
        m.display_lone(self.unit)
    }

    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }

    /// A title with the unit after it, bracketed as each language writes it.
    pub fn in_unit(self, title: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{title}（{}）", self.unit_label()),
            Lang::En => format!("{title} ({})", self.unit_label()),
        }
    }

    pub fn unit_label(self) -> &'static str {
        self.lang.unit(self.unit)
    }
}
