//! The form facts `outlay project set` writes: implementer, goals, the
//! form's prose and signatures. Text is given inline, as `-` to read standard
//! input, or with `--file FIELD=PATH` (UTF-8, GBK or UTF-16), as `note set` reads it.

use std::path::PathBuf;

use clap::Args;

use super::note::{read_file, read_stdin};
use super::word;
use crate::domain::facts::{FactField, FactsUpdate, ProjectFacts};
use crate::domain::{Refusal, Vocabulary};
use crate::error::Error;
use crate::i18n::Lang;

/// The ids of the flags below, for `project set`'s "change something" group.
pub const FLAGS: [&str; 10] = [
    "implementer",
    "goal",
    "achieved",
    "content",
    "conclusion",
    "problems",
    "improvements",
    "leader",
    "finance_leader",
    "file",
];

#[derive(Args, Debug, Default)]
pub struct FactArgs {
    /// 实施单位 [default: the department]
    #[arg(long)]
    pub implementer: Option<String>,
    /// 年度总体目标 · 预期目标 (Sichuan: 项目年度目标)
    #[arg(long)]
    pub goal: Option<String>,
    /// 实际完成情况 (Sichuan: 年度目标完成情况)
    #[arg(long)]
    pub achieved: Option<String>,
    /// 项目实施内容及过程概述
    #[arg(long)]
    pub content: Option<String>,
    /// This project's 评价结论
    #[arg(long)]
    pub conclusion: Option<String>,
    /// This project's 存在问题
    #[arg(long)]
    pub problems: Option<String>,
    /// This project's 改进措施
    #[arg(long)]
    pub improvements: Option<String>,
    /// 项目负责人
    #[arg(long)]
    pub leader: Option<String>,
    /// 财务负责人
    #[arg(long)]
    pub finance_leader: Option<String>,
    /// A field's text from a file, e.g. `--file content=实施过程.txt`; repeatable
    #[arg(long, value_name = "FIELD=PATH")]
    pub file: Vec<String>,
}

impl FactArgs {
    fn given(&self) -> Vec<(FactField, &String)> {
        [
            (FactField::Implementer, &self.implementer),
            (FactField::Goal, &self.goal),
            (FactField::Achieved, &self.achieved),
            (FactField::Content, &self.content),
            (FactField::Conclusion, &self.conclusion),
            (FactField::Problems, &self.problems),
            (FactField::Improvements, &self.improvements),
            (FactField::Leader, &self.leader),
            (FactField::FinanceLeader, &self.finance_leader),
        ]
        .into_iter()
        .filter_map(|(field, text)| text.as_ref().map(|t| (field, t)))
        .collect()
    }

    /// The update the flags ask for: `-` reads standard input (one field at
    /// most), `--file FIELD=PATH` reads a file; a field given twice is refused.
    pub fn update(&self) -> Result<FactsUpdate, Error> {
        let mut update = FactsUpdate::new();
        let mut stdin_for: Option<FactField> = None;
        for (field, text) in self.given() {
            let text = if text == "-" {
                if let Some(first) = stdin_for {
                    return Err(Refusal::field_in(
                        field.code(),
                        format!("reads standard input, which {} already reads", first.code()),
                        format!("要读标准输入，但 {} 已在读", first.code()),
                    )
                    .into());
                }
                stdin_for = Some(field);
                read_stdin(field.code())?
            } else {
                text.clone()
            };
            update.insert(field, text);
        }
        for spec in &self.file {
            let Some((name, path)) = spec.split_once('=') else {
                return Err(Refusal::field_in(
                    "file",
                    format!("'{spec}' must be FIELD=PATH, e.g. content=process.txt"),
                    format!("“{spec}”应为 字段=路径，如 content=实施过程.txt"),
                )
                .into());
            };
            let field: FactField = word(name)?;
            if update.contains_key(&field) {
                return Err(Refusal::field_in(field.code(), "is given twice", "重复填写").into());
            }
            update.insert(field, read_file(&PathBuf::from(path.trim()))?);
        }
        Ok(update)
    }
}

/// `saved 预期目标 (128 字) · cleared 项目负责人`: what a `project set` wrote.
pub fn saved(lang: Lang, update: &FactsUpdate, facts: &ProjectFacts) -> String {
    let mut written = Vec::new();
    let mut cleared = Vec::new();
    for field in update.keys() {
        let name = lang.word(*field);
        match facts.get(*field) {
            Some(text) => written.push(format!(
                "{name} ({} {})",
                text.chars().count(),
                lang.pick("字", "characters")
            )),
            None => cleared.push(name.to_string()),
        }
    }
    let mut parts = Vec::new();
    if !written.is_empty() {
        parts.push(format!(
            "{} {}",
            lang.pick("已保存", "saved"),
            written.join(", ")
        ));
    }
    if !cleared.is_empty() {
        parts.push(format!(
            "{} {}",
            lang.pick("已清除", "cleared"),
            cleared.join(", ")
        ));
    }
    parts.join(" · ")
}
