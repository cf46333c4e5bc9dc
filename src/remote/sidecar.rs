//! The note a server leaves beside the ledger it serves, `FILE.serving`,
//! holding its socket's path: someone who opens the file directly is told
//! which socket to use even when it is not the default one. The note can be
//! trusted because StrictModes leaves the file's directory writable by the
//! server's user only; one left by a killed server is overwritten at the
//! next start, and is only believed while its socket answers.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};

/// `FILE.serving` beside `db`.
pub fn path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".serving");
    PathBuf::from(name)
}

/// The note, removed when the server stops cleanly.
pub struct Note(PathBuf);

impl Note {
    /// Writes `socket`'s path beside `db`, readable by all (it says where
    /// the server is, nothing about the ledger).
    pub fn write(db: &Path, socket: &Path) -> std::io::Result<Note> {
        let note = path(db);
        let socket = fs::canonicalize(socket).unwrap_or_else(|_| socket.to_path_buf());
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o644)
            .open(&note)?;
        file.set_permissions(fs::Permissions::from_mode(0o644))?;
        file.write_all(socket.as_os_str().as_encoded_bytes())?;
        Ok(Note(note))
    }
}

impl Drop for Note {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// The socket a live server of `db` listens on, from its note: only a note
/// owned by the ledger's owner, naming a socket that answers (or that this
/// user may not connect to: it is still the one to name).
pub fn served_socket(db: &Path) -> Option<PathBuf> {
    let note = path(db);
    let owner = fs::metadata(db).ok()?.uid();
    if fs::metadata(&note).ok()?.uid() != owner {
        return None;
    }
    let socket = PathBuf::from(fs::read_to_string(&note).ok()?);
    let live = match UnixStream::connect(&socket) {
        Ok(_) => true,
        Err(e) => e.kind() == std::io::ErrorKind::PermissionDenied,
    };
    live.then_some(socket)
}

#[cfg(test)]
mod tests {
    use std::os::unix::net::UnixListener;

    use super::*;

    #[test]
    fn the_note_names_a_live_socket_and_goes_with_the_server() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ledger.redb");
        fs::write(&db, b"").unwrap();
        let socket = dir.path().join("elsewhere.sock");
        assert_eq!(path(&db), dir.path().join("ledger.redb.serving"));

        let listener = UnixListener::bind(&socket).unwrap();
        let note = Note::write(&db, &socket).unwrap();
        let mode = fs::metadata(path(&db)).unwrap().mode() & 0o777;
        assert_eq!(mode, 0o644);
        assert_eq!(served_socket(&db), Some(fs::canonicalize(&socket).unwrap()));

        // A note whose socket no longer answers (a killed server) is not believed.
        drop(listener);
        assert_eq!(served_socket(&db), None);
        drop(note);
        assert!(!path(&db).exists(), "removed on a clean stop");
    }
}
