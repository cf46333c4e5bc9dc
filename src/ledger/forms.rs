//! What each project's self-evaluation form says beyond its money (the
//! implementer, goals, prose and signatures), and the forms themselves, built
//! from one read of the ledger.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::LocalLedger;
use super::settings::{check_project, excerpt};
use crate::domain::Vocabulary;
use crate::domain::facts::{FactsUpdate, ProjectFacts, ProjectFactsRow, check_facts};
use crate::domain::form::{FormInput, Layout, ProjectForm, project_forms};
use crate::domain::score::ExecutionRule;
use crate::error::{Error, Result};
use crate::import::Row;
use crate::ledger::ImportSummary;

impl LocalLedger {
    /// Every project's form facts by name, empty for a project that wrote none.
    pub fn project_facts(&self) -> Result<BTreeMap<String, ProjectFacts>> {
        Ok(self.store.read(|r| {
            let mut stored = r.project_facts()?;
            let lines = r.lines()?;
            let all = crate::domain::line::projects(&lines)
                .into_iter()
                .map(|project| {
                    let facts = stored.remove(project).unwrap_or_default();
                    (project.to_string(), facts)
                });
            Ok::<_, crate::store::StoreError>(all.collect())
        })?)
    }

    /// Writes the named fields of a project's form facts (blank clears one),
    /// all in one change, and logs each field changed.
    pub fn set_project_facts(&self, project: String, update: FactsUpdate) -> Result<ProjectFacts> {
        let checked = check_facts(update)?;
        let project = project.trim().to_string();
        self.store.write(|w| {
            check_project(w, &project)?;
            let mut facts = w.project_facts(&project)?.unwrap_or_default();
            facts.apply(&checked);
            w.put_project_facts(&project, &facts)?;
            for (field, text) in &checked.0 {
                let detail = match text {
                    Some(text) => format!("{project}: {} {}", field.code(), excerpt(text)),
                    None => format!("{project}: {} cleared", field.code()),
                };
                w.log(self.event("project.facts", &project, detail))?;
            }
            Ok::<_, Error>(facts)
        })
    }

    /// Writes the form facts of a file's rows in one change, all or none: a
    /// row naming a project no line funds is refused by its row number; a row
    /// that changes nothing is counted as already present.
    pub fn import_project_facts(
        &self,
        rows: Vec<Row<ProjectFactsRow>>,
        origin: String,
    ) -> Result<ImportSummary> {
        let origin = crate::domain::input::origin(&origin);
        self.store.write_alone(|w| {
            let mut summary = ImportSummary::default();
            for Row { number: row, value } in rows {
                let in_row = |e: Error| match e {
                    Error::Refused(refusal) => Error::ImportRow { row, refusal },
                    other => other,
                };
                let checked = check_facts(value.facts).map_err(|r| in_row(r.into()))?;
                let project = value.project.trim().to_string();
                check_project(w, &project).map_err(in_row)?;
                let before = w.project_facts(&project)?.unwrap_or_default();
                let mut facts = before.clone();
                facts.apply(&checked);
                if facts == before {
                    summary.already_present += 1;
                    continue;
                }
                w.put_project_facts(&project, &facts)?;
                let fields: Vec<&str> = checked.0.keys().map(|f| f.code()).collect();
                let detail = format!("{project}: {} from {origin}", fields.join(", "));
                w.log(self.event("project.facts", &project, detail))?;
                summary.added += 1;
            }
            Ok::<_, Error>(summary)
        })
    }

    /// Every project's form in a layout, as of a date (default: today, kept
    /// inside the year).
    pub fn forms(&self, as_of: Option<NaiveDate>, layout: Layout) -> Result<Vec<ProjectForm>> {
        let report = self.report(as_of)?;
        let info = self.info()?;
        let input = FormInput {
            department: info.department,
            layout,
            lines: self.lines()?,
            adjustments: self.adjustments(None)?,
            indicators: self.indicators(None)?,
            settings: self.project_settings()?,
            facts: self.project_facts()?,
            rule: ExecutionRule {
                capped: info.execution_capped,
                ..ExecutionRule::default()
            },
            rules: self.scoring_rules()?,
            report,
        };
        Ok(project_forms(&input))
    }
}
