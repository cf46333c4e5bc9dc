//! `outlay serve`: owns the ledger file and answers clients on a Unix socket.
//!
//! One thread per connection: a slow or dead client holds only its own
//! thread. redb serialises the writes and lets reads run beside them. Who a
//! client is comes from the kernel (SO_PEERCRED), never from the client.
//!
//! Every limit is here by name: frame sizes before and after the handshake,
//! connections in total and per user (in [`Limits`]), the time a handshake
//! and a begun frame may take. An idle connection is never timed out: a
//! TUI stays open all day, and a dead subscriber is found by its heartbeat
//! failing.

use std::io;
use std::os::fd::AsFd;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
use nix::unistd::{Uid, User};
use signal_hook::consts::{SIGINT, SIGTERM};

use super::connections::{Caps, Registry, Slot};
use super::frame::{self, Deadline, TooLarge};
use super::large_frame::{LargeFrames, Permit, Refusal};
use super::{ClientMessage, PROTOCOL, ServerMessage, WireError, sidecar, strict};
use crate::domain::role::Role;
use crate::error::{Error, Result};
use crate::ledger::{Call, LocalLedger};

/// Change notices a subscriber may fall behind by before it is dropped (it
/// reconnects and re-reads): a stuck client never slows the others.
const SUBSCRIBER_BACKLOG: usize = 256;
/// The largest frame before the handshake: a hello is a few dozen bytes.
pub const HANDSHAKE_FRAME: u32 = 4 * 1024;
/// The largest frame of any call but an import, whoever sends it: every
/// field of a call is bounded far below this. Only an import (`import_*`),
/// from a user who may write, may be up to [`frame::MAX_FRAME`].
pub const CALL_FRAME: u32 = 64 * 1024;
/// Frames over [`CALL_FRAME`] one user may have being read and answered
/// at once: one clerk's 32 connections cannot hold 32 × 256 MiB.
const LARGE_FRAMES_PER_USER: usize = 2;
/// Over-cap connections being told so at once; beyond, they are closed unanswered.
const REFUSING_AT_ONCE: usize = 64;
/// The pause after accept() fails (out of file descriptors …), so a
/// persistent failure neither spins nor ends the server.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// What the server allows each connection.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Connections from all users together.
    pub max_connections: usize,
    /// Connections from one Unix user.
    pub max_per_user: usize,
    /// From connecting to a complete hello.
    pub handshake: Duration,
    /// From a frame's first byte to its last; the wait for a first byte is unbounded.
    pub frame: Duration,
    /// How often a quiet subscriber is sent a heartbeat.
    pub heartbeat: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 256,
            max_per_user: 32,
            handshake: Duration::from_secs(5),
            frame: Duration::from_secs(30),
            heartbeat: Duration::from_secs(25),
        }
    }
}

struct Shared {
    ledger: LocalLedger,
    limits: Limits,
    registry: Arc<Registry>,
    subscribers: Mutex<Vec<SyncSender<ServerMessage>>>,
    seq: AtomicU64,
    /// Connections being refused right now (see [`REFUSING_AT_ONCE`]).
    refusing: AtomicUsize,
    large_frames: LargeFrames,
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

    /// After roles changed: ends every connection of a user left without a
    /// role, subscriptions included (they saw who did what).
    fn disconnect_users_without_a_role(&self) {
        for user in self.registry.users() {
            let without = matches!(
                self.ledger.as_user(&user).require(Role::Viewer),
                Err(Error::Refused(crate::domain::Refusal::NoRole { .. }))
            );
            if without {
                self.registry.disconnect(&user);
            }
        }
    }
}

/// The default socket: beside the ledger file, `LEDGER.sock`.
pub fn default_socket(db: &Path) -> PathBuf {
    db.with_extension("sock")
}

/// Serves the ledger at `db` on `socket` until SIGTERM or SIGINT.
pub fn serve(db: &Path, socket: &Path, limits: Limits, ready: impl FnOnce(&Path)) -> Result<()> {
    strict::check(db, socket)?;
    raise_open_file_limit();
    let ledger = LocalLedger::open(db, &crate::identity::current_user())?;
    let stop = stop_signals()?;
    let listener = bind(socket)?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::Server(format!("socket: {e}")))?;
    // Only a help to direct openers: without it they are told the default socket.
    let note = sidecar::Note::write(db, socket)
        .map_err(|e| {
            eprintln!(
                "outlay serve: cannot write {} (serving all the same): {e}",
                sidecar::path(db).display()
            )
        })
        .ok();
    let shared = Arc::new(Shared {
        ledger,
        limits,
        registry: Registry::new(Caps {
            total: limits.max_connections,
            per_user: limits.max_per_user,
        }),
        subscribers: Mutex::new(Vec::new()),
        seq: AtomicU64::new(0),
        refusing: AtomicUsize::new(0),
        large_frames: LargeFrames::new(LARGE_FRAMES_PER_USER),
    });
    ready(socket);
    accept_until_stopped(&shared, &listener, &stop);
    // Every committed write is already durable; in-flight ones finish or roll back with the process.
    drop(note);
    let _ = std::fs::remove_file(socket);
    Ok(())
}

/// A stream that becomes readable when SIGTERM or SIGINT arrives, so the
/// accept loop can block in poll() instead of waking up to look.
fn stop_signals() -> Result<UnixStream> {
    let watch = |e: io::Error| Error::Server(format!("cannot watch for signals: {e}"));
    let (read, write) = UnixStream::pair().map_err(watch)?;
    signal_hook::low_level::pipe::register(SIGTERM, write.try_clone().map_err(watch)?)
        .map_err(watch)?;
    signal_hook::low_level::pipe::register(SIGINT, write).map_err(watch)?;
    Ok(read)
}

/// Many idle clients need many descriptors; the hard limit is ours to take.
fn raise_open_file_limit() {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    if let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE)
        && soft < hard
        && let Err(e) = setrlimit(Resource::RLIMIT_NOFILE, hard, hard)
    {
        eprintln!("outlay serve: cannot raise the open-file limit from {soft} to {hard}: {e}");
    }
}

/// Accepts connections until a stop signal; an accept that fails is logged
/// and, after a pause, retried: it never ends the server.
fn accept_until_stopped(shared: &Arc<Shared>, listener: &UnixListener, stop: &UnixStream) {
    loop {
        let mut fds = [
            PollFd::new(listener.as_fd(), PollFlags::POLLIN),
            PollFd::new(stop.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(e) => {
                eprintln!("outlay serve: waiting for connections failed: {e}");
                std::thread::sleep(ACCEPT_BACKOFF);
                continue;
            }
        }
        if fds[1].any().unwrap_or(false) {
            return;
        }
        match listener.accept() {
            Ok((stream, _)) => admit(shared, stream),
            Err(e)
                if e.kind() == io::ErrorKind::WouldBlock
                    || e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                eprintln!("outlay serve: accepting a connection failed (the server goes on): {e}");
                std::thread::sleep(ACCEPT_BACKOFF);
            }
        }
    }
}

/// Gives an accepted connection its thread, or, when its user or the server
/// is at its cap or the kernel names no user, a short one that says so.
fn admit(shared: &Arc<Shared>, stream: UnixStream) {
    let admitted = match placed(shared, &stream) {
        Ok(admitted) => admitted,
        Err(e) => {
            eprintln!("outlay serve: a new connection could not be set up: {e}");
            return;
        }
    };
    let shared = Arc::clone(shared);
    let spawned = match admitted {
        Ok((user, slot)) => std::thread::Builder::new().spawn(move || {
            if let Err(e) = connection(&shared, &stream, &user) {
                // One client's trouble ends that client's connection only.
                eprintln!("outlay serve: a connection of {user} ended: {e}");
            }
            drop(slot);
        }),
        Err(refusal) => {
            let Some(place) = Refusing::take(&shared) else {
                return;
            };
            std::thread::Builder::new().spawn(move || {
                refuse(&place.0, &stream, &refusal);
            })
        }
    };
    if let Err(e) = spawned {
        eprintln!("outlay serve: no thread for a new connection (it is closed): {e}");
    }
}

/// The connection's user and its place in the registry, or the refusal to send.
fn placed(
    shared: &Shared,
    stream: &UnixStream,
) -> io::Result<std::result::Result<(String, Slot), ServerMessage>> {
    stream.set_nonblocking(false)?;
    let user = match peer_user(stream)? {
        Ok(user) => user,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let handle = stream.try_clone()?;
    Ok(match shared.registry.admit(&user, handle) {
        Ok(slot) => Ok((user, slot)),
        Err(full) => Err(refused(full.message(), full.message_zh())),
    })
}

/// One of the [`REFUSING_AT_ONCE`] places for a connection being refused;
/// given back when dropped, whether or not its thread ever ran.
struct Refusing(Arc<Shared>);

impl Refusing {
    fn take(shared: &Arc<Shared>) -> Option<Refusing> {
        let taken = shared.refusing.fetch_add(1, Ordering::SeqCst);
        let place = Refusing(Arc::clone(shared));
        (taken < REFUSING_AT_ONCE).then_some(place)
    }
}

impl Drop for Refusing {
    fn drop(&mut self) {
        self.0.refusing.fetch_sub(1, Ordering::SeqCst);
    }
}

fn refused(message: String, zh: String) -> ServerMessage {
    ServerMessage::Refused {
        message,
        message_zh: Some(zh),
    }
}

/// Reads the client's hello (so it is there to read the answer) and refuses it.
fn refuse(shared: &Shared, stream: &UnixStream, refusal: &ServerMessage) {
    let deadline = Instant::now() + shared.limits.handshake;
    if let Ok(Some(first)) = frame::first_byte(stream, Some(deadline)) {
        let _ = frame::read_rest::<ClientMessage>(
            first,
            Deadline { stream, deadline },
            HANDSHAKE_FRAME,
        );
    }
    let _ = stream.set_write_timeout(Some(shared.limits.handshake));
    let _ = frame::write(stream, refusal);
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

/// The Unix user at the other end, as the kernel knows them; else the
/// refusal to send.
fn peer_user(stream: &UnixStream) -> io::Result<std::result::Result<String, ServerMessage>> {
    let credentials = getsockopt(stream, PeerCredentials).map_err(io::Error::from)?;
    let uid = Uid::from_raw(credentials.uid());
    Ok(match User::from_uid(uid) {
        Ok(Some(user)) => Ok(user.name),
        _ => Err(refused(
            format!("outlay serve refuses this connection: uid {uid} has no user name"),
            format!("outlay 服务器拒绝此连接：uid {uid} 没有用户名"),
        )),
    })
}

/// Reads one call frame after the handshake: a small one whatever it is, a
/// large one only as [`LargeFrames::admit`] allows, holding its permit until
/// the call is answered. A refused frame is answered and ends the connection.
fn read_call_frame<'a>(
    shared: &'a Shared,
    ledger: &LocalLedger,
    user: &str,
    stream: &UnixStream,
    first: u8,
) -> io::Result<(ClientMessage, Option<Permit<'a>>)> {
    let mut input = Deadline {
        stream,
        deadline: Instant::now() + shared.limits.frame,
    };
    let len = frame::read_len(first, &mut input)?;
    if len <= CALL_FRAME {
        return Ok((frame::read_body(len, Vec::new(), &mut input)?, None));
    }
    let refuse = |refusal: Refusal| {
        let _ = frame::write(
            stream,
            &refused(refusal.message.clone(), refusal.message_zh),
        );
        io::Error::new(io::ErrorKind::InvalidData, refusal.message)
    };
    let (start, permit) = match shared
        .large_frames
        .admit(ledger, user, len, CALL_FRAME, &mut input)?
    {
        Ok(admitted) => admitted,
        Err(refusal) => return Err(refuse(refusal)),
    };
    let message = frame::read_body(len, start, &mut input)?;
    // Its first bytes named an import; so must the whole of it.
    match &message {
        ClientMessage::Call { call } if call.is_import() => Ok((message, Some(permit))),
        _ => Err(refuse(Refusal::not_an_import(len, CALL_FRAME))),
    }
}

/// A frame over its limit is answered with a refusal naming the limit.
fn refuse_too_large(stream: &UnixStream, e: io::Error) -> io::Error {
    if let Some(TooLarge { len, limit }) = TooLarge::of(&e) {
        let _ = frame::write(
            stream,
            &refused(
                format!(
                    "outlay serve refuses a message of {len} bytes: over its {limit}-byte limit for this connection"
                ),
                format!("outlay 服务器拒绝 {len} 字节的消息：超过此连接 {limit} 字节的上限"),
            ),
        );
    }
    e
}

fn connection(shared: &Shared, stream: &UnixStream, user: &str) -> io::Result<()> {
    let limits = &shared.limits;
    stream.set_write_timeout(Some(limits.frame))?;
    let deadline = Instant::now() + limits.handshake;
    let Some(first) = frame::first_byte(stream, Some(deadline))? else {
        return Ok(());
    };
    let hello =
        frame::read_rest::<ClientMessage>(first, Deadline { stream, deadline }, HANDSHAKE_FRAME)
            .map_err(|e| refuse_too_large(stream, e))?;
    match hello {
        ClientMessage::Hello { protocol, .. } if protocol == PROTOCOL => {}
        ClientMessage::Hello { protocol, client } => {
            let version = env!("CARGO_PKG_VERSION");
            return frame::write(
                stream,
                &refused(
                    format!(
                        "this outlay server speaks protocol {PROTOCOL} (outlay {version}); your {client} speaks {protocol}: use the same outlay version as the server"
                    ),
                    format!(
                        "此 outlay 服务器使用协议 {PROTOCOL}（outlay {version}）；你的 {client} 使用协议 {protocol}：请使用与服务器相同的 outlay 版本"
                    ),
                ),
            );
        }
        _ => return Ok(()),
    }
    let welcome = ServerMessage::Welcome {
        protocol: PROTOCOL,
        server: format!("outlay {}", env!("CARGO_PKG_VERSION")),
        user: user.to_string(),
    };
    frame::write(stream, &welcome)?;
    let ledger = shared.ledger.as_user(user);
    // Between frames a client may be quiet for as long as it likes.
    while let Some(first) = frame::first_byte(stream, None)? {
        let (message, _large) = read_call_frame(shared, &ledger, user, stream, first)?;
        match message {
            ClientMessage::Call { call } => {
                let name = call.name();
                let changes = call.is_change();
                if changes && hung_up(stream) {
                    // The client gave up waiting (a stopped server resumed)
                    // and told its user "not saved": so it must not be.
                    return Ok(());
                }
                let changes_roles = matches!(call, Call::grant { .. } | Call::revoke { .. });
                let result = ledger.dispatch(call);
                let succeeded = result.is_ok();
                if changes && succeeded {
                    shared.broadcast(name, user);
                }
                let answer = ServerMessage::Answer {
                    result: result.map_err(|e| WireError::from(&e)),
                };
                frame::write(stream, &answer)?;
                if changes_roles && succeeded {
                    shared.disconnect_users_without_a_role();
                }
            }
            ClientMessage::Subscribe => {
                // Change notices say who did what: for those with a role only.
                if let Err(e) = ledger.require(Role::Viewer) {
                    let wire = WireError::from(&e);
                    let refusal = ServerMessage::Refused {
                        message: wire.message,
                        message_zh: wire.message_zh,
                    };
                    return frame::write(stream, &refusal);
                }
                return subscription(shared, stream);
            }
            ClientMessage::Backup => super::backup::send(&ledger, stream)?,
            ClientMessage::Hello { .. } => return Ok(()),
        }
    }
    Ok(())
}

/// Whether the client has closed its end: no one is waiting for the answer.
fn hung_up(stream: &UnixStream) -> bool {
    let mut fds = [PollFd::new(stream.as_fd(), PollFlags::empty())];
    poll(&mut fds, PollTimeout::ZERO).is_ok()
        && fds[0]
            .revents()
            .is_some_and(|r| r.intersects(PollFlags::POLLHUP | PollFlags::POLLERR))
}

/// Forwards change notices to one subscriber until it goes away, with a
/// heartbeat when there is nothing to say: a dead subscriber's write fails.
fn subscription(shared: &Shared, stream: &UnixStream) -> io::Result<()> {
    let (sender, receiver) = sync_channel(SUBSCRIBER_BACKLOG);
    shared
        .subscribers
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(sender);
    loop {
        let message = match receiver.recv_timeout(shared.limits.heartbeat) {
            Ok(notice) => notice,
            Err(RecvTimeoutError::Timeout) => ServerMessage::Heartbeat,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        frame::write(stream, &message)?;
    }
}
