//! What each project's self-evaluation form says beyond its money (the
//! implementer, goals, prose and signatures), and the forms themselves, built
//! from one read of the ledger.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::LocalLedger;
use super::settings::{check_project, excerpt};
use crate::domain::Vocabulary;
use crate::domain::facts::{FactsUpdate, ProjectFacts, check_facts};
use crate::domain::form::{FormInput, Layout, ProjectForm, project_forms};
use crate::domain::score::ExecutionRule;
use crate::error::{Error, Result};

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
