//! Who answers on the socket. Whoever can write the socket's directory can
//! put a process of their own in the server's place, so before sending
//! anything (not even the hello) the client asks the kernel who is at the
//! other end (SO_PEERCRED) and talks only to the user the server must run
//! as: the owner of the socket's directory, or the `server_user` setting.

use std::os::unix::fs::MetadataExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};

use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
use nix::unistd::{Uid, User};

use super::connection_error::{ConnectionError, Expected};

/// The server's socket and whom it must belong to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub socket: PathBuf,
    /// The Unix user the server must run as; `None`: the owner of the socket's directory.
    pub server_user: Option<String>,
}

impl Endpoint {
    pub fn new(socket: &Path, server_user: Option<&str>) -> Endpoint {
        Endpoint {
            socket: socket.to_path_buf(),
            server_user: server_user.map(String::from),
        }
    }

    /// The directory the socket is in, as written (a symlinked socket is
    /// judged by where it was put, not by where it points).
    fn directory(&self) -> &Path {
        match self.socket.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        }
    }

    /// The uid the server must run as, and why.
    fn expected(&self) -> Result<(Uid, Expected), ConnectionError> {
        if let Some(name) = &self.server_user {
            return match User::from_name(name) {
                Ok(Some(user)) => Ok((user.uid, Expected::Configured)),
                _ => Err(ConnectionError::UnknownServerUser { name: name.clone() }),
            };
        }
        let dir = self.directory();
        let owner = std::fs::metadata(dir)
            .map_err(|e| ConnectionError::Unreachable {
                socket: self.socket.clone(),
                cause: e.into(),
            })?
            .uid();
        // The owner vouches for the server only if nobody else can swap the directory.
        if let Some((directory, changer)) = super::guard::unguarded_ancestor(dir, owner) {
            return Err(ConnectionError::UnsafePath {
                socket: self.socket.clone(),
                directory,
                owner: user_name(Uid::from_raw(changer)),
            });
        }
        Ok((Uid::from_raw(owner), Expected::DirectoryOwner(dir.into())))
    }

    /// Refuses a stream whose other end is not the server's user.
    pub fn check_peer(&self, stream: &UnixStream) -> Result<(), ConnectionError> {
        let (expected, why) = self.expected()?;
        let answered = getsockopt(stream, PeerCredentials)
            .map(|c| Uid::from_raw(c.uid()))
            .map_err(|e| ConnectionError::Unreachable {
                socket: self.socket.clone(),
                cause: std::io::Error::from(e).into(),
            })?;
        if answered == expected {
            return Ok(());
        }
        Err(ConnectionError::WrongServer {
            socket: self.socket.clone(),
            answered: user_name(answered),
            expected: user_name(expected),
            why,
        })
    }
}

/// A uid's user name, or the number when it has none.
fn user_name(uid: Uid) -> String {
    match User::from_uid(uid) {
        Ok(Some(user)) => user.name,
        _ => format!("uid {uid}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expected_user_owns_the_directory_unless_configured() {
        let dir = tempfile::tempdir().unwrap();
        let me = nix::unistd::getuid();
        let socket = dir.path().join("s.sock");
        let endpoint = Endpoint::new(&socket, None);
        assert_eq!(
            endpoint.expected().unwrap(),
            (me, Expected::DirectoryOwner(dir.path().into()))
        );
        let relative = Endpoint::new(Path::new("s.sock"), None);
        assert_eq!(relative.directory(), Path::new("."));
        let unknown = Endpoint::new(&socket, Some("no-such-user-ocl"));
        assert_eq!(
            unknown.expected().unwrap_err(),
            ConnectionError::UnknownServerUser {
                name: "no-such-user-ocl".into()
            }
        );
        let root = Endpoint::new(&socket, Some("root"));
        assert_eq!(
            root.expected().unwrap(),
            (Uid::from_raw(0), Expected::Configured)
        );
    }

    #[test]
    fn a_directory_owner_proves_nothing_when_the_path_above_can_be_swapped() {
        use std::os::unix::fs::PermissionsExt;
        let above = tempfile::tempdir().unwrap();
        let run = above.path().join("run");
        std::fs::create_dir(&run).unwrap();
        std::fs::set_permissions(above.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let endpoint = Endpoint::new(&run.join("s.sock"), None);
        let refused = endpoint.expected().unwrap_err();
        assert!(
            matches!(&refused, ConnectionError::UnsafePath { directory, .. }
                if *directory == std::fs::canonicalize(above.path()).unwrap()),
            "{refused:?}"
        );
        // Naming the server's user does not lean on the directory's owner.
        let named = Endpoint::new(&run.join("s.sock"), Some("root"));
        assert!(named.expected().is_ok());
        std::fs::set_permissions(above.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}
