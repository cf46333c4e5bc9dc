//! `outlay indicator progress N …`: records how far an indicator has come on
//! a date (绩效运行监控), and the words the listing and the confirmation share.

use super::entry::ProgressArgs;
use super::{Context, date, output, word};
use crate::Ledger;
use crate::domain::progress::{Cause, Likelihood, NewProgress, Progress};
use crate::error::Error;
use crate::i18n::Lang;

/// 是否需要整改, as the return writes it.
pub fn rectification_word(lang: Lang, progress: &Progress) -> &'static str {
    if progress.needs_rectification() {
        lang.pick("是", "yes")
    } else {
        lang.pick("否", "no")
    }
}

pub fn record(ledger: &Ledger, a: ProgressArgs, cx: &Context) -> Result<(), Error> {
    // Words and the date are read before anything is sent, so a bad one
    // is refused by its field with nothing stored.
    let request = NewProgress {
        indicator: a.id,
        date: date("date", &a.date)?,
        value: a.value,
        projected: a.projected,
        cause: a.cause.as_deref().map(word::<Cause>).transpose()?,
        reason: a.reason,
        likelihood: a
            .likelihood
            .as_deref()
            .map(word::<Likelihood>)
            .transpose()?,
        rectify: a.rectify,
    };
    let progress = ledger.record_progress(request)?;
    let name = ledger
        .indicators(None)?
        .into_iter()
        .find(|i| i.id == progress.indicator)
        .map(|i| i.name)
        .unwrap_or_default();
    output::line(&confirmation(cx.lang, &name, &progress))
}

/// `已记录绩效指标 #5 队员人数 2021-07-31 完成情况：120 人 · 全年预计 160 人 · 有可能 · 需要整改`
fn confirmation(lang: Lang, name: &str, p: &Progress) -> String {
    let mut parts = vec![match lang {
        Lang::Zh => format!(
            "已记录绩效指标 #{} {name} {} 完成情况：{}",
            p.indicator, p.date, p.value.text
        ),
        Lang::En => format!(
            "Recorded progress of indicator #{} {name} on {}: {}",
            p.indicator, p.date, p.value.text
        ),
    }];
    if let Some(projected) = &p.projected {
        parts.push(format!(
            "{} {}",
            lang.pick("全年预计", "projected"),
            projected.text
        ));
    }
    if let Some(cause) = p.cause {
        parts.push(format!(
            "{} {}",
            lang.pick("偏差原因", "cause"),
            lang.word(cause)
        ));
    }
    if let Some(likelihood) = p.likelihood {
        parts.push(lang.word(likelihood).to_string());
    }
    if p.needs_rectification() {
        parts.push(lang.pick("需要整改", "rectification needed").to_string());
    }
    parts.join(" · ")
}
