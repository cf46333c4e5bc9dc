//! The command line: clap parsing, then one call into the ledger per
//! subcommand, then rendering. No rule lives here.

mod backup;
mod entry;
mod form;
mod import;
mod init;
mod list;
mod monitor;
mod monitoring_rules;
mod month;
mod note;
mod output;
mod progress;
mod project_facts;
mod report;
mod review;
mod scoring;
mod serve;
mod settings;
mod shell;
mod summary;
mod year;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::domain::{Refusal, Unit};
use crate::i18n::Lang;
use crate::{Error, Ledger};

pub use output::Format;

#[derive(Parser, Debug)]
#[command(name = "outlay", version, about = "Track a department's fiscal-year budget execution (预算执行)", long_about = None)]
pub struct Cli {
    /// The ledger file [default: $OUTLAY_DB, else outlay/ledger.redb in the XDG data dir]
    #[arg(long, global = true, env = "OUTLAY_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Show amounts in 元 (yuan) or 万元 (wan) [default: the settings file's, else yuan]
    #[arg(long, global = true, value_enum)]
    pub unit: Option<UnitArg>,
    /// Language of labels [default: the settings file's, else from LC_ALL / LC_MESSAGES / LANG]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Talk to `outlay serve` on this Unix socket instead of opening the file
    #[arg(long, global = true, env = "OUTLAY_SOCKET", value_name = "PATH")]
    pub socket: Option<PathBuf>,
    /// The Unix user `outlay serve` must run as; a process of anyone else on the socket is refused [default: the settings file's, else the owner of the socket's directory]
    #[arg(long, global = true, env = "OUTLAY_SERVER_USER", value_name = "USER")]
    pub server_user: Option<String>,
    /// The settings file (lang, unit, keymap, db, socket, server_user) [default: outlay/config.toml in the XDG config dir]
    #[arg(long, global = true, env = "OUTLAY_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Key bindings for the TUI: `vim`, `default`, or a TOML file [default: keymap.toml in the XDG config dir, if any]
    #[arg(long, global = true, value_name = "FILE|vim")]
    pub keymap: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum UnitArg {
    Yuan,
    Wan,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new ledger (refuses to overwrite an existing file)
    Init(init::InitArgs),
    /// Open the TUI on a fresh copy of the demo year (2021); prints its report when not on a terminal
    Demo(init::DemoArgs),
    /// Budget lines (预算指标)
    #[command(subcommand)]
    Line(entry::LineCommand),
    /// Add to (追加) or reduce (调减) a line's budget, or move money between lines
    Adjust(entry::AdjustArgs),
    /// Log a disbursement (支付) against a line
    Pay(entry::PayArgs),
    /// Reverse a disbursement (冲销) with a negative entry that names it
    Reverse(entry::ReverseArgs),
    /// Contract payment schedule (合同支付计划)
    #[command(subcommand)]
    Schedule(entry::ScheduleCommand),
    /// Performance indicators (绩效指标)
    #[command(subcommand)]
    Indicator(entry::IndicatorCommand),
    /// Projects' score weights and the reasons they are behind (see also `line set`)
    #[command(subcommand)]
    Project(settings::ProjectCommand),
    /// The year-end report's prose: conclusion, problems, improvements (评价结论 / 存在问题 / 改进措施)
    #[command(subcommand)]
    Note(note::NoteCommand),
    /// List lines, disbursements, adjustments, schedule, indicators, progress values or events
    List(list::ListArgs),
    /// Import a CSV file (UTF-8 with or without BOM, GBK, or UTF-16 with BOM)
    Import(import::ImportArgs),
    /// The execution report (执行情况): rates, time progress, overdue payments
    Report(report::ReportArgs),
    /// The month-end review (月末执行分析): lagging lines first, overdue and falling-due payments, the month's payments
    Review(review::ReviewArgs),
    /// The year-end summary (年度绩效自评汇总): funding, execution, projects, scores, prose
    Summary(summary::SummaryArgs),
    /// Each project's self-evaluation form (项目支出绩效自评表), national or Sichuan layout
    Form(form::FormArgs),
    /// The 绩效运行监控 (双监控) return: every project's money and indicators as of a date
    Monitor(monitor::MonitorArgs),
    /// Month close (结账): close, reopen or list closed months
    #[command(subcommand)]
    Month(month::MonthCommand),
    /// Year close (年终结转) into the next year's ledger
    #[command(subcommand)]
    Year(year::YearCommand),
    /// Ledger settings: lagging tolerance, scoring bands and rules, warning lights, checkpoints, reductions (no flags: show them)
    Settings(entry::SettingsArgs),
    /// Rebuild every running total from the entries and compare
    Check,
    /// Write a verified copy of the ledger to a new file (through the server when it is served)
    Backup(backup::BackupArgs),
    /// Own the ledger file and serve it to several users over a Unix socket
    Serve(serve::ServeArgs),
    /// Users and their roles (viewer, clerk, admin)
    #[command(subcommand)]
    User(serve::UserCommand),
    /// Write a shell's completion script to stdout (bash, zsh, fish, elvish, powershell)
    Completions(shell::CompletionsArgs),
    /// Write outlay's man page (roff) to stdout, or every page into a directory
    Man(shell::ManArgs),
}

/// What every subcommand needs besides its own arguments.
pub struct Context {
    pub db: PathBuf,
    /// Talk to `outlay serve` on this socket instead of opening `db`.
    pub socket: Option<PathBuf>,
    /// The user the server must run as (default: the owner of the socket's directory).
    pub server_user: Option<String>,
    pub keymap: Option<String>,
    pub unit: Unit,
    /// The unit the user chose (flag or settings file), if any: the summary
    /// follows the report's 万元 unless told otherwise.
    pub unit_chosen: Option<Unit>,
    pub lang: Lang,
    pub actor: String,
}

impl Context {
    /// How a document filed with the finance office is written (a form, the
    /// summary, the monitoring return): the user's language, 万元 unless the
    /// user chose a unit.
    pub fn filed_style(&self) -> crate::document::summary::Style {
        crate::document::summary::Style {
            lang: self.lang,
            unit: self.unit_chosen.unwrap_or(Unit::Wan),
        }
    }

    /// The ledger: through the server when a socket is configured, else the file.
    pub fn open(&self) -> Result<Ledger, Error> {
        if let Some(socket) = &self.socket {
            let endpoint = crate::remote::Endpoint::new(socket, self.server_user.as_deref());
            return Ledger::connect_to(&endpoint);
        }
        match Ledger::open(&self.db, &self.actor) {
            Err(Error::Store(crate::store::StoreError::Busy { path })) => {
                // Held by a server? Then say where to reach it, not that it is locked.
                let default = crate::remote::server::default_socket(&path);
                let served = crate::remote::sidecar::served_socket(&path).or_else(|| {
                    std::os::unix::net::UnixStream::connect(&default)
                        .is_ok()
                        .then_some(default)
                });
                if let Some(socket) = served {
                    return Err(crate::remote::ServerError::Served { db: path, socket }.into());
                }
                Err(Error::Store(crate::store::StoreError::Busy { path }))
            }
            Err(Error::Store(crate::store::StoreError::NotYours { path, owner })) => {
                // Another user's file: name its server's socket when the server left a note.
                match crate::remote::sidecar::served_socket(&path) {
                    Some(socket) => Err(crate::domain::Refusal::field_in(
                        "db",
                        format!(
                            "{} belongs to {owner} and is served by `outlay serve`: use --socket {} (or OUTLAY_SOCKET, or `socket = …` in your settings file)",
                            path.display(),
                            socket.display()
                        ),
                        format!(
                            "{} 属于 {owner}，由 `outlay serve` 提供：请用 --socket {}（或 OUTLAY_SOCKET，或在设置文件中写 `socket = …`）",
                            path.display(),
                            socket.display()
                        ),
                    )
                    .into()),
                    None => Err(Error::Store(crate::store::StoreError::NotYours { path, owner })),
                }
            }
            other => other,
        }
    }
}

fn default_db() -> PathBuf {
    directories::ProjectDirs::from("", "", "outlay")
        .map(|dirs| dirs.data_dir().join("ledger.redb"))
        .unwrap_or_else(|| PathBuf::from("outlay.redb"))
}

/// Parses the command line, runs it, and turns the outcome into an exit code:
/// 0 ok, 1 refused input or a failure (message on stderr), 2 usage.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut lang = cli.lang.unwrap_or_else(Lang::from_env);
    let outcome = settings(&cli).and_then(|context| {
        lang = context.lang;
        if cli.command.is_none() && !on_a_terminal() {
            // Never draw into a file or a pipe: say what to run instead.
            eprintln!(
                "outlay: {}",
                lang.pick(
                    "终端界面需要终端（标准输入和标准输出都须是终端）；要打印执行报告，请用 `outlay report`。",
                    "the terminal UI needs a terminal (stdin and stdout both); `outlay report` prints the report instead."
                )
            );
            return Ok(ExitCode::from(2));
        }
        run(cli.command, &context).map(|()| ExitCode::SUCCESS)
    });
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("outlay: {}", output::escape(&lang.error(&e)));
            ExitCode::from(1)
        }
    }
}

fn on_a_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Flags win over the settings file, which wins over the environment's defaults.
fn settings(cli: &Cli) -> Result<Context, Error> {
    let config = match cli.config.clone().or_else(Config::default_path) {
        Some(path) => Config::load(&path)?,
        None => Config::default(),
    };
    let unit_chosen = match cli.unit {
        Some(UnitArg::Yuan) => Some(Unit::Yuan),
        Some(UnitArg::Wan) => Some(Unit::Wan),
        None => config.unit,
    };
    Ok(Context {
        db: cli.db.clone().or(config.db).unwrap_or_else(default_db),
        keymap: cli.keymap.clone().or(config.keymap),
        socket: cli.socket.clone().or(config.socket),
        server_user: cli.server_user.clone().or(config.server_user),
        unit: unit_chosen.unwrap_or_default(),
        unit_chosen,
        lang: cli.lang.or(config.lang).unwrap_or_else(Lang::from_env),
        actor: crate::identity::current_user(),
    })
}

fn run(command: Option<Command>, cx: &Context) -> Result<(), Error> {
    match command {
        None => crate::tui::run(cx.open()?, cx.lang, cx.unit_chosen, cx.keymap.as_deref()),
        Some(Command::Completions(args)) => shell::completions(&args),
        Some(Command::Man(args)) => shell::man(&args, cx.lang),
        Some(Command::Init(args)) => init::run(&args, cx),
        Some(Command::Demo(args)) => init::demo(&args, cx),
        Some(Command::Line(c)) => entry::line(c, cx),
        Some(Command::Adjust(a)) => entry::adjust(a, cx),
        Some(Command::Pay(a)) => entry::pay(a, cx),
        Some(Command::Reverse(a)) => entry::reverse(a, cx),
        Some(Command::Schedule(c)) => entry::schedule(c, cx),
        Some(Command::Indicator(c)) => entry::indicator(c, cx),
        Some(Command::Project(c)) => settings::project(c, cx),
        Some(Command::Note(c)) => note::run(c, cx),
        Some(Command::List(a)) => list::run(&a, cx),
        Some(Command::Import(a)) => import::run(&a, cx),
        Some(Command::Report(a)) => report::run(&a, cx),
        Some(Command::Review(a)) => review::run(&a, cx),
        Some(Command::Summary(a)) => summary::run(&a, cx),
        Some(Command::Form(a)) => form::run(&a, cx),
        Some(Command::Monitor(a)) => monitor::run(&a, cx),
        Some(Command::Month(c)) => month::run(c, cx),
        Some(Command::Year(c)) => year::run(c, cx),
        Some(Command::Settings(a)) => entry::settings(a, cx),
        Some(Command::Check) => check(cx),
        Some(Command::Backup(args)) => backup::run(&args, cx),
        Some(Command::Serve(args)) => serve::serve(&args, cx),
        Some(Command::User(command)) => serve::user(command, cx),
    }
}

fn check(cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let mismatches = ledger.verify_totals()?;
    if mismatches.is_empty() {
        output::line(cx.lang.pick(
            "账目一致：所有累计数与明细相符。",
            "Consistent: every running total equals the sum of its entries.",
        ))?;
        let (events, head) = ledger.event_chain()?;
        output::line(&format!(
            "{} {events} · {} {head}",
            cx.lang.pick("操作日志条数", "Events logged"),
            cx.lang.pick("哈希链头", "hash chain head"),
        ))?;
        return Ok(());
    }
    for m in &mismatches {
        output::line(&format!(
            "{}: {} {} ≠ {} {}",
            m.what,
            cx.lang.pick("记录值", "stored"),
            m.stored,
            cx.lang.pick("重算值", "rebuilt"),
            m.rebuilt
        ))?;
    }
    let n = mismatches.len();
    Err(crate::store::StoreError::Corrupt(crate::store::Damage::new(
        format!("{n} running totals disagree with their entries"),
        format!("{n} 项累计数与明细不符"),
    ))
    .into())
}

// ---- parsing typed values, refusing with the field's name --------------------

pub(crate) fn amount(field: &'static str, text: &str) -> Result<crate::domain::Money, Refusal> {
    crate::domain::parse_amount(text)
        .map_err(|e| Refusal::field_in(field, Lang::En.money_error(&e), Lang::Zh.money_error(&e)))
}

pub(crate) fn date(field: &'static str, text: &str) -> Result<chrono::NaiveDate, Refusal> {
    crate::domain::parse_date(text)
        .map_err(|e| Refusal::field_in(field, Lang::En.date_error(&e), Lang::Zh.date_error(&e)))
}

/// An optional `--as-of`: read as dates are, and inside the ledger's year (a
/// date of another year would silently read as the year's first or last day).
pub(crate) fn as_of_in(
    year: crate::domain::FiscalYear,
    text: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, Refusal> {
    text.map(|text| {
        let as_of = date("as_of", text)?;
        crate::domain::input::in_year("as_of", as_of, year)?;
        Ok(as_of)
    })
    .transpose()
}

pub(crate) fn word<W: crate::domain::Vocabulary>(text: &str) -> Result<W, Refusal> {
    crate::domain::vocabulary::parse_word(text)
}

/// `--tags reception,procurement`: 三公经费 / 政府采购 tags; empty is none.
pub(crate) fn tags(
    text: &str,
) -> Result<std::collections::BTreeSet<crate::domain::spend_tag::SpendTag>, Refusal> {
    crate::domain::spend_tag::tags_field(text)
}

/// The one reader of every decimal given on the command line (weights,
/// points, tolerance): a plain decimal, optionally followed by `%`; no
/// exponent (`1e1`), grouping or inner space.
pub(crate) fn decimal(field: &'static str, text: &str) -> Result<rust_decimal::Decimal, Refusal> {
    let number = text.trim();
    let number = number.strip_suffix('%').unwrap_or(number);
    crate::domain::input::parse_plain_decimal(number).ok_or_else(|| {
        let shown = output::escape(text);
        Refusal::field_in(
            field,
            format!("'{shown}' is not a number (write e.g. 10 or 12.5)"),
            format!("“{shown}”不是数字（例如 10 或 12.5）"),
        )
    })
}
