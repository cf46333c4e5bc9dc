//! The terminal UI: tabs over the ledger's read models, forms over its
//! commands. It computes no figure of its own.

mod app;
mod connection;
mod draw;
mod forms;
mod journal_filter;
pub mod keymap;
mod line_choice;
mod month_ends;
mod popups;
mod status_line;
mod submit;
mod tabs;
mod view;
mod widgets;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};

pub use app::App;
pub use connection::Connection;
pub use draw::draw;
use keymap::Keymap;
pub use tabs::Tab;
pub use tabs::summary::Export;
pub use view::Scope;

use crate::Ledger;
use crate::domain::Unit;
use crate::error::{OutputError, Result};
use crate::i18n::Lang;
use crate::remote::Notice;
use connection::Burst;

/// How often the loop looks for a stop signal while nothing happens; nothing
/// is redrawn on a quiet tick, so an idle TUI costs nothing over SSH.
const TICK: Duration = Duration::from_millis(250);

/// Restores the terminal however the TUI ends: return, error or panic
/// (ratatui's own panic hook restores it before the panic message prints).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// Whether the terminal went away (an SSH connection dropped without a
/// signal reaching us): the loop must end rather than wait on a dead tty.
fn terminal_gone() -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::empty())];
    poll(&mut fds, PollTimeout::ZERO).is_ok()
        && fds[0].revents().is_some_and(|r| {
            r.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL)
        })
}

/// What wakes the loop: a key or resize, or word from the server (another
/// user's change, the connection lost or back).
enum Input {
    Terminal(Event),
    Server(Notice),
}

/// Runs the TUI on a ledger until the user quits. `unit_chosen`: the unit
/// the user chose (`--unit`, the settings), if any; screens default to 元
/// and filed documents to 万元, as the CLI writes them.
pub fn run(
    ledger: Ledger,
    lang: Lang,
    unit_chosen: Option<Unit>,
    keymap_choice: Option<&str>,
) -> Result<()> {
    let unit = unit_chosen.unwrap_or_default();
    let (keymap, keymap_error) = Keymap::load_or_fallback(keymap_choice);
    let (inputs, input) = mpsc::channel();
    // Served: other users' changes arrive as notices, and the screen re-reads.
    if let Some(client) = ledger.client() {
        connection::forward(client, inputs.clone(), Input::Server)?;
    }
    let mut app = App::new(ledger, lang, unit, keymap)?;
    // Before any tab reads a filed document: the summary loads with its tab.
    app.filed_unit = unit_chosen.unwrap_or(Unit::Wan);
    if let Some(e) = keymap_error {
        // Never ignored: shown until dismissed, with the built-in keys in force meanwhile.
        let title = fallback_title(&app.keymap, lang);
        app.show_message(title, lang.keymap_error(&e));
    }
    // SIGTERM, SIGHUP (the SSH session dropped) and SIGINT end the loop like `q`,
    // so the terminal is restored instead of left in raw mode.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).map_err(|e| {
            OutputError::Signal {
                signal,
                cause: e.to_string(),
            }
        })?;
    }
    let mut terminal = ratatui::try_init().map_err(|e| OutputError::StartTerminal {
        cause: e.to_string(),
    })?;
    let _guard = TerminalGuard;
    // A paste arrives as one text, never as keys: a copied cell's line break
    // must not press Enter in a form. The alternate screen may hold old text
    // (GNU screen, a Linux console, a reconnect): clear it before the first frame.
    let io = |e: std::io::Error| OutputError::Terminal {
        cause: e.to_string(),
    };
    ratatui::crossterm::execute!(std::io::stdout(), EnableBracketedPaste).map_err(io)?;
    terminal.clear().map_err(io)?;
    // Keys are read on a thread of their own, so the loop sleeps until either
    // a key or a change arrives: no polling, and changes show at once.
    std::thread::spawn(move || {
        while let Ok(event) = event::read() {
            if inputs.send(Input::Terminal(event)).is_err() {
                break;
            }
        }
    });
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|frame| draw(frame, &app)).map_err(io)?;
            dirty = false;
        }
        match input.recv_timeout(TICK) {
            Ok(Input::Terminal(Event::Key(key))) => dirty = app.handle_key(key),
            Ok(Input::Terminal(Event::Paste(text))) => dirty = app.handle_paste(&text),
            Ok(Input::Terminal(Event::Resize(_, _))) => dirty = true,
            Ok(Input::Terminal(_)) => {}
            Err(RecvTimeoutError::Timeout) if terminal_gone() => break,
            Err(RecvTimeoutError::Timeout) => {}
            Ok(Input::Server(notice)) => {
                // A burst of notices needs one re-read of what they touch; a key in the burst is kept.
                let mut burst = Burst::default();
                burst.add(notice);
                let mut typed = None;
                while let Ok(next) = input.try_recv() {
                    match next {
                        Input::Server(notice) => burst.add(notice),
                        Input::Terminal(e @ (Event::Key(_) | Event::Paste(_))) => {
                            typed = Some(e);
                            break;
                        }
                        Input::Terminal(_) => {}
                    }
                }
                burst.apply(&mut app);
                match typed {
                    Some(Event::Key(k)) => {
                        app.handle_key(k);
                    }
                    Some(Event::Paste(text)) => {
                        app.handle_paste(&text);
                    }
                    _ => {}
                }
                dirty = true;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Ok(())
}

/// The title over a keymap error: which built-in keys are in force instead,
/// the default ones or the vim ones the broken file was based on.
fn fallback_title(keymap: &Keymap, lang: Lang) -> String {
    if *keymap == Keymap::builtin_default() {
        lang.pick(
            "按键配置有误，已使用默认按键",
            "Keymap error: using the default keys",
        )
    } else {
        lang.pick(
            "按键配置有误，已使用内置的 vim 按键",
            "Keymap error: using the built-in vim keys",
        )
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_vim_based_keymap_says_the_vim_keys_are_in_force() {
        let vim = Keymap::load(Some("vim")).unwrap();
        assert_eq!(
            fallback_title(&vim, Lang::Zh),
            "按键配置有误，已使用内置的 vim 按键"
        );
        assert_eq!(
            fallback_title(&Keymap::builtin_default(), Lang::En),
            "Keymap error: using the default keys"
        );
    }
}
