//! What happens to budget lines during the year: adjustments (追加/调减) and
//! disbursements (支付), both append-only.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::input::NewDisbursement;
use super::money::Money;
use super::spend_tag::SpendTag;

/// 指标调整: money added to (追加) or taken from (调减) an existing line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustment {
    pub id: u64,
    pub line: String,
    pub date: NaiveDate,
    /// Positive adds to the line's budget, negative reduces it.
    pub amount: Money,
    /// 调整文号
    pub doc_no: String,
    pub reason: String,
    /// 批次号
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_no: Option<String>,
    /// When money moves between lines, the line it comes from (whose budget
    /// falls by the same amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_line: Option<String>,
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
}

/// The identifying fields a treasury payment (支付) carries besides the voucher.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaymentRefs {
    /// 支付申请编号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_no: Option<String>,
    /// 收款账号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payee_account: Option<String>,
    /// 用途
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
}

/// 支付: money paid out against a line. Never edited or deleted; a mistake is
/// corrected by a reversing entry (`reverses`), which carries the negative amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disbursement {
    pub id: u64,
    pub line: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub payee: String,
    /// 凭证号, unique on its line.
    pub voucher: String,
    #[serde(default)]
    pub memo: String,
    /// The contract (合同号) this pays an instalment of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    /// Set on a reversing entry: the disbursement it cancels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverses: Option<u64>,
    #[serde(default)]
    pub refs: PaymentRefs,
    /// 三公经费 / 政府采购 tags of this payment alone (its line may carry its own).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<SpendTag>,
    /// The Unix user who entered it, as the operating system knows them.
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
}

impl Disbursement {
    /// A reversal's memo as outlay writes it: the Chinese word a finance
    /// reader looks for, the entry it cancels, the reason.
    pub fn reversal_memo(reverses: u64, reason: &str) -> String {
        format!("冲销 #{reverses}: {reason}")
    }

    /// The reason given for a reversal, without what
    /// [`Disbursement::reversal_memo`] wrote before it; `None` for a payment.
    pub fn reversal_reason(&self) -> Option<&str> {
        let id = self.reverses?;
        let written = Disbursement::reversal_memo(id, "");
        Some(self.memo.strip_prefix(&written).unwrap_or(&self.memo))
    }
}

impl Disbursement {
    /// Whether an imported row is this stored payment again, as an overlapping
    /// treasury export repeats it: every field the row carries must agree, so
    /// a changed payee, memo or contract is a conflict, never silently dropped.
    pub fn same_payment(&self, row: &NewDisbursement) -> bool {
        self.line == row.line
            && self.voucher == row.voucher
            && self.date == row.date
            && self.amount == row.amount
            && self.payee == row.payee.trim()
            && self.memo == row.memo.trim()
            && self.contract.as_deref()
                == row
                    .contract
                    .as_deref()
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
            && self.refs == row.refs
            && self.tags == row.tags
    }
}

/// 合同支付计划: an instalment of a contract, due on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleItem {
    pub id: u64,
    pub line: String,
    pub contract: String,
    pub payee: String,
    pub due: NaiveDate,
    pub amount: Money,
    #[serde(default)]
    pub memo: String,
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
}

/// One change to the ledger, as the event log keeps it (append-only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: u64,
    pub at: DateTime<Utc>,
    pub who: String,
    /// What kind of change: `pay`, `reverse`, `line.add`, `import.disbursements` …
    pub action: String,
    /// The line, disbursement or project it concerns.
    pub subject: String,
    /// A one-line human description.
    pub detail: String,
}
