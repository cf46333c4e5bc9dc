//! The department's 绩效运行监控 return on January–July 2021: progress values
//! of the indicators as of 2021-07-31, as a clerk would have entered them in
//! August. All fill-in: the seed report is written at year end and gives no
//! in-year figures. Each value is made plausible by what the report says the
//! year reached: a count that ends the year at its target is part-way there
//! in July; work the report says was done in June (the flood survey) is done;
//! what it says was left to 2022 is projected short, with the report's cause.
//!
//! Filled in for the projects in force and moving by July: the special work,
//! the service contract, the rescue team, the training and drill, the flood
//! survey, 老街社区 and the fishing ban. Left out: indicators only the year
//! end settles (satisfaction, effects, completion dates), and the projects
//! allocated later in the year. One value is left without a reason on
//! purpose (老街社区's shelters, 有可能): the return flags it.

use chrono::NaiveDate;

use crate::domain::progress::Cause::{Funding, Other, Staffing};
use crate::domain::progress::Likelihood::{Certain, Impossible, Possible};
use crate::domain::progress::{Cause, Likelihood, NewProgress};

/// The date the return is filed on: the end of July.
pub const AS_OF: &str = "2021-07-31";

/// A progress value of an indicator named by its project and name; the
/// ledger gives it the indicator's id when the demo is loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoProgress {
    pub project: String,
    pub indicator: String,
    /// `indicator` is 0 until loaded.
    pub value: NewProgress,
}

/// (project, indicator, value, projected, likelihood, cause, reason, rectify).
type Spec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Likelihood,
    Option<Cause>,
    Option<&'static str>,
    Option<&'static str>,
);

#[rustfmt::skip]
const VALUES: &[Spec] = &[
    // Paid 56.83 % by July; the report counts 50 checks, 4 trainings, 8 drills for the year.
    ("应急管理及安全生产专项工作", "检查指导企业", "31 家次", "50 家次", Certain, None, None, None),
    ("应急管理及安全生产专项工作", "安全生产培训", "2 期", "4 期", Certain, None, None, None),
    ("应急管理及安全生产专项工作", "综合（专项）应急演练", "5 次", "8 次", Certain, None, None, None),
    ("应急管理及安全生产专项工作", "专项工作经费", "17.05 万元", "30 万元", Certain, None, None, None),
    // The services run all year; the report says nothing was paid in 2021 for want of money.
    ("购买安全生产和应急管理服务", "合同约定服务内容", "4 大项", "7 大项", Certain, None, None, None),
    (
        "购买安全生产和应急管理服务", "技术服务费", "0 万元", "65 万元", Possible, Some(Funding),
        Some("区级财政资金紧张，合同款至7月底尚未支付。"),
        Some("向区财政局申请调度资金，按合同约定分期支付，年底前至少支付一半。"),
    ),
    // 160 recruited by year end, posted to 12 towns; 278.47万 paid of 558.08万.
    (
        "综合应急救援队建队专项资金", "综合应急救援队人数", "152 人", "160 人", Certain, Some(Staffing),
        Some("第二批队员8人正在体检政审。"), None,
    ),
    ("综合应急救援队建队专项资金", "前置驻防乡镇", "12 个", "12 个", Certain, None, None, None),
    ("综合应急救援队建队专项资金", "建队资金", "128.47 万元", "278.47 万元", Certain, None, None, None),
    // 148 trained on the relief system, the team trained later; the drill moved to 2022.
    ("2020年中央自然灾害救灾资金（培训演练）", "救助资金审批系统培训", "148 人", "148 人", Certain, None, None, None),
    ("2020年中央自然灾害救灾资金（培训演练）", "综合应急救援队伍培训", "0 人", "160 人", Certain, None, None, None),
    (
        "2020年中央自然灾害救灾资金（培训演练）", "应急演练", "0 次", "0 次", Impossible, Some(Other),
        Some("演练方案须待综合应急救援队组建完成后制定，年内无法组织。"),
        Some("2022年上半年完成演练方案审定并组织实施，剩余资金随演练支付。"),
    ),
    // Survey done in June 2021; its 20万 left unpaid for 2022.
    ("2020年省级安全生产专项资金（关闭煤矿水患普查）", "关闭煤矿水患普查", "10 处", "10 处", Certain, None, None, None),
    // 144 buildings, one fire station, three shelters by year end.
    ("老街社区安全生产基础条件提升和安全隐患排查整改", "包保入户楼栋", "144 栋", "144 栋", Certain, None, None, None),
    ("老街社区安全生产基础条件提升和安全隐患排查整改", "社区微型消防站", "1 个", "1 个", Certain, None, None, None),
    ("老街社区安全生产基础条件提升和安全隐患排查整改", "应急避难场所", "2 处", "3 处", Possible, None, None, None),
    // Five wardens on patrol all year.
    ("2020年中央财政农业资源及生态保护补助资金（长江禁捕）", "渔政巡护员", "5 人", "5 人", Certain, None, None, None),
];

/// The progress values of the demo's return, dated [`AS_OF`].
pub fn progress() -> Vec<DemoProgress> {
    let date: NaiveDate = AS_OF.parse().expect("a date");
    VALUES
        .iter()
        .map(
            |&(project, indicator, value, projected, likelihood, cause, reason, rectify)| {
                DemoProgress {
                    project: project.to_string(),
                    indicator: indicator.to_string(),
                    value: NewProgress {
                        indicator: 0,
                        date,
                        value: value.to_string(),
                        projected: Some(projected.to_string()),
                        cause,
                        reason: reason.map(str::to_string),
                        likelihood: Some(likelihood),
                        rectify: rectify.map(str::to_string),
                    },
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::indicator::Measure;
    use crate::domain::progress::check_progress;

    #[test]
    fn every_value_names_a_demo_indicator_and_passes_the_checks() {
        let demo = super::super::demo_year();
        for p in progress() {
            let indicator = demo
                .indicators
                .iter()
                .find(|i| i.project == p.project && i.name == p.indicator)
                .unwrap_or_else(|| panic!("no indicator {} / {}", p.project, p.indicator));
            check_progress(p.value.clone(), demo.year)
                .unwrap_or_else(|e| panic!("{}: {e}", p.indicator));
            // plausible: a July value never passes what the year reached
            let (Some(actual), value) = (&indicator.actual, Measure::parse(&p.value.value)) else {
                continue;
            };
            let actual = Measure::parse(actual);
            if let (Some(a), Some(v)) = (actual.value, value.value) {
                assert!(v <= a, "{}: {v:?} in July, {a:?} at year end", p.indicator);
            }
        }
    }

    #[test]
    fn one_value_has_a_cause_a_reason_a_possible_target_and_a_rectification() {
        let full = progress().into_iter().filter(|p| {
            let v = &p.value;
            v.cause.is_some()
                && v.reason.is_some()
                && v.likelihood == Some(Likelihood::Possible)
                && v.rectify.is_some()
        });
        assert_eq!(full.count(), 1);
    }
}
