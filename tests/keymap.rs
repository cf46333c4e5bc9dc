//! The keymap as the TUI sees it: shipped files, layering, key syntax, errors.

use std::collections::HashSet;

use outlay::i18n::Lang;
use outlay::tui::keymap::{Action, Context, Entry, KeyBinding, Keymap, KeymapError, Problem};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

fn shipped(name: &str) -> String {
    let path = format!("{}/keymaps/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn ch(c: char) -> KeyEvent {
    press(KeyCode::Char(c), KeyModifiers::NONE)
}

fn error(text: &str) -> KeymapError {
    Keymap::from_toml(text, "/home/u/.config/outlay/keymap.toml").unwrap_err()
}

#[test]
fn every_shipped_file_parses_and_matches_the_built_in() {
    let default = Keymap::from_toml(&shipped("default.toml"), "default.toml").unwrap();
    assert_eq!(default, Keymap::builtin_default());
    assert_eq!(default, Keymap::load(Some("default")).unwrap());
    // vim.toml has no base, so read as a user file it layers over default.
    let vim = Keymap::from_toml(&shipped("vim.toml"), "vim.toml").unwrap();
    assert_eq!(vim, Keymap::load(Some("vim")).unwrap());
    assert_ne!(vim, default);
}

#[test]
fn default_binds_every_action() {
    let keymap = Keymap::builtin_default();
    for action in Action::ALL {
        assert!(!keymap.keys(*action).is_empty(), "{action} is unbound");
    }
    assert_eq!(keymap.hint(Action::Quit), "q/ctrl-c");
    // hints draw arrows as the key caps do; the spelling stays for files
    assert_eq!(keymap.hint(Action::NextField), "tab/↓");
    assert_eq!(keymap.keys(Action::NextField)[1].to_string(), "down");
    assert_eq!(keymap.keys(Action::PageDown)[0].to_string(), "pagedown");
}

#[test]
fn default_tab_keys_follow_the_tab_order() {
    let keymap = Keymap::builtin_default();
    let tabs = [
        Action::TabOverview,
        Action::TabBasic,
        Action::TabProjects,
        Action::TabSupplementary,
        Action::TabIndicators,
        Action::TabPayments,
        Action::TabReview,
    ];
    for (digit, tab) in ('1'..='7').zip(tabs) {
        assert_eq!(keymap.action(Context::Global, &ch(digit)), Some(tab));
    }
}

#[test]
fn vim_moves_with_letters_and_nothing_in_global_is_shadowed() {
    let vim = Keymap::load(Some("vim")).unwrap();
    assert_eq!(vim.action(Context::List, &ch('j')), Some(Action::Down));
    assert_eq!(vim.action(Context::List, &ch('k')), Some(Action::Up));
    assert_eq!(
        vim.action(
            Context::List,
            &press(KeyCode::Char('G'), KeyModifiers::SHIFT)
        ),
        Some(Action::Last)
    );
    assert_eq!(
        vim.action(
            Context::List,
            &press(KeyCode::Char('f'), KeyModifiers::CONTROL)
        ),
        Some(Action::PageDown)
    );
    assert_eq!(vim.action(Context::Global, &ch('L')), Some(Action::NextTab));
    // The arrows still work: vim adds keys, it does not take them away.
    assert_eq!(
        vim.action(Context::List, &press(KeyCode::Down, KeyModifiers::NONE)),
        Some(Action::Down)
    );
    for (action, keys) in vim.bindings(Context::List) {
        for key in keys {
            let event = press(key.code, key.modifiers);
            assert_eq!(vim.action(Context::List, &event), Some(action));
            assert_eq!(
                vim.action(Context::Global, &event),
                None,
                "[list] {action} shadows a [global] action on {key}"
            );
        }
    }
}

#[test]
fn every_key_form_round_trips() {
    let forms = [
        ("q", "q"),
        ("S", "S"),
        ("?", "?"),
        ("[", "["),
        ("]", "]"),
        ("/", "/"),
        ("-", "-"),
        ("1", "1"),
        ("space", "space"),
        ("Space", "space"),
        ("tab", "tab"),
        ("backtab", "shift-tab"),
        ("shift-tab", "shift-tab"),
        ("enter", "enter"),
        ("ENTER", "enter"),
        ("return", "enter"),
        ("esc", "esc"),
        ("escape", "esc"),
        ("backspace", "backspace"),
        ("delete", "delete"),
        ("del", "delete"),
        ("insert", "insert"),
        ("up", "up"),
        ("down", "down"),
        ("left", "left"),
        ("right", "right"),
        ("home", "home"),
        ("end", "end"),
        ("pageup", "pageup"),
        ("PageDown", "pagedown"),
        ("f1", "f1"),
        ("F12", "f12"),
        ("ctrl-c", "ctrl-c"),
        ("Ctrl-C", "ctrl-C"),
        ("alt-x", "alt-x"),
        ("alt-ctrl-x", "ctrl-alt-x"),
        ("ctrl-alt-x", "ctrl-alt-x"),
        ("shift-s", "S"),
        ("shift-S", "S"),
        ("shift-up", "shift-up"),
        ("ctrl-shift-f5", "ctrl-shift-f5"),
        ("ctrl--", "ctrl--"),
        ("ctrl-space", "ctrl-space"),
        ("alt-[", "alt-["),
        ("元", "元"),
    ];
    for (text, canonical) in forms {
        let key: KeyBinding = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(key.to_string(), canonical, "{text}");
        let again: KeyBinding = canonical.parse().unwrap();
        assert_eq!(again, key, "{canonical} does not read back");
    }
}

#[test]
fn an_override_replaces_the_key_list() {
    let keymap = Keymap::from_toml("[global]\nquit = [\"z\"]\n", "mine.toml").unwrap();
    assert_eq!(keymap.action(Context::Global, &ch('q')), None);
    assert_eq!(keymap.action(Context::Global, &ch('z')), Some(Action::Quit));
    assert_eq!(
        keymap.action(
            Context::Global,
            &press(KeyCode::Char('c'), KeyModifiers::CONTROL)
        ),
        None
    );
    assert_eq!(keymap.hint(Action::Quit), "z");
    // What the file does not name keeps its keys.
    assert_eq!(keymap.action(Context::Global, &ch('?')), Some(Action::Help));
}

#[test]
fn an_empty_list_unbinds_and_a_string_is_one_key() {
    let keymap = Keymap::from_toml("[global]\nrefresh = []\npay = \"P\"\n", "mine.toml").unwrap();
    assert!(keymap.keys(Action::Refresh).is_empty());
    assert_eq!(keymap.hint(Action::Refresh), "");
    assert_eq!(keymap.action(Context::Global, &ch('P')), Some(Action::Pay));
    assert_eq!(keymap.action(Context::Global, &ch('p')), None);
    let help = keymap.bindings(Context::Global);
    assert!(help.contains(&(Action::Refresh, vec![])));
}

#[test]
fn base_vim_layers_the_user_file_over_vim() {
    let keymap = Keymap::from_toml(
        "base = \"vim\"\n[list]\ndown = [\"n\"]\n[global]\nadd_schedule = [\"A\"]\n",
        "mine.toml",
    )
    .unwrap();
    assert_eq!(keymap.action(Context::List, &ch('n')), Some(Action::Down));
    assert_eq!(keymap.action(Context::List, &ch('j')), None);
    // Untouched vim bindings stay.
    assert_eq!(keymap.action(Context::List, &ch('k')), Some(Action::Up));
    assert_eq!(
        keymap.action(Context::Global, &ch('A')),
        Some(Action::AddSchedule)
    );
    let explicit_default = Keymap::from_toml("base = \"default\"\n", "mine.toml").unwrap();
    assert_eq!(explicit_default, Keymap::builtin_default());
}

#[test]
fn a_bad_key_names_the_entry() {
    assert_eq!(
        error("[global]\nquit = [\"ctrl-\"]\n").to_string(),
        "keymap /home/u/.config/outlay/keymap.toml: [global] quit: \
         'ctrl-' is not a key (write e.g. q, ctrl-c, f1, pagedown)"
    );
    let e = error("[list]\nsort = [\"s\", 3]\n");
    assert_eq!(e.entry, Entry::Named("[list] sort".into()));
    assert_eq!(e.problem, Problem::KeysNotText);
}

#[test]
fn an_unknown_action_lists_the_sections_actions() {
    let e = error("[global]\nfrobnicate = [\"f\"]\n");
    assert_eq!(e.entry.to_string(), "[global] frobnicate");
    assert!(
        e.to_string().ends_with(
            "[global] frobnicate: no such action (actions of [global]: quit, help, next_tab, \
             prev_tab, tab_overview, tab_basic, tab_projects, tab_supplementary, tab_indicators, \
             tab_payments, tab_review, tab_summary, toggle_unit, as_of_earlier, as_of_later, \
             as_of_today, next_chart, prev_chart, review_by_project, monitor, close_month, pay, \
             reverse, adjust, add_schedule, edit_indicator, set_reason, refresh, export_markdown, \
             export_csv, export_xlsx, toggle_layout, edit_fact)"
        ),
        "{e}"
    );
}

#[test]
fn an_action_in_another_section_is_refused() {
    let e = error("[global]\ndown = [\"j\"]\n");
    assert_eq!(e.entry.to_string(), "[global] down");
    assert!(
        e.to_string().ends_with(": belongs in [list], not [global]"),
        "{e}"
    );
    let e = error("quit = [\"z\"]\n");
    assert_eq!(e.entry.to_string(), "quit");
    assert!(e.to_string().contains("put it under [global]"), "{e}");
}

#[test]
fn an_unknown_section_lists_the_sections() {
    assert_eq!(
        error("[lists]\nup = [\"k\"]\n").to_string(),
        "keymap /home/u/.config/outlay/keymap.toml: [lists]: \
         no such section (sections: global, list, form, input, editor)"
    );
    let e = error("base = \"emacs\"\n");
    assert_eq!(e.entry.to_string(), "base");
    assert!(
        e.to_string().contains("\"emacs\" is not a built-in keymap"),
        "{e}"
    );
}

#[test]
fn two_actions_on_one_key_in_a_section() {
    let e = error("[list]\nsort = [\"s\"]\nfilter = [\"s\"]\n");
    assert_eq!(
        e.to_string(),
        "keymap /home/u/.config/outlay/keymap.toml: [list] sort and [list] filter are both bound to 's'"
    );
}

#[test]
fn a_list_key_may_not_shadow_a_global_one() {
    let e = error("[global]\nreverse = [\"j\"]\n[list]\ndown = [\"j\"]\n");
    assert_eq!(e.entry, Entry::Both(Action::Down, Action::Reverse));
    assert!(
        e.to_string()
            .ends_with("[list] down and [global] reverse are both bound to 'j'"),
        "{e}"
    );
    // Vim's j is navigation, so binding it globally over vim is refused too.
    let e = error("base = \"vim\"\n[global]\npay = [\"j\"]\n");
    assert_eq!(
        e.to_string(),
        "keymap /home/u/.config/outlay/keymap.toml: [global] pay and [list] down are both bound to 'j'"
    );
}

#[test]
fn form_and_input_may_not_share_a_key() {
    let e = error("[input]\nclear = [\"esc\"]\n");
    assert_eq!(
        e.to_string(),
        "keymap /home/u/.config/outlay/keymap.toml: [input] clear and [form] cancel are both bound to 'esc'"
    );
    // Global and form are never active together: tab may be both.
    Keymap::from_toml("[form]\nsubmit = [\"ctrl-r\"]\n", "mine.toml").unwrap();
}

#[test]
fn a_toml_error_names_its_line_on_one_line() {
    let e = error("[global]\nquit = [\"q\"]\nhelp = [\"?\"\n");
    assert_eq!(e.entry, Entry::Line(Some(3)));
    assert!(!e.to_string().contains('\n'), "{e}");
    let e = error("[global]\nquit = [\"q\"]\nquit = [\"z\"]\n");
    assert_eq!(e.entry.to_string(), "line 3");
}

#[test]
fn upper_case_letters_match_with_or_without_shift() {
    let keymap = Keymap::builtin_default();
    let with_shift = press(KeyCode::Char('S'), KeyModifiers::SHIFT);
    let without = ch('S');
    assert_eq!(
        keymap.action(Context::List, &with_shift),
        Some(Action::SortReverse)
    );
    assert_eq!(
        keymap.action(Context::List, &without),
        Some(Action::SortReverse)
    );
    // The kitty protocol can report the base letter with SHIFT.
    assert_eq!(
        keymap.action(
            Context::List,
            &press(KeyCode::Char('s'), KeyModifiers::SHIFT)
        ),
        Some(Action::SortReverse)
    );
    assert_eq!(keymap.action(Context::List, &ch('s')), Some(Action::Sort));
    // A shifted symbol: '?' arrives with SHIFT on some terminals.
    assert_eq!(
        keymap.action(
            Context::Global,
            &press(KeyCode::Char('?'), KeyModifiers::SHIFT)
        ),
        Some(Action::Help)
    );
    // backtab arrives with SHIFT.
    assert_eq!(
        keymap.action(
            Context::Global,
            &press(KeyCode::BackTab, KeyModifiers::SHIFT)
        ),
        Some(Action::PrevTab)
    );
}

#[test]
fn ctrl_c_matches_control_c_only() {
    let keymap = Keymap::builtin_default();
    let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap.action(Context::Global, &ctrl_c), Some(Action::Quit));
    // plain c is another action (the Review tab's chart), not quit
    assert_eq!(
        keymap.action(Context::Global, &ch('c')),
        Some(Action::NextChart)
    );
    assert_eq!(
        keymap.action(
            Context::Global,
            &press(KeyCode::Char('q'), KeyModifiers::CONTROL)
        ),
        None
    );
    let mut release = ctrl_c;
    release.kind = KeyEventKind::Release;
    assert_eq!(keymap.action(Context::Global, &release), None);
}

#[test]
fn load_reads_a_file_by_path() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, b"base = \"vim\"\n[global]\nquit = [\"z\"]\n").unwrap();
    let path = file.path().to_str().unwrap();
    let keymap = Keymap::load(Some(path)).unwrap();
    assert_eq!(keymap.action(Context::Global, &ch('z')), Some(Action::Quit));
    assert_eq!(keymap.action(Context::List, &ch('j')), Some(Action::Down));

    std::fs::write(file.path(), "[global]\nquit = [\"nope\"]\n").unwrap();
    let e = Keymap::load(Some(path)).unwrap_err();
    assert_eq!(e.origin, path);
    assert_eq!(e.entry.to_string(), "[global] quit");

    let missing = file.path().with_extension("missing");
    let e = Keymap::load(Some(missing.to_str().unwrap())).unwrap_err();
    assert_eq!(e.entry, Entry::File);
}

#[test]
fn bindings_follow_action_order_per_context() {
    let keymap = Keymap::builtin_default();
    let mut seen = HashSet::new();
    for context in Context::ALL {
        let rows = keymap.bindings(*context);
        let actions: Vec<Action> = rows.iter().map(|(a, _)| *a).collect();
        let expected: Vec<Action> = Action::ALL
            .iter()
            .copied()
            .filter(|a| a.context() == *context)
            .collect();
        assert_eq!(actions, expected);
        seen.extend(actions);
    }
    assert_eq!(seen.len(), Action::ALL.len());
}

#[test]
fn every_action_is_described_in_both_languages() {
    assert_eq!(Action::Quit.describe(Lang::Zh), "退出");
    assert_eq!(Action::Pay.describe(Lang::En), "Log a disbursement");
    assert_eq!(Action::AsOfEarlier.describe(Lang::Zh), "截至日期提前一月");
    assert_eq!(
        Action::ToggleUnit.describe(Lang::En),
        "Toggle yuan / 10k yuan"
    );
    let mut zh = HashSet::new();
    let mut en = HashSet::new();
    for action in Action::ALL {
        let (z, e) = (action.describe(Lang::Zh), action.describe(Lang::En));
        assert!(!z.is_ascii(), "{action}: {z}");
        assert!(
            e.starts_with(|c: char| c.is_ascii_uppercase()),
            "{action}: {e}"
        );
        assert!(zh.insert(z), "{action}: '{z}' twice");
        assert!(en.insert(e), "{action}: '{e}' twice");
    }
}

#[test]
fn the_review_keys_work_in_both_built_in_keymaps() {
    for keymap in [
        Keymap::builtin_default(),
        Keymap::load(Some("vim")).unwrap(),
    ] {
        let global = |c| keymap.action(Context::Global, &ch(c));
        assert_eq!(global('7'), Some(Action::TabReview));
        assert_eq!(global('c'), Some(Action::NextChart));
        assert_eq!(global('C'), Some(Action::PrevChart));
        // the month reviewed steps with the as-of date
        assert_eq!(global('['), Some(Action::AsOfEarlier));
        assert_eq!(global(']'), Some(Action::AsOfLater));
        for c in ['7', 'c', 'C', '[', ']'] {
            assert_eq!(
                keymap.action(Context::List, &ch(c)),
                None,
                "{c} is shadowed"
            );
        }
    }
}

#[test]
fn a_broken_file_falls_back_to_the_base_it_names() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(
        &mut file,
        b"base = \"vim\"\n[global]\nfrobnicate = [\"f\"]\n",
    )
    .unwrap();
    let path = file.path().to_str().unwrap();
    let (keymap, error) = Keymap::load_or_fallback(Some(path));
    assert_eq!(error.unwrap().entry.to_string(), "[global] frobnicate");
    // still the vim keys the user asked for
    assert_eq!(keymap.action(Context::List, &ch('j')), Some(Action::Down));
    // a file naming no base falls back to the default keys
    std::fs::write(file.path(), "[global]\nquit = [\"nope\"]\n").unwrap();
    let (keymap, error) = Keymap::load_or_fallback(Some(path));
    assert!(error.is_some());
    assert_eq!(keymap.action(Context::List, &ch('j')), None);
    assert_eq!(keymap.action(Context::Global, &ch('q')), Some(Action::Quit));
}

#[test]
fn the_form_screen_keys_are_bound_in_both_built_ins() {
    for name in ["default", "vim"] {
        let keymap = Keymap::load(Some(name)).unwrap();
        assert_eq!(
            keymap.action(Context::Global, &ch('w')),
            Some(Action::ExportXlsx),
            "{name}"
        );
        assert_eq!(
            keymap.action(Context::Global, &ch('b')),
            Some(Action::ToggleLayout),
            "{name}"
        );
        assert_eq!(
            keymap.action(Context::Global, &ch('f')),
            Some(Action::EditFact),
            "{name}"
        );
        assert_eq!(
            keymap.action(
                Context::Editor,
                &press(KeyCode::Char('s'), KeyModifiers::CONTROL)
            ),
            Some(Action::SaveText),
            "{name}"
        );
        assert_eq!(
            keymap.action(Context::Editor, &press(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::CloseEditor),
            "{name}"
        );
        // in the editor Enter is text (a new line), never an action
        assert_eq!(
            keymap.action(Context::Editor, &press(KeyCode::Enter, KeyModifiers::NONE)),
            None,
            "{name}"
        );
        // vim's list letters do not shadow them
        for c in ['w', 'b', 'f'] {
            assert_eq!(keymap.action(Context::List, &ch(c)), None, "{name} {c}");
        }
    }
}

#[test]
fn the_monitor_key_is_bound_in_both_built_ins() {
    for name in ["default", "vim"] {
        let keymap = Keymap::load(Some(name)).unwrap();
        assert_eq!(
            keymap.action(Context::Global, &ch('m')),
            Some(Action::Monitor),
            "{name}"
        );
        assert_eq!(keymap.action(Context::List, &ch('m')), None, "{name}");
    }
}

#[test]
fn a_keymap_error_reads_in_the_users_language() {
    let e = error("[global]\nquit = [\"ctrl-\"]\n");
    assert_eq!(
        Lang::Zh.keymap_error(&e),
        "按键配置 /home/u/.config/outlay/keymap.toml：[global] quit：\
         “ctrl-”不是按键（可写 q、ctrl-c、f1、pagedown 等）"
    );
    assert_eq!(Lang::En.keymap_error(&e), e.to_string());
    let e = error("[list]\nsort = [\"s\"]\nfilter = [\"s\"]\n");
    assert_eq!(
        Lang::Zh.keymap_error(&e),
        "按键配置 /home/u/.config/outlay/keymap.toml：[list] sort 与 [list] filter 都绑定了 's'"
    );
    let e = error("[global]\nquit = [\"q\"]\nhelp = [\"?\"\n");
    let zh = Lang::Zh.keymap_error(&e);
    assert!(zh.contains("：第 3 行：不是有效的 TOML（"), "{zh}");
}
