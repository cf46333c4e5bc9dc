//! The ledger API every front end uses, whether the ledger is a file this
//! process opened or a server it talks to over a socket. One list below
//! declares each call once: its arguments, its answer and the role it needs;
//! from it come the typed methods of [`Ledger`], the wire form [`Call`] and the
//! server's dispatch, so the three can never disagree.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    DisbursementQuery, ImportSummary, LedgerInfo, LocalLedger, PaymentOutcome, TotalsMismatch,
};
use crate::domain::cumulative::MonthlyExecution;
use crate::domain::facts::{FactsUpdate, ProjectFacts, ProjectFactsRow};
use crate::domain::form::{Layout, ProjectForm};
use crate::domain::input::{
    IndicatorUpdate, NewAdjustment, NewDisbursement, NewIndicator, NewScheduleItem, Reversal,
};
use crate::domain::monitor::MonitorReturn;
use crate::domain::monitoring::MonitoringRules;
use crate::domain::progress::{NewProgress, Progress};
use crate::domain::report::ExecutionReport;
use crate::domain::review::MonthReview;
use crate::domain::role::Role;
use crate::domain::rules::ScoringRules;
use crate::domain::schedule::InstalmentStatus;
use crate::domain::settings::{LineSettings, NoteSection, Notes, ProjectSettings, Weights};
use crate::domain::summary::YearSummary;
use crate::domain::supplementary::SupplementSummary;
use crate::domain::{
    Adjustment, BudgetLine, Disbursement, Event, FiscalYear, Indicator, ScheduleItem,
};
use crate::error::Result;
use crate::import::Row;
use crate::remote::{Client, Endpoint};

/// A user and their role, as `outlay user list` shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRole {
    pub user: String,
    pub role: Role,
}

macro_rules! ledger_api {
    ($( $(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty, $role:ident; )*) => {
        /// One call of the API as it travels to a server.
        #[derive(Debug, Serialize, Deserialize)]
        #[serde(tag = "call", content = "args", rename_all = "snake_case")]
        #[allow(non_camel_case_types, clippy::large_enum_variant)]
        pub enum Call { $( $name { $($arg: $ty),* } ),* }

        impl Call {
            /// Every call's name, as it travels (`"call": NAME`).
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// This call's name, as it travels.
            pub fn name(&self) -> &'static str {
                match self { $( Call::$name { .. } => stringify!($name) ),* }
            }

            /// Whether this call imports rows: the one kind of call that may
            /// be large, and may take long to answer.
            pub fn is_import(&self) -> bool {
                self.name().starts_with("import_")
            }

            /// The role a user needs for this call.
            pub fn role(&self) -> Role {
                match self { $( Call::$name { .. } => Role::$role ),* }
            }

            /// What kind of change this call makes, for the live updates
            /// other clients receive; `None` for a read.
            pub fn is_change(&self) -> bool {
                !matches!(self.role(), Role::Viewer)
            }
        }

        impl Ledger {
            $(
                $(#[$doc])*
                pub fn $name(&self, $($arg: $ty),*) -> Result<$ret> {
                    match &self.backend {
                        Backend::Local(local) => {
                            local.require(Role::$role)?;
                            local.$name($($arg),*)
                        }
                        Backend::Remote(client) => client.call(&Call::$name { $($arg),* }),
                    }
                }
            )*
        }

        impl LocalLedger {
            /// Runs a call that came from a client, checking the caller's role,
            /// and encodes the answer.
            pub fn dispatch(&self, call: Call) -> Result<serde_json::Value> {
                self.require(call.role())?;
                let encode = |value: serde_json::Result<serde_json::Value>| {
                    value.map_err(|e| crate::Error::from(crate::error::OutputError::Encode {
                        what: crate::error::Encoded::Answer,
                        cause: e.to_string(),
                    }))
                };
                match call { $( Call::$name { $($arg),* } => encode(serde_json::to_value(self.$name($($arg),*)?)), )* }
            }
        }
    };
}

ledger_api! {
    /// The ledger's department, year and settings.
    fn info() -> LedgerInfo, Viewer;
    /// The execution report as of a date (default: today, kept inside the year).
    fn report(as_of: Option<NaiveDate>) -> ExecutionReport, Viewer;
    fn lines() -> Vec<BudgetLine>, Viewer;
    fn line(code: String) -> Option<BudgetLine>, Viewer;
    /// The projects the lines fund, in the order of their first line.
    fn projects() -> Vec<String>, Viewer;
    fn disbursements(query: DisbursementQuery) -> Vec<Disbursement>, Viewer;
    fn disbursement(id: u64) -> Option<Disbursement>, Viewer;
    /// Which of these entries are reversed, each with the entry that reverses it.
    fn reversals_of(ids: Vec<u64>) -> BTreeMap<u64, u64>, Viewer;
    fn adjustments(line: Option<String>) -> Vec<Adjustment>, Viewer;
    fn schedule(as_of: Option<NaiveDate>, line: Option<String>) -> Vec<InstalmentStatus>, Viewer;
    fn supplements(as_of: NaiveDate) -> SupplementSummary, Viewer;
    /// The month-end review of a month (1–12); idle means no payment for `idle_days`.
    fn review(month: u32, idle_days: i64) -> MonthReview, Viewer;
    fn indicators(project: Option<String>) -> Vec<Indicator>, Viewer;
    fn events(limit: usize) -> Vec<Event>, Viewer;
    /// Rebuilds every running total from the entries; empty when consistent.
    /// Refused, naming it, when a record is unreadable or out of bounds or an
    /// event breaks the log's hash chain.
    fn verify_totals() -> Vec<TotalsMismatch>, Viewer;
    /// The events the log's hash chain links, and the chain's head (hex).
    fn event_chain() -> (u64, String), Viewer;
    fn users() -> Vec<UserRole>, Viewer;
    /// The year-end summary (年度绩效自评汇总) as of a date (default: today, kept inside the year).
    fn summary(as_of: Option<NaiveDate>) -> YearSummary, Viewer;
    /// The months closed (结账), 1–12.
    fn closed_months() -> Vec<u32>, Viewer;
    /// The budget at each month end and the money paid in each month, of the
    /// whole year (`None`) or of one project's lines: the cumulative execution chart.
    fn monthly_execution(project: Option<String>) -> MonthlyExecution, Viewer;
    fn add_line(line: BudgetLine) -> BudgetLine, Admin;
    fn adjust(request: NewAdjustment) -> Adjustment, Admin;
    fn set_tolerance(points: Decimal) -> (), Admin;
    /// Whether a rate above 100 % still scores only the execution weight.
    fn set_execution_cap(capped: bool) -> (), Admin;
    /// Grade bands, qualitative bands and the `=` rule (national unless set).
    fn scoring_rules() -> ScoringRules, Viewer;
    fn set_scoring_rules(rules: ScoringRules) -> (), Admin;
    /// Warning-light bands, the size rule, checkpoints, the reduction share.
    fn monitoring_rules() -> MonitoringRules, Viewer;
    fn set_monitoring_rules(rules: MonitoringRules) -> (), Admin;
    fn grant(user: String, role: Role) -> (), Admin;
    fn revoke(user: String) -> (), Admin;
    fn close_month(month: u32) -> (), Admin;
    /// Logs in this ledger (`year.close`) that its year was closed into `into`.
    fn record_year_close(into: String, lines: usize, instalments: usize) -> (), Admin;
    fn reopen_month(month: u32) -> (), Admin;
    fn import_lines(rows: Vec<Row<BudgetLine>>, origin: String) -> ImportSummary, Admin;
    fn import_adjustments(rows: Vec<Row<NewAdjustment>>, origin: String) -> ImportSummary, Admin;
    fn pay(request: NewDisbursement) -> PaymentOutcome, Clerk;
    fn reverse(request: Reversal) -> Disbursement, Clerk;
    fn add_schedule_item(request: NewScheduleItem) -> ScheduleItem, Clerk;
    fn add_indicator(request: NewIndicator) -> Indicator, Clerk;
    fn update_indicator(update: IndicatorUpdate) -> Indicator, Clerk;
    fn import_disbursements(rows: Vec<Row<NewDisbursement>>, origin: String) -> ImportSummary, Clerk;
    fn import_schedule(rows: Vec<Row<NewScheduleItem>>, origin: String) -> ImportSummary, Clerk;
    fn import_indicators(rows: Vec<Row<NewIndicator>>, origin: String) -> ImportSummary, Clerk;

    // In-year monitoring of indicators (绩效运行监控).
    /// Records how far an indicator has come on a date; the same date again replaces it.
    fn record_progress(request: NewProgress) -> Progress, Clerk;
    /// Every progress value, of one project's indicators or of all.
    fn progress(project: Option<String>) -> Vec<Progress>, Viewer;
    /// Records a file's progress values, all or none.
    fn import_progress(rows: Vec<Row<NewProgress>>, origin: String) -> ImportSummary, Clerk;
    /// The 绩效运行监控 return as of a date (default: today, kept inside the year).
    fn monitor(as_of: Option<NaiveDate>) -> MonitorReturn, Viewer;

    // Settings of lines and projects, and the year-end report's prose.
    /// Every line's settings by code (defaults for a line never set).
    fn line_settings() -> BTreeMap<String, LineSettings>, Viewer;
    fn set_line_settings(code: String, settings: LineSettings) -> (), Admin;
    /// Every project's settings by name (defaults for a project never set).
    fn project_settings() -> BTreeMap<String, ProjectSettings>, Viewer;
    /// Sets a project's first-level weights: none negative, 100 in all.
    fn set_project_weights(project: String, weights: Weights) -> (), Admin;
    /// Sets why a project is behind; `None` or blank clears it.
    fn set_project_reason(project: String, reason: Option<String>) -> (), Clerk;
    fn notes() -> Notes, Viewer;

    // Each project's self-evaluation form (项目支出绩效自评表).
    /// Every project's form facts by name (empty for a project that wrote none).
    fn project_facts() -> BTreeMap<String, ProjectFacts>, Viewer;
    /// Writes the named fields of a project's form facts; blank clears one.
    fn set_project_facts(project: String, update: FactsUpdate) -> ProjectFacts, Clerk;
    /// Writes the form facts of a file's rows, all or none.
    fn import_project_facts(rows: Vec<Row<ProjectFactsRow>>, origin: String) -> ImportSummary, Clerk;
    /// Every project's form in a layout, as of a date (default: today, kept inside the year).
    fn forms(as_of: Option<NaiveDate>, layout: Layout) -> Vec<ProjectForm>, Viewer;
    /// Writes a section of the year-end report; `None` or blank clears it.
    fn set_note(section: NoteSection, text: Option<String>) -> (), Clerk;
}

enum Backend {
    Local(LocalLedger),
    Remote(Client),
}

/// A ledger, opened here or served elsewhere: front ends cannot tell which.
pub struct Ledger {
    backend: Backend,
    year: FiscalYear,
}

impl Ledger {
    /// Creates a new, empty ledger file for a department's fiscal year.
    pub fn create(path: &Path, year: FiscalYear, department: &str, actor: &str) -> Result<Ledger> {
        Ok(Ledger::local(LocalLedger::create(
            path, year, department, actor,
        )?))
    }

    /// Opens a ledger file; changes are recorded under `actor`.
    pub fn open(path: &Path, actor: &str) -> Result<Ledger> {
        Ok(Ledger::local(LocalLedger::open(path, actor)?))
    }

    /// Creates a ledger file holding the demo year.
    pub fn create_demo(path: &Path, actor: &str) -> Result<Ledger> {
        Ok(Ledger::local(LocalLedger::create_demo(path, actor)?))
    }

    /// Connects to `outlay serve` on a Unix socket, run by the owner of the socket's directory.
    pub fn connect(socket: &Path) -> Result<Ledger> {
        Ledger::connect_to(&Endpoint::new(socket, None))
    }

    /// Connects to `outlay serve`, refusing a server run by another user than the endpoint's.
    pub fn connect_to(endpoint: &Endpoint) -> Result<Ledger> {
        let client = Client::connect(endpoint)?;
        let info: LedgerInfo = client.call(&Call::info {})?;
        Ok(Ledger {
            year: info.year,
            backend: Backend::Remote(client),
        })
    }

    fn local(ledger: LocalLedger) -> Ledger {
        Ledger {
            year: ledger.year(),
            backend: Backend::Local(ledger),
        }
    }

    pub fn year(&self) -> FiscalYear {
        self.year
    }

    /// The file this process opened, or else the client of the server that did.
    pub(super) fn here_or_served(&self) -> std::result::Result<&LocalLedger, &Client> {
        match &self.backend {
            Backend::Local(local) => Ok(local),
            Backend::Remote(client) => Err(client),
        }
    }

    /// The socket this ledger is served on, if it is a server's.
    pub fn client(&self) -> Option<&Client> {
        match &self.backend {
            Backend::Remote(client) => Some(client),
            Backend::Local(_) => None,
        }
    }

    /// A date for an entry that gives none: today, kept inside the fiscal year.
    pub fn default_date(&self) -> NaiveDate {
        self.year.clamp(crate::clock::today())
    }

    /// Year close (年终结转): creates the next year's ledger at `into`, where
    /// the unspent money of the `carry` lines becomes carry-over lines and
    /// their unpaid instalments come along. With no `carry` given, the lines
    /// marked for carry-over in this ledger are carried. This ledger gains
    /// only the `year.close` event, which takes an admin.
    pub fn close_year_into(&self, into: &Path, carry: &[String], actor: &str) -> Result<Ledger> {
        use crate::domain::Refusal;
        use crate::domain::carryover::carry_over;
        let next = FiscalYear::new(self.year.year() + 1).ok_or_else(|| {
            Refusal::field_in(
                "year",
                "there is no next fiscal year to close into",
                "没有下一预算年度",
            )
        })?;
        let marked;
        let carry = if carry.is_empty() {
            marked = self.lines_marked_for_carry_over()?;
            marked.as_slice()
        } else {
            carry
        };
        let lines = self.lines()?;
        if let Some(unknown) = carry.iter().find(|c| !lines.iter().any(|l| &l.code == *c)) {
            return Err(Refusal::UnknownLine(unknown.clone()).into());
        }
        self.require_admin_to_log(actor)?;
        let year_end = Some(self.year.last_day());
        let report = self.report(year_end)?;
        let instalments = self.schedule(year_end, None)?;
        let carried = carry_over(next, &lines, &report.lines, &instalments, carry);
        let department = self.info()?.department;
        let (line_count, instalment_count) = (carried.lines.len(), carried.schedule.len());
        let next_ledger = Ledger::create(into, next, &department, actor)?;
        let origin = format!("year close from {}", self.year);
        let rows = |n: usize| n + 2;
        next_ledger.import_lines(
            carried
                .lines
                .into_iter()
                .enumerate()
                .map(|(n, value)| Row {
                    number: rows(n),
                    value,
                })
                .collect(),
            origin.clone(),
        )?;
        next_ledger.import_schedule(
            carried
                .schedule
                .into_iter()
                .enumerate()
                .map(|(n, value)| Row {
                    number: rows(n),
                    value,
                })
                .collect(),
            origin,
        )?;
        self.record_year_close(into.display().to_string(), line_count, instalment_count)?;
        Ok(next_ledger)
    }

    /// Refuses, before anything is made, a year close by a user who may not
    /// write its event into this ledger.
    fn require_admin_to_log(&self, actor: &str) -> Result<()> {
        let users = self.users()?;
        match users.iter().find(|u| u.user == actor) {
            Some(u) if u.role == Role::Admin => Ok(()),
            Some(u) => Err(crate::domain::Refusal::NeedsRole {
                user: actor.to_string(),
                has: u.role.to_string(),
                needs: Role::Admin.to_string(),
            }
            .into()),
            None => Err(crate::domain::Refusal::NoRole {
                user: actor.to_string(),
            }
            .into()),
        }
    }

    /// The codes of the lines marked for carry-over; refused when there are none,
    /// saying how to mark them.
    fn lines_marked_for_carry_over(&self) -> Result<Vec<String>> {
        let marked: Vec<String> = self
            .line_settings()?
            .into_iter()
            .filter(|(_, s)| s.carry_over)
            .map(|(code, _)| code)
            .collect();
        if marked.is_empty() {
            return Err(crate::domain::Refusal::field_in(
                "carry",
                "no line is marked for carry-over; mark them with `outlay line set CODE --carry on`, or name them with --carry CODE,…",
                "没有标记结转的指标；请用 `outlay line set 编码 --carry on` 标记，或用 --carry 编码,… 指定",
            )
            .into());
        }
        Ok(marked)
    }

    /// Imports disbursements, reporting progress when the file is local (a
    /// server stores them in one go and answers when done).
    pub fn import_disbursements_with_progress(
        &self,
        rows: Vec<Row<NewDisbursement>>,
        origin: String,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<ImportSummary> {
        match &self.backend {
            Backend::Local(local) => {
                local.require(Role::Clerk)?;
                local.import_disbursements_with_progress(rows, origin, progress)
            }
            Backend::Remote(_) => self.import_disbursements(rows, origin),
        }
    }
}
