//! A broken keymap file, in both languages: what the file says (sections,
//! action names, keys) stays as written, the sentence around it is the
//! reader's.

use super::Lang;
use crate::tui::keymap::{Action, Context, Entry, KeyHint, KeymapError, ParseKeyError, Problem};

impl Lang {
    /// `keymap {origin}: {entry}: {problem}`, in this language.
    pub fn keymap_error(self, e: &KeymapError) -> String {
        let entry = self.keymap_entry(&e.entry);
        let problem = self.keymap_problem(&e.problem);
        match (self, &e.problem) {
            // The conflict reads on from the two actions the entry names.
            (Lang::Zh, Problem::BothBound(_)) => {
                format!("按键配置 {}：{entry} {problem}", e.origin)
            }
            (Lang::Zh, _) => format!("按键配置 {}：{entry}：{problem}", e.origin),
            (Lang::En, Problem::BothBound(_)) => format!("keymap {}: {entry} {problem}", e.origin),
            (Lang::En, _) => format!("keymap {}: {entry}: {problem}", e.origin),
        }
    }

    /// Where in the file, in this language.
    pub fn keymap_entry(self, entry: &Entry) -> String {
        let action = |a: &Action| format!("[{}] {a}", a.context());
        match entry {
            Entry::Named(name) => name.clone(),
            Entry::Line(Some(n)) => match self {
                Lang::Zh => format!("第 {n} 行"),
                Lang::En => format!("line {n}"),
            },
            Entry::Line(None) => self.pick("语法", "syntax").into(),
            Entry::File => self.pick("无法读取文件", "cannot read the file").into(),
            Entry::Both(a, b) => format!("{} {} {}", action(a), self.pick("与", "and"), action(b)),
        }
    }

    fn keymap_problem(self, problem: &Problem) -> String {
        let zh = self == Lang::Zh;
        let sections = || {
            Context::ALL
                .iter()
                .map(|c| c.name())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match problem {
            Problem::Unreadable(cause) => cause.clone(),
            // The parser's own words, as an io error's are the system's.
            Problem::Syntax(message) if zh => format!("不是有效的 TOML（{message}）"),
            Problem::Syntax(message) => message.clone(),
            Problem::NotABase(value) if zh => {
                format!("{value} 不是内置按键配置（请写 base = \"default\" 或 base = \"vim\"）")
            }
            Problem::NotABase(value) => format!(
                "{value} is not a built-in keymap (write base = \"default\" or base = \"vim\")"
            ),
            Problem::OutsideSection(c) if zh => format!("动作不在分节中（请放在 [{c}] 下）"),
            Problem::OutsideSection(c) => {
                format!("an action outside a section (put it under [{c}])")
            }
            Problem::NoSuchSection if zh => format!("没有这个分节（分节有：{}）", sections()),
            Problem::NoSuchSection => format!("no such section (sections: {})", sections()),
            Problem::NoSuchSetting if zh => {
                format!("没有这项设置（按键配置只有 base 和分节 {}）", sections())
            }
            Problem::NoSuchSetting => format!(
                "no such setting (a keymap has base and the sections {})",
                sections()
            ),
            Problem::NotASection(name) if zh => {
                format!("应为分节 [{name}]，每行写 动作 = [按键]")
            }
            Problem::NotASection(name) => format!("expected a section [{name}] of action = [keys]"),
            Problem::WrongSection { belongs, found } if zh => {
                format!("应放在 [{belongs}] 中，而不是 [{found}]")
            }
            Problem::WrongSection { belongs, found } => {
                format!("belongs in [{belongs}], not [{found}]")
            }
            Problem::NoSuchAction(c) => {
                let names = c.actions().map(Action::name).collect::<Vec<_>>();
                match self {
                    Lang::Zh => format!("没有这个动作（[{c}] 的动作有：{}）", names.join(", ")),
                    Lang::En => format!("no such action (actions of [{c}]: {})", names.join(", ")),
                }
            }
            Problem::KeysNotText => self
                .pick(
                    "按键须为文字，如 [\"q\", \"ctrl-c\"]",
                    "keys must be text, e.g. [\"q\", \"ctrl-c\"]",
                )
                .into(),
            Problem::NotAKeyList => self
                .pick(
                    "应为按键列表，如 [\"q\", \"ctrl-c\"]",
                    "expected a list of keys, e.g. [\"q\", \"ctrl-c\"]",
                )
                .into(),
            Problem::Key(e) => self.key_error(e),
            Problem::BothBound(key) if zh => format!("都绑定了 '{key}'"),
            Problem::BothBound(key) => format!("are both bound to '{key}'"),
        }
    }

    /// Why a key text is not a key, in this language.
    pub fn key_error(self, e: &ParseKeyError) -> String {
        let hint = match e.hint {
            KeyHint::Unknown => self.pick(
                "可写 q、ctrl-c、f1、pagedown 等",
                "write e.g. q, ctrl-c, f1, pagedown",
            ),
            KeyHint::ShiftSymbol => self.pick(
                "shift- 只配字母和具名按键；请直接写按 shift 打出的字符，如 ! 或 ?",
                "shift- goes with letters and named keys; write the character shift types, e.g. ! or ?",
            ),
        };
        match self {
            Lang::Zh => format!("“{}”不是按键（{hint}）", e.text),
            Lang::En => format!("'{}' is not a key ({hint})", e.text),
        }
    }
}
