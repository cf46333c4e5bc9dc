//! Which budget line the text of a line field names. A payment booked to the
//! wrong line can only be reversed, so a fragment never picks a line by
//! itself: the text must be a line's exact code or name, or the user must
//! have chosen one of the suggestions.

use crate::domain::BudgetLine;
use crate::i18n::Lang;

/// Suggestions shown at most.
pub const SUGGESTIONS: usize = 6;

/// The lines whose code starts with the text, or whose name or project
/// contains it (any case), in code order.
pub fn matching<'a>(text: &str, lines: &'a [BudgetLine]) -> Vec<&'a BudgetLine> {
    let needle = text.trim().to_lowercase();
    lines
        .iter()
        .filter(|l| {
            needle.is_empty()
                || l.code.to_lowercase().starts_with(&needle)
                || l.name.to_lowercase().contains(&needle)
                || l.project
                    .as_deref()
                    .is_some_and(|p| p.to_lowercase().contains(&needle))
        })
        .collect()
}

/// The one line the text names exactly: its code (any case) or its whole
/// name, when no other line has that name.
pub fn exact<'a>(text: &str, lines: &'a [BudgetLine]) -> Option<&'a BudgetLine> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(line) = lines.iter().find(|l| l.code.eq_ignore_ascii_case(text)) {
        return Some(line);
    }
    let mut named = lines.iter().filter(|l| l.name == text);
    match (named.next(), named.next()) {
        (Some(line), None) => Some(line),
        _ => None,
    }
}

/// Why the text names no line, with the codes of the lines it could mean
/// (their names are in the suggestions under the field); `choose` is the key
/// that steps through the suggestions.
pub fn refusal(text: &str, lines: &[BudgetLine], lang: Lang, choose: &str) -> String {
    let candidates = matching(text, lines);
    let text = text.trim();
    if candidates.is_empty() {
        return match lang {
            Lang::Zh => format!("没有编码或名称为“{text}”的指标"),
            Lang::En => format!("no line has the code or name '{text}'"),
        };
    }
    let shown: Vec<String> = candidates
        .iter()
        .take(SUGGESTIONS)
        .map(|l| l.code.clone())
        .collect();
    let more = candidates.len().saturating_sub(SUGGESTIONS);
    match lang {
        Lang::Zh => format!(
            "“{text}”可指 {} 个指标：{}{}；请输入完整编码或名称，或用 {choose} 选定",
            candidates.len(),
            shown.join("、"),
            if more > 0 {
                format!(" 等（另 {more} 个）")
            } else {
                String::new()
            }
        ),
        Lang::En => format!(
            "'{text}' could be {} {}: {}{}; type the whole code or name, or choose one with {choose}",
            candidates.len(),
            if candidates.len() == 1 {
                "line"
            } else {
                "lines"
            },
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ),
    }
}
