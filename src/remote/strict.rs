//! StrictModes for `outlay serve`, as OpenSSH checks a key file: the ledger
//! and the socket are only as safe as the paths that lead to them. Another
//! user who can write the file rewrites roles and the audit log; one who can
//! write its directory replaces or removes it; one who can write the socket's
//! directory puts a fake server in its place. So the server refuses to start
//! until they are its own, and says which command fixes each.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use nix::unistd::{Uid, User};

use super::ServerError;
use crate::error::Result;

/// Group- and other-write bits.
const WRITABLE_BY_OTHERS: u32 = 0o022;
/// Read by the file's group or every local user (in the README's layout the
/// group is the staff, some of whom have no role).
const READABLE_BY_OTHERS: u32 = 0o044;

/// Who owns a path and its permission bits, as the check needs them.
#[derive(Clone, Copy, Debug)]
struct Owned {
    uid: u32,
    mode: u32,
}

/// The user `outlay serve` runs as (its effective uid), by name for messages.
struct ServerUser {
    uid: u32,
    name: String,
}

/// Refuses a ledger file, its directory or the socket's directory that
/// anyone but the server's user could change. A path that does not exist is
/// left to the open or bind that follows, which says so.
pub fn check(db: &Path, socket: &Path) -> Result<()> {
    let uid = nix::unistd::geteuid();
    let server = ServerUser {
        uid: uid.as_raw(),
        name: user_name(uid.as_raw()),
    };
    let problem = (|| {
        if let Some((db, owned)) = stat(db) {
            if let Some(p) = file_problem(&db, owned, &server) {
                return Some(p);
            }
            let dir = db
                .parent()
                .unwrap_or(Path::new(std::path::MAIN_SEPARATOR_STR));
            if let Some(p) = stat(dir).and_then(|(d, o)| dir_problem(&d, o, &server, Holds::Ledger))
            {
                return Some(p);
            }
            if let Some(p) = ancestor_problem(dir, &server, Holds::Ledger) {
                return Some(p);
            }
        }
        let socket_dir = match socket.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        stat(socket_dir)
            .and_then(|(d, o)| dir_problem(&d, o, &server, Holds::Socket))
            .or_else(|| ancestor_problem(socket_dir, &server, Holds::Socket))
    })();
    match problem {
        Some(exposed) => Err(ServerError::Exposed(exposed).into()),
        None => Ok(()),
    }
}

/// Why the server will not serve: who else could change what, and the fix.
/// `Lang::server_error` words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exposed {
    /// The ledger belongs to another user than the server's (or root).
    LedgerOwned {
        file: PathBuf,
        owner: String,
        server: String,
    },
    /// Its group or others may write the ledger.
    LedgerWritable { file: PathBuf },
    /// Its group or others may read the ledger.
    LedgerReadable { file: PathBuf },
    /// The directory holding the ledger or the socket belongs to another user.
    DirectoryOwned {
        dir: PathBuf,
        holds: Holds,
        owner: String,
        server: String,
    },
    /// The directory is shared with every user (sticky, like /tmp).
    DirectoryShared { dir: PathBuf, holds: Holds },
    /// Its group or others may write the directory.
    DirectoryWritable { dir: PathBuf, holds: Holds },
    /// A directory further up can be changed by another user.
    AncestorChangeable {
        above: PathBuf,
        holds: Holds,
        owner: String,
        server: String,
    },
}

/// The path with symlinks resolved (the check is on what is really opened)
/// and its owner and mode; `None` when it does not exist.
fn stat(path: &Path) -> Option<(PathBuf, Owned)> {
    let real = fs::canonicalize(path).ok()?;
    let meta = fs::metadata(&real).ok()?;
    Some((
        real,
        Owned {
            uid: meta.uid(),
            mode: meta.mode(),
        },
    ))
}

fn user_name(uid: u32) -> String {
    match User::from_uid(Uid::from_raw(uid)) {
        Ok(Some(user)) => user.name,
        _ => format!("uid {uid}"),
    }
}

/// Root may own what the server uses (it can write anything anyway); any
/// other owner could change it behind the server's back.
fn foreign_owner(owned: Owned, server: &ServerUser) -> bool {
    owned.uid != server.uid && owned.uid != 0
}

fn file_problem(file: &Path, owned: Owned, server: &ServerUser) -> Option<Exposed> {
    let file = file.to_path_buf();
    if foreign_owner(owned, server) {
        return Some(Exposed::LedgerOwned {
            file,
            owner: user_name(owned.uid),
            server: server.name.clone(),
        });
    }
    if owned.mode & WRITABLE_BY_OTHERS != 0 {
        return Some(Exposed::LedgerWritable { file });
    }
    if owned.mode & READABLE_BY_OTHERS != 0 {
        return Some(Exposed::LedgerReadable { file });
    }
    None
}

/// What a checked directory holds, and what another user who could write it could do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    Ledger,
    Socket,
}

fn dir_problem(dir: &Path, owned: Owned, server: &ServerUser, holds: Holds) -> Option<Exposed> {
    let dir = dir.to_path_buf();
    if foreign_owner(owned, server) {
        return Some(Exposed::DirectoryOwned {
            dir,
            holds,
            owner: user_name(owned.uid),
            server: server.name.clone(),
        });
    }
    if owned.mode & WRITABLE_BY_OTHERS != 0 && owned.mode & 0o1000 != 0 {
        // A shared directory such as /tmp: chmod would break it for everyone.
        return Some(Exposed::DirectoryShared { dir, holds });
    }
    if owned.mode & WRITABLE_BY_OTHERS != 0 {
        return Some(Exposed::DirectoryWritable { dir, holds });
    }
    None
}

/// A directory above the one holding the ledger or the socket that another
/// user could rename, putting a directory of their own in its place.
fn ancestor_problem(dir: &Path, server: &ServerUser, holds: Holds) -> Option<Exposed> {
    let (above, owner) = super::guard::unguarded_ancestor(dir, server.uid)?;
    Some(Exposed::AncestorChangeable {
        above,
        holds,
        owner: user_name(owner),
        server: server.name.clone(),
    })
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    // Paths the pure checks are given by name only: nothing is read there.
    const LEDGER_DIR: &str = "/srv/outlay";
    const LEDGER: &str = "/srv/outlay/ledger.redb";

    const SERVER: u32 = 990;
    const ALICE: u32 = 1001;

    fn server() -> ServerUser {
        ServerUser {
            uid: SERVER,
            name: "outlay".into(),
        }
    }

    fn owned(uid: u32, mode: u32) -> Owned {
        Owned { uid, mode }
    }

    #[test]
    fn a_ledger_only_the_server_can_change_and_others_cannot_read_passes() {
        let file = Path::new(LEDGER);
        for mode in [0o600, 0o400] {
            assert_eq!(file_problem(file, owned(SERVER, mode), &server()), None);
        }
        assert_eq!(file_problem(file, owned(0, 0o600), &server()), None);
    }

    #[test]
    fn a_ledger_others_can_write_or_read_is_refused_with_the_fix() {
        let file = Path::new(LEDGER);
        for mode in [0o660, 0o620, 0o602, 0o666] {
            let p = file_problem(file, owned(SERVER, mode), &server())
                .unwrap()
                .to_string();
            assert!(
                p.contains("writable by its group or others")
                    && p.contains("`chmod 600 /srv/outlay/ledger.redb`"),
                "{mode:o}: {p}"
            );
        }
        for mode in [0o644, 0o640] {
            let p = file_problem(file, owned(SERVER, mode), &server())
                .unwrap()
                .to_string();
            assert!(
                p.contains("readable by its group or others") && p.contains("chmod 600"),
                "{mode:o}: {p}"
            );
        }
        let p = file_problem(file, owned(ALICE, 0o600), &server())
            .unwrap()
            .to_string();
        assert!(
            p.contains("belongs to") && p.contains("`chown outlay "),
            "{p}"
        );
    }

    #[test]
    fn a_directory_others_can_write_or_own_is_refused_with_the_fix() {
        let dir = Path::new(LEDGER_DIR);
        for mode in [0o755, 0o750, 0o700, 0o1755] {
            assert_eq!(
                dir_problem(dir, owned(SERVER, mode), &server(), Holds::Ledger),
                None
            );
        }
        assert_eq!(
            dir_problem(dir, owned(0, 0o755), &server(), Holds::Socket),
            None
        );
        for mode in [0o770, 0o757] {
            let p = dir_problem(dir, owned(SERVER, mode), &server(), Holds::Socket)
                .unwrap()
                .to_string();
            assert!(
                p.contains("holding the socket")
                    && p.contains("a fake server")
                    && p.contains("`chmod go-w /srv/outlay`"),
                "{mode:o}: {p}"
            );
        }
        // A shared sticky directory (/tmp) is not to be chmod-ed: move away from it.
        let p = dir_problem(dir, owned(0, 0o1777), &server(), Holds::Socket)
            .unwrap()
            .to_string();
        assert!(
            p.contains("shared with every user")
                && p.contains("move the socket")
                && !p.contains("chmod"),
            "{p}"
        );
        let p = dir_problem(dir, owned(ALICE, 0o700), &server(), Holds::Ledger)
            .unwrap()
            .to_string();
        assert!(
            p.contains("belongs to") && p.contains("`chown outlay /srv/outlay`"),
            "{p}"
        );
    }

    #[test]
    fn check_reads_the_real_modes_of_the_file_and_both_directories() {
        let dir = tempfile::tempdir().unwrap();
        let chmod = |path: &Path, mode| {
            fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap()
        };
        let db = dir.path().join("ledger.redb");
        fs::write(&db, b"").unwrap();
        let socket = dir.path().join("ledger.sock");
        chmod(dir.path(), 0o750);
        chmod(&db, 0o600);
        check(&db, &socket).unwrap();

        chmod(&db, 0o644);
        let err = check(&db, &socket).unwrap_err().to_string();
        assert!(err.contains("readable by its group or others"), "{err}");
        chmod(&db, 0o600);

        chmod(dir.path(), 0o770);
        let err = check(&db, &socket).unwrap_err().to_string();
        assert!(
            err.contains("holding the ledger") && err.contains("chmod go-w"),
            "{err}"
        );
        chmod(dir.path(), 0o750);

        let sockets = dir.path().join("run");
        fs::create_dir(&sockets).unwrap();
        chmod(&sockets, 0o777);
        let err = check(&db, &sockets.join("s.sock")).unwrap_err().to_string();
        assert!(err.contains("holding the socket"), "{err}");
        // A ledger that does not exist is left to the open, which says so.
        check(&dir.path().join("none.redb"), &socket).unwrap();
    }
}
