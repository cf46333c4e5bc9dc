//! The client side: a connection to `outlay serve` that carries calls, and
//! a second one that carries change notices for live screens.

use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver};

use serde::de::DeserializeOwned;

use super::{ClientMessage, PROTOCOL, ServerMessage, frame};
use crate::error::{Error, Result};
use crate::ledger::Call;

/// A change another client made: which call, by whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub seq: u64,
    /// The API call's name: `pay`, `update_indicator` …
    pub call: String,
    pub by: String,
}

pub struct Client {
    socket: PathBuf,
    stream: Mutex<UnixStream>,
    /// Who the server says we are.
    user: String,
}

fn lost(socket: &Path, e: std::io::Error) -> Error {
    Error::Server(format!(
        "the connection to the outlay server at {} failed: {e}",
        socket.display()
    ))
}

/// Connects and shakes hands; returns the stream and the user the server sees.
fn handshake(socket: &Path) -> Result<(UnixStream, String)> {
    let stream = UnixStream::connect(socket).map_err(|e| {
        Error::Server(format!("cannot reach an outlay server at {}: {e} (is `outlay serve` running, and are you in its group?)", socket.display()))
    })?;
    let hello = ClientMessage::Hello {
        protocol: PROTOCOL,
        client: format!("outlay {}", env!("CARGO_PKG_VERSION")),
    };
    frame::write(&stream, &hello).map_err(|e| lost(socket, e))?;
    match frame::read::<ServerMessage>(&stream).map_err(|e| lost(socket, e))? {
        Some(ServerMessage::Welcome { user, .. }) => Ok((stream, user)),
        Some(ServerMessage::Refused { message, .. }) => Err(Error::Server(message)),
        other => Err(Error::Server(format!(
            "the server at {} answered the handshake with {other:?}",
            socket.display()
        ))),
    }
}

impl Client {
    pub fn connect(socket: &Path) -> Result<Client> {
        let (stream, user) = handshake(socket)?;
        Ok(Client {
            socket: socket.to_path_buf(),
            stream: Mutex::new(stream),
            user,
        })
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// Sends one call and waits for its answer.
    pub fn call<T: DeserializeOwned>(&self, call: &Call) -> Result<T> {
        let stream = self
            .stream
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        frame::write(
            &*stream,
            &serde_json::json!({ "type": "call", "call": call }),
        )
        .map_err(|e| lost(&self.socket, e))?;
        match frame::read::<ServerMessage>(&*stream).map_err(|e| lost(&self.socket, e))? {
            Some(ServerMessage::Answer { result: Ok(value) }) => serde_json::from_value(value)
                .map_err(|e| Error::Server(format!("the server's answer could not be read: {e}"))),
            Some(ServerMessage::Answer { result: Err(wire) }) => Err(wire.into()),
            Some(other) => Err(Error::Server(format!(
                "unexpected message from the server: {other:?}"
            ))),
            None => Err(Error::Server(format!(
                "the outlay server at {} closed the connection",
                self.socket.display()
            ))),
        }
    }

    /// Opens a second connection that receives change notices; each arrives
    /// on the returned channel, which closes when the server goes away.
    pub fn subscribe(&self) -> Result<Receiver<Change>> {
        let (stream, _) = handshake(&self.socket)?;
        frame::write(&stream, &ClientMessage::Subscribe).map_err(|e| lost(&self.socket, e))?;
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let change = match frame::read::<ServerMessage>(&stream) {
                    Ok(Some(ServerMessage::Changed { seq, call, by })) => Change { seq, call, by },
                    Ok(Some(ServerMessage::Heartbeat)) => continue, // the server checking we are here
                    _ => break,
                };
                if sender.send(change).is_err() {
                    break;
                }
            }
        });
        Ok(receiver)
    }
}
