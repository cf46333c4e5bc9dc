//! A backup through the server. The client asks with [`ClientMessage::Backup`]
//! on a connection of its own; the server copies one read transaction into a
//! scratch file (0600, unnamed, gone when closed) and answers
//! [`ServerMessage::BackupStart`] (size and row counts), then the file's bytes
//! as raw chunks (4-byte big-endian length, then at most [`MAX_CHUNK`] bytes),
//! a zero-length chunk, and [`ServerMessage::BackupEnd`] with the byte count
//! and a hash. A refusal (no role) comes as an [`ServerMessage::Answer`] instead.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

use super::client::handshake;
use super::connection_error::ConnectionError;
use super::{Client, ClientMessage, Damage, ServerError, ServerMessage, WireError, frame};
use crate::error::{Error, Result};
use crate::ledger::LocalLedger;
use crate::store::TableCounts;

/// The most bytes of the copy in one chunk.
pub const MAX_CHUNK: usize = 1 << 20;
/// A client that stops reading a backup is dropped after this, which frees
/// the server's thread and scratch file.
const WRITE_TIMEOUT: Duration = Duration::from_secs(60);

/// Held while a copy is made and sent: one backup at a time, so no user can
/// fill the ledger's disk with scratch copies held open by slow readers.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The server's half: answers one `Backup` on `stream` for `ledger`'s user.
pub(super) fn send(ledger: &LocalLedger, stream: &UnixStream) -> io::Result<()> {
    let _turn = match ONE_AT_A_TIME.try_lock() {
        Ok(turn) => turn,
        Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => {
            let busy = crate::domain::Refusal::field_in(
                "backup",
                "another backup is being made right now; try again in a minute",
                "正在进行另一次备份，请稍后再试",
            );
            let result = Err(WireError::from(&Error::from(busy)));
            return frame::write(stream, &ServerMessage::Answer { result });
        }
    };
    let copied = ledger
        .scratch_file()
        .and_then(|scratch| Ok((scratch.try_clone()?, scratch)))
        .map_err(|e| {
            Error::from(ServerError::Scratch {
                cause: e.to_string(),
            })
        })
        .and_then(|(file, scratch)| Ok((ledger.copy_into(file)?, scratch)));
    let (tables, mut scratch) = match copied {
        Ok(copied) => copied,
        Err(e) => {
            let result = Err(WireError::from(&e));
            return frame::write(stream, &ServerMessage::Answer { result });
        }
    };
    // The read transaction is over: a slow client holds only the scratch file.
    let bytes = scratch.metadata()?.len();
    scratch.seek(SeekFrom::Start(0))?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    frame::write(stream, &ServerMessage::BackupStart { bytes, tables })?;
    let mut hash = Fnv1a::new();
    let mut sent = 0u64;
    let mut buffer = vec![0; MAX_CHUNK];
    loop {
        let n = scratch.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hash.update(&buffer[..n]);
        write_chunk(stream, &buffer[..n])?;
        sent += n as u64;
    }
    write_chunk(stream, &[])?;
    let end = ServerMessage::BackupEnd {
        bytes: sent,
        fnv1a: hash.0,
    };
    frame::write(stream, &end)?;
    stream.set_write_timeout(None)
}

impl Client {
    /// The client's half: asks the server for a copy of the ledger, writes
    /// its bytes to `into` (at `path`, named in errors) and returns the row
    /// counts of the snapshot it was made from. On a connection of its own,
    /// so the calls on this client's connection are not held up.
    pub fn backup(&self, into: &File, path: &Path) -> Result<TableCounts> {
        let socket = &self.link.endpoint.socket;
        let lost = |e: io::Error| ConnectionError::Lost {
            socket: socket.clone(),
            cause: e.into(),
        };
        let (stream, _) = handshake(&self.link.endpoint)?;
        frame::write(&stream, &ClientMessage::Backup).map_err(lost)?;
        let (announced, tables) = match frame::read::<ServerMessage>(&stream).map_err(lost)? {
            Some(ServerMessage::BackupStart { bytes, tables }) => (bytes, tables),
            Some(ServerMessage::Answer { result: Err(wire) }) => return Err(wire.into()),
            None => {
                return Err(ConnectionError::Lost {
                    socket: socket.clone(),
                    cause: super::connection_error::Cause::Closed,
                }
                .into());
            }
            Some(other) => {
                return Err(ConnectionError::Unexpected {
                    socket: socket.clone(),
                    what: format!("{other:?} instead of a backup"),
                }
                .into());
            }
        };
        let mut received = 0u64;
        let mut hash = Fnv1a::new();
        let mut out = into;
        while let Some(chunk) = read_chunk(&stream).map_err(lost)? {
            received += chunk.len() as u64;
            if received > announced {
                return Err(damaged(received, announced, Damage::TooLong));
            }
            hash.update(&chunk);
            out.write_all(&chunk).map_err(|source| Error::Write {
                path: path.display().to_string(),
                source,
            })?;
        }
        match frame::read::<ServerMessage>(&stream).map_err(lost)? {
            Some(ServerMessage::BackupEnd { bytes, fnv1a })
                if bytes == received && received == announced && fnv1a == hash.0 =>
            {
                Ok(tables)
            }
            Some(ServerMessage::BackupEnd { .. }) => {
                Err(damaged(received, announced, Damage::Differs))
            }
            _ => Err(damaged(received, announced, Damage::EndMissing)),
        }
    }
}

fn damaged(received: u64, announced: u64, why: Damage) -> Error {
    ServerError::BackupDamaged {
        received,
        announced,
        why,
    }
    .into()
}

fn write_chunk(mut out: &UnixStream, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
    out.write_all(&len.to_be_bytes())?;
    out.write_all(bytes)
}

/// One chunk of the copy; `None` for the zero-length chunk that ends them.
fn read_chunk(mut input: &UnixStream) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    input.read_exact(&mut len)?;
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_CHUNK {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a backup chunk of {len} bytes is over the {MAX_CHUNK}-byte limit"),
        ));
    }
    if len == 0 {
        return Ok(None);
    }
    let mut chunk = vec![0; len];
    input.read_exact(&mut chunk)?;
    Ok(Some(chunk))
}

/// FNV-1a, 64 bits: catches a chunk lost, repeated or reordered on the way
/// (the socket itself does not garble bytes).
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::net::UnixListener;

    use super::*;
    use crate::remote::PROTOCOL;

    /// A server that shakes hands on every connection and answers a `Backup`
    /// with what `answer` writes.
    fn fake_server(answer: fn(&UnixStream)) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("fake.sock");
        let listener = UnixListener::bind(&socket).unwrap();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let stream = stream.unwrap();
                std::thread::spawn(move || {
                    let _: Option<ClientMessage> = frame::read(&stream).unwrap();
                    let welcome = ServerMessage::Welcome {
                        protocol: PROTOCOL,
                        server: "fake".into(),
                        user: "someone".into(),
                    };
                    frame::write(&stream, &welcome).unwrap();
                    if let Ok(Some(ClientMessage::Backup)) = frame::read(&stream) {
                        answer(&stream);
                    }
                });
            }
        });
        (dir, socket)
    }

    fn start(stream: &UnixStream, bytes: u64) {
        let start = ServerMessage::BackupStart {
            bytes,
            tables: TableCounts::new(),
        };
        frame::write(stream, &start).unwrap();
    }

    fn backup_from(answer: fn(&UnixStream)) -> String {
        let (dir, socket) = fake_server(answer);
        let endpoint = super::super::peer::Endpoint::new(&socket, None);
        let client = Client::connect(&endpoint).unwrap();
        let path = dir.path().join("copy");
        let file = File::create(&path).unwrap();
        client.backup(&file, &path).unwrap_err().to_string()
    }

    #[test]
    fn the_server_sends_a_copy_only_to_a_user_with_a_role() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = LocalLedger::create(
            &dir.path().join("l.redb"),
            crate::domain::FiscalYear::new(2021).unwrap(),
            "测试局",
            "admin",
        )
        .unwrap();
        let answer = |user: &str| {
            let (server, client) = UnixStream::pair().unwrap();
            let ledger = ledger.as_user(user);
            // the copy's bytes follow the first message: the server writes on
            // while the client reads
            std::thread::spawn(move || send(&ledger, &server));
            frame::read::<ServerMessage>(&client).unwrap().unwrap()
        };
        match answer("stranger") {
            ServerMessage::Answer { result: Err(wire) } => {
                assert!(wire.message.contains("'stranger' has no role"), "{wire:?}")
            }
            other => panic!("a user without a role got {other:?}"),
        }
        ledger
            .grant("reader".into(), crate::domain::role::Role::Viewer)
            .unwrap();
        match answer("reader") {
            ServerMessage::BackupStart { bytes, tables } => {
                assert!(bytes > 0 && tables["users"] == 2, "{tables:?}")
            }
            other => panic!("a viewer got {other:?}"),
        }
        // While one backup is under way, another is refused at once.
        let _under_way = ONE_AT_A_TIME.lock().unwrap();
        match answer("reader") {
            ServerMessage::Answer { result: Err(wire) } => {
                assert!(wire.message.contains("another backup"), "{wire:?}")
            }
            other => panic!("a second backup at once got {other:?}"),
        }
    }

    #[test]
    fn a_stream_that_arrives_damaged_is_refused() {
        let wrong_hash = backup_from(|s| {
            start(s, 6);
            write_chunk(s, b"ledger").unwrap();
            write_chunk(s, &[]).unwrap();
            let end = ServerMessage::BackupEnd { bytes: 6, fnv1a: 1 };
            frame::write(s, &end).unwrap();
        });
        assert!(wrong_hash.contains("arrived damaged"), "{wrong_hash}");
        let too_long = backup_from(|s| {
            start(s, 3);
            write_chunk(s, b"ledger").unwrap();
        });
        assert!(too_long.contains("more bytes than announced"), "{too_long}");
        let no_end = backup_from(|s| {
            start(s, 6);
            write_chunk(s, b"ledger").unwrap();
            write_chunk(s, &[]).unwrap();
        });
        assert!(no_end.contains("the end of it is missing"), "{no_end}");
        let cut = backup_from(|s| {
            start(s, 6);
            (&*s).write_all(&6u32.to_be_bytes()).unwrap();
            (&*s).write_all(b"led").unwrap();
        });
        assert!(cut.contains("connection to the outlay server"), "{cut}");
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        let hash = |text: &[u8]| {
            let mut h = Fnv1a::new();
            h.update(text);
            h.0
        };
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn chunks_round_trip_and_an_oversized_one_is_refused() {
        let (a, b) = UnixStream::pair().unwrap();
        write_chunk(&a, b"ledger").unwrap();
        write_chunk(&a, &[]).unwrap();
        assert_eq!(read_chunk(&b).unwrap().as_deref(), Some(&b"ledger"[..]));
        assert_eq!(read_chunk(&b).unwrap(), None);
        (&a).write_all(&(MAX_CHUNK as u32 + 1).to_be_bytes())
            .unwrap();
        assert_eq!(
            read_chunk(&b).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }
}
