//! A settings file that cannot be used, in both languages: names and values
//! as the file writes them, the sentence in the reader's language.

use super::Lang;
use crate::config::{ConfigError, Problem as P, SETTINGS};

impl Lang {
    /// `settings {path}, line N: …`, in this language.
    pub fn settings_error(self, e: &ConfigError) -> String {
        let zh = self == Lang::Zh;
        let line = match &e.problem {
            P::Unreadable(_) | P::Syntax { line: None, .. } => None,
            P::Syntax { line: Some(n), .. }
            | P::Unknown { line: n, .. }
            | P::NotText { line: n, .. }
            | P::NotAChoice { line: n, .. } => Some(*n),
        };
        let at = match (line, zh) {
            (Some(n), true) => format!("设置文件 {} 第 {n} 行", e.path),
            (Some(n), false) => format!("settings {}, line {n}", e.path),
            (None, true) => format!("设置文件 {}", e.path),
            (None, false) => format!("settings {}", e.path),
        };
        let problem = match &e.problem {
            P::Unreadable(cause) if zh => format!("无法读取（{cause}）"),
            P::Unreadable(cause) => format!("cannot read the file: {cause}"),
            // The parser's own words, as an io error's are the system's.
            P::Syntax { message, .. } if zh => format!("不是有效的 TOML（{message}）"),
            P::Syntax { message, .. } => message.clone(),
            P::Unknown { name, .. } if zh => {
                format!("没有名为 {name} 的设置（设置有：{}）", SETTINGS.join(", "))
            }
            P::Unknown { name, .. } => {
                format!(
                    "no setting called {name} (settings: {})",
                    SETTINGS.join(", ")
                )
            }
            P::NotText { name, .. } if zh => format!("{name} 须为文字，写在引号中"),
            P::NotText { name, .. } => format!("{name} must be text, in quotes"),
            P::NotAChoice {
                name,
                value,
                choices,
                ..
            } => {
                let choices = choices
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(self.pick(" 或 ", " or "));
                match self {
                    Lang::Zh => format!("{name} 不能是“{value}”（请写 {choices}）"),
                    Lang::En => format!("{name} cannot be '{value}' (write {choices})"),
                }
            }
        };
        let separator = self.pick("：", ": ");
        format!("{at}{separator}{problem}")
    }
}
