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
}
