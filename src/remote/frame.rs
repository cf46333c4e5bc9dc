//! Length-prefixed JSON frames. A frame over the limit, or one that is not
//! the JSON expected, ends that connection only.
//!
//! A frame's claimed length is never trusted for memory: the body is read
//! into a buffer that grows with the bytes that actually arrive, so a peer
//! that announces 200 MB and sends nothing costs nothing.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Instant;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The largest frame accepted: room for a 100k-row import in one call.
pub const MAX_FRAME: u32 = 256 * 1024 * 1024;

/// The most a frame's buffer starts with, whatever length it claims.
const PREALLOCATED: usize = 64 * 1024;

pub fn write<T: Serialize>(mut out: impl Write, message: &T) -> io::Result<()> {
    // The length's place first, so the frame goes out in one write: a
    // reader woken by the length alone would only wait again for the body.
    let mut frame = vec![0u8; 4];
    serde_json::to_writer(&mut frame, message).map_err(io::Error::other)?;
    let body_len = frame.len() - 4;
    let len = u32::try_from(body_len)
        .ok()
        .filter(|&n| n <= MAX_FRAME)
        .ok_or_else(|| {
            // InvalidInput: refused here, before a byte was written.
            let len = u64::try_from(body_len).unwrap_or(u64::MAX);
            io::Error::new(
                io::ErrorKind::InvalidInput,
                TooLarge {
                    len,
                    limit: MAX_FRAME,
                },
            )
        })?;
    frame[..4].copy_from_slice(&len.to_be_bytes());
    out.write_all(&frame)?;
    out.flush()
}

/// Reads one frame of at most [`MAX_FRAME`] bytes; `Ok(None)` when the peer
/// closed the connection cleanly.
pub fn read<T: DeserializeOwned>(mut input: impl Read) -> io::Result<Option<T>> {
    let mut first = [0u8; 1];
    loop {
        match input.read(&mut first) {
            Ok(0) => return Ok(None),
            Ok(_) => return read_rest(first[0], input, MAX_FRAME).map(Some),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Reads the rest of a frame whose first byte was `first`, refusing one
/// longer than `limit`.
pub fn read_rest<T: DeserializeOwned>(
    first: u8,
    mut input: impl Read,
    limit: u32,
) -> io::Result<T> {
    let len = read_len(first, &mut input)?;
    if len > limit {
        return Err(too_large(len, limit));
    }
    read_body(len, Vec::new(), input)
}

/// The length a frame claims: its first byte, `first`, and the three after it.
pub fn read_len(first: u8, mut input: impl Read) -> io::Result<u32> {
    let mut len = [first, 0, 0, 0];
    input.read_exact(&mut len[1..])?;
    Ok(u32::from_be_bytes(len))
}

/// Reads the body of a `len`-byte frame whose first bytes, `start`, were
/// already read, and decodes it. The caller has checked `len` against its limit.
pub fn read_body<T: DeserializeOwned>(
    len: u32,
    mut start: Vec<u8>,
    input: impl Read,
) -> io::Result<T> {
    let len = len as usize;
    // Room up front for a usual frame only; a larger one grows as it arrives.
    start.reserve(len.saturating_sub(start.len()).min(PREALLOCATED));
    let rest = len.saturating_sub(start.len()) as u64;
    input.take(rest).read_to_end(&mut start)?;
    if start.len() != len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!(
                "the peer closed the connection {} bytes into a {len}-byte frame",
                start.len()
            ),
        ));
    }
    serde_json::from_slice(&start)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("not a message: {e}")))
}

/// The error for a frame of `len` bytes over `limit`.
pub fn too_large(len: u32, limit: u32) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        TooLarge {
            len: len.into(),
            limit,
        },
    )
}

/// A frame longer than the reader allows, inside an `InvalidData` error:
/// the server answers it with a refusal before it hangs up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    pub len: u64,
    pub limit: u32,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a frame of {} bytes is over the {}-byte limit",
            self.len, self.limit
        )
    }
}

impl std::error::Error for TooLarge {}

impl TooLarge {
    pub fn of(error: &io::Error) -> Option<TooLarge> {
        error.get_ref()?.downcast_ref::<TooLarge>().copied()
    }
}

/// Waits for the first byte of the next frame, until `deadline` or (`None`)
/// for as long as it takes; `Ok(None)` when the peer closed the connection.
/// Between frames a reset is a close like any other: a client that quits
/// with an answer or a heartbeat unread resets the connection.
pub fn first_byte(stream: &UnixStream, deadline: Option<Instant>) -> io::Result<Option<u8>> {
    let mut first = [0u8; 1];
    let read = match deadline {
        Some(deadline) => Deadline { stream, deadline }.read_within(&mut first),
        None => {
            stream.set_read_timeout(None)?;
            retry_interrupted(|| (&*stream).read(&mut first))
        }
    };
    match read {
        Ok(read) => Ok((read == 1).then_some(first[0])),
        Err(e) if e.kind() == io::ErrorKind::ConnectionReset => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `error` says only that the peer went away between frames or
/// before it read what it was sent (a client that quit, killed or not):
/// the end of its connection, not a fault of it. A frame cut short is
/// another error ([`io::ErrorKind::UnexpectedEof`]).
pub fn peer_left(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset
    )
}

/// A reader that fails with `TimedOut` once `deadline` has passed, however
/// the bytes trickle in: a peer cannot stretch a frame by sending one byte
/// just before each read would time out.
pub struct Deadline<'a> {
    pub stream: &'a UnixStream,
    pub deadline: Instant,
}

impl Deadline<'_> {
    /// A read as [`Read::read`], but a reset is left a reset.
    fn read_within(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let timed_out = || {
            io::Error::new(
                io::ErrorKind::TimedOut,
                "the peer did not send its frame in time",
            )
        };
        retry_interrupted(|| {
            let left = self.deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(timed_out());
            }
            self.stream.set_read_timeout(Some(left))?;
            match (&*self.stream).read(buf) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => Err(timed_out()),
                other => other,
            }
        })
    }
}

impl Read for Deadline<'_> {
    /// Inside a frame a reset cuts the frame short: an error of the frame,
    /// told apart from a client leaving between frames ([`peer_left`]).
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.read_within(buf).map_err(|e| {
            if e.kind() == io::ErrorKind::ConnectionReset {
                io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the peer reset the connection in the middle of a frame",
                )
            } else {
                e
            }
        })
    }
}

fn retry_interrupted(mut read: impl FnMut() -> io::Result<usize>) -> io::Result<usize> {
    loop {
        match read() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn frames_round_trip_and_oversized_ones_are_refused() {
        let mut buffer = Vec::new();
        write(&mut buffer, &vec!["预算", "指标"]).unwrap();
        let back: Vec<String> = read(buffer.as_slice()).unwrap().unwrap();
        assert_eq!(back, ["预算", "指标"]);
        assert!(read::<Vec<String>>(&[][..]).unwrap().is_none());
        let huge = (MAX_FRAME + 1).to_be_bytes();
        assert_eq!(
            read::<Vec<String>>(&huge[..]).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
        let garbage = [0, 0, 0, 3, b'x', b'y', b'z'];
        assert_eq!(
            read::<Vec<String>>(&garbage[..]).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }

    #[test]
    fn a_frame_is_held_to_the_limit_given_and_a_short_one_is_an_eof() {
        let mut buffer = Vec::new();
        write(&mut buffer, &"x".repeat(100)).unwrap();
        let err = read_rest::<String>(buffer[0], &buffer[1..], 50).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(err.to_string().contains("over the 50-byte limit"), "{err}");
        assert_eq!(
            TooLarge::of(&err),
            Some(TooLarge {
                len: 102,
                limit: 50
            })
        );
        let back: String = read_rest(buffer[0], &buffer[1..], 200).unwrap();
        assert_eq!(back.len(), 100);
        // A claimed 200 MB with 3 bytes behind it: an EOF, not a 200 MB buffer.
        let claim = [&(200u32 << 20).to_be_bytes()[1..], b"abc"].concat();
        let err = read_rest::<String>(0x0c, &claim[..], MAX_FRAME).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn a_reset_between_frames_is_a_close_and_inside_one_a_frame_cut_short() {
        // A peer that quits with bytes unread resets the connection.
        let reset = |sent: &[u8]| {
            let (ours, theirs) = UnixStream::pair().unwrap();
            (&theirs).write_all(sent).unwrap();
            (&ours).write_all(b"an answer never read").unwrap();
            drop(theirs);
            ours
        };
        let ours = reset(&[]);
        assert_eq!(first_byte(&ours, None).unwrap(), None);
        let ours = reset(&[]);
        let deadline = Some(Instant::now() + Duration::from_secs(30));
        assert_eq!(first_byte(&ours, deadline).unwrap(), None);

        let ours = reset(&[0, 0, 0, 9, b'"']);
        let first = first_byte(&ours, None).unwrap().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        let err = read_rest::<String>(
            first,
            Deadline {
                stream: &ours,
                deadline,
            },
            100,
        )
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof, "{err}");
        assert!(!peer_left(&err));
        assert!(peer_left(&io::Error::from(io::ErrorKind::BrokenPipe)));
    }

    #[test]
    fn a_deadline_bounds_a_frame_that_stops_half_way() {
        let (ours, theirs) = UnixStream::pair().unwrap();
        (&theirs).write_all(&[0, 0, 0, 9, b'"']).unwrap();
        let first = first_byte(&ours, None).unwrap();
        let deadline = Instant::now() + Duration::from_millis(200);
        let err = read_rest::<String>(
            first.unwrap(),
            Deadline {
                stream: &ours,
                deadline,
            },
            100,
        )
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        drop(theirs);
        assert_eq!(first_byte(&ours, None).unwrap(), None, "closed: no frame");
    }
}
