//! Which frames over the small limit the server reads (issue 9): only an
//! import, from a user who may write, and only a few per user at once. The
//! call's name is judged from the frame's first bytes, before the rest is
//! read, so a large frame of any other call costs its sender a refusal and
//! the server nothing.

use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::Mutex;

use super::frame;
use crate::domain::role::Role;
use crate::ledger::{Call, LocalLedger};

/// How much of a large frame is read to find its call's name: the client's
/// layout puts it within the first 60 bytes.
const PEEK: usize = 256;

/// How every call frame the client writes begins, up to the call's name
/// ([`super::CallMessage`]).
const CALL_START: &[u8] = br#"{"type":"call","call":{"call":""#;

/// Whether a frame's first bytes are those of an import call, laid out as
/// the client lays it out: the outer keys in the client's order, then the
/// name, whole, of a call of the API that begins `import_`.
pub fn begins_an_import(start: &[u8]) -> bool {
    let Some(rest) = start.strip_prefix(CALL_START) else {
        return false;
    };
    let Some(end) = rest.iter().position(|&b| b == b'"') else {
        return false;
    };
    std::str::from_utf8(&rest[..end])
        .is_ok_and(|name| name.starts_with("import_") && Call::NAMES.contains(&name))
}

/// Why a large frame is not read, in English and Chinese.
pub struct Refusal {
    pub message: String,
    pub message_zh: String,
}

impl Refusal {
    fn over(len: u32, limit: u32, en: &str, zh: &str) -> Refusal {
        Refusal {
            message: format!(
                "outlay serve refuses a message of {len} bytes: over its {limit}-byte limit {en}"
            ),
            message_zh: format!("outlay 服务器拒绝 {len} 字节的消息：超过{zh} {limit} 字节的上限"),
        }
    }

    /// A large frame whose call turned out not to be an import.
    pub fn not_an_import(len: u32, small: u32) -> Refusal {
        Refusal::over(
            len,
            small,
            "for a call that is not an import (only import_* calls may be larger)",
            "非导入调用（只有 import_* 调用可以更大）",
        )
    }
}

/// The large frames each user has being read now.
pub struct LargeFrames {
    per_user: usize,
    reading: Mutex<HashMap<String, usize>>,
}

/// One user's place among the large frames being read; given back when dropped.
pub struct Permit<'a> {
    frames: &'a LargeFrames,
    user: String,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut reading = self.frames.lock();
        if let Some(n) = reading.get_mut(&self.user) {
            *n -= 1;
            if *n == 0 {
                reading.remove(&self.user);
            }
        }
    }
}

impl LargeFrames {
    /// At most `per_user` large frames of one user read at once.
    pub fn new(per_user: usize) -> LargeFrames {
        LargeFrames {
            per_user,
            reading: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, usize>> {
        self.reading.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn take(&self, user: &str) -> Option<Permit<'_>> {
        let mut reading = self.lock();
        let n = reading.entry(user.to_string()).or_default();
        (*n < self.per_user).then(|| {
            *n += 1;
            Permit {
                frames: self,
                user: user.to_string(),
            }
        })
    }

    /// For a frame of `len` bytes, over `small`, from `ledger`'s `user`:
    /// its first bytes (read from `input`) and the permit to read the rest,
    /// or why not. Holding the permit until the call is answered bounds the
    /// memory one user's large calls take.
    pub fn admit<'a>(
        &'a self,
        ledger: &LocalLedger,
        user: &str,
        len: u32,
        small: u32,
        input: impl Read,
    ) -> io::Result<Result<(Vec<u8>, Permit<'a>), Refusal>> {
        if ledger.require(Role::Clerk).is_err() {
            return Ok(Err(Refusal::over(
                len,
                small,
                "for this connection",
                "此连接",
            )));
        }
        if len > frame::MAX_FRAME {
            let max = frame::MAX_FRAME;
            return Ok(Err(Refusal::over(len, max, "for an import", "导入调用")));
        }
        let mut start = vec![0; PEEK.min(len as usize)];
        input.take(start.len() as u64).read_exact(&mut start)?;
        if !begins_an_import(&start) {
            return Ok(Err(Refusal::not_an_import(len, small)));
        }
        let Some(permit) = self.take(user) else {
            let at_once = self.per_user;
            return Ok(Err(Refusal {
                message: format!(
                    "outlay serve refuses a message of {len} bytes: {user} already has {at_once} messages over {small} bytes being read, the most at once; send it again once one is answered"
                ),
                message_zh: format!(
                    "outlay 服务器拒绝 {len} 字节的消息：{user} 已有 {at_once} 条超过 {small} 字节的消息正在读取，已达同时上限；请待其中一条得到应答后再发送"
                ),
            }));
        };
        Ok(Ok((start, permit)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::CallMessage;

    fn written(call: &Call) -> Vec<u8> {
        serde_json::to_vec(&CallMessage { call }).unwrap()
    }

    #[test]
    fn an_import_as_the_client_writes_it_is_told_from_its_first_bytes() {
        let import = Call::import_disbursements {
            rows: Vec::new(),
            origin: "a.csv".into(),
        };
        assert!(begins_an_import(&written(&import)[..PEEK.min(60)]));
        let facts = Call::import_project_facts {
            rows: Vec::new(),
            origin: "b.csv".into(),
        };
        assert!(begins_an_import(&written(&facts)));
        // Whatever else: another call, the keys in another order, a made-up import.
        assert!(!begins_an_import(&written(&Call::info {})));
        let sorted = serde_json::to_vec(&serde_json::json!({"type": "call", "call": import}));
        assert!(!begins_an_import(&sorted.unwrap()));
        assert!(!begins_an_import(
            br#"{"type":"call","call":{"call":"import_everything","args":{}}}"#
        ));
        assert!(!begins_an_import(
            br#"{"type":"call","call":{"call":"import_lines"#
        ));
        assert!(!begins_an_import(
            b"                                        "
        ));
    }

    #[test]
    fn a_user_has_at_most_the_permits_given_and_gets_one_back_when_dropped() {
        let frames = LargeFrames::new(2);
        let first = frames.take("clerk").unwrap();
        let _second = frames.take("clerk").unwrap();
        assert!(frames.take("clerk").is_none());
        assert!(
            frames.take("other").is_some(),
            "another user is not held up"
        );
        drop(first);
        assert!(frames.take("clerk").is_some());
    }
}
