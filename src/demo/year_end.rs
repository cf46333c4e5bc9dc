//! What the department wrote at the end of 2021, from the seed report: why
//! projects are behind, its judgement of the indicators a number cannot
//! settle, and the report's conclusion, problems and improvements.

use rust_decimal::Decimal;

use crate::domain::indicator::{Measure, compare};
use crate::domain::input::NewIndicator;
use crate::domain::settings::NoteSection;

/// The department's judgement of an indicator nothing computes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Achieved: the report describes it as done.
    Achieved,
    /// Partly achieved (部分实现): the user's score in the 60–80 % band.
    Partly { score: Decimal, reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judgement {
    pub project: String,
    pub indicator: String,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearEnd {
    /// (project, why it is behind).
    pub reasons: Vec<(String, String)>,
    pub judgements: Vec<Judgement>,
    pub notes: Vec<(NoteSection, String)>,
    /// Each project's form facts: goal, what was achieved, how it was done.
    pub forms: Vec<(String, crate::domain::facts::FactsUpdate)>,
}

/// Projects whose work runs into 2022, with the report's words for why.
/// Fill-in where the report gives no reason: the rescue team's (its 2021
/// payments followed the contract) is ours.
const BEHIND: &[(&str, &str)] = &[
    (
        "购买安全生产和应急管理服务",
        "因财政资金紧张，2021年未支付，拟计划在2022年完成支付。",
    ),
    (
        "综合应急救援队建队专项资金",
        "按建队合同进度支付，2021年底支付278.47万元，余款2022年按合同支付。",
    ),
    (
        "应急管理信息化及指挥场所建设项目",
        "项目2022年底完成建设，按合同2022年底完成支付。",
    ),
    (
        "四川省应急救援能力提升行动计划（2019至2021年）项目补助资金",
        "项目2022年底完成建设，2022年底完成支付。",
    ),
    (
        "2020年省级安全生产专项资金（关闭煤矿水患普查）",
        "因财政资金紧张，2021年未支付，拟安排在2022年支付。",
    ),
    (
        "2020年中央自然灾害救灾资金（培训演练）",
        "2021年已支付培训资金1.74万元；应急演练安排在2022年，剩余资金2022年完成支付。",
    ),
    (
        "2020年中央财政农业资源及生态保护补助资金（长江禁捕）",
        "巡护任务跨年度实施，2022年底支付完成。",
    ),
];

/// Partly achieved scores 70 % of the weight: the middle of its band.
const PARTLY_SHARE: Decimal = Decimal::from_parts(7, 0, 0, false, 1);

/// The year end as the report tells it. An indicator that no number settles
/// (no actual, or prose) is judged achieved when its project finished in 2021,
/// as the report describes each of them done; in a project running into 2022
/// it is partly achieved, for the project's reason (fill-in: the report
/// scores nothing, so the band is ours).
pub fn year_end(indicators: &[NewIndicator]) -> YearEnd {
    let behind = |project: &str| BEHIND.iter().find(|(p, _)| *p == project).map(|(_, r)| *r);
    let judgements = indicators
        .iter()
        .filter(|i| {
            let actual = i.actual.as_deref().map(Measure::parse);
            actual.is_none_or(|a| compare(&i.target_measure(), &a).is_none())
        })
        .map(|i| Judgement {
            project: i.project.clone(),
            indicator: i.name.clone(),
            verdict: match behind(&i.project) {
                Some(reason) => Verdict::Partly {
                    score: (i.weight * PARTLY_SHARE).round_dp(2),
                    reason: reason.to_string(),
                },
                None => Verdict::Achieved,
            },
        })
        .collect();
    YearEnd {
        reasons: BEHIND
            .iter()
            .map(|(p, r)| (p.to_string(), r.to_string()))
            .collect(),
        judgements,
        forms: super::project_forms::project_forms(),
        notes: vec![
            (NoteSection::Conclusion, CONCLUSION.to_string()),
            (NoteSection::Problems, PROBLEMS.to_string()),
            (NoteSection::Improvements, IMPROVEMENTS.to_string()),
        ],
    }
}

const CONCLUSION: &str = "2021年，我局加强预算收支管理，健全管理制度，优化管理流程，严守财经法规制度，严格执行财务审批制度，重大开支经党委会集体研究决定，资金使用合法合规。2021年经费基本支出、专项经费支出、“三公”经费等支出均控制在预算内，部门整体支出管理水平有效提高，安全生产形势总体平稳，应急处置能力有效提升，为我区高质量发展提供了安全保障，较好地完成了年度工作目标任务。";

const PROBLEMS: &str = "1、项目支付进度参差不齐。部分项目支付已完成目标进度，部分项目支付未达进度或尚未支付。
2、部分项目进度相对滞后。项目正在招投标、完成招投标尚未签订合同、完工尚未验收、上级建设标准改变等情况同时存在，导致支付进度滞后。";

const IMPROVEMENTS: &str = "1、加大项目推进力度。加强沟通协调，加快项目方案制定、招投标、合同签订、项目交付、项目验收等工作，推进资金执行进度，确保年内完成支付目标。
2、强化项目支付管理。进一步加强工作对接，严把财务报销审批关，规范开支范围，确保开支和记账符合规定，杜绝违反财经纪律情况发生，确保资金使用效益。";
