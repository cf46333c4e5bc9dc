//! Whether the screen is live. Served, the TUI hears of other users'
//! changes; when the server goes away the header says so until it is back,
//! and then everything is re-read (changes made meanwhile were not heard of).

use std::sync::mpsc::Sender;

use super::app::App;
use super::view::Scope;
use crate::error::Result;
use crate::remote::{Client, Notice};

/// The link to the server, as the header shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Connection {
    /// Served and subscribed, or a file opened here.
    #[default]
    Live,
    /// The server went away; the client is reconnecting.
    Reconnecting,
}

/// Passes the server's notices to the TUI's loop, through `wrap`.
pub fn forward<T: Send + 'static>(
    client: &Client,
    inputs: Sender<T>,
    wrap: fn(Notice) -> T,
) -> Result<()> {
    let notices = client.subscribe()?;
    std::thread::spawn(move || {
        for notice in notices {
            if inputs.send(wrap(notice)).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// A burst of notices, applied at once: one re-read for many changes.
#[derive(Default)]
pub struct Burst {
    scope: Option<Scope>,
    connection: Option<Connection>,
}

impl Burst {
    pub fn add(&mut self, notice: Notice) {
        let scope = match notice {
            Notice::Changed(change) => Scope::of(&change.call),
            Notice::Lost => {
                self.connection = Some(Connection::Reconnecting);
                return;
            }
            Notice::Back => {
                self.connection = Some(Connection::Live);
                Scope::All
            }
        };
        self.scope = Some(self.scope.map_or(scope, |s| s.and(scope)));
    }

    pub fn apply(self, app: &mut App) {
        if let Some(connection) = self.connection {
            app.connection = connection;
        }
        if let Some(scope) = self.scope {
            app.on_change(scope);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::Change;

    fn changed(call: &str) -> Notice {
        Notice::Changed(Change {
            seq: 1,
            call: call.into(),
            by: "u".into(),
        })
    }

    #[test]
    fn a_burst_keeps_the_last_connection_state_and_rereads_all_once_back() {
        let mut burst = Burst::default();
        burst.add(changed("pay"));
        assert_eq!(
            (burst.scope, burst.connection),
            (Some(Scope::Entries), None)
        );
        burst.add(Notice::Lost);
        assert_eq!(burst.connection, Some(Connection::Reconnecting));
        burst.add(Notice::Back);
        assert_eq!(
            (burst.scope, burst.connection),
            (Some(Scope::All), Some(Connection::Live))
        );
        let mut lost = Burst::default();
        lost.add(Notice::Lost);
        assert_eq!(
            (lost.scope, lost.connection),
            (None, Some(Connection::Reconnecting))
        );
    }

    /// The header's first row on the narrowest screen drawn, in `lang`.
    fn header(app: &App) -> String {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 16)).unwrap();
        terminal
            .draw(|frame| super::super::draw(frame, app))
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..buffer.area.width)
            .map(|x| buffer[(x, 0)].symbol())
            .collect()
    }

    #[test]
    fn the_header_says_so_while_reconnecting_in_the_users_language_at_any_width() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = crate::Ledger::create_demo(&dir.path().join("demo.redb"), "t").unwrap();
        let keymap = crate::tui::keymap::Keymap::builtin_default();
        let mut app = App::new(
            ledger,
            crate::i18n::Lang::Zh,
            crate::domain::Unit::Yuan,
            keymap,
        )
        .unwrap();
        assert!(!header(&app).contains("断开"), "{}", header(&app));
        app.connection = Connection::Reconnecting;
        // Wide characters leave their second cell blank in the buffer.
        let shown = header(&app).replace(' ', "");
        assert!(shown.starts_with("与服务器断开，正在重连…"), "{shown}");
        app.render.lang = crate::i18n::Lang::En;
        assert!(
            header(&app).starts_with(" disconnected from the server, reconnecting… "),
            "{}",
            header(&app)
        );
        app.connection = Connection::Live;
        assert!(!header(&app).contains("disconnected"));
    }
}
