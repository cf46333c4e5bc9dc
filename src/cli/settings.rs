//! `outlay line set|settings` and `outlay project set|settings`: what the
//! department decides about its lines (paced, carry-over) and projects
//! (score weights, the reason a project is behind).

use clap::{ArgGroup, Args, Subcommand};
use serde::Serialize;

use super::output::{self, Format, table};
use super::{Context, decimal};
use crate::domain::Refusal;
use crate::domain::Vocabulary;
use crate::domain::settings::{LineSettings, ProjectSettings, Weights, check_prose};
use crate::domain::spend_tag::SpendTag;
use crate::error::Error;
use crate::i18n::Lang;

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("change").required(true).multiple(true).args(["paced", "carry", "tags"])))]
pub struct LineSetArgs {
    /// The line's code, e.g. P05
    pub code: String,
    /// on: measured against time progress (the default); off: a lump sum paid
    /// whenever its bill comes, never "lagging"
    #[arg(long, value_name = "on|off")]
    pub paced: Option<String>,
    /// on: its unspent money carries over at year close (`outlay year close`
    /// without --carry)
    #[arg(long, value_name = "on|off")]
    pub carry: Option<String>,
    /// All its money is 三公经费 or 政府采购: abroad (因公出国（境）), reception
    /// (公务接待), vehicles (公务用车购置及运行), procurement (政府采购);
    /// comma-separated, replacing the line's tags; "" clears them
    #[arg(long, value_name = "TAGS")]
    pub tags: Option<String>,
}

#[derive(Args, Debug)]
pub struct ListFormat {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

#[derive(Subcommand, Debug)]
pub enum ProjectCommand {
    /// Set a project's score weights (admin), the reason it is behind, or what its form says (clerk)
    Set(Box<ProjectSetArgs>),
    /// Every project's weights and reason
    Settings(ListFormat),
}

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("change").required(true).multiple(true)
    .args(["weights", "reason", "clear_reason"]).args(super::project_facts::FLAGS)))]
pub struct ProjectSetArgs {
    /// The project's name, as `outlay project settings` lists it
    pub project: String,
    /// First-level weights execution,output,effect,satisfaction, adding up to
    /// 100 [national default: 10,50,30,10]
    #[arg(long, value_name = "E,O,EF,S", allow_hyphen_values = true)]
    pub weights: Option<String>,
    /// Why the money is not fully spent (偏差原因), for the year-end report
    #[arg(long, conflicts_with = "clear_reason")]
    pub reason: Option<String>,
    /// Remove the reason
    #[arg(long)]
    pub clear_reason: bool,
    /// The project's form: implementer, goals, prose and signatures (clerk)
    #[command(flatten)]
    pub facts: super::project_facts::FactArgs,
}

/// `on` or `off`, as typed in either language.
pub(super) fn switch(field: &'static str, text: &str) -> Result<bool, Refusal> {
    match text.trim().to_lowercase().as_str() {
        "on" | "yes" | "true" | "1" | "是" | "开" => Ok(true),
        "off" | "no" | "false" | "0" | "否" | "关" => Ok(false),
        _ => Err(Refusal::field_in(
            field,
            format!("'{}' is neither on nor off", text.trim()),
            format!("“{}”应为 on 或 off", text.trim()),
        )),
    }
}

/// `10,50,30,10`: execution, output, effect, satisfaction.
fn weights(text: &str) -> Result<Weights, Refusal> {
    let parts: Vec<&str> = text.split([',', '，']).map(str::trim).collect();
    let [execution, output, effect, satisfaction] = parts[..] else {
        return Err(Refusal::field_in(
            "weights",
            format!(
                "'{text}' must be four numbers, execution,output,effect,satisfaction (e.g. 10,50,30,10)"
            ),
            format!("“{text}”应为四个数：预算执行率,产出,效益,满意度（如 10,50,30,10）"),
        ));
    };
    let weights = Weights {
        execution: decimal("weights", execution)?,
        output: decimal("weights", output)?,
        effect: decimal("weights", effect)?,
        satisfaction: decimal("weights", satisfaction)?,
    };
    weights.check()?;
    Ok(weights)
}

pub(super) fn on_off(lang: Lang, on: bool) -> &'static str {
    if on {
        lang.pick("是", "on")
    } else {
        lang.pick("否", "off")
    }
}

pub fn line_set(args: LineSetArgs, cx: &Context) -> Result<(), Error> {
    let paced = args
        .paced
        .as_deref()
        .map(|t| switch("paced", t))
        .transpose()?;
    let carry = args
        .carry
        .as_deref()
        .map(|t| switch("carry", t))
        .transpose()?;
    let tags = args.tags.as_deref().map(super::tags).transpose()?;
    let code = args.code.trim().to_string();
    let ledger = cx.open()?;
    let current = ledger
        .line_settings()?
        .remove(&code)
        .ok_or_else(|| Refusal::UnknownLine(code.clone()))?;
    let settings = LineSettings {
        paced: paced.unwrap_or(current.paced),
        carry_over: carry.unwrap_or(current.carry_over),
        tags: tags.unwrap_or(current.tags),
    };
    ledger.set_line_settings(code.clone(), settings.clone())?;
    let lang = cx.lang;
    output::line(&format!(
        "{code} · {} {} · {} {} · {} {}",
        lang.pick("考核进度", "paced"),
        on_off(lang, settings.paced),
        lang.pick("结转", "carry-over"),
        on_off(lang, settings.carry_over),
        lang.pick("标记", "tags"),
        tag_list(lang, &settings.tags)
    ))
}

/// Tags as labels in the user's language, `—` for none.
fn tag_list(lang: Lang, tags: &std::collections::BTreeSet<SpendTag>) -> String {
    if tags.is_empty() {
        return "—".into();
    }
    let words: Vec<&str> = tags.iter().map(|&t| lang.word(t)).collect();
    words.join(lang.pick("、", ", "))
}

#[derive(Serialize)]
struct LineSettingsRow {
    code: String,
    name: String,
    paced: bool,
    carry_over: bool,
    tags: Vec<SpendTag>,
}

pub fn line_list(args: ListFormat, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let mut settings = ledger.line_settings()?;
    let rows: Vec<LineSettingsRow> = ledger
        .lines()?
        .into_iter()
        .map(|line| {
            let s = settings.remove(&line.code).unwrap_or_default();
            LineSettingsRow {
                code: line.code,
                name: line.name,
                paced: s.paced,
                carry_over: s.carry_over,
                tags: s.tags.into_iter().collect(),
            }
        })
        .collect();
    let lang = cx.lang;
    match args.format {
        Format::Json => output::json(&rows),
        Format::Csv => output::csv(
            std::iter::once(
                ["code", "name", "paced", "carry_over", "tags"]
                    .map(String::from)
                    .to_vec(),
            )
            .chain(rows.iter().map(|r| {
                vec![
                    r.code.clone(),
                    r.name.clone(),
                    r.paced.to_string(),
                    r.carry_over.to_string(),
                    r.tags
                        .iter()
                        .map(|t| t.code())
                        .collect::<Vec<_>>()
                        .join(","),
                ]
            })),
        ),
        Format::Table => {
            let mut t = table(
                &[
                    lang.pick("编码", "code"),
                    lang.pick("名称", "name"),
                    lang.pick("考核进度", "paced"),
                    lang.pick("结转", "carry-over"),
                    lang.pick("标记", "tags"),
                ],
                &[],
            );
            for r in &rows {
                t.add_row(output::row([
                    r.code.clone(),
                    r.name.clone(),
                    on_off(lang, r.paced).to_string(),
                    on_off(lang, r.carry_over).to_string(),
                    tag_list(lang, &r.tags.iter().copied().collect()),
                ]));
            }
            output::line(&t.to_string())
        }
    }
}

pub fn project(command: ProjectCommand, cx: &Context) -> Result<(), Error> {
    match command {
        ProjectCommand::Set(args) => project_set(*args, cx),
        ProjectCommand::Settings(args) => project_list(args, cx),
    }
}

fn project_set(args: ProjectSetArgs, cx: &Context) -> Result<(), Error> {
    // Every input is checked before the first write, so a bad reason cannot
    // leave new weights stored behind it.
    let weights = args.weights.as_deref().map(weights).transpose()?;
    let reason = match (args.reason, args.clear_reason) {
        (Some(text), _) => match check_prose("reason", Some(text))? {
            Some(text) => Some(Some(text)),
            None => {
                return Err(Refusal::field_in(
                    "reason",
                    "is empty; to remove the reason use --clear-reason",
                    "为空；要删除原因请用 --clear-reason",
                )
                .into());
            }
        },
        (None, true) => Some(None),
        (None, false) => None,
    };
    let facts = args.facts.update()?;
    if !facts.is_empty() {
        crate::domain::facts::check_facts(facts.clone())?;
    }
    let project = args.project.trim().to_string();
    let ledger = cx.open()?;
    let lang = cx.lang;
    if !facts.is_empty() {
        let written = ledger.set_project_facts(project.clone(), facts.clone())?;
        output::line(&format!(
            "{project} · {}",
            super::project_facts::saved(lang, &facts, &written)
        ))?;
        if weights.is_none() && reason.is_none() {
            return Ok(());
        }
    }
    if let Some(weights) = weights {
        ledger.set_project_weights(project.clone(), weights)?;
    }
    if let Some(reason) = reason {
        ledger.set_project_reason(project.clone(), reason)?;
    }
    let settings = ledger
        .project_settings()?
        .remove(&project)
        .unwrap_or_default();
    output::line(&format!(
        "{project} · {} {} · {} {}",
        lang.pick("权重", "weights"),
        settings.weights,
        lang.pick("原因", "reason"),
        settings.reason.as_deref().map_or("—".into(), cell_excerpt)
    ))
}

/// The start of prose, for a table cell: its first line, at most 40 characters.
fn cell_excerpt(text: &str) -> String {
    const SHOWN: usize = 40;
    let first = text.lines().next().unwrap_or_default();
    match first.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &first[..cut]),
        None if first.len() < text.len() => format!("{first}…"),
        None => first.to_string(),
    }
}

#[derive(Serialize)]
struct ProjectSettingsRow {
    project: String,
    #[serde(flatten)]
    settings: ProjectSettings,
}

fn project_list(args: ListFormat, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let mut settings = ledger.project_settings()?;
    // In the order of the projects' first lines, as every other list shows them.
    let rows: Vec<ProjectSettingsRow> = ledger
        .projects()?
        .into_iter()
        .map(|project| ProjectSettingsRow {
            settings: settings.remove(&project).unwrap_or_default(),
            project,
        })
        .collect();
    let lang = cx.lang;
    let cells = |r: &ProjectSettingsRow| {
        let w = r.settings.weights;
        [w.execution, w.output, w.effect, w.satisfaction].map(|d| d.normalize().to_string())
    };
    match args.format {
        Format::Json => output::json(&rows),
        Format::Csv => output::csv(
            std::iter::once(
                [
                    "project",
                    "execution",
                    "output",
                    "effect",
                    "satisfaction",
                    "reason",
                ]
                .map(String::from)
                .to_vec(),
            )
            .chain(rows.iter().map(|r| {
                let mut row = vec![r.project.clone()];
                row.extend(cells(r));
                row.push(r.settings.reason.clone().unwrap_or_default());
                row
            })),
        ),
        Format::Table => {
            let mut t = table(
                &[
                    lang.pick("项目", "project"),
                    lang.pick("预算执行率", "execution"),
                    lang.pick("产出", "output"),
                    lang.pick("效益", "effect"),
                    lang.pick("满意度", "satisfaction"),
                    lang.pick("原因", "reason"),
                ],
                &[1, 2, 3, 4],
            );
            for r in &rows {
                let mut row = vec![r.project.clone()];
                row.extend(cells(r));
                row.push(
                    r.settings
                        .reason
                        .as_deref()
                        .map_or("—".into(), cell_excerpt),
                );
                t.add_row(output::row(row));
            }
            output::line(&t.to_string())
        }
    }
}
