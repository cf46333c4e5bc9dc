//! What can go wrong between a client and `outlay serve`, as typed values:
//! the edge words them in the user's language (`Lang::connection_error`).

use std::io;
use std::path::PathBuf;

use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectionError {
    /// Nothing answers on the socket, or the user may not connect to it.
    Unreachable { socket: PathBuf, cause: Cause },
    /// The process on the socket runs as another user than the server must:
    /// it was sent nothing.
    WrongServer {
        socket: PathBuf,
        /// The Unix user the kernel says the answering process runs as.
        answered: String,
        expected: String,
        why: Expected,
    },
    /// A directory above the socket's can be changed by another user, who
    /// could swap the socket's directory for one of their own: its owner
    /// proves nothing, so nothing was sent.
    UnsafePath {
        socket: PathBuf,
        directory: PathBuf,
        owner: String,
    },
    /// `server_user` names no Unix user.
    UnknownServerUser { name: String },
    /// A read broke and could not be made again.
    Lost { socket: PathBuf, cause: Cause },
    /// A change that did not reach the server, or whose answer never came
    /// back: it is not re-sent behind the user's back (a saved entry sent
    /// again is refused as a duplicate, never stored twice).
    NotSaved { socket: PathBuf, cause: Cause },
    /// The server answered out of turn.
    Unexpected { socket: PathBuf, what: String },
}

/// Why the server must run as the user expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// It owns the socket's directory.
    DirectoryOwner(PathBuf),
    /// The `server_user` setting says so.
    Configured,
}

/// Why a connection failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The server closed the connection.
    Closed,
    Io {
        kind: io::ErrorKind,
        text: String,
    },
}

impl From<io::Error> for Cause {
    fn from(e: io::Error) -> Cause {
        match e.kind() {
            io::ErrorKind::UnexpectedEof => Cause::Closed,
            kind => Cause::Io {
                kind,
                text: e.to_string(),
            },
        }
    }
}

impl ConnectionError {
    /// The same trouble for a change: it was not saved.
    pub(super) fn for_change(self) -> ConnectionError {
        match self {
            ConnectionError::Unreachable { socket, cause }
            | ConnectionError::Lost { socket, cause } => {
                ConnectionError::NotSaved { socket, cause }
            }
            other => other,
        }
    }
}

impl std::fmt::Display for ConnectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.connection_error(self))
    }
}

impl std::error::Error for ConnectionError {}
