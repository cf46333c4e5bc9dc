//! A key that does nothing where it was pressed says why, and where it
//! works: a key that seems dead is a key the user stops trusting.

use super::App;
use crate::i18n::Lang;
use crate::tui::keymap::Action;
use crate::tui::tabs::Tab;

/// The tab where an action works, for those that work on one tab only.
fn home_tab(action: Action) -> Option<Tab> {
    match action {
        Action::ExportMarkdown
        | Action::ExportCsv
        | Action::ExportXlsx
        | Action::ToggleLayout
        | Action::EditFact => Some(Tab::Summary),
        Action::CloseMonth | Action::ReviewByProject | Action::NextChart | Action::PrevChart => {
            Some(Tab::Review)
        }
        Action::SetReason => Some(Tab::Projects),
        Action::EditIndicator => Some(Tab::Indicators),
        _ => None,
    }
}

/// The key that switches to a tab.
fn tab_key(tab: Tab) -> Action {
    match tab {
        Tab::Overview => Action::TabOverview,
        Tab::Basic => Action::TabBasic,
        Tab::Projects => Action::TabProjects,
        Tab::Supplementary => Action::TabSupplementary,
        Tab::Indicators => Action::TabIndicators,
        Tab::Payments => Action::TabPayments,
        Tab::Review => Action::TabReview,
        Tab::Summary => Action::TabSummary,
    }
}

impl App {
    /// Says why `action` did nothing here; always a redraw.
    pub(super) fn not_here(&mut self, action: Action) -> bool {
        let r = self.render;
        let key = self.keymap.hint(action);
        let what = action.describe(r.lang);
        let text = match home_tab(action).filter(|t| *t != self.tab) {
            Some(tab) => {
                let go = self.keymap.hint(tab_key(tab));
                match r.lang {
                    Lang::Zh => format!(
                        "{key}（{what}）在“{}”页使用，按 {go} 前往",
                        tab.title(r.lang)
                    ),
                    Lang::En => format!(
                        "{key} ({what}) works on the {} tab: press {go} to go there",
                        tab.title(r.lang)
                    ),
                }
            }
            None => match r.lang {
                Lang::Zh => format!("{key}（{what}）：此处没有可操作的内容"),
                Lang::En => format!("{key} ({what}): nothing here to act on"),
            },
        };
        self.tell(text);
        true
    }
}
