//! The one error type front ends see; its Display is the sentence shown to the user.

mod output;

pub use output::{Encoded, OutputError};

use crate::domain::Refusal;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input breaks a rule; nothing was stored.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// A row of an imported file breaks a rule; nothing of the file was stored.
    #[error("row {row}: {refusal}")]
    ImportRow { row: usize, refusal: Refusal },
    /// An imported file cannot be read or a row of it is refused; nothing of
    /// the file was stored.
    #[error("{file}: {error}")]
    Import {
        file: String,
        error: Box<crate::import::ImportError>,
    },
    /// The file, the database or the disk failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The outlay server failed or refused the connection.
    #[error(transparent)]
    Server(#[from] crate::remote::ServerError),
    /// The connection to the outlay server could not be made or broke.
    #[error(transparent)]
    Connection(#[from] crate::remote::ConnectionError),
    /// The user's settings file is wrong.
    #[error(transparent)]
    Settings(#[from] crate::config::ConfigError),
    /// A file the user named cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// A file the user named cannot be written.
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    /// Writing a report or export failed (a closed pipe, a full disk).
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl Error {
    /// Whether the user can fix this by changing the input (exit code 1 either
    /// way, but forms keep the user's text only for these).
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            Error::Refused(_) | Error::ImportRow { .. } | Error::Import { .. }
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
