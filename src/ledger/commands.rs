//! Commands: each checks its rules and writes in one transaction, or refuses
//! and writes nothing.

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{LocalLedger, yuan};
use crate::domain::budget::{allocation_dates, budget_of, first_negative_budget};
use crate::domain::indicator::Measure;
use crate::domain::input::{
    self, IndicatorUpdate, NewAdjustment, NewDisbursement, NewIndicator, NewScheduleItem,
    Normalise, Reversal,
};
use crate::domain::{
    Adjustment, BudgetLine, Disbursement, Event, Indicator, Money, Refusal, ScheduleItem,
};
use crate::error::{Error, Result};
use crate::store::Writer;

/// Something accepted that the user should still know about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Warning {
    #[error("line {line} is now overspent: {spent} paid of a budget of {budget}")]
    Overspent {
        line: String,
        spent: String,
        budget: String,
    },
    #[error("line {line} was allocated on {allocated_on}, after this payment's date {date}")]
    BeforeAllocation {
        line: String,
        allocated_on: NaiveDate,
        date: NaiveDate,
    },
}

/// A stored disbursement and what the user should be warned of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentOutcome {
    pub disbursement: Disbursement,
    pub warnings: Vec<Warning>,
}

impl LocalLedger {
    /// An event of this user, now; the log gives it its id.
    pub(super) fn event(
        &self,
        action: &str,
        subject: impl Into<String>,
        detail: impl Into<String>,
    ) -> Event {
        Event {
            id: 0,
            at: Utc::now(),
            who: self.actor.clone(),
            action: action.into(),
            subject: subject.into(),
            detail: detail.into(),
        }
    }

    /// 新增预算指标
    pub fn add_line(&self, line: BudgetLine) -> Result<BudgetLine> {
        let line = line.normalised();
        input::check_line(&line, self.year)?;
        self.store.write(|w| {
            if w.line(&line.code)?.is_some() {
                return Err(Refusal::DuplicateLine(line.code.clone()).into());
            }
            w.put_line(&line)?;
            let detail = format!(
                "{} {} allocated {}",
                line.code,
                line.name,
                yuan(line.allocated)
            );
            w.log(self.event("line.add", &line.code, detail))?;
            Ok(line.clone())
        })
    }

    /// 追加/调减: moves a line's budget, or moves money between two lines.
    pub fn adjust(&self, request: NewAdjustment) -> Result<Adjustment> {
        let request = request.normalised();
        input::check_adjustment(&request, self.year)?;
        self.store.write(|w| {
            let adjustment = self.record_adjustment(w, request.clone())?;
            w.log(self.event(
                "adjust",
                &adjustment.line,
                format!(
                    "{} {} ({})",
                    adjustment.line,
                    yuan(adjustment.amount),
                    adjustment.doc_no
                ),
            ))?;
            Ok(adjustment)
        })
    }

    pub(super) fn record_adjustment(
        &self,
        w: &mut Writer,
        request: NewAdjustment,
    ) -> Result<Adjustment> {
        super::months::check_open(w, request.date)?;
        let stored = w.adjustments()?;
        let lines = w.lines()?;
        let allocated_on = allocation_dates(&lines);
        let legs = std::iter::once((request.line.as_str(), request.amount, "line")).chain(
            request
                .from_line
                .as_deref()
                .map(|from| (from, -request.amount, "from_line")),
        );
        let mut effective = request.date;
        for (code, _, field) in legs.clone() {
            let line = lines.iter().find(|l| l.code == code);
            let line = line.ok_or_else(|| {
                Refusal::field_in(
                    field,
                    format!("no budget line has the code '{code}'"),
                    format!("没有编码为“{code}”的预算指标"),
                )
            })?;
            effective = effective.max(line.allocated_on);
        }
        for (code, change, field) in legs {
            let line = lines
                .iter()
                .find(|l| l.code == code)
                .expect("checked above");
            let changes = stored
                .iter()
                .flat_map(|a| {
                    let date = a.effective_date(&allocated_on);
                    a.legs()
                        .filter(|(l, _)| *l == code)
                        .map(move |(_, amount)| (date, amount))
                })
                .chain(std::iter::once((effective, change)));
            if let Some((date, budget)) = first_negative_budget(line.allocated, changes) {
                let en = format!(
                    "{} would make the budget of line {code} negative ({} on {date})",
                    yuan(change),
                    yuan(budget)
                );
                let zh = format!(
                    "{} 会使指标 {code} 的预算为负（{date} 为 {}）",
                    yuan(change),
                    yuan(budget)
                );
                return Err(Refusal::field_in(
                    if field == "line" { "amount" } else { field },
                    en,
                    zh,
                )
                .into());
            }
            if !budget_of(line, w.totals(code)?.adjusted + change).within_limit() {
                return Err(Refusal::field_in(
                    "amount",
                    format!("the budget of line {code} would exceed 10^13 yuan"),
                    format!("指标 {code} 的预算将超过 10^13 元"),
                )
                .into());
            }
        }
        let adjustment = Adjustment {
            id: w.next_id("adjustment")?,
            line: request.line,
            date: request.date,
            amount: request.amount,
            doc_no: request.doc_no.trim().to_string(),
            reason: request.reason.trim().to_string(),
            batch_no: request.batch_no,
            from_line: request.from_line,
            entered_by: self.actor.clone(),
            entered_at: Utc::now(),
        };
        w.insert_adjustment(&adjustment)?;
        Ok(adjustment)
    }

    /// 支付: logs a disbursement against a line. An overspending payment is
    /// accepted (real years have them) and comes back with a warning.
    pub fn pay(&self, request: NewDisbursement) -> Result<PaymentOutcome> {
        let request = request.normalised();
        input::check_disbursement(&request, self.year)?;
        self.store.write(|w| {
            let outcome = self.record_payment(w, request.clone())?;
            let d = &outcome.disbursement;
            w.log(self.event(
                "pay",
                &d.line,
                format!(
                    "#{} {} {} to {} ({})",
                    d.id,
                    d.line,
                    yuan(d.amount),
                    d.payee,
                    d.voucher
                ),
            ))?;
            Ok(outcome)
        })
    }

    pub(super) fn record_payment(
        &self,
        w: &mut Writer,
        request: NewDisbursement,
    ) -> Result<PaymentOutcome> {
        super::months::check_open(w, request.date)?;
        let line = w
            .line(&request.line)?
            .ok_or_else(|| Refusal::UnknownLine(request.line.clone()))?;
        if let Some(id) = w.voucher(&request.line, &request.voucher)? {
            return Err(Refusal::DuplicateVoucher {
                line: request.line,
                voucher: request.voucher,
                id,
                reversed_by: w.reversal_of(id)?,
            }
            .into());
        }
        check_total_within_limit(w, &line.code, request.amount)?;
        let disbursement = self.disbursement_from(w.next_id("disbursement")?, request);
        w.insert_disbursements(std::slice::from_ref(&disbursement))?;
        let mut warnings = Vec::new();
        if disbursement.date < line.allocated_on {
            warnings.push(Warning::BeforeAllocation {
                line: line.code.clone(),
                allocated_on: line.allocated_on,
                date: disbursement.date,
            });
        }
        warnings.extend(overspent_warning(w, &line)?);
        Ok(PaymentOutcome {
            disbursement,
            warnings,
        })
    }

    /// A new disbursement as the ledger records it: trimmed, by this user, now.
    pub(super) fn disbursement_from(&self, id: u64, request: NewDisbursement) -> Disbursement {
        Disbursement {
            id,
            line: request.line,
            date: request.date,
            amount: request.amount,
            payee: request.payee.trim().to_string(),
            voucher: request.voucher,
            memo: request.memo.trim().to_string(),
            contract: request.contract.filter(|c| !c.trim().is_empty()),
            reverses: None,
            refs: request.refs,
            tags: request.tags,
            entered_by: self.actor.clone(),
            entered_at: Utc::now(),
        }
    }

    /// 冲销: cancels a disbursement with a negative entry that names it. A
    /// disbursement is reversed once at most, and a reversal is never reversed.
    pub fn reverse(&self, request: Reversal) -> Result<Disbursement> {
        let request = request.normalised();
        input::check_reversal(&request, self.year)?;
        let date = request.date.unwrap_or_else(|| self.default_date());
        self.store.write(|w| {
            let original = w
                .disbursement(request.id)?
                .ok_or(Refusal::UnknownDisbursement(request.id))?;
            if original.reverses.is_some() {
                return Err(Refusal::ReversingAReversal(original.id).into());
            }
            if let Some(by) = w.reversal_of(original.id)? {
                return Err(Refusal::AlreadyReversed {
                    id: original.id,
                    by,
                }
                .into());
            }
            super::months::check_open(w, date)?;
            if date < original.date {
                return Err(Refusal::field_in(
                    "date",
                    format!(
                        "a reversal cannot be dated {date}, before the payment it reverses ({})",
                        original.date
                    ),
                    format!(
                        "冲销日期 {date} 不能早于被冲销支付的日期（{}）",
                        original.date
                    ),
                )
                .into());
            }
            let voucher = request
                .voucher
                .clone()
                .unwrap_or_else(|| format!("{}-R", original.voucher));
            if let Some(id) = w.voucher(&original.line, &voucher)? {
                return Err(Refusal::DuplicateVoucher {
                    line: original.line.clone(),
                    voucher,
                    id,
                    reversed_by: w.reversal_of(id)?,
                }
                .into());
            }
            let reversal = Disbursement {
                id: w.next_id("disbursement")?,
                line: original.line.clone(),
                date,
                amount: -original.amount,
                payee: original.payee.clone(),
                voucher,
                memo: Disbursement::reversal_memo(original.id, request.reason.trim()),
                contract: original.contract.clone(),
                reverses: Some(original.id),
                refs: original.refs.clone(),
                tags: original.tags.clone(),
                entered_by: self.actor.clone(),
                entered_at: Utc::now(),
            };
            w.insert_disbursements(std::slice::from_ref(&reversal))?;
            w.log(self.event(
                "reverse",
                &reversal.line,
                format!(
                    "#{} reverses #{} ({}): {}",
                    reversal.id,
                    original.id,
                    yuan(original.amount),
                    request.reason.trim()
                ),
            ))?;
            Ok(reversal)
        })
    }

    /// 合同支付计划: adds an instalment due on a contract.
    pub fn add_schedule_item(&self, request: NewScheduleItem) -> Result<ScheduleItem> {
        let request = request.normalised();
        input::check_schedule_item(&request, self.year)?;
        self.store.write(|w| {
            let item = self.record_schedule_item(w, request.clone())?;
            w.log(self.event(
                "schedule.add",
                &item.line,
                format!(
                    "{} {} due {} ({})",
                    item.contract,
                    yuan(item.amount),
                    item.due,
                    item.payee
                ),
            ))?;
            Ok(item)
        })
    }

    pub(super) fn record_schedule_item(
        &self,
        w: &mut Writer,
        request: NewScheduleItem,
    ) -> Result<ScheduleItem> {
        if w.line(&request.line)?.is_none() {
            return Err(Refusal::UnknownLine(request.line).into());
        }
        let item = ScheduleItem {
            id: w.next_id("schedule")?,
            line: request.line,
            contract: request.contract.trim().to_string(),
            payee: request.payee.trim().to_string(),
            due: request.due,
            amount: request.amount,
            memo: request.memo.trim().to_string(),
            entered_by: self.actor.clone(),
            entered_at: Utc::now(),
        };
        w.insert_schedule_item(&item)?;
        Ok(item)
    }

    /// 绩效指标: adds a performance indicator to a project.
    pub fn add_indicator(&self, request: NewIndicator) -> Result<Indicator> {
        let request = request.normalised();
        input::check_indicator(&request)?;
        let projects = self.projects()?;
        if !projects.iter().any(|p| p == request.project.trim()) {
            return Err(Refusal::field_in(
                "project",
                format!(
                    "no project line funds a project named '{}'",
                    request.project.trim()
                ),
                format!("没有项目支出指标属于项目“{}”", request.project.trim()),
            )
            .into());
        }
        self.store.write(|w| {
            let indicator = self.record_indicator(w, request.clone())?;
            w.log(self.event(
                "indicator.add",
                &indicator.project,
                format!(
                    "#{} {} target {}",
                    indicator.id, indicator.name, indicator.target.text
                ),
            ))?;
            Ok(indicator)
        })
    }

    pub(super) fn record_indicator(
        &self,
        w: &mut Writer,
        request: NewIndicator,
    ) -> Result<Indicator> {
        let indicator = Indicator {
            id: w.next_id("indicator")?,
            project: request.project.trim().to_string(),
            category: request.category,
            name: request.name.trim().to_string(),
            target: request.target_measure(),
            actual: request
                .actual
                .as_deref()
                .filter(|a| !a.trim().is_empty())
                .map(Measure::parse),
            weight: request.weight,
            deviation_reason: None,
            measures: None,
            marked_met: None,
            score: None,
            grade: None,
            updated_by: self.actor.clone(),
            updated_at: Utc::now(),
        };
        w.put_indicator(&indicator)?;
        Ok(indicator)
    }

    /// Records an indicator's actual value, deviation reason, or the user's
    /// judgement of whether it was met.
    pub fn update_indicator(&self, update: IndicatorUpdate) -> Result<Indicator> {
        let update = update.normalised();
        input::check_indicator_update(&update)?;
        self.store.write(|w| {
            let mut indicator = w.indicator(update.id)?.ok_or(Refusal::UnknownRecord {
                what: "indicator",
                id: update.id,
            })?;
            let mut changes = Vec::new();
            if let Some(actual) = &update.actual {
                indicator.actual = (!actual.trim().is_empty()).then(|| Measure::parse(actual));
                changes.push(format!("actual {}", actual.trim()));
            }
            if let Some(target) = &update.target {
                if target.trim().is_empty() {
                    return Err(Refusal::field_in("target", "must not be empty", "必填").into());
                }
                indicator.target = Measure::parse(target);
                changes.push(format!("target {}", target.trim()));
            }
            if let Some(reason) = &update.deviation_reason {
                indicator.deviation_reason = crate::domain::settings::check_prose("deviation_reason", Some(reason.clone()))?;
                changes.push("deviation reason".to_string());
            }
            if let Some(measures) = &update.measures {
                indicator.measures = crate::domain::settings::check_prose("measures", Some(measures.clone()))?;
                changes.push("improvement measures".to_string());
            }
            if let Some(met) = update.marked_met {
                indicator.marked_met = Some(met);
                changes.push(format!("marked {}", if met { "met" } else { "not met" }));
            }
            if let Some(weight) = update.weight {
                indicator.weight = weight;
                changes.push(format!("weight {weight}"));
            }
            if let Some(score) = update.score {
                if indicator.weight.is_zero() {
                    return Err(Refusal::field_in(
                        "score",
                        "the indicator's weight is 0, so points cannot be given; mark it met or not met instead",
                        "该指标权重为 0，不能打分；请标记为达成或未达成",
                    )
                    .into());
                }
                if score < Decimal::ZERO || score > indicator.weight {
                    let en = format!(
                        "{score} must be between 0 and the indicator's weight {}",
                        indicator.weight
                    );
                    let zh = format!("{score} 须在 0 到该指标权重 {} 之间", indicator.weight);
                    return Err(Refusal::field_in("score", en, zh).into());
                }
                indicator.score = Some(score);
                changes.push(format!("score {score}"));
            }
            if let Some(grade) = update.grade {
                indicator.grade = Some(grade);
                changes.push(format!("grade {grade}"));
            }
            if update.grade.is_some() || update.score.is_some() {
                super::rules::check_band(w, &indicator)?;
            }
            indicator.updated_by = self.actor.clone();
            indicator.updated_at = Utc::now();
            w.put_indicator(&indicator)?;
            w.log(self.event(
                "indicator.set",
                &indicator.project,
                format!(
                    "#{} {}: {}",
                    indicator.id,
                    indicator.name,
                    changes.join(", ")
                ),
            ))?;
            Ok(indicator)
        })
    }

    /// Sets how many percentage points a line may trail time progress.
    /// Whether execution points stop at the execution weight when the rate
    /// passes 100 %.
    pub fn set_execution_cap(&self, capped: bool) -> Result<()> {
        self.store.write(|w| {
            w.set_meta("execution_capped", &capped.to_string())?;
            w.log(self.event(
                "settings",
                "execution_capped",
                format!(
                    "execution points {} at the execution weight",
                    if capped { "capped" } else { "not capped" }
                ),
            ))?;
            Ok::<_, Error>(())
        })
    }

    pub fn set_tolerance(&self, points: Decimal) -> Result<()> {
        if points < Decimal::ZERO || points > Decimal::ONE_HUNDRED {
            return Err(Refusal::field_in(
                "tolerance",
                format!("{points} must be between 0 and 100 percentage points"),
                format!("{points} 须在 0 到 100 个百分点之间"),
            )
            .into());
        }
        self.store.write(|w| {
            w.set_meta("tolerance", &points.to_string())?;
            w.log(self.event(
                "settings",
                "tolerance",
                format!("lagging tolerance set to {points} points"),
            ))?;
            Ok::<_, Error>(())
        })
    }
}

/// Refuses, before it is written, a payment of `adding` that would take a
/// line's spending past the bound (the store would refuse to read it back).
pub(super) fn check_total_within_limit(w: &Writer, code: &str, adding: Money) -> Result<()> {
    if (w.totals(code)?.spent + adding).within_limit() {
        Ok(())
    } else {
        Err(Refusal::field_in(
            "amount",
            format!("the total spent on line {code} would exceed 10^13 yuan"),
            format!("指标 {code} 的支付合计将超过 10^13 元"),
        )
        .into())
    }
}

/// The warning for a line whose spending now exceeds its budget, if it does.
pub(super) fn overspent_warning(w: &Writer, line: &BudgetLine) -> Result<Option<Warning>> {
    let totals = w.totals(&line.code)?;
    let budget = budget_of(line, totals.adjusted);
    Ok((totals.spent > budget).then(|| Warning::Overspent {
        line: line.code.clone(),
        spent: yuan(totals.spent),
        budget: yuan(budget),
    }))
}
