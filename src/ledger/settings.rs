//! What the department decides about its lines and projects beyond their
//! money — paced or not, marked for carry-over, score weights, the reason a
//! project is behind — and the prose sections of the year-end report. Reads
//! fill in the defaults, so no front end has to know what a missing row means.

use std::collections::BTreeMap;

use super::LocalLedger;
use crate::domain::settings::{
    LineSettings, NoteSection, Notes, ProjectSettings, Weights, check_prose,
};
use crate::domain::{Refusal, Vocabulary};
use crate::error::{Error, Result};
use crate::store::Writer;

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

/// Prose in the event log: its start, enough to recognise it.
pub(super) fn excerpt(text: &str) -> String {
    const SHOWN: usize = 60;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}… ({} characters)", &flat[..cut], text.chars().count()),
        None => flat,
    }
}

/// Refuses a project no line funds; settings of a project that does not
/// exist would never be seen.
pub(super) fn check_project(w: &Writer, project: &str) -> Result<()> {
    if crate::domain::line::projects(&w.lines()?).contains(&project) {
        return Ok(());
    }
    Err(Refusal::field_in(
        "project",
        format!(
            "no project line funds a project named '{project}' (see `outlay project settings`)"
        ),
        format!("没有项目支出指标属于项目“{project}”（见 `outlay project settings`）"),
    )
    .into())
}

impl LocalLedger {
    /// Every line's settings by code, the defaults for a line never set.
    pub fn line_settings(&self) -> Result<BTreeMap<String, LineSettings>> {
        Ok(self.store.read(|r| {
            let mut stored = r.line_settings()?;
            let all = r.lines()?.into_iter().map(|line| {
                let settings = stored.remove(&line.code).unwrap_or_default();
                (line.code, settings)
            });
            Ok::<_, crate::store::StoreError>(all.collect())
        })?)
    }

    /// Sets whether a line is paced against time and whether it is marked
    /// for carry-over.
    pub fn set_line_settings(&self, code: String, settings: LineSettings) -> Result<()> {
        let code = crate::domain::text::code(&code);
        self.store.write(|w| {
            if w.line(&code)?.is_none() {
                return Err(Refusal::UnknownLine(code.clone()).into());
            }
            w.put_line_settings(&code, &settings)?;
            let tags: Vec<&str> = settings.tags.iter().map(|t| t.code()).collect();
            let detail = format!(
                "{code}: paced {}, carry-over {}, tags [{}]",
                on_off(settings.paced),
                on_off(settings.carry_over),
                tags.join(",")
            );
            w.log(self.event("line.settings", &code, detail))?;
            Ok::<_, Error>(())
        })
    }

    /// Every project's settings by name, the defaults for a project never set.
    pub fn project_settings(&self) -> Result<BTreeMap<String, ProjectSettings>> {
        Ok(self.store.read(|r| {
            let mut stored = r.project_settings()?;
            let lines = r.lines()?;
            let all = crate::domain::line::projects(&lines)
                .into_iter()
                .map(String::from)
                .map(|project| {
                    let settings = stored.remove(&project).unwrap_or_default();
                    (project, settings)
                });
            Ok::<_, crate::store::StoreError>(all.collect())
        })?)
    }

    /// Sets a project's first-level score weights; they must add up to 100.
    pub fn set_project_weights(&self, project: String, weights: Weights) -> Result<()> {
        weights.check()?;
        let project = crate::domain::text::plain(&project);
        self.store.write(|w| {
            check_project(w, &project)?;
            let mut settings = w.project_settings(&project)?.unwrap_or_default();
            settings.weights = weights;
            w.put_project_settings(&project, &settings)?;
            let detail =
                format!("{project}: weights {weights} (execution, output, effect, satisfaction)");
            w.log(self.event("project.weights", &project, detail))?;
            Ok::<_, Error>(())
        })
    }

    /// Sets why a project's money is not fully spent; none or blank clears it.
    pub fn set_project_reason(&self, project: String, reason: Option<String>) -> Result<()> {
        let reason = check_prose("reason", reason)?;
        let project = crate::domain::text::plain(&project);
        self.store.write(|w| {
            check_project(w, &project)?;
            let mut settings = w.project_settings(&project)?.unwrap_or_default();
            let detail = match &reason {
                Some(text) => format!("{project}: reason {}", excerpt(text)),
                None => format!("{project}: reason cleared"),
            };
            settings.reason = reason.clone();
            w.put_project_settings(&project, &settings)?;
            w.log(self.event("project.reason", &project, detail))?;
            Ok::<_, Error>(())
        })
    }

    /// The sections of the year-end report written so far.
    pub fn notes(&self) -> Result<Notes> {
        Ok(self.store.read(|r| r.notes())?)
    }

    /// Writes a section of the year-end report; none or blank clears it.
    pub fn set_note(&self, section: NoteSection, text: Option<String>) -> Result<()> {
        let text = check_prose("text", text)?;
        self.store.write(|w| {
            w.set_note(section, text.as_deref())?;
            let (action, detail) = match &text {
                Some(text) => ("note.set", excerpt(text)),
                None => ("note.clear", "cleared".to_string()),
            };
            w.log(self.event(action, section.code(), detail))?;
            Ok::<_, Error>(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn an_excerpt_is_one_line_and_says_how_long_the_text_was() {
        assert_eq!(excerpt("资金\n未到位"), "资金 未到位");
        let long = "问".repeat(100);
        assert_eq!(
            excerpt(&long),
            format!("{}… (100 characters)", "问".repeat(60))
        );
    }
}
