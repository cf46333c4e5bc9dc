//! `outlay serve`: owns the ledger file and answers clients on a Unix socket.
//!
//! One thread per connection: a slow or dead client holds only its own
//! thread. redb serialises the writes and lets reads run beside them. Who a
//! client is comes from the kernel (SO_PEERCRED), never from the client.

use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
use nix::unistd::{Uid, User};
use signal_hook::consts::{SIGINT, SIGTERM};

use super::{ClientMessage, PROTOCOL, ServerMessage, WireError, frame};
use crate::error::{Error, Result};
use crate::ledger::LocalLedger;

/// Change notices a subscriber may fall behind by before it is dropped (it
/// reconnects and re-reads): a stuck client never slows the others.
const SUBSCRIBER_BACKLOG: usize = 256;
/// How often the accept loop looks for a shutdown signal.
const POLL: Duration = Duration::from_millis(50);
/// A client that sends half a frame and stops is dropped after this.
const READ_TIMEOUT: Duration = Duration::from_secs(600);

struct Shared {
    ledger: LocalLedger,
    subscribers: Mutex<Vec<SyncSender<ServerMessage>>>,
    seq: AtomicU64,
}

impl Shared {
    /// Tells every subscriber that `call` by `by` changed the ledger.
    fn broadcast(&self, call: &str, by: &str) {
        let seq = self.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let mut subscribers = self.subscribers.lock().unwrap_or_else(|p| p.into_inner());
        subscribers.retain(|s| {
            let notice = ServerMessage::Changed {
                seq,
                call: call.to_string(),
                by: by.to_string(),
            };
            !matches!(
                s.try_send(notice),
                Err(TrySendError::Full(_) | TrySendError::Disconnected(_))
            )
        });
    }
}

/// The default socket: beside the ledger file, `LEDGER.sock`.
pub fn default_socket(db: &Path) -> PathBuf {
    db.with_extension("sock")
}

/// Serves the ledger at `db` on `socket` until SIGTERM or SIGINT.
pub fn serve(db: &Path, socket: &Path, ready: impl FnOnce(&Path)) -> Result<()> {
    let ledger = LocalLedger::open(db, &crate::identity::current_user())?;
    let listener = bind(socket)?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| Error::Server(format!("cannot watch for signals: {e}")))?;
    }
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::Server(format!("socket: {e}")))?;
    let shared = Arc::new(Shared {
        ledger,
        subscribers: Mutex::new(Vec::new()),
        seq: AtomicU64::new(0),
    });
    ready(socket);
    while !stop.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((stream, _)) => {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || {
                    if let Err(e) = connection(&shared, stream) {
                        // One client's trouble ends that client's connection only.
                        eprintln!("outlay serve: a connection ended: {e}");
                    }
                });
            }
            Err(e)
                if e.kind() == io::ErrorKind::WouldBlock
                    || e.kind() == io::ErrorKind::Interrupted =>
            {
                std::thread::sleep(POLL)
            }
            Err(e) => {
                return Err(Error::Server(format!(
                    "accepting on {}: {e}",
                    socket.display()
                )));
            }
        }
    }
    // Every committed write is already durable; in-flight ones finish or roll back with the process.
    let _ = std::fs::remove_file(socket);
    Ok(())
}

/// Binds the socket, replacing a stale one left by a server that died, and
/// lets in only the owner and the server's group.
fn bind(socket: &Path) -> Result<UnixListener> {
    if socket.exists() {
        if UnixStream::connect(socket).is_ok() {
            return Err(Error::Server(format!(
                "another outlay server is already listening on {}",
                socket.display()
            )));
        }
        std::fs::remove_file(socket).map_err(|e| {
            Error::Server(format!(
                "cannot remove the stale socket {}: {e}",
                socket.display()
            ))
        })?;
    }
    let listener = UnixListener::bind(socket)
        .map_err(|e| Error::Server(format!("cannot listen on {}: {e}", socket.display())))?;
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o660)).map_err(|e| {
        Error::Server(format!(
            "cannot set the permissions of {}: {e}",
            socket.display()
        ))
    })?;
    Ok(listener)
}

/// The Unix user at the other end, as the kernel knows them.
fn peer_user(stream: &UnixStream) -> io::Result<String> {
    let credentials = getsockopt(stream, PeerCredentials).map_err(io::Error::from)?;
    let uid = Uid::from_raw(credentials.uid());
    match User::from_uid(uid) {
        Ok(Some(user)) => Ok(user.name),
        _ => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("uid {uid} has no user name"),
        )),
    }
}

fn connection(shared: &Shared, stream: UnixStream) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let user = match peer_user(&stream) {
        Ok(user) => user,
        Err(e) => {
            let message = format!("outlay serve refuses this connection: {e}");
            return frame::write(&stream, &ServerMessage::Refused { message });
        }
    };
    match frame::read::<ClientMessage>(&stream)? {
        Some(ClientMessage::Hello { protocol, .. }) if protocol == PROTOCOL => {}
        Some(ClientMessage::Hello { protocol, client }) => {
            let message = format!(
                "this outlay server speaks protocol {PROTOCOL} (outlay {}); your {client} speaks {protocol}: use the same outlay version as the server",
                env!("CARGO_PKG_VERSION")
            );
            return frame::write(&stream, &ServerMessage::Refused { message });
        }
        _ => return Ok(()),
    }
    let welcome = ServerMessage::Welcome {
        protocol: PROTOCOL,
        server: format!("outlay {}", env!("CARGO_PKG_VERSION")),
        user: user.clone(),
    };
    frame::write(&stream, &welcome)?;
    let ledger = shared.ledger.as_user(&user);
    while let Some(message) = frame::read::<ClientMessage>(&stream)? {
        match message {
            ClientMessage::Call { call } => {
                let name = serde_json::to_value(&call)
                    .ok()
                    .and_then(|v| v.get("call").and_then(|c| c.as_str()).map(String::from))
                    .unwrap_or_default();
                let changes = call.is_change();
                let result = ledger.dispatch(call);
                if changes && result.is_ok() {
                    shared.broadcast(&name, &user);
                }
                let answer = ServerMessage::Answer {
                    result: result.map_err(|e| WireError::from(&e)),
                };
                frame::write(&stream, &answer)?;
            }
            ClientMessage::Subscribe => return subscription(shared, stream),
            ClientMessage::Backup => super::backup::send(&ledger, &stream)?,
            ClientMessage::Hello { .. } => return Ok(()),
        }
    }
    Ok(())
}

/// Forwards change notices to one subscriber until it goes away.
fn subscription(shared: &Shared, stream: UnixStream) -> io::Result<()> {
    let (sender, receiver) = sync_channel(SUBSCRIBER_BACKLOG);
    shared
        .subscribers
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(sender);
    for notice in receiver {
        frame::write(&stream, &notice)?;
    }
    Ok(())
}
