//! Sharing one ledger file between several users: `outlay serve` owns the
//! file and answers the ledger API over a Unix socket; every front end can
//! talk to it instead of opening the file (redb lets one process open it).
//!
//! The wire: length-prefixed JSON frames (4 bytes big-endian, then JSON).
//! A connection opens with a handshake naming the protocol version; then
//! the client sends calls and reads one answer per call, or subscribes and
//! reads change notices as they happen.

mod backoff;
mod backup;
mod client;
mod connection_error;
mod connections;
mod frame;
mod guard;
mod large_frame;
mod peer;
pub mod server;
mod server_error;
pub mod sidecar;
mod strict;
mod subscription;

use serde::{Deserialize, Serialize};

use crate::domain::Refusal;
use crate::error::Error;
use crate::i18n::Lang;
use crate::ledger::Call;

pub use client::Client;
pub use connection_error::{Cause, ConnectionError, Expected};
pub use peer::Endpoint;
pub use server::{Limits, serve};
pub use server_error::{Damage, Exposed, Holds, ServeLog, ServerError};
pub use subscription::{Change, Notice};

/// Bump when a message changes shape; a client of another version is told so.
/// 2: the month-end review's `expected` may be null (a line not paced).
/// 3: `backup`, answered by a stream of the copy's bytes; subscriptions
///    receive heartbeats; a refusal carries its Chinese.
/// 4: a call is sent as [`CallMessage`] lays it out, its name first: a
///    frame over 64 KiB is read only when it begins as an import's does.
pub const PROTOCOL: u32 = 4;

/// A call as the client writes it: `{"type":"call","call":{"call":NAME,"args":…}}`,
/// in that order, so the server can tell an import from its first bytes
/// (see `large_frame`). Read back as [`ClientMessage::Call`].
#[derive(Serialize)]
#[serde(tag = "type", rename = "call")]
pub(crate) struct CallMessage<'a> {
    pub call: &'a Call,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(clippy::large_enum_variant)] // read once per frame, never stored
pub enum ClientMessage {
    Hello {
        protocol: u32,
        client: String,
    },
    Call {
        call: Call,
    },
    /// Turns this connection into a stream of [`ServerMessage::Changed`].
    Subscribe,
    /// Asks for a copy of the ledger: [`ServerMessage::BackupStart`], the
    /// copy's bytes in chunks, then [`ServerMessage::BackupEnd`] (see `backup`).
    Backup,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// The handshake succeeded; `user` is who the kernel says the client is.
    Welcome {
        protocol: u32,
        server: String,
        user: String,
    },
    /// The connection is refused (another protocol, an unknown user, too
    /// many connections, no role to subscribe), in English and Chinese.
    Refused {
        message: String,
        #[serde(default)]
        message_zh: Option<String>,
    },
    Answer {
        result: Result<serde_json::Value, WireError>,
    },
    /// Someone changed the ledger: re-read what is shown.
    Changed { seq: u64, call: String, by: String },
    /// A backup's copy follows: `bytes` long, made from a snapshot whose
    /// tables held these rows.
    BackupStart {
        bytes: u64,
        tables: std::collections::BTreeMap<String, u64>,
    },
    /// The backup's bytes are all sent: how many, and their FNV-1a hash.
    BackupEnd { bytes: u64, fnv1a: u64 },
    /// Sent to a quiet subscriber now and then: a dead one is found by the
    /// write failing, a live one is never timed out.
    Heartbeat,
}

/// An error as it crosses the wire: a refusal keeps its field (forms put the
/// message beside it) and, in an import, its row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireError {
    pub refused: bool,
    pub field: Option<String>,
    pub row: Option<usize>,
    pub message: String,
    /// The message in Chinese, so a client in zh shows it in zh (absent
    /// from servers before 0.1 sent it for failures as well as refusals).
    #[serde(default)]
    pub message_zh: Option<String>,
}

impl From<&Error> for WireError {
    fn from(e: &Error) -> WireError {
        match e {
            Error::Refused(r) => WireError {
                refused: true,
                field: Some(r.field_name().into()),
                row: None,
                message: r.to_string(),
                message_zh: Some(Lang::Zh.refusal(r)),
            },
            Error::ImportRow { row, refusal } => WireError {
                refused: true,
                field: Some(refusal.field_name().into()),
                row: Some(*row),
                message: refusal.to_string(),
                message_zh: Some(Lang::Zh.refusal(refusal)),
            },
            other => WireError {
                refused: false,
                field: None,
                row: None,
                message: Lang::En.error(other),
                message_zh: Some(Lang::Zh.error(other)),
            },
        }
    }
}

impl From<WireError> for Error {
    fn from(w: WireError) -> Error {
        match (w.refused, w.row) {
            (true, row) => {
                let refusal = Refusal::Remote {
                    field: w.field.unwrap_or_default(),
                    message: w.message,
                    zh: w.message_zh,
                };
                match row {
                    Some(row) => Error::ImportRow { row, refusal },
                    None => Error::Refused(refusal),
                }
            }
            (false, _) => Error::Server(ServerError::Remote {
                message: w.message,
                zh: w.message_zh,
            }),
        }
    }
}
