//! Change notices for live screens, on a connection of their own that is
//! kept: when the server goes away the watcher says so, subscribes again
//! with backoff, makes the call connection again, and says it is back.

use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, SendError, Sender};
use std::sync::{Arc, Weak};
use std::time::Instant;

use super::ServerMessage;
use super::backoff::{self, Backoff};
use super::client::Link;
use super::frame;
use crate::error::Result;

/// A change another client made: which call, by whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub seq: u64,
    /// The API call's name: `pay`, `update_indicator` …
    pub call: String,
    pub by: String,
}

/// What a live screen hears from the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Changed(Change),
    /// The server went away: what is shown may be stale until [`Notice::Back`].
    Lost,
    /// Subscribed again: notices sent meanwhile were missed, so re-read everything.
    Back,
}

pub(super) fn start(link: &Arc<Link>) -> Result<Receiver<Notice>> {
    let stream = link.subscription()?;
    let (notices, receiver) = mpsc::channel();
    let link = Arc::downgrade(link);
    std::thread::spawn(move || watch(&link, stream, &notices));
    Ok(receiver)
}

/// Runs until nobody listens or the client is gone.
fn watch(link: &Weak<Link>, mut stream: UnixStream, notices: &Sender<Notice>) {
    let mut backoff = Backoff::default();
    loop {
        let began = Instant::now();
        if forward(&stream, notices, &mut backoff).is_err() {
            return;
        }
        // A subscription that held a while was a good one: retry quickly.
        if began.elapsed() >= backoff::LONGEST {
            backoff.reset();
        }
        if notices.send(Notice::Lost).is_err() {
            return;
        }
        stream = loop {
            std::thread::sleep(backoff.next_delay());
            let Some(link) = link.upgrade() else { return };
            if let Ok(stream) = link.subscription() {
                link.reconnect_calls();
                break stream;
            }
        };
        if notices.send(Notice::Back).is_err() {
            return;
        }
    }
}

/// Passes notices on until the stream ends (closed, broken, or anything
/// out of turn, such as a refusal); `Err` once nobody listens.
fn forward(
    stream: &UnixStream,
    notices: &Sender<Notice>,
    backoff: &mut Backoff,
) -> Result<(), SendError<Notice>> {
    loop {
        match frame::read::<ServerMessage>(stream) {
            Ok(Some(ServerMessage::Changed { seq, call, by })) => {
                backoff.reset();
                notices.send(Notice::Changed(Change { seq, call, by }))?;
            }
            Ok(Some(ServerMessage::Heartbeat)) => backoff.reset(),
            _ => return Ok(()),
        }
    }
}
