//! In-year progress of an indicator (绩效运行监控): how far it has come on a
//! date, what the whole year will reach, why it deviates, how likely the
//! target is, and what will be rectified. Filed on January–July each summer
//! for the 双监控 return; one value per indicator and date.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::FiscalYear;
use super::indicator::{Indicator, Measure, compare};
use super::input::{Normalise, bounded, in_year};
use super::refusal::Refusal;
use super::settings::check_prose;
use super::text;
use super::vocabulary::vocabulary;

vocabulary! {
    /// 偏差原因分析: the kind of cause the 一体化 monitoring table offers.
    Cause, "cause" {
        Funding => "funding", "经费保障", "funding", ["经费"];
        Rules => "rules", "制度保障", "rules", ["制度"];
        Staffing => "staffing", "人员保障", "staffing", ["人员"];
        Equipment => "equipment", "硬件保障", "equipment", ["硬件"];
        Other => "other", "其他", "other", [];
    }
}

vocabulary! {
    /// 完成目标可能性: whether the year's target will be reached.
    Likelihood, "likelihood" {
        Certain => "certain", "确定能", "certain", ["确定"];
        Possible => "possible", "有可能", "possible", ["可能"];
        Impossible => "impossible", "完全不可能", "impossible", ["不可能"];
    }
}

/// A progress value as recorded: the request, before it is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewProgress {
    pub indicator: u64,
    /// The day the value was reached by, inside the fiscal year.
    pub date: NaiveDate,
    /// 绩效指标完成情况, as written: `120 人`.
    pub value: String,
    /// 全年预计完成情况.
    #[serde(default)]
    pub projected: Option<String>,
    #[serde(default)]
    pub cause: Option<Cause>,
    /// 偏差原因 in words.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub likelihood: Option<Likelihood>,
    /// 整改措施.
    #[serde(default)]
    pub rectify: Option<String>,
}

/// One stored progress value of an indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub indicator: u64,
    pub date: NaiveDate,
    pub value: Measure,
    pub projected: Option<Measure>,
    pub cause: Option<Cause>,
    pub reason: Option<String>,
    pub likelihood: Option<Likelihood>,
    pub rectify: Option<String>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

impl Progress {
    /// 是否需要整改: a rectification is written, or the target is not
    /// certain to be reached.
    pub fn needs_rectification(&self) -> bool {
        self.rectify.is_some()
            || self
                .likelihood
                .is_some_and(|likelihood| likelihood != Likelihood::Certain)
    }

    /// Whether a cause or a reason explains a deviation.
    pub fn explained(&self) -> bool {
        self.cause.is_some() || self.reason.is_some()
    }

    /// The same value as `request` would record (who and when aside): a
    /// re-import of it changes nothing.
    pub fn same_as(&self, request: &NewProgress) -> bool {
        let measure = |text: &Option<String>| text.as_deref().map(Measure::parse);
        self.indicator == request.indicator
            && self.date == request.date
            && self.value == Measure::parse(&request.value)
            && self.projected == measure(&request.projected)
            && self.cause == request.cause
            && self.reason == request.reason
            && self.likelihood == request.likelihood
            && self.rectify == request.rectify
    }
}

/// Why an indicator's progress calls for a reason, as the return flags it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shortfall {
    /// 全年预计完成情况 falls short of the target (both read as figures).
    Projected,
    /// 完成目标可能性 is not 确定能.
    Uncertain,
}

/// What an indicator's latest progress says falls short, if anything: the
/// projected value below its target first, then a target not certain.
pub fn shortfall(indicator: &Indicator, progress: &Progress) -> Option<Shortfall> {
    let projected_short = progress
        .projected
        .as_ref()
        .and_then(|projected| compare(&indicator.target, projected))
        == Some(false);
    if projected_short {
        return Some(Shortfall::Projected);
    }
    progress
        .likelihood
        .is_some_and(|l| l != Likelihood::Certain)
        .then_some(Shortfall::Uncertain)
}

/// The latest progress value of `indicator` dated on or before `as_of`.
pub fn latest(progress: &[Progress], indicator: u64, as_of: NaiveDate) -> Option<&Progress> {
    progress
        .iter()
        .filter(|p| p.indicator == indicator && p.date <= as_of)
        .max_by_key(|p| p.date)
}

impl Normalise for NewProgress {
    fn normalised(self) -> Self {
        let plain = |t: Option<String>| t.map(|t| text::plain(&t)).filter(|t| !t.is_empty());
        NewProgress {
            value: text::plain(&self.value),
            projected: plain(self.projected),
            ..self
        }
    }
}

/// Refuses, naming the field, a date outside the year, an empty value, a
/// value or projection past the text bound, and prose `check_prose`
/// refuses; returns the request with its prose as stored (blank is none).
pub fn check_progress(request: NewProgress, year: FiscalYear) -> Result<NewProgress, Refusal> {
    in_year("date", request.date, year)?;
    if request.value.trim().is_empty() {
        return Err(Refusal::field_in("value", "must not be empty", "必填"));
    }
    bounded("value", &request.value)?;
    if let Some(projected) = &request.projected {
        bounded("projected", projected)?;
    }
    Ok(NewProgress {
        reason: check_prose("reason", request.reason)?,
        rectify: check_prose("rectify", request.rectify)?,
        ..request
    })
}

/// The stored value of a checked request, recorded by `who` now.
pub fn progress_from(request: NewProgress, who: &str) -> Progress {
    Progress {
        indicator: request.indicator,
        date: request.date,
        value: Measure::parse(&request.value),
        projected: request.projected.as_deref().map(Measure::parse),
        cause: request.cause,
        reason: request.reason,
        likelihood: request.likelihood,
        rectify: request.rectify,
        recorded_by: who.to_string(),
        recorded_at: Utc::now(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Vocabulary;
    use crate::domain::indicator::Category;

    fn year() -> FiscalYear {
        FiscalYear::new(2021).unwrap()
    }

    fn request(date: &str, value: &str) -> NewProgress {
        NewProgress {
            indicator: 1,
            date: date.parse().unwrap(),
            value: value.into(),
            projected: None,
            cause: None,
            reason: None,
            likelihood: None,
            rectify: None,
        }
    }

    fn stored(date: &str, value: &str) -> Progress {
        progress_from(request(date, value), "clerk")
    }

    fn indicator(target: &str) -> Indicator {
        Indicator {
            id: 1,
            project: "救援队".into(),
            category: Category::Quantity,
            name: "队员人数".into(),
            target: Measure::parse(target),
            actual: None,
            weight: 10.into(),
            deviation_reason: None,
            measures: None,
            marked_met: None,
            score: None,
            grade: None,
            updated_by: "clerk".into(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn causes_and_likelihoods_read_in_either_language_and_round_trip() {
        for cause in Cause::ALL {
            assert_eq!(Cause::parse(cause.code()), Ok(*cause));
            assert_eq!(Cause::parse(cause.zh()), Ok(*cause));
            let json = serde_json::to_string(cause).unwrap();
            assert_eq!(json, format!("\"{}\"", cause.code()));
            assert_eq!(serde_json::from_str::<Cause>(&json).unwrap(), *cause);
        }
        assert_eq!(Cause::parse("经费保障"), Ok(Cause::Funding));
        assert_eq!(Cause::parse("Staffing"), Ok(Cause::Staffing));
        assert_eq!(Cause::parse("硬件"), Ok(Cause::Equipment));
        assert_eq!(Cause::parse("其他"), Ok(Cause::Other));
        for likelihood in Likelihood::ALL {
            assert_eq!(Likelihood::parse(likelihood.zh()), Ok(*likelihood));
            assert_eq!(Likelihood::parse(likelihood.code()), Ok(*likelihood));
        }
        assert_eq!(Likelihood::parse("有可能"), Ok(Likelihood::Possible));
        assert_eq!(Likelihood::parse("完全不可能"), Ok(Likelihood::Impossible));
        assert_eq!(Likelihood::parse("确定能"), Ok(Likelihood::Certain));
        let bad = Cause::parse("weather").unwrap_err();
        assert_eq!(
            (bad.field, bad.to_string().as_str()),
            (
                "cause",
                "'weather' is not one of: funding, rules, staffing, equipment, other"
            )
        );
        assert_eq!(Likelihood::parse("maybe").unwrap_err().field, "likelihood");
    }

    #[test]
    fn the_latest_value_on_or_before_the_date_is_taken() {
        let values = vec![
            stored("2021-06-30", "100 人"),
            stored("2021-03-31", "40 人"),
            stored("2021-09-30", "150 人"),
            Progress {
                indicator: 2,
                ..stored("2021-07-15", "9 个")
            },
        ];
        let on = |date: &str| latest(&values, 1, date.parse().unwrap()).map(|p| &p.value.text);
        assert_eq!(on("2021-07-31").map(String::as_str), Some("100 人"));
        assert_eq!(on("2021-06-30").map(String::as_str), Some("100 人"));
        assert_eq!(on("2021-06-29").map(String::as_str), Some("40 人"));
        assert_eq!(on("2021-12-31").map(String::as_str), Some("150 人"));
        assert_eq!(on("2021-03-30"), None);
        assert_eq!(latest(&values, 3, "2021-12-31".parse().unwrap()), None);
    }

    #[test]
    fn rectification_is_needed_when_written_or_when_the_target_is_not_certain() {
        let mut p = stored("2021-07-31", "120 人");
        assert!(!p.needs_rectification(), "nothing said");
        p.likelihood = Some(Likelihood::Certain);
        assert!(!p.needs_rectification());
        p.likelihood = Some(Likelihood::Possible);
        assert!(p.needs_rectification());
        p.likelihood = Some(Likelihood::Certain);
        p.rectify = Some("加快招录".into());
        assert!(p.needs_rectification());
    }

    #[test]
    fn a_shortfall_is_a_projection_below_target_or_an_uncertain_target() {
        let target = indicator("≥ 160 人");
        let mut p = stored("2021-07-31", "120 人");
        assert_eq!(shortfall(&target, &p), None, "no projection, no likelihood");
        p.projected = Some(Measure::parse("160 人"));
        assert_eq!(shortfall(&target, &p), None);
        p.projected = Some(Measure::parse("150 人"));
        assert_eq!(shortfall(&target, &p), Some(Shortfall::Projected));
        p.projected = Some(Measure::parse("全部到位"));
        assert_eq!(shortfall(&target, &p), None, "prose cannot be compared");
        p.likelihood = Some(Likelihood::Impossible);
        assert_eq!(shortfall(&target, &p), Some(Shortfall::Uncertain));
        // a ≤ target falls short when the projection passes it
        let cost = indicator("≤ 20 万元");
        p.projected = Some(Measure::parse("25 万元"));
        p.likelihood = None;
        assert_eq!(shortfall(&cost, &p), Some(Shortfall::Projected));
    }

    #[test]
    fn a_request_is_refused_by_field_and_its_prose_cleaned() {
        let outside = check_progress(request("2022-01-01", "1 人"), year()).unwrap_err();
        assert_eq!(
            outside.to_string(),
            "date: 2022-01-01 is outside fiscal year 2021"
        );
        let empty = check_progress(request("2021-07-31", " ").normalised(), year()).unwrap_err();
        assert_eq!(empty.field_name(), "value");
        let mut long = request("2021-07-31", "1 人");
        long.projected = Some("人".repeat(501));
        assert_eq!(
            check_progress(long, year()).unwrap_err().field_name(),
            "projected"
        );
        let mut prose = request("2021-07-31", "1 人");
        prose.reason = Some(" 招录未满\r\n ".into());
        prose.rectify = Some("  ".into());
        let checked = check_progress(prose, year()).unwrap();
        assert_eq!(
            (checked.reason.as_deref(), checked.rectify),
            (Some("招录未满"), None)
        );
        let mut bad = request("2021-07-31", "1 人");
        bad.rectify = Some("a\u{1b}[2J".into());
        assert_eq!(
            check_progress(bad, year()).unwrap_err().field_name(),
            "rectify"
        );
    }

    #[test]
    fn a_value_recorded_again_is_recognised() {
        let mut req = request("2021-07-31", "120 人");
        req.cause = Some(Cause::Staffing);
        let stored = progress_from(req.clone(), "clerk");
        assert!(stored.same_as(&req));
        req.value = "121 人".into();
        assert!(!stored.same_as(&req));
    }
}
