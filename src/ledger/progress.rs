//! Indicators' in-year progress values (绩效运行监控): recorded one at a
//! time or from a file, listed, and read into the 双监控 return.

use chrono::NaiveDate;

use super::{ImportKind, ImportSummary, LocalLedger};
use crate::domain::Refusal;
use crate::domain::input::Normalise;
use crate::domain::monitor::{MonitorInput, MonitorReturn, monitor_return};
use crate::domain::progress::{NewProgress, Progress, check_progress, progress_from};
use crate::error::{Error, Result};
use crate::import::Row;
use crate::store::Writer;

/// Refuses a progress value of an indicator the ledger does not hold,
/// naming the field (and the column of a file) that gave it.
fn unknown_indicator(id: u64) -> Refusal {
    Refusal::field_in(
        "indicator",
        format!("there is no indicator #{id} (see `outlay list indicators`)"),
        format!("没有绩效指标 #{id}（见 `outlay list indicators`）"),
    )
}

/// The event log's line for a value: what was reached, and what it replaced.
fn detail(name: &str, progress: &Progress, replaced: Option<&Progress>) -> String {
    let mut parts = vec![format!(
        "#{} {name} on {}: {}",
        progress.indicator, progress.date, progress.value.text
    )];
    if let Some(projected) = &progress.projected {
        parts.push(format!("projected {}", projected.text));
    }
    if let Some(cause) = progress.cause {
        parts.push(format!("cause {cause}"));
    }
    if let Some(likelihood) = progress.likelihood {
        parts.push(format!("likelihood {likelihood}"));
    }
    if progress.rectify.is_some() {
        parts.push("rectification".into());
    }
    if let Some(before) = replaced {
        parts.push(format!("replaces {}", before.value.text));
    }
    parts.join(", ")
}

impl LocalLedger {
    /// The 绩效运行监控 return as of a date (default: today, kept inside the
    /// year): the report's project money, the indicators and their latest
    /// progress by the date, the projects' goals and reasons.
    pub fn monitor(&self, as_of: Option<NaiveDate>) -> Result<MonitorReturn> {
        let report = self.report(as_of)?;
        let mut input = MonitorInput::from_report(&report, self.info()?.department);
        input.indicators = self.indicators(None)?;
        input.progress = self.progress(None)?;
        input.facts = self.project_facts()?;
        input.settings = self.project_settings()?;
        Ok(monitor_return(input))
    }

    /// Records how far an indicator has come on a date; a value of the same
    /// indicator and date is replaced.
    pub fn record_progress(&self, request: NewProgress) -> Result<Progress> {
        let request = check_progress(request.normalised(), self.year)?;
        self.store.write(|w| {
            let indicator = w
                .indicator(request.indicator)?
                .ok_or_else(|| unknown_indicator(request.indicator))?;
            let replaced = w.progress_on(indicator.id, request.date)?;
            let progress = progress_from(request.clone(), &self.actor);
            w.put_progress(&progress)?;
            let detail = detail(&indicator.name, &progress, replaced.as_ref());
            w.log(self.event("indicator.progress", &indicator.project, detail))?;
            Ok::<_, Error>(progress)
        })
    }

    /// Every progress value, of one project's indicators or of all, by
    /// indicator and then date.
    pub fn progress(&self, project: Option<String>) -> Result<Vec<Progress>> {
        let (mut all, indicators) = self
            .store
            .read(|r| Ok::<_, crate::store::StoreError>((r.progress()?, r.indicators()?)))?;
        if let Some(project) = project.map(|p| crate::domain::text::plain(&p)) {
            all.retain(|p| {
                indicators
                    .iter()
                    .any(|i| i.id == p.indicator && i.project == project)
            });
        }
        Ok(all)
    }

    /// Records a file's progress values in one change, all or none: a row
    /// identical to the stored value of its day is already present; another
    /// value of that day replaces it.
    pub fn import_progress(
        &self,
        rows: Vec<Row<NewProgress>>,
        origin: String,
    ) -> Result<ImportSummary> {
        self.store.write_alone(|w| {
            let mut summary = ImportSummary::default();
            for Row { number: row, value } in rows {
                let in_row = |refusal: Refusal| Error::ImportRow { row, refusal };
                let request = check_progress(value.normalised(), self.year).map_err(in_row)?;
                if w.indicator(request.indicator)?.is_none() {
                    return Err(in_row(unknown_indicator(request.indicator)));
                }
                if store_unless_present(w, request, &self.actor)? {
                    summary.added += 1;
                } else {
                    summary.already_present += 1;
                }
            }
            self.log_import(w, ImportKind::Progress, &origin, &summary)?;
            Ok(summary)
        })
    }
}

/// Stores a checked value unless its day already holds the same; whether it did.
fn store_unless_present(w: &mut Writer, request: NewProgress, who: &str) -> Result<bool> {
    if let Some(stored) = w.progress_on(request.indicator, request.date)?
        && stored.same_as(&request)
    {
        return Ok(false);
    }
    w.put_progress(&progress_from(request, who))?;
    Ok(true)
}
