//! What can go wrong in `outlay serve`, or in a call it could not answer, as
//! typed values: the edge words them in the user's language
//! (`Lang::server_error`); Display is the English.

use std::path::PathBuf;

pub use super::strict::{Exposed, Holds};
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerError {
    /// StrictModes: another user could change what would be served.
    Exposed(Exposed),
    /// A live server already answers on the socket.
    AlreadyListening { socket: PathBuf },
    /// A dead server's socket is in the way and cannot be removed.
    StaleSocket { socket: PathBuf, cause: String },
    /// The socket cannot be bound.
    Listen { socket: PathBuf, cause: String },
    /// The socket's mode cannot be set.
    Permissions { socket: PathBuf, cause: String },
    /// The bound socket cannot be set up (made non-blocking).
    Socket { cause: String },
    /// SIGTERM and SIGINT cannot be watched.
    Signals { cause: String },
    /// The server has no scratch file to copy a backup into.
    Scratch { cause: String },
    /// A backup's bytes did not arrive as the server sent them.
    BackupDamaged {
        received: u64,
        announced: u64,
        why: Damage,
    },
    /// The ledger file is held by a running server: use its socket.
    Served { db: PathBuf, socket: PathBuf },
    /// A call too large for any frame is not sent.
    CallTooLarge { bytes: u64, limit: u32 },
    /// A call that cannot be encoded is not sent.
    CallNotEncoded { cause: String },
    /// The server's sentence for a failure on its side, in both languages
    /// when it sent both (an older server sends English only).
    Remote { message: String, zh: Option<String> },
}

/// How a backup arrived damaged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Damage {
    /// More bytes came than the server announced.
    TooLong,
    /// Its length or hash differs from what the server announced.
    Differs,
    /// The stream ended before the server's end of it.
    EndMissing,
}

/// What a running server writes to its log (stderr): trouble it serves
/// through, for the administrator in the language `outlay serve` runs in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServeLog {
    /// The socket keeps the server's group, so the directory's group (the
    /// staff) cannot connect.
    GroupNotTaken {
        socket: PathBuf,
        dir: PathBuf,
        had: String,
        wanted: String,
        server: String,
        cause: String,
    },
    /// The group of the socket or its directory cannot be read.
    GroupUnreadable {
        path: PathBuf,
        cause: String,
    },
    /// The note naming the socket beside the ledger cannot be written.
    NoteNotWritten {
        path: PathBuf,
        cause: String,
    },
    FileLimit {
        soft: u64,
        hard: u64,
        cause: String,
    },
    PollFailed {
        cause: String,
    },
    AcceptFailed {
        cause: String,
    },
    SetupFailed {
        cause: String,
    },
    /// One client's connection broke; the others go on.
    ConnectionEnded {
        user: String,
        cause: String,
    },
    NoThread {
        cause: String,
    },
}

impl ServeLog {
    /// Writes the line to stderr, in `lang`.
    pub fn write(&self, lang: Lang) {
        eprintln!("outlay serve: {}", lang.serve_log(self));
    }
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.server_error(self))
    }
}

impl std::error::Error for ServerError {}

impl std::fmt::Display for Exposed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.exposure(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::remote::WireError;

    #[test]
    fn a_failure_on_the_server_reaches_a_chinese_client_in_chinese() {
        let failed = Error::from(ServerError::Scratch {
            cause: "No space left on device".into(),
        });
        let wire: WireError =
            serde_json::from_str(&serde_json::to_string(&WireError::from(&failed)).unwrap())
                .unwrap();
        let back = Error::from(wire);
        assert_eq!(
            Lang::Zh.error(&back),
            "服务器无法创建临时文件：No space left on device"
        );
        assert_eq!(Lang::En.error(&back), failed.to_string());
    }

    #[test]
    fn an_older_server_s_english_only_failure_is_shown_as_sent() {
        // as servers sent failures before message_zh was filled for them
        let old = r#"{"refused":false,"field":null,"row":null,"message":"disk full"}"#;
        let back = Error::from(serde_json::from_str::<WireError>(old).unwrap());
        assert_eq!(Lang::Zh.error(&back), "disk full");
        assert_eq!(Lang::En.error(&back), "disk full");
    }
}
