//! What saving each form does: the ledger call it maps to, and the line the
//! status bar shows after it. No screen state here: the app decides what to
//! reload and select; the filter form, which changes only the screen, stays there.

use crate::Ledger;
use crate::domain::input::{
    IndicatorUpdate, NewAdjustment, NewDisbursement, NewScheduleItem, Reversal, parse_plain_decimal,
};
use crate::domain::progress::NewProgress;
use crate::domain::spend_tag::tags_field;
use crate::domain::vocabulary::parse_word;
use crate::domain::{Money, PaymentRefs, Refusal, parse_amount, parse_date};
use crate::error::Result;
use crate::i18n::Lang;
use crate::tui::app::Status;
use crate::tui::forms::{Form, FormKind};
use crate::tui::tabs::Render;

/// What a saved form leaves behind.
pub struct Saved {
    pub status: Status,
    /// The entry it recorded, to select once the journal is reloaded.
    pub recorded: Option<u64>,
}

impl Saved {
    fn done(text: String) -> Saved {
        Saved {
            status: Status::info(text),
            recorded: None,
        }
    }
}

/// The form's amount field, refused by its name when it is not an amount.
pub fn amount_of(form: &Form, name: &'static str) -> Result<Money> {
    parse_amount(form.value(name)).map_err(|e| {
        Refusal::field_in(name, Lang::En.money_error(&e), Lang::Zh.money_error(&e)).into()
    })
}

fn date_of(form: &Form, name: &'static str) -> Result<chrono::NaiveDate> {
    parse_date(form.value(name)).map_err(|e| {
        Refusal::field_in(name, Lang::En.date_error(&e), Lang::Zh.date_error(&e)).into()
    })
}

fn optional(form: &Form, name: &str) -> Option<String> {
    Some(form.value(name).to_string()).filter(|v| !v.is_empty())
}

/// Sends `form` to the ledger. The filter form is not a ledger call and saves nothing.
pub fn save(ledger: &Ledger, form: &Form, r: Render) -> Result<Saved> {
    match &form.kind {
        FormKind::Pay => pay(ledger, form, r),
        FormKind::Reverse => reverse(ledger, form, r),
        FormKind::Adjust => {
            let adjustment = ledger.adjust(NewAdjustment {
                line: form.value("line").to_string(),
                amount: amount_of(form, "amount")?,
                date: date_of(form, "date")?,
                doc_no: form.value("doc_no").to_string(),
                reason: form.value("reason").to_string(),
                batch_no: None,
                from_line: optional(form, "from_line"),
            })?;
            Ok(Saved::done(format!(
                "{} {} {}",
                r.pick("已调整", "Adjusted"),
                adjustment.line,
                r.lone_money(adjustment.amount)
            )))
        }
        FormKind::Schedule => {
            let item = ledger.add_schedule_item(NewScheduleItem {
                line: form.value("line").to_string(),
                contract: form.value("contract").to_string(),
                payee: form.value("payee").to_string(),
                due: date_of(form, "due")?,
                amount: amount_of(form, "amount")?,
                memo: String::new(),
            })?;
            Ok(Saved::done(format!(
                "{} {} {} {}",
                r.pick("已添加支付计划", "Added instalment"),
                item.contract,
                item.due,
                r.lone_money(item.amount)
            )))
        }
        FormKind::Indicator(id) => indicator(ledger, *id, form, r),
        FormKind::Progress { id, .. } => progress(ledger, *id, form, r),
        FormKind::Filter => Ok(Saved::done(String::new())),
    }
}

fn pay(ledger: &Ledger, form: &Form, r: Render) -> Result<Saved> {
    let outcome = ledger.pay(NewDisbursement {
        line: form.value("line").to_string(),
        amount: amount_of(form, "amount")?,
        date: date_of(form, "date")?,
        payee: form.value("payee").to_string(),
        voucher: form.value("voucher").to_string(),
        contract: optional(form, "contract"),
        memo: form.value("memo").to_string(),
        refs: PaymentRefs::default(),
        tags: tags_field(form.value("tags"))?,
    })?;
    let d = &outcome.disbursement;
    let mut text = format!(
        "{} #{} {} {}",
        r.pick("已记录支付", "Recorded disbursement"),
        d.id,
        d.line,
        r.lone_money(d.amount)
    );
    for w in &outcome.warnings {
        text.push_str(&format!(" · ⚠ {}", r.lang.warning(w)));
    }
    let status = if outcome.warnings.is_empty() {
        Status::info(text)
    } else {
        Status::warning(text)
    };
    Ok(Saved {
        status,
        recorded: Some(d.id),
    })
}

fn reverse(ledger: &Ledger, form: &Form, r: Render) -> Result<Saved> {
    let id = form
        .value("id")
        .trim_start_matches('#')
        .parse::<u64>()
        .map_err(|_| {
            // The refusal carries both languages; the form shows the user's.
            Refusal::field_in(
                "id",
                format!("'{}' is not a disbursement number", form.value("id")),
                format!("“{}”不是支付编号", form.value("id")),
            )
        })?;
    let reversal = ledger.reverse(Reversal {
        id,
        reason: form.value("reason").to_string(),
        date: Some(date_of(form, "date")?),
        voucher: optional(form, "voucher"),
    })?;
    Ok(Saved {
        status: Status::info(format!(
            "{} #{id} → #{} {}",
            r.pick("已冲销", "Reversed"),
            reversal.id,
            r.lone_money(reversal.amount)
        )),
        recorded: Some(reversal.id),
    })
}

fn indicator(ledger: &Ledger, id: u64, form: &Form, r: Render) -> Result<Saved> {
    let marked_met = match form.value("marked_met").to_lowercase().as_str() {
        "" => None,
        "y" | "yes" | "是" | "达成" => Some(true),
        "n" | "no" | "否" | "未达成" => Some(false),
        other => {
            return Err(Refusal::field_in(
                "marked_met",
                format!("'{other}': answer y or n"),
                format!("“{other}”：请填 y（达成）或 n（未达成）"),
            )
            .into());
        }
    };
    let score = match form.value("score") {
        "" => None,
        text => Some(parse_plain_decimal(text).ok_or_else(|| {
            Refusal::field_in(
                "score",
                format!("'{text}' is not a number of points"),
                format!("“{text}”不是分数"),
            )
        })?),
    };
    let indicator = ledger.update_indicator(IndicatorUpdate {
        id,
        actual: Some(form.value("actual").to_string()),
        deviation_reason: Some(form.value("deviation_reason").to_string()),
        marked_met,
        score,
        ..IndicatorUpdate::default()
    })?;
    Ok(Saved::done(format!(
        "{} #{} {}",
        r.pick("已更新指标", "Updated indicator"),
        indicator.id,
        indicator.name
    )))
}

/// An indicator's progress, as `outlay indicator progress` records it.
fn progress(ledger: &Ledger, id: u64, form: &Form, r: Render) -> Result<Saved> {
    let request = NewProgress {
        indicator: id,
        date: date_of(form, "date")?,
        value: form.value("value").to_string(),
        projected: optional(form, "projected"),
        cause: optional(form, "cause")
            .map(|c| parse_word(&c))
            .transpose()?,
        reason: optional(form, "reason"),
        likelihood: optional(form, "likelihood")
            .map(|l| parse_word(&l))
            .transpose()?,
        rectify: optional(form, "rectify"),
    };
    let progress = ledger.record_progress(request)?;
    Ok(Saved::done(match r.lang {
        Lang::Zh => format!(
            "已记录绩效指标 #{id} {} 完成情况：{}",
            progress.date, progress.value.text
        ),
        Lang::En => format!(
            "Recorded progress of indicator #{id} on {}: {}",
            progress.date, progress.value.text
        ),
    }))
}
