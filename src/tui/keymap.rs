//! Keys are data: which key fires which action, read from TOML.
//!
//! `keymaps/default.toml` and `keymaps/vim.toml` are compiled in; a user's
//! file layers over one of them (`base = "vim"`), replacing the key list of
//! each action it names. The help screen and the hint bar render from the
//! loaded [`Keymap`], so a rebound key shows everywhere, and a broken file is
//! a [`KeymapError`] naming the entry, never silently ignored.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

mod error;

pub use error::{Entry, KeyHint, KeymapError, ParseKeyError, Problem};

const DEFAULT_TOML: &str = include_str!("../../keymaps/default.toml");
const VIM_TOML: &str = include_str!("../../keymaps/vim.toml");

/// Where a set of bindings applies; one TOML section each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Everywhere outside forms.
    Global,
    /// While a table has focus; checked before [`Context::Global`].
    List,
    /// In a form, together with [`Context::Input`].
    Form,
    /// Editing the focused field of a form.
    Input,
    /// The multi-line editor of a form's text (a project's facts): only
    /// these keys act, every other key edits the text.
    Editor,
}

impl Context {
    pub const ALL: &[Context] = &[
        Context::Global,
        Context::List,
        Context::Form,
        Context::Input,
        Context::Editor,
    ];

    /// The TOML section name.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Form => "form",
            Context::Input => "input",
            Context::Editor => "editor",
        }
    }

    /// This context's actions, in [`Action::ALL`] order.
    pub fn actions(self) -> impl Iterator<Item = Action> {
        Action::ALL
            .iter()
            .copied()
            .filter(move |action| action.context() == self)
    }

    fn from_name(name: &str) -> Option<Context> {
        Context::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One row per action: variant, TOML name, context, Chinese and English label.
/// The serde name and the TOML name are the same snake_case word (a test
/// checks); `Action::ALL` is in this order, which is the help screen's order.
macro_rules! actions {
    ($($variant:ident $name:literal $context:ident $zh:literal $en:literal;)+) => {
        /// Something a key can do. The TOML files name actions by their
        /// snake_case name, which is also their `Display`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($variant,)+
        }

        impl Action {
            /// Every action, grouped by context, in help-screen order.
            pub const ALL: &[Action] = &[$(Action::$variant,)+];

            /// The one section this action may be bound in.
            pub fn context(self) -> Context {
                match self {
                    $(Action::$variant => Context::$context,)+
                }
            }

            /// The snake_case name used in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)+
                }
            }

            /// A short label for the help screen and hints.
            pub fn describe(self, lang: Lang) -> &'static str {
                match self {
                    $(Action::$variant => lang.pick($zh, $en),)+
                }
            }
        }
    };
}

actions! {
    Quit             "quit"              Global "退出"             "Quit";
    Help             "help"              Global "帮助"             "Help";
    NextTab          "next_tab"          Global "下一页签"         "Next tab";
    PrevTab          "prev_tab"          Global "上一页签"         "Previous tab";
    TabOverview      "tab_overview"      Global "总览"             "Overview";
    TabBasic         "tab_basic"         Global "基本支出"         "Basic expenditure";
    TabProjects      "tab_projects"      Global "项目支出"         "Project expenditure";
    TabSupplementary "tab_supplementary" Global "追加预算"         "Supplementary budget";
    TabIndicators    "tab_indicators"    Global "绩效指标"         "Performance indicators";
    TabPayments      "tab_payments"      Global "支付记录"         "Disbursements";
    TabReview        "tab_review"        Global "月末分析"         "Month-end review";
    TabSummary       "tab_summary"       Global "年度汇总"         "Year-end summary";
    ToggleUnit       "toggle_unit"       Global "元/万元切换"      "Toggle yuan / 10k yuan";
    AsOfEarlier      "as_of_earlier"     Global "截至日期提前一月" "As-of date one month earlier";
    AsOfLater        "as_of_later"       Global "截至日期推后一月" "As-of date one month later";
    AsOfToday        "as_of_today"       Global "截至日期回到今天" "As-of date today";
    NextChart        "next_chart"        Global "累计执行图：下一个项目" "Cumulative chart: next project";
    PrevChart        "prev_chart"        Global "累计执行图：上一个项目" "Cumulative chart: previous project";
    ReviewByProject  "review_by_project" Global "月末分析：指标/项目/调减与结转" "Review: lines, projects, or cuts and old carry-over";
    Monitor          "monitor"           Global "绩效运行监控表（双监控）：打开/返回月末分析" "Monitoring return (dual monitoring): open, or back to the review";
    CloseMonth       "close_month"       Global "结账或反结账（月末分析）" "Close or reopen the month (Review)";
    Pay              "pay"               Global "记录支付"         "Log a disbursement";
    Reverse          "reverse"           Global "冲销支付"         "Reverse a disbursement";
    Adjust           "adjust"            Global "调整指标"         "Adjust a budget line";
    AddSchedule      "add_schedule"      Global "新增付款计划"     "Add a scheduled payment";
    EditIndicator    "edit_indicator"    Global "编辑绩效指标"     "Edit an indicator";
    SetReason        "set_reason"        Global "填写项目偏差原因" "Write a project's reason";
    Refresh          "refresh"           Global "刷新"             "Refresh";
    ExportMarkdown   "export_markdown"   Global "导出 Markdown（年度汇总或自评表）" "Export the summary or form as Markdown";
    ExportCsv        "export_csv"        Global "导出 CSV（年度汇总或自评表）" "Export the summary or form as CSV";
    ExportXlsx       "export_xlsx"       Global "年度汇总或自评表导出 Excel 工作簿（xlsx）" "Export the summary or the form as an Excel workbook";
    ToggleLayout     "toggle_layout"     Global "自评表版式：全国/四川" "Form layout: national/Sichuan";
    EditFact         "edit_fact"         Global "填写自评表栏目（多行文字）" "Write a form's text (multi-line)";

    Up               "up"                List   "上移"             "Up";
    Down             "down"              List   "下移"             "Down";
    PageUp           "page_up"           List   "上翻一页"         "Page up";
    PageDown         "page_down"         List   "下翻一页"         "Page down";
    First            "first"             List   "第一行"           "First row";
    Last             "last"              List   "最后一行"         "Last row";
    Open             "open"              List   "打开"             "Open";
    Back             "back"              List   "返回"             "Back";
    Filter           "filter"            List   "筛选"             "Filter";
    Sort             "sort"              List   "排序"             "Sort";
    SortReverse      "sort_reverse"      List   "反向排序"         "Reverse sort order";
    OtherPane        "other_pane"        List   "切换窗格"         "Other pane";
    ShiftLeft        "shift_left"        List   "宽表左移"         "Shift wide tables left";
    ShiftRight       "shift_right"       List   "宽表右移"         "Shift wide tables right";

    Submit           "submit"            Form   "提交"             "Submit";
    Cancel           "cancel"            Form   "取消"             "Cancel";
    NextField        "next_field"        Form   "下一栏"           "Next field";
    PrevField        "prev_field"        Form   "上一栏"           "Previous field";
    NextMatch        "next_match"        Form   "下一个候选指标"   "Next suggested line";
    PrevMatch        "prev_match"        Form   "上一个候选指标"   "Previous suggested line";
    OpenEditor       "open_editor"       Form   "多行编辑此栏（原因、措施）" "Edit this field on several lines (reasons, measures)";

    Left             "left"              Input  "光标左移"         "Cursor left";
    Right            "right"             Input  "光标右移"         "Cursor right";
    Home             "home"              Input  "光标到开头"       "Cursor to start";
    End              "end"               Input  "光标到末尾"       "Cursor to end";
    Backspace        "backspace"         Input  "删除前一字"       "Delete before cursor";
    Delete           "delete"            Input  "删除后一字"       "Delete at cursor";
    Clear            "clear"             Input  "清空"             "Clear the field";

    SaveText         "save_text"         Editor "保存文字"         "Save the text";
    CloseEditor      "close_editor"      Editor "关闭（有修改时再按一次放弃）" "Close (press again to discard changes)";
}

impl Action {
    fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// Position in [`Action::ALL`], which is declaration order.
    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A key with its modifiers, normalised so that a binding read from a file
/// and the event crossterm reports for that key compare equal: a character
/// never carries SHIFT (upper-case letters are their own characters), and
/// shift+tab is [`KeyCode::BackTab`] without SHIFT.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyBinding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Named keys, in the spelling `Display` writes first; later entries for
/// the same code are accepted aliases.
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
];

const MODIFIER_NAMES: &[(&str, KeyModifiers)] = &[
    ("ctrl-", KeyModifiers::CONTROL),
    ("alt-", KeyModifiers::ALT),
    ("shift-", KeyModifiers::SHIFT),
    ("super-", KeyModifiers::SUPER),
    ("hyper-", KeyModifiers::HYPER),
    ("meta-", KeyModifiers::META),
];

impl KeyBinding {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> KeyBinding {
        let mut modifiers = modifiers;
        let code = match code {
            // Terminals send the shifted character itself ('S', '?'), and
            // crossterm adds SHIFT to some of them and not others; the
            // kitty protocol may send 's' with SHIFT. Fold all to the character.
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_uppercase())
            }
            KeyCode::Tab | KeyCode::BackTab if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeyBinding { code, modifiers }
    }

    /// The binding an event would match (its kind and state are not part of it).
    pub fn from_event(event: &KeyEvent) -> KeyBinding {
        KeyBinding::new(event.code, event.modifiers)
    }

    pub fn matches(&self, event: &KeyEvent) -> bool {
        *self == KeyBinding::from_event(event)
    }
}

impl FromStr for KeyBinding {
    type Err = ParseKeyError;

    fn from_str(text: &str) -> Result<KeyBinding, ParseKeyError> {
        let error = |hint| ParseKeyError {
            text: text.to_string(),
            hint,
        };
        let mut rest = text;
        let mut modifiers = KeyModifiers::NONE;
        // A prefix counts as a modifier only if a key follows it, so "-" and
        // "ctrl--" are the minus key.
        'prefixes: loop {
            for (name, modifier) in MODIFIER_NAMES {
                match rest.get(..name.len()) {
                    Some(head) if head.eq_ignore_ascii_case(name) && rest.len() > name.len() => {
                        modifiers |= *modifier;
                        rest = &rest[name.len()..];
                        continue 'prefixes;
                    }
                    _ => {}
                }
            }
            break;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                let function = lower
                    .strip_prefix('f')
                    .filter(|n| !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n));
                match (NAMED_KEYS.iter().find(|(name, _)| *name == lower), function) {
                    (Some((_, code)), _) => *code,
                    (None, Some(n)) => KeyCode::F(n),
                    (None, None) => {
                        return Err(error(KeyHint::Unknown));
                    }
                }
            }
        };
        if let KeyCode::Char(c) = code
            && modifiers.contains(KeyModifiers::SHIFT)
            && !c.is_ascii_alphabetic()
        {
            // shift-1 would silently mean 1: the terminal sends '!' instead.
            return Err(error(KeyHint::ShiftSymbol));
        }
        Ok(KeyBinding::new(code, modifiers))
    }
}

impl KeyBinding {
    /// The key as a hint on screen shows it: arrows as the key caps draw
    /// them (no English word in a Chinese screen), the rest as spelled.
    pub fn label(&self) -> String {
        let arrow = match self.code {
            KeyCode::Up => "↑",
            KeyCode::Down => "↓",
            KeyCode::Left => "←",
            KeyCode::Right => "→",
            _ => return self.to_string(),
        };
        let mut text = KeyBinding::new(KeyCode::Char('x'), self.modifiers).to_string();
        text.pop();
        text.push_str(arrow);
        text
    }
}

impl fmt::Display for KeyBinding {
    /// The canonical spelling, which `FromStr` reads back: `ctrl-c`,
    /// `pagedown`, `S`, `shift-tab`, `ctrl-alt-x`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, modifier) in MODIFIER_NAMES {
            if self.modifiers.contains(*modifier) {
                f.write_str(name)?;
            }
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            // What the key cap says, and read back as the same key.
            KeyCode::BackTab => f.write_str("shift-tab"),
            code => match NAMED_KEYS.iter().find(|(_, named)| *named == code) {
                Some((name, _)) => f.write_str(name),
                // Only events can hold these (caps lock, media keys …); a
                // file cannot bind them.
                None => write!(f, "{}", format!("{code:?}").to_lowercase()),
            },
        }
    }
}

/// Which built-in a file layers over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base {
    Default,
    Vim,
}

impl Base {
    fn from_name(name: &str) -> Option<Base> {
        match name {
            "default" => Some(Base::Default),
            "vim" => Some(Base::Vim),
            _ => None,
        }
    }
}

/// One file's bindings, before layering.
struct Layer {
    origin: String,
    base: Option<Base>,
    bindings: Vec<(Action, Vec<KeyBinding>)>,
}

impl Layer {
    fn parse(text: &str, origin: &str) -> Result<Layer, KeymapError> {
        let error = |entry: Entry, problem: Problem| KeymapError {
            origin: origin.to_string(),
            entry,
            problem,
        };
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start].matches('\n').count() + 1);
            let message = e.message().trim().replace('\n', "; ");
            error(Entry::Line(line), Problem::Syntax(message))
        })?;
        let mut layer = Layer {
            origin: origin.to_string(),
            base: None,
            bindings: Vec::new(),
        };
        for (name, value) in &table {
            if name == "base" {
                let base = value.as_str().and_then(Base::from_name);
                layer.base = Some(base.ok_or_else(|| {
                    error(
                        Entry::Named("base".into()),
                        Problem::NotABase(value.to_string()),
                    )
                })?);
                continue;
            }
            let Some(context) = Context::from_name(name) else {
                let problem = match (value.is_table(), Action::from_name(name)) {
                    (_, Some(action)) => Problem::OutsideSection(action.context()),
                    (true, None) => Problem::NoSuchSection,
                    (false, None) => Problem::NoSuchSetting,
                };
                let entry = if value.is_table() {
                    format!("[{name}]")
                } else {
                    name.clone()
                };
                return Err(error(Entry::Named(entry), problem));
            };
            let Some(section) = value.as_table() else {
                return Err(error(
                    Entry::Named(name.clone()),
                    Problem::NotASection(name.clone()),
                ));
            };
            for (action_name, keys) in section {
                let entry = Entry::Named(format!("[{context}] {action_name}"));
                let action =
                    parse_action(context, action_name).map_err(|m| error(entry.clone(), m))?;
                let keys = parse_keys(keys).map_err(|m| error(entry, m))?;
                layer.bindings.push((action, keys));
            }
        }
        Ok(layer)
    }

    fn builtin(base: Base) -> Layer {
        let (text, origin) = match base {
            Base::Default => (DEFAULT_TOML, "built-in default.toml"),
            Base::Vim => (VIM_TOML, "built-in vim.toml"),
        };
        Layer::parse(text, origin).expect("the built-in keymaps are tested")
    }
}

/// The action `name` in section `context`, or why it is not one.
fn parse_action(context: Context, name: &str) -> Result<Action, Problem> {
    match Action::from_name(name) {
        Some(action) if action.context() == context => Ok(action),
        Some(action) => Err(Problem::WrongSection {
            belongs: action.context(),
            found: context,
        }),
        None => Err(Problem::NoSuchAction(context)),
    }
}

/// An action's keys: a list of key texts, or one text; repeats dropped.
fn parse_keys(value: &toml::Value) -> Result<Vec<KeyBinding>, Problem> {
    let texts = match value {
        toml::Value::String(one) => vec![one.as_str()],
        toml::Value::Array(list) => list
            .iter()
            .map(toml::Value::as_str)
            .collect::<Option<Vec<_>>>()
            .ok_or(Problem::KeysNotText)?,
        _ => return Err(Problem::NotAKeyList),
    };
    let mut keys: Vec<KeyBinding> = Vec::with_capacity(texts.len());
    for text in texts {
        let key = text.parse::<KeyBinding>().map_err(Problem::Key)?;
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    Ok(keys)
}

/// The keys of every action, after layering. Ask it which action a key
/// fires in a context, or which keys an action has (for hints and help).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// Indexed by [`Action::index`].
    keys: Vec<Vec<KeyBinding>>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::builtin_default()
    }
}

impl Keymap {
    /// `keymaps/default.toml` as compiled in.
    pub fn builtin_default() -> Keymap {
        Keymap::builtin(Base::Default)
    }

    fn builtin(base: Base) -> Keymap {
        Keymap::layered(base, None).expect("the built-in keymaps are tested")
    }

    /// The keymap to use. `None`: the user's file
    /// ([`Keymap::user_file`]) if it exists, else the default; `"default"` or
    /// `"vim"`: that built-in; anything else: the path of a file, layered over
    /// the built-in its `base` names.
    pub fn load(choice: Option<&str>) -> Result<Keymap, KeymapError> {
        match choice {
            None => Keymap::load_user(Keymap::user_file().as_deref()),
            Some(name) => match Base::from_name(name) {
                Some(base) => Ok(Keymap::builtin(base)),
                None => Keymap::load_file(Path::new(name)),
            },
        }
    }

    /// The keymap to run with: the chosen one, or, when it has an error, the
    /// built-in its file names as `base` (so a vim user keeps vim keys while
    /// the error is shown), with the error.
    pub fn load_or_fallback(choice: Option<&str>) -> (Keymap, Option<KeymapError>) {
        match Keymap::load(choice) {
            Ok(keymap) => (keymap, None),
            Err(e) => {
                let path = choice
                    .map(PathBuf::from)
                    .or_else(Keymap::user_file)
                    .unwrap_or_default();
                let base = std::fs::read_to_string(path)
                    .ok()
                    .and_then(|text| text.parse::<toml::Table>().ok())
                    .and_then(|table| {
                        table
                            .get("base")
                            .and_then(toml::Value::as_str)
                            .and_then(Base::from_name)
                    })
                    .unwrap_or(Base::Default);
                (Keymap::builtin(base), Some(e))
            }
        }
    }

    /// Where the user's own keymap lives: `$XDG_CONFIG_HOME/outlay/keymap.toml`
    /// (`~/.config/outlay/keymap.toml`) on Linux. Shown on the help screen.
    pub fn user_file() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "outlay")
            .map(|dirs| dirs.config_dir().join("keymap.toml"))
    }

    fn load_user(path: Option<&Path>) -> Result<Keymap, KeymapError> {
        match path {
            Some(path) if path.exists() => Keymap::load_file(path),
            _ => Ok(Keymap::builtin_default()),
        }
    }

    fn load_file(path: &Path) -> Result<Keymap, KeymapError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| KeymapError {
            origin: origin.clone(),
            entry: Entry::File,
            problem: Problem::Unreadable(e.to_string()),
        })?;
        Keymap::from_toml(&text, &origin)
    }

    /// A user file's text layered over the built-in its `base` names
    /// (default when absent). `origin` names the file in errors. An action
    /// may be given one key as a string (`quit = "q"`) or none (`quit = []`).
    pub fn from_toml(text: &str, origin: &str) -> Result<Keymap, KeymapError> {
        let layer = Layer::parse(text, origin)?;
        Keymap::layered(layer.base.unwrap_or(Base::Default), Some(layer))
    }

    fn layered(base: Base, user: Option<Layer>) -> Result<Keymap, KeymapError> {
        let mut layers = vec![Layer::builtin(Base::Default)];
        if base == Base::Vim {
            layers.push(Layer::builtin(Base::Vim));
        }
        layers.extend(user);
        let mut keys = vec![Vec::new(); Action::ALL.len()];
        // Which layer last set each action: a conflict names the action the
        // newest layer set first, as that is the line the user just wrote.
        let mut set_by = vec![0; Action::ALL.len()];
        for (depth, layer) in layers.iter().enumerate() {
            for (action, bindings) in &layer.bindings {
                keys[action.index()] = bindings.clone();
                set_by[action.index()] = depth;
            }
        }
        let keymap = Keymap { keys };
        let origin = &layers.last().expect("default is always a layer").origin;
        keymap.check_conflicts(&set_by, origin)?;
        Ok(keymap)
    }

    /// Two actions that can be active at once may not share a key: within a
    /// section; [list] over [global] (list is checked first, so the global
    /// action would never fire); [form] with [input] (both act in a form).
    fn check_conflicts(&self, set_by: &[usize], origin: &str) -> Result<(), KeymapError> {
        use Context::{Editor, Form, Global, Input, List};
        let together = [
            (Global, Global),
            (List, List),
            (Form, Form),
            (Input, Input),
            (Editor, Editor),
            (List, Global),
            (Form, Input),
        ];
        for (first, second) in together {
            let mut owner: HashMap<KeyBinding, Action> = HashMap::new();
            for action in second.actions() {
                for key in self.keys(action) {
                    owner.entry(*key).or_insert(action);
                }
            }
            for action in first.actions() {
                for key in self.keys(action) {
                    let Some(&other) = owner.get(key) else {
                        continue;
                    };
                    if other == action {
                        continue;
                    }
                    let (a, b) = if set_by[other.index()] > set_by[action.index()] {
                        (other, action)
                    } else {
                        (action, other)
                    };
                    return Err(KeymapError {
                        origin: origin.to_string(),
                        entry: Entry::Both(a, b),
                        problem: Problem::BothBound(*key),
                    });
                }
            }
        }
        Ok(())
    }

    /// The action `key` fires in `context` alone; the TUI asks [list] and
    /// then [global] when a table has focus. Key releases fire nothing.
    pub fn action(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let key = KeyBinding::from_event(key);
        context
            .actions()
            .find(|action| self.keys(*action).contains(&key))
    }

    /// The keys bound to `action`, the one to show in a hint first; empty
    /// when the user unbound it.
    pub fn keys(&self, action: Action) -> &[KeyBinding] {
        &self.keys[action.index()]
    }

    /// The keys joined with "/" (`q/ctrl-c`), "" when unbound.
    pub fn hint(&self, action: Action) -> String {
        self.keys(action)
            .iter()
            .map(KeyBinding::label)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Every action of `context` with its keys, in [`Action::ALL`] order,
    /// unbound ones included (with no keys), for the help screen.
    pub fn bindings(&self, context: Context) -> Vec<(Action, Vec<KeyBinding>)> {
        context
            .actions()
            .map(|action| (action, self.keys(action).to_vec()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> KeyBinding {
        text.parse().unwrap()
    }

    #[test]
    fn all_is_in_declaration_order_so_index_is_position() {
        for (i, action) in Action::ALL.iter().enumerate() {
            assert_eq!(action.index(), i);
        }
    }

    #[test]
    fn names_are_the_serde_names() {
        for action in Action::ALL {
            let json = serde_json::to_string(action).unwrap();
            assert_eq!(json, format!("\"{action}\""));
            let back: Action = serde_json::from_str(&json).unwrap();
            assert_eq!(back, *action);
        }
        for context in Context::ALL {
            assert_eq!(
                serde_json::to_string(context).unwrap(),
                format!("\"{context}\"")
            );
        }
    }

    #[test]
    fn parses_modifiers_and_names() {
        assert_eq!(
            key("ctrl-alt-x"),
            KeyBinding::new(
                KeyCode::Char('x'),
                KeyModifiers::CONTROL | KeyModifiers::ALT
            )
        );
        assert_eq!(key("CTRL-c"), key("ctrl-c"));
        assert_eq!(
            key("Enter"),
            KeyBinding::new(KeyCode::Enter, KeyModifiers::NONE)
        );
        assert_eq!(key("F12").code, KeyCode::F(12));
        assert_eq!(key("-").code, KeyCode::Char('-'));
        assert_eq!(
            key("ctrl--"),
            KeyBinding::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert_eq!(key("shift-tab"), key("backtab"));
        assert_eq!(key("shift-s"), key("S"));
        assert_ne!(key("s"), key("S"));
        assert_eq!(
            key("shift-up"),
            KeyBinding::new(KeyCode::Up, KeyModifiers::SHIFT)
        );
    }

    #[test]
    fn rejects_what_is_not_a_key() {
        for text in [
            "",
            "ctrl-",
            "pgup-",
            "foo",
            "f0",
            "f13",
            "f01",
            "f+1",
            "ctrl-foo",
            "shift-1",
            "shift-space",
        ] {
            assert!(text.parse::<KeyBinding>().is_err(), "{text:?} parsed");
        }
        assert_eq!(
            "ctrl-".parse::<KeyBinding>().unwrap_err().to_string(),
            "'ctrl-' is not a key (write e.g. q, ctrl-c, f1, pagedown)"
        );
    }

    #[test]
    fn display_of_event_only_keys_does_not_panic() {
        let caps = KeyBinding::new(KeyCode::CapsLock, KeyModifiers::NONE);
        assert_eq!(caps.to_string(), "capslock");
    }

    #[test]
    fn user_file_absent_means_default_present_means_layered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keymap.toml");
        assert_eq!(
            Keymap::load_user(Some(&path)).unwrap(),
            Keymap::builtin_default()
        );
        assert_eq!(Keymap::load_user(None).unwrap(), Keymap::builtin_default());
        std::fs::write(&path, "base = \"vim\"\n").unwrap();
        assert_eq!(
            Keymap::load_user(Some(&path)).unwrap(),
            Keymap::load(Some("vim")).unwrap()
        );
    }

    #[test]
    fn conflict_names_the_newest_layer_first() {
        let error = Keymap::from_toml("[list]\nfilter = [\"s\"]\n", "u.toml").unwrap_err();
        assert_eq!(error.entry, Entry::Both(Action::Filter, Action::Sort));
    }
}
