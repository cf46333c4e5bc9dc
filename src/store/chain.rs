//! Tamper-evidence of the event log: each event's hash is SHA-256 of the
//! previous event's hash, its id and its bytes as stored, so an event changed
//! in the file (its `who`, its detail), removed or slipped in breaks the chain
//! from there on, and `check` names the first event that does not follow.
//!
//! The chain has no secret: whoever can write the file can also rewrite the
//! chain after an edit. `check` prints the head of the chain so that it can be
//! kept elsewhere (beside the nightly backup) and compared; the file itself
//! belongs to the server's user alone.

use redb::{ReadableTable, Table};
use sha2::{Digest, Sha256};

use super::StoreError;

pub type Hash = [u8; 32];

/// The hash before the first event.
pub const GENESIS: Hash = [0; 32];

/// The link an event adds to the chain.
pub fn link(previous: &Hash, id: u64, stored: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(id.to_be_bytes());
    hasher.update(stored);
    hasher.finalize().into()
}

pub fn hex(hash: &Hash) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_of(id: u64, bytes: &[u8]) -> Result<Hash, StoreError> {
    bytes.try_into().map_err(|_| {
        StoreError::Corrupt(super::Damage::new(
            format!("the hash of event #{id} is not 32 bytes"),
            format!("事件 #{id} 的哈希值不是 32 字节"),
        ))
    })
}

/// The last link of the chain as `hashes` holds it.
pub fn head(hashes: &impl ReadableTable<u64, &'static [u8]>) -> Result<Hash, StoreError> {
    match hashes.last()? {
        Some((id, hash)) => hash_of(id.value(), hash.value()),
        None => Ok(GENESIS),
    }
}

/// Adds the link of an event just stored.
pub fn append(
    hashes: &mut Table<'_, u64, &'static [u8]>,
    id: u64,
    stored: &[u8],
) -> Result<(), StoreError> {
    let next = link(&head(hashes)?, id, stored);
    hashes.insert(id, next.as_slice())?;
    Ok(())
}

/// What a walk of the whole chain found: the events and the head.
pub struct Walked {
    pub events: u64,
    pub head: Hash,
}

/// Walks the events and their links side by side, in id order; the first
/// event whose link does not follow (or that has none, or a link with no
/// event) is the error. `last_id` is the last id the log handed out, so an
/// event removed from the end is found too.
pub fn walk(
    events: &impl ReadableTable<u64, &'static [u8]>,
    hashes: &impl ReadableTable<u64, &'static [u8]>,
    last_id: u64,
) -> Result<Walked, StoreError> {
    let broken = |id: u64, (en, zh): (&str, &str)| {
        StoreError::Corrupt(super::Damage::new(
            format!("event #{id} {en}; the event log was edited outside outlay"),
            format!("事件 #{id}{zh}；事件日志在 outlay 之外被改动"),
        ))
    };
    let mut links = hashes.iter()?;
    let mut previous = GENESIS;
    let mut count = 0;
    let mut last_seen = 0;
    for entry in events.iter()? {
        let (id, bytes) = entry?;
        let id = id.value();
        let Some(stored) = links.next().transpose()? else {
            return Err(broken(
                id,
                ("has no link in the hash chain", "在哈希链中没有链接"),
            ));
        };
        if stored.0.value() != id {
            let missing = stored.0.value().min(id);
            return Err(broken(
                missing,
                (
                    "is missing from the log or from its hash chain",
                    "在日志或其哈希链中缺失",
                ),
            ));
        }
        let expected = link(&previous, id, bytes.value());
        if hash_of(id, stored.1.value())? != expected {
            return Err(broken(
                id,
                (
                    "does not match the hash chain: it was changed after it was written",
                    "与哈希链不符：写入后被改动过",
                ),
            ));
        }
        previous = expected;
        count += 1;
        last_seen = id;
    }
    if let Some(extra) = links.next().transpose()? {
        return Err(broken(
            extra.0.value(),
            ("is missing from the log", "在日志中缺失"),
        ));
    }
    if last_seen != last_id {
        return Err(broken(
            last_id,
            ("is missing from the end of the log", "在日志末尾缺失"),
        ));
    }
    Ok(Walked {
        events: count,
        head: previous,
    })
}
