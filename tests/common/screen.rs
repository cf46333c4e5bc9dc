//! The TUI drawn with ratatui's TestBackend, keys sent through
//! `App::handle_key` as a person's would be.

use outlay::Ledger;
use outlay::domain::Unit;
use outlay::i18n::Lang;
use outlay::tui::keymap::Keymap;
use outlay::tui::{App, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

pub struct Screen {
    pub dir: tempfile::TempDir,
    pub app: App,
    pub terminal: Terminal<TestBackend>,
}

impl Screen {
    pub fn demo(width: u16, height: u16, lang: Lang) -> Screen {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::create_demo(&dir.path().join("demo.redb"), "tester").unwrap();
        let app = App::new(ledger, lang, Unit::Yuan, Keymap::builtin_default()).unwrap();
        Screen {
            dir,
            app,
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
        }
    }

    /// An app made by the test, on a ledger in `dir`.
    pub fn from_app(dir: tempfile::TempDir, app: App, width: u16, height: u16) -> Screen {
        Screen {
            dir,
            app,
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
        }
    }

    /// The demo at 120×40 in English, opened by a user granted only the viewer role.
    pub fn demo_as_viewer() -> Screen {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.redb");
        let admin = Ledger::create_demo(&path, "tester").unwrap();
        admin
            .grant("reader".into(), outlay::domain::role::Role::Viewer)
            .unwrap();
        drop(admin);
        let ledger = Ledger::open(&path, "reader").unwrap();
        let app = App::new(ledger, Lang::En, Unit::Yuan, Keymap::builtin_default()).unwrap();
        Screen {
            dir,
            app,
            terminal: Terminal::new(TestBackend::new(120, 40)).unwrap(),
        }
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Screen {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        self
    }

    pub fn keys(&mut self, text: &str) -> &mut Screen {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    /// The screen as a terminal shows it: a wide character covers the cell after it.
    pub fn text(&mut self) -> String {
        let app = &self.app;
        // A full redraw, so the buffer is this frame alone and not a diff applied to the last.
        self.terminal.clear().unwrap();
        self.terminal.draw(|frame| draw(frame, app)).unwrap();
        let buffer = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut covered = 0;
            for x in 0..buffer.area.width {
                if covered > 0 {
                    covered -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                covered = symbol.width().saturating_sub(1);
                out.push_str(symbol);
            }
            out.push('\n');
        }
        out
    }
}
