//! Why the ledger refuses an input: one sentence that names the field at fault.

/// A rule of the domain that an input breaks. Nothing is stored when one is raised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A field's value is malformed or out of range.
    #[error("{field}: {message}")]
    Field {
        field: &'static str,
        message: String,
        /// The same sentence in Chinese, where one has been written.
        zh: Option<String>,
    },
    #[error("line: no budget line has the code '{0}'")]
    UnknownLine(String),
    #[error("code: budget line '{0}' already exists")]
    DuplicateLine(String),
    #[error("voucher: '{voucher}' is already recorded on line {line} as disbursement #{id}{}; give this entry a voucher of its own", reversed_note(*.reversed_by))]
    DuplicateVoucher {
        line: String,
        voucher: String,
        id: u64,
        /// The holder was reversed: its voucher still stays with it.
        reversed_by: Option<u64>,
    },
    #[error("id: there is no disbursement #{0}")]
    UnknownDisbursement(u64),
    #[error("id: disbursement #{id} was already reversed by #{by}")]
    AlreadyReversed { id: u64, by: u64 },
    #[error("id: #{0} is itself a reversal and cannot be reversed (log the payment again instead)")]
    ReversingAReversal(u64),
    #[error("id: there is no {what} #{id}")]
    UnknownRecord { what: &'static str, id: u64 },
    #[error(
        "role: the Unix user '{user}' has no role in this ledger; an admin can give one with `outlay user grant {user} clerk`"
    )]
    NoRole { user: String },
    #[error("role: this needs the {needs} role, and '{user}' is a {has}")]
    NeedsRole {
        user: String,
        has: String,
        needs: String,
    },
    /// A refusal that came over the wire from a server: its field and sentence.
    #[error("{message}")]
    Remote {
        field: String,
        message: String,
        /// The server's Chinese sentence, where it has one.
        zh: Option<String>,
    },
}

impl Refusal {
    /// A field refusal, written in both languages (there is no English-only
    /// constructor, so a Chinese screen never shows an English sentence).
    pub fn field_in(field: &'static str, en: impl Into<String>, zh: impl Into<String>) -> Refusal {
        Refusal::Field {
            field,
            message: en.into(),
            zh: Some(zh.into()),
        }
    }

    /// The field at fault, for forms that put the message beside it.
    pub fn field_name(&self) -> &str {
        match self {
            Refusal::Field { field, .. } => field,
            Refusal::UnknownLine(_) => "line",
            Refusal::DuplicateLine(_) => "code",
            Refusal::DuplicateVoucher { .. } => "voucher",
            Refusal::UnknownDisbursement(_)
            | Refusal::AlreadyReversed { .. }
            | Refusal::ReversingAReversal(_)
            | Refusal::UnknownRecord { .. } => "id",
            Refusal::NoRole { .. } | Refusal::NeedsRole { .. } => "role",
            Refusal::Remote { field, .. } => field,
        }
    }
}

/// ", reversed by #13" after an entry that was reversed, else nothing.
fn reversed_note(by: Option<u64>) -> String {
    by.map(|by| format!(" (reversed by #{by}, its voucher stays with it)"))
        .unwrap_or_default()
}
