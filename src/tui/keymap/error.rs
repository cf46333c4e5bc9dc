//! A keymap file that cannot be used, and where, as typed values: the TUI's
//! popup and the CLI word them in the user's language (`Lang::keymap_error`);
//! Display is the English.

use std::fmt;

use super::{Action, Context, KeyBinding};
use crate::i18n::Lang;

/// A keymap file that cannot be used. Display:
/// `keymap {origin}: {entry}: {problem}`; for two actions on one key the
/// entry names both and the problem continues the sentence:
/// `keymap {origin}: [list] sort and [list] filter are both bound to 's'`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapError {
    /// The file's path, or `built-in vim.toml`.
    pub origin: String,
    pub entry: Entry,
    pub problem: Problem,
}

/// Where in the file the problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// As the file writes it: `[global] quit`, `[lists]`, `base`.
    Named(String),
    /// A TOML syntax error's line, when the parser knows it.
    Line(Option<usize>),
    /// The file as a whole (it cannot be read).
    File,
    /// Two actions bound to one key, the one the newest layer set first.
    Both(Action, Action),
}

/// What is wrong with the entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file cannot be read: the system's words.
    Unreadable(String),
    /// Not TOML: the parser's words, on one line.
    Syntax(String),
    /// `base` names no built-in; the value as written.
    NotABase(String),
    /// An action at the top level, which belongs in this section.
    OutsideSection(Context),
    NoSuchSection,
    /// A top-level value that is neither `base` nor an action.
    NoSuchSetting,
    /// A section name given a value instead of a table.
    NotASection(String),
    WrongSection {
        belongs: Context,
        found: Context,
    },
    NoSuchAction(Context),
    KeysNotText,
    NotAKeyList,
    Key(ParseKeyError),
    BothBound(KeyBinding),
}

/// A key text that is not a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseKeyError {
    pub text: String,
    pub hint: KeyHint,
}

/// How to write the key instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyHint {
    /// No key has this name.
    Unknown,
    /// `shift-1`: the terminal sends `!`, so shift goes with letters only.
    ShiftSymbol,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.keymap_error(self))
    }
}

impl std::error::Error for KeymapError {}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.keymap_entry(self))
    }
}

impl fmt::Display for ParseKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::En.key_error(self))
    }
}

impl std::error::Error for ParseKeyError {}
