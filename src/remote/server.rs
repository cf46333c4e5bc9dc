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
//!
//! On SIGTERM or SIGINT the server stops taking connections and removes its
//! socket, lets the calls being answered finish (each write commits as
//! usual), ends the idle connections and closes the ledger; a second
//! signal while it does so ends it at once.

use std::io;
use std::net::Shutdown;
use std::os::fd::AsFd;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
use nix::unistd::{Gid, Group, Uid, User};
use signal_hook::consts::{SIGINT, SIGTERM};

use super::connections::{Caps, Registry, Slot};
use super::frame::{self, Deadline, TooLarge};
use super::large_frame::{LargeFrames, Permit, Refusal};
use super::{
    ClientMessage, PROTOCOL, ServeLog, ServerError, ServerMessage, WireError, sidecar, strict,
};
use crate::domain::role::Role;
use crate::error::{Error, Result};
use crate::i18n::Lang;
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
/// How long a stopping server waits for the calls it is answering: every
/// call but a large import takes well under a second. An import still
/// running then is rolled back with the process, as after a kill, and its
/// client reports it not saved.
pub const STOP_PATIENCE: Duration = Duration::from_secs(10);

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
    /// The language of the log.
    lang: Lang,
    limits: Limits,
    registry: Arc<Registry>,
    subscribers: Mutex<Vec<SyncSender<ServerMessage>>>,
    seq: AtomicU64,
    /// Connections being refused right now (see [`REFUSING_AT_ONCE`]).
    refusing: Arc<AtomicUsize>,
    large_frames: LargeFrames,
    /// Set once a stop signal came: connections ended from here on were
    /// ended by the server.
    stopping: AtomicBool,
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

/// How a server stopped, for its last line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stopped {
    /// The signal that stopped it: `"SIGTERM"` or `"SIGINT"`.
    pub signal: &'static str,
    /// Connections it admitted (past the caps and the user lookup) in all.
    pub served: u64,
    /// Connections still answering a call after [`STOP_PATIENCE`], cut off
    /// with the process; none, almost always.
    pub cut_off: usize,
}

/// Serves the ledger at `db` on `socket` until SIGTERM or SIGINT.
pub fn serve(
    db: &Path,
    socket: &Path,
    limits: Limits,
    lang: Lang,
    ready: impl FnOnce(&Path),
) -> Result<Stopped> {
    strict::check(db, socket)?;
    raise_open_file_limit(lang);
    // Held for writing from the start: nobody else opens the file while served.
    let ledger = LocalLedger::open_writable(db, &crate::identity::current_user())?;
    let stop = stop_signals()?;
    let listener = bind(socket)?;
    if let Err(warning) = take_the_directory_group(socket) {
        warning.write(lang);
    }
    allow_the_group(socket)?;
    listener
        .set_nonblocking(true)
        .map_err(|e| ServerError::Socket {
            cause: e.to_string(),
        })?;
    // Only a help to direct openers: without it they are told the default socket.
    let note = sidecar::Note::write(db, socket)
        .map_err(|e| {
            ServeLog::NoteNotWritten {
                path: sidecar::path(db),
                cause: e.to_string(),
            }
            .write(lang)
        })
        .ok();
    let shared = Arc::new(Shared {
        ledger,
        lang,
        limits,
        registry: Registry::new(Caps {
            total: limits.max_connections,
            per_user: limits.max_per_user,
        }),
        subscribers: Mutex::new(Vec::new()),
        seq: AtomicU64::new(0),
        refusing: Arc::new(AtomicUsize::new(0)),
        large_frames: LargeFrames::new(LARGE_FRAMES_PER_USER),
        stopping: AtomicBool::new(false),
    });
    ready(socket);
    accept_until_stopped(&shared, &listener, &stop.wake);
    // No new connection from here on: a client trying finds no socket.
    drop(listener);
    let _ = std::fs::remove_file(socket);
    let cut_off = wind_down(&shared);
    let stopped = Stopped {
        signal: stop.signal(),
        served: shared.registry.admitted(),
        cut_off,
    };
    // Closes the ledger when no connection holds it any more (else the
    // process's end does, and the next open's quick repair finds every
    // committed write).
    drop(shared);
    drop(note);
    Ok(stopped)
}

/// Ends every connection once the calls being answered are: a connection
/// waiting for its client's next call sees the end at once, one answering
/// a call sends its answer first, subscriptions end. Waits at most
/// [`STOP_PATIENCE`]; the connections still held then.
fn wind_down(shared: &Shared) -> usize {
    shared.stopping.store(true, Ordering::SeqCst);
    shared.registry.shutdown_all(Shutdown::Read);
    shared
        .subscribers
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clear();
    if shared.registry.wait_until_empty(STOP_PATIENCE) {
        return 0;
    }
    let cut_off = shared.registry.held();
    shared.registry.shutdown_all(Shutdown::Both);
    cut_off
}

/// What SIGTERM and SIGINT do to a server: wake its accept loop, and say
/// which of them came.
struct StopSignals {
    /// Readable once a stop signal came, so the accept loop blocks in
    /// poll() instead of waking up to look.
    wake: UnixStream,
    /// The signal's number, 0 before one came.
    which: Arc<AtomicUsize>,
}

impl StopSignals {
    fn signal(&self) -> &'static str {
        match self.which.load(Ordering::SeqCst) {
            n if n == SIGINT as usize => "SIGINT",
            _ => "SIGTERM",
        }
    }
}

/// Watches for SIGTERM and SIGINT. The first starts the stop; a second,
/// while the server is still stopping, ends the process at once (status 1),
/// as a stop that hangs must not need SIGKILL.
fn stop_signals() -> Result<StopSignals> {
    let watch = |e: io::Error| ServerError::Signals {
        cause: e.to_string(),
    };
    let (read, write) = UnixStream::pair().map_err(watch)?;
    let stopping = Arc::new(AtomicBool::new(false));
    let which = Arc::new(AtomicUsize::new(0));
    for signal in [SIGTERM, SIGINT] {
        // In this order: the exit looks at the flag before this signal sets
        // it, so only a signal that comes while stopping ends the process.
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stopping))
            .map_err(watch)?;
        signal_hook::flag::register(signal, Arc::clone(&stopping)).map_err(watch)?;
        signal_hook::flag::register_usize(signal, Arc::clone(&which), signal as usize)
            .map_err(watch)?;
        signal_hook::low_level::pipe::register(signal, write.try_clone().map_err(watch)?)
            .map_err(watch)?;
    }
    Ok(StopSignals { wake: read, which })
}

/// Many idle clients need many descriptors; the hard limit is ours to take.
fn raise_open_file_limit(lang: Lang) {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    if let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE)
        && soft < hard
        && let Err(e) = setrlimit(Resource::RLIMIT_NOFILE, hard, hard)
    {
        ServeLog::FileLimit {
            soft,
            hard,
            cause: e.to_string(),
        }
        .write(lang);
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
                ServeLog::PollFailed {
                    cause: e.to_string(),
                }
                .write(shared.lang);
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
                ServeLog::AcceptFailed {
                    cause: e.to_string(),
                }
                .write(shared.lang);
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
            ServeLog::SetupFailed {
                cause: e.to_string(),
            }
            .write(shared.lang);
            return;
        }
    };
    let spawned = match admitted {
        Ok((user, slot)) => {
            let shared = Arc::clone(shared);
            std::thread::Builder::new().spawn(move || {
                let outcome = connection(&shared, &stream, &user);
                if let Err(e) = outcome
                    && !ended_by_either_side(&shared, &e)
                {
                    // One client's trouble ends that client's connection only.
                    ServeLog::ConnectionEnded {
                        user: user.clone(),
                        cause: e.to_string(),
                    }
                    .write(shared.lang);
                }
                // The ledger first, then the place: a stopping server closes
                // the ledger once every place is free.
                drop(shared);
                drop(slot);
            })
        }
        Err(refusal) => {
            let Some(place) = Refusing::take(&shared.refusing) else {
                return;
            };
            let patience = shared.limits.handshake;
            std::thread::Builder::new().spawn(move || {
                refuse(patience, &stream, &refusal);
                drop(place);
            })
        }
    };
    if let Err(e) = spawned {
        ServeLog::NoThread {
            cause: e.to_string(),
        }
        .write(shared.lang);
    }
}

/// Whether a connection's error says only that it ended as connections do:
/// its client left (closing, quitting or killed, with an answer or a notice
/// unread), or, while the server stops, the server ended it. A frame cut
/// short, or one that is not a message, is still an error of the client.
fn ended_by_either_side(shared: &Shared, e: &io::Error) -> bool {
    frame::peer_left(e)
        || (shared.stopping.load(Ordering::SeqCst) && e.kind() == io::ErrorKind::UnexpectedEof)
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
/// given back when dropped, whether or not its thread ever ran. (It holds
/// the count only, not the ledger: a refusal never reads it.)
struct Refusing(Arc<AtomicUsize>);

impl Refusing {
    fn take(refusing: &Arc<AtomicUsize>) -> Option<Refusing> {
        let taken = refusing.fetch_add(1, Ordering::SeqCst);
        let place = Refusing(Arc::clone(refusing));
        (taken < REFUSING_AT_ONCE).then_some(place)
    }
}

impl Drop for Refusing {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn refused(message: String, zh: String) -> ServerMessage {
    ServerMessage::Refused {
        message,
        message_zh: Some(zh),
    }
}

/// Reads the client's hello (so it is there to read the answer) and refuses
/// it, waiting for each at most `patience` (the handshake's limit).
fn refuse(patience: Duration, stream: &UnixStream, refusal: &ServerMessage) {
    let deadline = Instant::now() + patience;
    if let Ok(Some(first)) = frame::first_byte(stream, Some(deadline)) {
        let _ = frame::read_rest::<ClientMessage>(
            first,
            Deadline { stream, deadline },
            HANDSHAKE_FRAME,
        );
    }
    let _ = stream.set_write_timeout(Some(patience));
    let _ = frame::write(stream, refusal);
}

/// Binds the socket, replacing a stale one left by a server that died. No
/// one but the server's user may connect yet (see [`allow_the_group`]).
fn bind(socket: &Path) -> Result<UnixListener> {
    if socket.exists() {
        if UnixStream::connect(socket).is_ok() {
            return Err(ServerError::AlreadyListening {
                socket: socket.into(),
            }
            .into());
        }
        std::fs::remove_file(socket).map_err(|e| ServerError::StaleSocket {
            socket: socket.into(),
            cause: e.to_string(),
        })?;
    }
    UnixListener::bind(socket).map_err(|e| {
        ServerError::Listen {
            socket: socket.into(),
            cause: e.to_string(),
        }
        .into()
    })
}

/// Lets the socket's group connect (mode 0660), once the socket has the
/// group it is to have.
fn allow_the_group(socket: &Path) -> Result<()> {
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o660)).map_err(|e| {
        ServerError::Permissions {
            socket: socket.into(),
            cause: e.to_string(),
        }
        .into()
    })
}

/// Gives the socket its directory's group: staff are let in through the
/// group the directory was given for them, whichever group the server runs
/// as. A setgid directory has the kernel do it at bind(); otherwise it is
/// done here, which the kernel allows when the server's user is a member of
/// that group (or root). Else the sentence to warn with: the socket keeps
/// the server's group, and who may connect is not who the directory says.
fn take_the_directory_group(socket: &Path) -> std::result::Result<(), Box<ServeLog>> {
    let dir = match socket.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let unreadable = |path: &Path, e: io::Error| {
        Box::new(ServeLog::GroupUnreadable {
            path: path.into(),
            cause: e.to_string(),
        })
    };
    let had = std::fs::symlink_metadata(socket)
        .map(|m| m.gid())
        .map_err(|e| unreadable(socket, e))?;
    let wanted = std::fs::metadata(dir)
        .map(|m| m.gid())
        .map_err(|e| unreadable(dir, e))?;
    if wanted == had {
        return Ok(());
    }
    // lchown: the socket just bound, never what a link would point to.
    std::os::unix::fs::lchown(socket, None, Some(wanted)).map_err(|e| {
        Box::new(ServeLog::GroupNotTaken {
            socket: socket.into(),
            dir: dir.into(),
            had: group_name(had),
            wanted: group_name(wanted),
            server: user_name(nix::unistd::geteuid()),
            cause: e.to_string(),
        })
    })
}

fn group_name(gid: u32) -> String {
    match Group::from_gid(Gid::from_raw(gid)) {
        Ok(Some(group)) => group.name,
        _ => format!("gid {gid}"),
    }
}

fn user_name(uid: Uid) -> String {
    match User::from_uid(uid) {
        Ok(Some(user)) => user.name,
        _ => format!("uid {uid}"),
    }
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
    if shared.stopping.load(Ordering::SeqCst) {
        // Subscribed as the server began to stop, after it let go of the others.
        return Ok(());
    }
    loop {
        let message = match receiver.recv_timeout(shared.limits.heartbeat) {
            Ok(notice) => notice,
            Err(RecvTimeoutError::Timeout) => ServerMessage::Heartbeat,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        frame::write(stream, &message)?;
    }
}
