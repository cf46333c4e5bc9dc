//! The client side: a connection to `outlay serve` that carries calls, made
//! again when it breaks (a server restart, a dropped connection).
//!
//! Retrying follows one rule: a call is sent again only when it cannot have
//! been carried out. A read may always be asked again; a change is re-sent
//! only when it never reached the server (the connection was found closed
//! before or while writing it). A change whose answer was lost is reported
//! as not saved, and the user saves again: a duplicate would be refused by
//! the ledger, so a change that did commit is never stored twice.

use std::io;
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, TryLockError};
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::connection_error::{Cause, ConnectionError};
use super::peer::Endpoint;
use super::subscription::{self, Notice};
use super::{CallMessage, ClientMessage, PROTOCOL, ServerError, ServerMessage, frame};
use crate::error::{Error, Result};
use crate::ledger::Call;

/// A server that accepts but never finishes the handshake is given up on.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a call's answer is waited for. A server that is stopped or
/// wedged would otherwise hold the TUI frozen with no message and no way
/// out; every call but an import is answered in well under a second (see
/// `cargo bench --bench serve`), so 30 s means the server is not answering.
/// Past it the exchange counts as unanswered and the connection is dropped.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);
/// An import of 100k rows is checked and written in one transaction, which
/// may take minutes on a slow disk: it is waited for much longer.
const IMPORT_ANSWER_TIMEOUT: Duration = Duration::from_secs(10 * 60);

pub struct Client {
    pub(super) link: Arc<Link>,
    /// Who the server says we are.
    user: String,
}

/// The server's address and the connection calls travel on.
pub(super) struct Link {
    pub(super) endpoint: Endpoint,
    /// `None` once found broken, until the next call or the subscription's
    /// watcher connects again.
    calls: Mutex<Option<UnixStream>>,
    waits: Waits,
}

/// How long an answer is waited for ([`ANSWER_TIMEOUT`], shorter in tests).
#[derive(Clone, Copy)]
struct Waits {
    call: Duration,
    import: Duration,
}

impl Waits {
    const DEFAULT: Waits = Waits {
        call: ANSWER_TIMEOUT,
        import: IMPORT_ANSWER_TIMEOUT,
    };

    fn for_call(self, call: &Call) -> Duration {
        if call.is_import() {
            self.import
        } else {
            self.call
        }
    }
}

/// How one exchange of a call and its answer went.
enum Exchange {
    Answered(Result<serde_json::Value>),
    /// The connection broke before the whole call was written: the server
    /// cannot have carried it out.
    NotSent(Cause),
    /// The call was written but no answer came: it may have been carried out.
    Unanswered(Cause),
}

/// Connects, checks who answers, and shakes hands; returns the stream and
/// the user the server sees.
pub(super) fn handshake(endpoint: &Endpoint) -> Result<(UnixStream, String)> {
    let socket = &endpoint.socket;
    let stream = UnixStream::connect(socket).map_err(|e| ConnectionError::Unreachable {
        socket: socket.clone(),
        cause: e.into(),
    })?;
    // Before a single byte goes out: a planted server learns nothing.
    endpoint.check_peer(&stream)?;
    let lost = |e: io::Error| ConnectionError::Lost {
        socket: socket.clone(),
        cause: match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => no_answer(HANDSHAKE_TIMEOUT),
            _ => e.into(),
        },
    };
    stream
        .set_read_timeout(Some(HANDSHAKE_TIMEOUT))
        .map_err(lost)?;
    let hello = ClientMessage::Hello {
        protocol: PROTOCOL,
        client: format!("outlay {}", env!("CARGO_PKG_VERSION")),
    };
    frame::write(&stream, &hello).map_err(lost)?;
    let user = match frame::read::<ServerMessage>(&stream).map_err(lost)? {
        Some(ServerMessage::Welcome { user, .. }) => user,
        Some(ServerMessage::Refused {
            message,
            message_zh,
        }) => {
            // The server's own words (protocol, caps, roles), in both languages.
            let refusal = crate::domain::Refusal::Remote {
                field: "server".into(),
                message,
                zh: message_zh,
            };
            return Err(Error::Refused(refusal));
        }
        Some(other) => {
            return Err(ConnectionError::Unexpected {
                socket: socket.clone(),
                what: format!("{other:?}"),
            }
            .into());
        }
        None => {
            return Err(ConnectionError::Lost {
                socket: socket.clone(),
                cause: Cause::Closed,
            }
            .into());
        }
    };
    stream.set_read_timeout(None).map_err(lost)?;
    Ok((stream, user))
}

/// Whether the server has closed this idle connection (restarted, or it
/// dropped the connection): then it is made again before a call is written.
fn hung_up(stream: &UnixStream) -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    let mut fds = [PollFd::new(stream.as_fd(), PollFlags::empty())];
    poll(&mut fds, PollTimeout::ZERO).is_ok()
        && fds[0].revents().is_some_and(|r| {
            r.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL)
        })
}

/// Writes one call and reads its answer, waiting at most `wait` for the
/// server to take each part of the call and to answer.
fn exchange(stream: &UnixStream, call: &Call, wait: Duration) -> Exchange {
    let timeouts = stream
        .set_write_timeout(Some(wait))
        .and_then(|()| stream.set_read_timeout(Some(wait)));
    if let Err(e) = timeouts {
        return Exchange::NotSent(e.into());
    }
    // Laid out name first, so the server can tell an import by its first bytes.
    if let Err(e) = frame::write(stream, &CallMessage { call }) {
        return match e.kind() {
            // Refused before a byte was written (too large, not encodable).
            io::ErrorKind::InvalidInput | io::ErrorKind::Other => {
                Exchange::Answered(Err(not_sendable(&e).into()))
            }
            _ => Exchange::NotSent(e.into()),
        };
    }
    // A heartbeat (sent to idle connections) is not the answer: read on.
    let mut answer = frame::read::<ServerMessage>(stream);
    while let Ok(Some(ServerMessage::Heartbeat)) = answer {
        answer = frame::read::<ServerMessage>(stream);
    }
    match answer {
        Ok(Some(ServerMessage::Answer { result })) => {
            Exchange::Answered(result.map_err(Error::from))
        }
        Ok(Some(other)) => Exchange::Unanswered(Cause::Io {
            kind: io::ErrorKind::InvalidData,
            text: format!("{other:?}"),
        }),
        Ok(None) => Exchange::Unanswered(Cause::Closed),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            Exchange::Unanswered(no_answer(wait))
        }
        Err(e) => Exchange::Unanswered(e.into()),
    }
}

/// Why a call was refused before a byte of it was written.
fn not_sendable(e: &io::Error) -> ServerError {
    match frame::TooLarge::of(e) {
        Some(too_large) => ServerError::CallTooLarge {
            bytes: too_large.len,
            limit: too_large.limit,
        },
        None => ServerError::CallNotEncoded {
            cause: e.to_string(),
        },
    }
}

/// The server took longer than `wait` to answer.
fn no_answer(wait: Duration) -> Cause {
    Cause::Io {
        kind: io::ErrorKind::TimedOut,
        text: format!("the server did not answer within {} s", wait.as_secs_f32()),
    }
}

impl Link {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<UnixStream>> {
        self.calls
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sends one call, connecting again first when the connection is gone,
    /// and asks again only when that cannot repeat a change.
    fn call(&self, call: &Call) -> Result<serde_json::Value> {
        let change = call.is_change();
        let for_change = |e: Error| match e {
            Error::Connection(c) if change => Error::Connection(c.for_change()),
            other => other,
        };
        let mut held = self.lock();
        let mut asked_again = false;
        loop {
            if held.as_ref().is_some_and(hung_up) {
                *held = None;
            }
            let stream = match held.take() {
                Some(stream) => stream,
                None => handshake(&self.endpoint).map_err(for_change)?.0,
            };
            let cause = match exchange(&stream, call, self.waits.for_call(call)) {
                Exchange::Answered(answer) => {
                    *held = Some(stream);
                    return answer;
                }
                Exchange::NotSent(cause) => cause,
                Exchange::Unanswered(cause) if change => {
                    return Err(ConnectionError::NotSaved {
                        socket: self.endpoint.socket.clone(),
                        cause,
                    }
                    .into());
                }
                Exchange::Unanswered(cause) => cause,
            };
            if asked_again {
                let socket = self.endpoint.socket.clone();
                return Err(for_change(ConnectionError::Lost { socket, cause }.into()));
            }
            asked_again = true;
        }
    }

    /// Opens a connection that carries change notices.
    pub(super) fn subscription(&self) -> Result<UnixStream> {
        let (stream, _) = handshake(&self.endpoint)?;
        frame::write(&stream, &ClientMessage::Subscribe).map_err(|e| ConnectionError::Lost {
            socket: self.endpoint.socket.clone(),
            cause: e.into(),
        })?;
        Ok(stream)
    }

    /// Makes the call connection again if it is gone, so the next call need
    /// not wait for it. A call in progress is left to do it itself.
    pub(super) fn reconnect_calls(&self) {
        let mut held = match self.calls.try_lock() {
            Ok(held) => held,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => return,
        };
        if held.as_ref().is_none_or(hung_up)
            && let Ok((stream, _)) = handshake(&self.endpoint)
        {
            *held = Some(stream);
        }
    }
}

impl Client {
    pub fn connect(endpoint: &Endpoint) -> Result<Client> {
        let (stream, user) = handshake(endpoint)?;
        Ok(Client {
            link: Arc::new(Link {
                endpoint: endpoint.clone(),
                calls: Mutex::new(Some(stream)),
                waits: Waits::DEFAULT,
            }),
            user,
        })
    }

    /// This client, waiting `wait` for every answer instead of [`ANSWER_TIMEOUT`].
    #[cfg(test)]
    fn waiting(mut self, wait: Duration) -> Client {
        Arc::get_mut(&mut self.link).expect("not yet shared").waits = Waits {
            call: wait,
            import: wait,
        };
        self
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// Sends one call and waits for its answer.
    pub fn call<T: DeserializeOwned>(&self, call: &Call) -> Result<T> {
        let value = self.link.call(call)?;
        serde_json::from_value(value).map_err(|e| {
            ConnectionError::Unexpected {
                socket: self.link.endpoint.socket.clone(),
                what: format!("an answer that does not read: {e}"),
            }
            .into()
        })
    }

    /// Opens a second connection that receives change notices, and keeps it
    /// open: when the server goes away the receiver gets [`Notice::Lost`],
    /// and [`Notice::Back`] once it is subscribed again (re-read everything
    /// then: notices sent meanwhile were missed).
    pub fn subscribe(&self) -> Result<Receiver<Notice>> {
        subscription::start(&self.link)
    }
}

#[cfg(test)]
mod tests;
