//! Length-prefixed JSON frames. A frame over the limit, or one that is not
//! the JSON expected, ends that connection only.

use std::io::{self, Read, Write};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The largest frame accepted: room for a 100k-row import in one call.
pub const MAX_FRAME: u32 = 256 * 1024 * 1024;

pub fn write<T: Serialize>(mut out: impl Write, message: &T) -> io::Result<()> {
    let body = serde_json::to_vec(message).map_err(io::Error::other)?;
    let len = u32::try_from(body.len())
        .ok()
        .filter(|&n| n <= MAX_FRAME)
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "a message of {} bytes is over the {MAX_FRAME}-byte limit",
                    body.len()
                ),
            )
        })?;
    out.write_all(&len.to_be_bytes())?;
    out.write_all(&body)?;
    out.flush()
}

/// Reads one frame; `Ok(None)` when the peer closed the connection cleanly.
pub fn read<T: DeserializeOwned>(mut input: impl Read) -> io::Result<Option<T>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        other => other?,
    }
    let len = u32::from_be_bytes(len);
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a frame of {len} bytes is over the {MAX_FRAME}-byte limit"),
        ));
    }
    let mut body = vec![0u8; len as usize];
    input.read_exact(&mut body)?;
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("not a message: {e}")))
}

#[cfg(test)]
mod tests {
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
}
