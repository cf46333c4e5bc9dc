//! `outlay import KIND FILE`: CSV in, all rows or none, with a progress bar.

use std::fs::File;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use super::{Context, output};
use crate::error::Error;
use crate::import::{self, Halt, ImportError};
use crate::ledger::ImportSummary;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Kind {
    Lines,
    Adjustments,
    Disbursements,
    Schedule,
    Indicators,
    /// What each project's form says: project, implementer, goal, achieved,
    /// content, conclusion, problems, improvements, leader, finance_leader
    ProjectFacts,
    /// Indicators' in-year progress values: indicator, date, value, projected,
    /// cause, reason, likelihood, rectify (指标编号, 日期, 完成情况, 全年预计,
    /// 偏差原因类型, 偏差原因, 完成可能性, 整改措施)
    Progress,
}

/// The file's encoding, when detection should not decide.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(alias = "gb18030")]
    Gbk,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// What the file holds
    #[arg(value_enum)]
    pub kind: Kind,
    /// The CSV file (see "CSV formats" in the README for its columns)
    pub file: PathBuf,
    /// Read the file as UTF-8 or as GBK/GB18030 [default: detected: a BOM,
    /// else valid UTF-8, else GBK unless the file is mostly UTF-8]
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,
}

/// Files smaller than this import too fast for a bar to be worth drawing.
const BAR_FROM_ROWS: usize = 5_000;
/// The same for a streamed file: about 5,000 rows of a treasury export.
const BAR_FROM_BYTES: u64 = 256 * 1024;

pub fn run(args: &ImportArgs, cx: &Context) -> Result<(), Error> {
    let name = args.file.display().to_string();
    let in_file = |e: ImportError| Error::Import {
        file: name.clone(),
        error: Box::new(e),
    };
    let encoding = match args.encoding {
        None => import::Encoding::Detect,
        Some(EncodingArg::Utf8) => import::Encoding::Utf8,
        Some(EncodingArg::Gbk) => import::Encoding::Gbk,
    };
    // A refusal by the ledger names its row the same way the parser does.
    let from_ledger = |e: Error| match e {
        Error::ImportRow { row, refusal } => in_file(ImportError::refused(row, &refusal)),
        other => other,
    };
    let summary = match args.kind {
        Kind::Disbursements => stream_disbursements(args, encoding, cx),
        _ => import_whole(args, encoding, cx),
    }
    .map_err(from_ledger)?;
    output::line(&format!(
        "{name}: {} {}, {} {}",
        group(summary.added),
        cx.lang.pick("条新增", "new"),
        group(summary.already_present),
        cx.lang
            .pick("条已存在（跳过）", "already present (skipped)")
    ))?;
    for warning in &summary.warnings {
        eprintln!(
            "{}: {}",
            cx.lang.pick("警告", "warning"),
            output::escape(&cx.lang.warning(warning))
        );
    }
    Ok(())
}

/// Disbursements, streamed: the file is read once to settle its encoding
/// (when neither a mark nor `--encoding` does) and once more row by row,
/// each row stored as it is read; the bar follows the bytes read.
fn stream_disbursements(
    args: &ImportArgs,
    encoding: import::Encoding,
    cx: &Context,
) -> Result<ImportSummary, Error> {
    let name = args.file.display().to_string();
    let read_error = |source| Error::Read {
        path: name.clone(),
        source,
    };
    let in_file = |e: ImportError| Error::Import {
        file: name.clone(),
        error: Box::new(e),
    };
    let open = || File::open(&args.file).map_err(read_error);
    let sniffed = import::sniff(open()?, encoding)
        .map_err(read_error)?
        .map_err(in_file)?;
    let file = open()?;
    let size = file.metadata().map_err(read_error)?.len();
    let ledger = cx.open()?;
    let year = ledger.year();

    let bar = if size >= BAR_FROM_BYTES && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let bar = ProgressBar::new(size);
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes}")
                .expect("static template")
                .progress_chars("=> "),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    bar.set_message(cx.lang.pick("导入", "importing"));
    let read = Arc::new(AtomicU64::new(0));
    let text = import::TextReader::new(
        Counted {
            inner: file,
            read: Arc::clone(&read),
        },
        sniffed,
    );
    let summary = ledger.import_disbursements_streamed(name.clone(), |take| {
        let shown = &mut |_| bar.set_position(read.load(Ordering::Relaxed));
        match import::stream_disbursements(text, year, shown, take) {
            Ok(_) => Ok(()),
            Err(Halt::File(e)) => Err(in_file(e)),
            Err(Halt::Read(e)) => Err(read_error(e)),
            Err(Halt::Taken(e)) => Err(e),
        }
    });
    bar.finish_and_clear();
    summary
}

/// Every other kind: the file is read whole, parsed, then stored.
fn import_whole(
    args: &ImportArgs,
    encoding: import::Encoding,
    cx: &Context,
) -> Result<ImportSummary, Error> {
    let name = args.file.display().to_string();
    let in_file = |e: ImportError| Error::Import {
        file: name.clone(),
        error: Box::new(e),
    };
    let bytes = std::fs::read(&args.file).map_err(|source| Error::Read {
        path: name.clone(),
        source,
    })?;
    let text = import::decode_as(&bytes, encoding).map_err(in_file)?;
    let ledger = cx.open()?;
    let year = ledger.year();

    let total = import::row_estimate(&text);
    let bar = if total >= BAR_FROM_ROWS && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let bar = ProgressBar::new(total as u64);
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} rows")
                .expect("static template")
                .progress_chars("=> "),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    bar.set_message(cx.lang.pick("读取", "reading"));
    let mut parsed = |done: usize| bar.set_position(done as u64);
    let summary = match args.kind {
        Kind::Lines => ledger.import_lines(
            import::parse_lines(&text, year, &mut parsed).map_err(in_file)?,
            name.clone(),
        ),
        Kind::Adjustments => ledger.import_adjustments(
            import::parse_adjustments(&text, year, &mut parsed).map_err(in_file)?,
            name.clone(),
        ),
        Kind::Schedule => ledger.import_schedule(
            import::parse_schedule(&text, year, &mut parsed).map_err(in_file)?,
            name.clone(),
        ),
        Kind::Disbursements => {
            let rows = import::parse_disbursements(&text, year, &mut parsed).map_err(in_file)?;
            ledger.import_disbursements(rows, name.clone())
        }
        Kind::Indicators => {
            let rows = import::parse_indicators(&text, &mut parsed).map_err(in_file)?;
            ledger.import_indicators(rows, name.clone())
        }
        Kind::Progress => {
            let rows = import::parse_progress(&text, year, &mut parsed).map_err(in_file)?;
            ledger.import_progress(rows, name.clone())
        }
        Kind::ProjectFacts => {
            let rows = import::parse_project_facts(&text, &mut parsed).map_err(in_file)?;
            ledger.import_project_facts(rows, name.clone())
        }
    };
    bar.finish_and_clear();
    summary
}

/// A file, counting the bytes read from it for the progress bar.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// `1204` → `1,204`, as counts are read.
fn group(n: usize) -> String {
    crate::domain::money::group_thousands(&n.to_string())
}
