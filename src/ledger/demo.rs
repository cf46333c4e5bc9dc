//! Loading the demo year (the seed report's 2021) into a new ledger.

use std::path::Path;

use super::LocalLedger;
use crate::demo::{DemoProgress, DemoYear, Verdict, YearEnd, demo_year};
use crate::domain::input::IndicatorUpdate;
use crate::domain::progress::NewProgress;
use crate::domain::settings::LineSettings;
use crate::error::Result;
use crate::import::Row;

/// Numbers entries as if read from a file with a header, for messages.
fn rows<T>(values: Vec<T>) -> Vec<Row<T>> {
    values
        .into_iter()
        .enumerate()
        .map(|(n, value)| Row {
            number: n + 2,
            value,
        })
        .collect()
}

impl LocalLedger {
    /// Creates a ledger at `path` holding the demo year, entered as `actor`.
    pub fn create_demo(path: &Path, actor: &str) -> Result<LocalLedger> {
        let DemoYear {
            year,
            department,
            lines,
            adjustments,
            disbursements,
            schedule,
            indicators,
            line_tags,
            year_end,
            progress,
        } = demo_year();
        let ledger = LocalLedger::create(path, year, &department, actor)?;
        ledger.import_lines(rows(lines), "demo".into())?;
        for (code, tag) in line_tags {
            let mut settings = LineSettings::default();
            settings.tags.insert(tag);
            ledger.set_line_settings(code, settings)?;
        }
        ledger.import_adjustments(rows(adjustments), "demo".into())?;
        ledger.import_schedule(rows(schedule), "demo".into())?;
        ledger.import_disbursements(rows(disbursements), "demo".into())?;
        ledger.import_indicators(rows(indicators), "demo".into())?;
        ledger.write_year_end(year_end)?;
        ledger.write_progress(progress)?;
        Ok(ledger)
    }

    /// The July return's progress values, each on the indicator its project
    /// and name give.
    fn write_progress(&self, progress: Vec<DemoProgress>) -> Result<()> {
        let indicators = self.indicators(None)?;
        let values = progress
            .into_iter()
            .filter_map(|p| {
                let id = indicators
                    .iter()
                    .find(|i| i.project == p.project && i.name == p.indicator)?
                    .id;
                Some(NewProgress {
                    indicator: id,
                    ..p.value
                })
            })
            .collect();
        self.import_progress(rows(values), "demo".into())?;
        Ok(())
    }

    /// What the department wrote at year end: reasons, its judgements of
    /// the indicators, and the report's prose.
    fn write_year_end(&self, year_end: YearEnd) -> Result<()> {
        for (project, reason) in year_end.reasons {
            self.set_project_reason(project, Some(reason))?;
        }
        for (section, text) in year_end.notes {
            self.set_note(section, Some(text))?;
        }
        for (project, facts) in year_end.forms {
            self.set_project_facts(project, facts)?;
        }
        let indicators = self.indicators(None)?;
        for judgement in year_end.judgements {
            let Some(indicator) = indicators
                .iter()
                .find(|i| i.project == judgement.project && i.name == judgement.indicator)
            else {
                continue;
            };
            let mut update = IndicatorUpdate {
                id: indicator.id,
                ..IndicatorUpdate::default()
            };
            match judgement.verdict {
                Verdict::Achieved => update.marked_met = Some(true),
                Verdict::Partly { score, reason } => {
                    update.marked_met = Some(false);
                    update.score = Some(score);
                    update.grade = Some(crate::domain::rules::Band::Partly);
                    update.deviation_reason = Some(reason);
                }
            }
            self.update_indicator(update)?;
        }
        Ok(())
    }
}
