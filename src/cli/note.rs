//! `outlay note set|clear|show`: the prose sections of the year-end report
//! (评价结论, 存在问题, 改进措施), written during the year as things happen.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

use clap::{ArgGroup, Args, Subcommand};

use super::output::{self, Format};
use super::{Context, word};
use crate::domain::settings::NoteSection;
use crate::domain::{Refusal, Vocabulary};
use crate::error::Error;
use crate::i18n::Lang;

#[derive(Subcommand, Debug)]
pub enum NoteCommand {
    /// Write a section (clerk): the text itself, --file PATH, or - to read standard input
    Set(NoteSetArgs),
    /// Remove a section's text (clerk)
    Clear {
        /// conclusion | problems | improvements (评价结论 | 存在问题 | 改进措施)
        section: String,
    },
    /// The sections written so far, or one section's text
    Show(NoteShowArgs),
}

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("source").required(true).args(["text", "file"])))]
pub struct NoteSetArgs {
    /// conclusion | problems | improvements (评价结论 | 存在问题 | 改进措施)
    pub section: String,
    /// The text; `-` reads it from standard input
    pub text: Option<String>,
    /// Read the text from a file (UTF-8, GBK or UTF-16)
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct NoteShowArgs {
    /// Only this section [default: all three]
    pub section: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// Text as a text editor or Windows Notepad saved it; `field` names where it
/// came from when it is not text.
fn text_of(bytes: &[u8], field: &'static str, origin: &str) -> Result<String, Refusal> {
    crate::import::decode(bytes).map_err(|_| {
        Refusal::field_in(
            field,
            format!("{origin} is not text (save it as UTF-8, GBK or UTF-16)"),
            format!("{origin} 不是文本（请存为 UTF-8、GBK 或 UTF-16）"),
        )
    })
}

/// A text file's contents, decoded as [`text_of`] does.
pub(super) fn read_file(path: &std::path::Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.display().to_string(),
        source,
    })?;
    Ok(text_of(&bytes, "file", &path.display().to_string())?)
}

/// Standard input, decoded as [`text_of`] does; `field` names what it was for.
pub(super) fn read_stdin(field: &'static str) -> Result<String, Error> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: "standard input".into(),
            source,
        })?;
    Ok(text_of(&bytes, field, "standard input")?)
}

fn read_text(args: &NoteSetArgs) -> Result<String, Error> {
    if let Some(path) = &args.file {
        return read_file(path);
    }
    match args.text.as_deref() {
        Some("-") => read_stdin("text"),
        Some(text) => Ok(text.to_string()),
        None => Ok(String::new()),
    }
}

fn label(lang: Lang, section: NoteSection) -> String {
    match lang {
        Lang::Zh => format!("【{}】", section.zh()),
        Lang::En => format!("[{}]", section.en()),
    }
}

pub fn run(command: NoteCommand, cx: &Context) -> Result<(), Error> {
    let lang = cx.lang;
    match command {
        NoteCommand::Set(args) => {
            let section: NoteSection = word(&args.section)?;
            let text = read_text(&args)?;
            // Clearing is its own command, so an empty file never erases a section.
            if text.trim().is_empty() {
                return Err(Refusal::field_in(
                    "text",
                    "is empty; to remove a section use `outlay note clear SECTION`",
                    "为空；要删除某部分请用 `outlay note clear 部分`",
                )
                .into());
            }
            let length = text.trim().chars().count();
            cx.open()?.set_note(section, Some(text))?;
            output::line(&format!(
                "{} {} ({length} {})",
                lang.pick("已保存", "Saved"),
                label(lang, section),
                lang.pick("字", "characters")
            ))
        }
        NoteCommand::Clear { section } => {
            let section: NoteSection = word(&section)?;
            cx.open()?.set_note(section, None)?;
            output::line(&format!(
                "{} {}",
                lang.pick("已清除", "Cleared"),
                label(lang, section)
            ))
        }
        NoteCommand::Show(args) => {
            let only: Option<NoteSection> = args.section.as_deref().map(word).transpose()?;
            let notes = cx.open()?.notes()?;
            let sections: Vec<NoteSection> = match only {
                Some(section) => vec![section],
                None => NoteSection::ALL.to_vec(),
            };
            match args.format {
                Format::Json => {
                    let shown: BTreeMap<&str, Option<&String>> =
                        sections.iter().map(|s| (s.code(), notes.get(s))).collect();
                    output::json(&shown)
                }
                Format::Csv => output::csv(
                    std::iter::once(vec!["section".to_string(), "text".to_string()]).chain(
                        sections.iter().map(|s| {
                            vec![
                                s.code().to_string(),
                                notes.get(s).cloned().unwrap_or_default(),
                            ]
                        }),
                    ),
                ),
                Format::Table => {
                    let unwritten = lang.pick("（未填写）", "(not written)");
                    let blocks: Vec<String> = sections
                        .iter()
                        .map(|s| {
                            let text = notes.get(s).map_or(unwritten, String::as_str);
                            match only {
                                Some(_) => text.to_string(),
                                None => format!("{}\n{text}", label(lang, *s)),
                            }
                        })
                        .collect();
                    output::line(&blocks.join("\n\n"))
                }
            }
        }
    }
}
