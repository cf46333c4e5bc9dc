//! What a shell and `man` know of outlay, generated from the command line's
//! own definition so that they never disagree with `--help`.

use clap::{Args, CommandFactory};

use std::path::{Path, PathBuf};

use super::{Cli, output};
use crate::error::{Error, OutputError};
use crate::i18n::Lang;

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to write completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Writes the completion script for a shell to standard output.
pub fn completions(args: &CompletionsArgs) -> Result<(), Error> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "outlay", &mut script);
    output::bytes(&script)
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write outlay.1 and a page for each subcommand (outlay-pay.1 …) into this directory instead of stdout
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Writes outlay's man page (roff, section 1) to standard output, or every
/// page into a directory.
pub fn man(args: &ManArgs, lang: Lang) -> Result<(), Error> {
    if let Some(dir) = &args.dir {
        return man_pages_into(dir, lang);
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| OutputError::Stdout {
            cause: e.to_string(),
        })?;
    output::bytes(&page)
}

fn man_pages_into(dir: &Path, lang: Lang) -> Result<(), Error> {
    let failed = |source: std::io::Error| Error::Write {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    clap_mangen::generate_to(Cli::command(), dir).map_err(failed)?;
    let pages = std::fs::read_dir(dir)
        .map_err(failed)?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".1"))
        .count();
    output::line(&match lang {
        Lang::Zh => format!("已将 {pages} 个手册页写入 {}", dir.display()),
        Lang::En => format!("wrote {pages} man pages to {}", dir.display()),
    })
}
