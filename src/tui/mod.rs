//! The terminal UI: tabs over the ledger's read models, forms over its
//! commands. It computes no figure of its own.

mod app;
mod draw;
mod forms;
pub mod keymap;
mod tabs;
mod view;
mod widgets;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use ratatui::crossterm::event::{self, Event};

pub use app::App;
pub use draw::draw;
use keymap::Keymap;

use crate::Ledger;
use crate::domain::Unit;
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// How long to wait for a key before looking again; nothing is redrawn on a
/// quiet tick, so an idle TUI costs nothing over a slow SSH link.
const TICK: Duration = Duration::from_millis(250);

/// Restores the terminal however the TUI ends: return, error or panic
/// (ratatui's own panic hook restores it before the panic message prints).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Runs the TUI on a ledger until the user quits.
pub fn run(ledger: Ledger, lang: Lang, unit: Unit, keymap_choice: Option<&str>) -> Result<()> {
    let (keymap, keymap_error) = match Keymap::load(keymap_choice) {
        Ok(keymap) => (keymap, None),
        Err(e) => (Keymap::builtin_default(), Some(e)),
    };
    let mut app = App::new(ledger, lang, unit, keymap)?;
    if let Some(e) = keymap_error {
        // Never ignored: shown until dismissed, with the built-in keys in force meanwhile.
        let title = lang
            .pick(
                "按键配置有误，已使用默认按键",
                "Keymap error: using the default keys",
            )
            .to_string();
        app.show_message(title, e.to_string());
    }
    // SIGTERM, SIGHUP (the SSH session dropped) and SIGINT end the loop like `q`,
    // so the terminal is restored instead of left in raw mode.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| Error::Output(format!("cannot watch for signal {signal}: {e}")))?;
    }
    let mut terminal = ratatui::try_init()
        .map_err(|e| Error::Output(format!("cannot start the terminal UI: {e}")))?;
    let _guard = TerminalGuard;
    let io = |e: std::io::Error| Error::Output(format!("terminal: {e}"));
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|frame| draw(frame, &app)).map_err(io)?;
            dirty = false;
        }
        // A signal interrupts the wait; the loop condition then sees it.
        let ready = match event::poll(TICK) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => false,
            other => other.map_err(io)?,
        };
        if ready {
            dirty = match event::read().map_err(io)? {
                Event::Key(key) => app.handle_key(key),
                Event::Resize(_, _) => true,
                _ => false,
            };
        }
    }
    Ok(())
}
