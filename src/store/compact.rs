//! Disbursements, the one record a ledger holds by the million, in a compact
//! binary layout: postcard (varints, length-prefixed text) over a record of
//! plain integers — the date as its day number, the amount in fen, the entry
//! time as seconds and nanoseconds — behind a format byte, so a later layout
//! can be told from this one. The id is the record's key and is not repeated.
//! The other records, a few hundred in a year, stay JSON, which lets a schema
//! add an optional field without rewriting them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::record::{Id, Stored};
use super::tables::{day_from_key, day_key, fen_key};
use super::{Damage, StoreError};
use crate::domain::entries::PaymentRefs;
use crate::domain::spend_tag::SpendTag;
use crate::domain::{Disbursement, Money, Vocabulary};

/// The first byte of every stored disbursement: which layout follows.
const FORMAT_1: u8 = 1;

/// Layout 1. Fields are never reordered or removed: a new layout gets a new
/// format byte and a struct of its own.
#[derive(Serialize, Deserialize)]
struct Layout1<'a> {
    line: &'a str,
    day: u32,
    fen: i64,
    payee: &'a str,
    voucher: &'a str,
    memo: &'a str,
    contract: Option<&'a str>,
    reverses: Option<u64>,
    request_no: Option<&'a str>,
    payee_account: Option<&'a str>,
    purpose: Option<&'a str>,
    /// One bit per [`SpendTag`], in the order of `SpendTag::ALL`.
    tags: u8,
    entered_by: &'a str,
    entered_secs: i64,
    entered_nanos: u32,
}

pub fn encode_disbursement(d: &Disbursement) -> Vec<u8> {
    let layout = Layout1 {
        line: &d.line,
        day: day_key(d.date),
        fen: fen_key(d.amount),
        payee: &d.payee,
        voucher: &d.voucher,
        memo: &d.memo,
        contract: d.contract.as_deref(),
        reverses: d.reverses,
        request_no: d.refs.request_no.as_deref(),
        payee_account: d.refs.payee_account.as_deref(),
        purpose: d.refs.purpose.as_deref(),
        tags: tag_bits(d),
        entered_by: &d.entered_by,
        entered_secs: d.entered_at.timestamp(),
        entered_nanos: d.entered_at.timestamp_subsec_nanos(),
    };
    let mut out = vec![FORMAT_1];
    postcard::to_io(&layout, &mut out).expect("a disbursement always encodes");
    out
}

/// Reads a stored disbursement back, refusing a record in an unknown layout,
/// one that does not parse, and one past the bounds, naming it by its id.
pub fn decode_disbursement(id: u64, bytes: &[u8]) -> Result<Disbursement, StoreError> {
    let unreadable = |why: String| {
        StoreError::Corrupt(Damage::new(
            format!(
                "record {} of table 'disbursements' cannot be read: {why}",
                Id(id)
            ),
            format!("表“disbursements”的记录 {} 无法读取：{why}", Id(id)),
        ))
    };
    let Some((&FORMAT_1, body)) = bytes.split_first() else {
        let format = bytes.first().map_or("none".into(), u8::to_string);
        return Err(unreadable(format!(
            "its layout {format} is not one this outlay knows"
        )));
    };
    let (layout, rest): (Layout1, _) =
        postcard::take_from_bytes(body).map_err(|e| unreadable(e.to_string()))?;
    if !rest.is_empty() {
        return Err(unreadable(format!(
            "extra bytes follow the record ({})",
            rest.len()
        )));
    }
    let entered_at = DateTime::<Utc>::from_timestamp(layout.entered_secs, layout.entered_nanos)
        .ok_or_else(|| unreadable("its entry time is not a time".into()))?;
    let d = Disbursement {
        id,
        line: layout.line.into(),
        date: day_from_key(layout.day),
        amount: Money::from_fen(layout.fen),
        payee: layout.payee.into(),
        voucher: layout.voucher.into(),
        memo: layout.memo.into(),
        contract: layout.contract.map(Into::into),
        reverses: layout.reverses,
        refs: PaymentRefs {
            request_no: layout.request_no.map(Into::into),
            payee_account: layout.payee_account.map(Into::into),
            purpose: layout.purpose.map(Into::into),
        },
        tags: SpendTag::ALL
            .iter()
            .enumerate()
            .filter(|(bit, _)| layout.tags & (1 << bit) != 0)
            .map(|(_, tag)| *tag)
            .collect(),
        entered_by: layout.entered_by.into(),
        entered_at,
    };
    match d.problem() {
        None => Ok(d),
        Some(problem) => Err(StoreError::Corrupt(Damage::new(
            format!(
                "record {} of table 'disbursements' {} (it was written around outlay's checks)",
                Id(id),
                problem.en
            ),
            format!(
                "表“disbursements”的记录 {}{}（系绕过 outlay 的检查写入）",
                Id(id),
                problem.zh
            ),
        ))),
    }
}

fn tag_bits(d: &Disbursement) -> u8 {
    SpendTag::ALL
        .iter()
        .enumerate()
        .filter(|(_, tag)| d.tags.contains(tag))
        .fold(0, |bits, (bit, _)| bits | 1 << bit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn payment() -> Disbursement {
        Disbursement {
            id: 42,
            line: "P05".into(),
            date: "2021-06-30".parse().unwrap(),
            amount: "-1234567.89".parse().unwrap(),
            payee: "应急救援培训中心".into(),
            voucher: "记-0630-17".into(),
            memo: "冲销 #41: 重复".into(),
            contract: Some("HT-2021-03".into()),
            reverses: Some(41),
            refs: PaymentRefs {
                request_no: Some("SQ-9".into()),
                payee_account: None,
                purpose: Some("培训".into()),
            },
            tags: BTreeSet::from([SpendTag::Reception, SpendTag::Procurement]),
            entered_by: "zhangsan".into(),
            entered_at: DateTime::from_timestamp(1_625_000_000, 123_456_789).unwrap(),
        }
    }

    #[test]
    fn a_disbursement_reads_back_as_it_was_written() {
        let d = payment();
        assert_eq!(
            decode_disbursement(42, &encode_disbursement(&d)).unwrap(),
            d
        );
        let bare = Disbursement {
            contract: None,
            reverses: None,
            refs: PaymentRefs::default(),
            tags: BTreeSet::new(),
            memo: String::new(),
            ..d
        };
        assert_eq!(
            decode_disbursement(42, &encode_disbursement(&bare)).unwrap(),
            bare
        );
    }

    #[test]
    fn the_layout_is_compact() {
        let json = super::super::tables::encode(&payment()).len();
        let compact = encode_disbursement(&payment()).len();
        assert!(compact * 2 < json, "{compact} bytes against JSON's {json}");
    }

    #[test]
    fn an_unknown_layout_a_cut_record_or_trailing_bytes_are_named() {
        let mut bytes = encode_disbursement(&payment());
        let message = |bytes: &[u8]| match decode_disbursement(42, bytes) {
            Err(StoreError::Corrupt(damage)) => damage.en,
            other => panic!("{other:?}"),
        };
        bytes.push(0);
        assert!(
            message(&bytes).contains("extra bytes follow the record (1)"),
            "{}",
            message(&bytes)
        );
        assert!(message(&bytes[..10]).contains("#42"));
        bytes[0] = 2;
        assert!(message(&bytes).contains("layout 2"));
        assert!(message(b"{\"id\":1}").contains("layout 123"));
        assert!(message(&[]).contains("layout none"));
    }

    #[test]
    fn an_amount_past_the_bound_is_refused_on_reading() {
        let d = Disbursement {
            amount: Money::from_fen(i64::MAX),
            ..payment()
        };
        match decode_disbursement(42, &encode_disbursement(&d)) {
            Err(StoreError::Corrupt(damage)) => assert!(damage.en.contains("outside the bound")),
            other => panic!("{other:?}"),
        }
    }
}
