//! The 绩效运行监控 return worded as the 一体化 monitoring table is laid out:
//! every project's money (budget, execution from January, the whole year's
//! projection, the warning light), then each project's goal and indicators.
//! A shortfall with no reason says so in the cell the reason belongs in, as
//! the summary does for a missing reason.

use super::summary::Style;
use super::{Document, Table};
use crate::domain::monitor::{MonitorReturn, MonitoredIndicator, MonitoredProject, Unexplained};
use crate::domain::progress::Shortfall;
use crate::i18n::Lang;

pub fn monitor_document(r: &MonitorReturn, style: Style) -> Document {
    let lang = style.lang;
    let mut doc = Document::default();
    doc.heading(
        1,
        match lang {
            Lang::Zh => format!("{}{}年绩效运行监控表", r.department, r.year),
            Lang::En => format!(
                "{}: {} performance monitoring return (绩效运行监控)",
                r.department, r.year
            ),
        },
    );
    doc.paragraph(match lang {
        Lang::Zh => format!(
            "截至 {}（预算执行数为 1—{}月），序时进度 {}%；金额单位：{}。",
            r.as_of,
            r.through_month,
            r.time_progress,
            lang.unit(style.unit)
        ),
        Lang::En => format!(
            "As of {} (execution for months 1–{}), time progress {}%; amounts in {}.",
            r.as_of,
            r.through_month,
            r.time_progress,
            lang.unit(style.unit)
        ),
    });
    // One section: a workbook of this document is one sheet.
    doc.heading(
        2,
        lang.pick("项目预算执行情况", "Budget execution by project"),
    );
    doc.table(money_table(r, style));
    for project in &r.projects {
        doc.heading(3, project.project.clone());
        doc.paragraph(format!(
            "{}{}",
            lang.pick("绩效目标：", "Performance goal: "),
            project
                .goal
                .as_deref()
                .unwrap_or(lang.pick("（未填写）", "(not written)"))
        ));
        if project.indicators.is_empty() {
            doc.paragraph(lang.pick("（无绩效指标）", "(no indicators)"));
        } else {
            doc.table(indicator_table(project, style));
        }
    }
    doc
}

fn money_table(r: &MonitorReturn, style: Style) -> Table {
    let lang = style.lang;
    let spent = match lang {
        Lang::Zh => format!("预算执行数（1—{}月）", r.through_month),
        Lang::En => format!("spent (months 1–{})", r.through_month),
    };
    let mut table = Table::new(
        [
            lang.pick("项目名称", "project").to_string(),
            lang.pick("预算数", "budget").into(),
            spent,
            lang.pick("执行率", "rate").into(),
            lang.pick("全年预计执行数", "projected year end").into(),
            lang.pick("预计执行率", "projected rate").into(),
            lang.pick("预警", "light").into(),
            lang.pick("原因", "reason").into(),
        ],
        &[1, 2, 3, 4, 5],
    );
    for p in &r.projects {
        let reason = match (&p.reason, unexplained_execution(p)) {
            (Some(reason), _) => reason.clone(),
            (None, true) => lang
                .pick(
                    "（预计执行率低于100%，须说明原因）",
                    "(projected below 100 %: a reason is required)",
                )
                .into(),
            (None, false) => String::new(),
        };
        table.row([
            p.project.clone(),
            style.money(p.budget),
            style.money(p.spent),
            rate(p.rate),
            style.money(p.projected),
            rate(p.projected_rate),
            p.light
                .map_or_else(|| "—".to_string(), |l| lang.word(l).to_string()),
            reason,
        ]);
    }
    table
}

fn unexplained_execution(p: &MonitoredProject) -> bool {
    p.unexplained
        .iter()
        .any(|u| matches!(u, Unexplained::Execution { .. }))
}

fn rate(rate: Option<rust_decimal::Decimal>) -> String {
    rate.map_or_else(|| "—".into(), |r| format!("{r}%"))
}

fn indicator_table(p: &MonitoredProject, style: Style) -> Table {
    let lang = style.lang;
    let mut table = Table::new(
        [
            lang.pick("一级指标", "tier"),
            lang.pick("二级指标", "category"),
            lang.pick("三级指标", "indicator"),
            lang.pick("指标值", "target"),
            lang.pick("绩效指标完成情况", "reached"),
            lang.pick("全年预计完成情况", "projected"),
            lang.pick("偏差原因", "cause of deviation"),
            lang.pick("完成目标可能性", "likelihood"),
            lang.pick("是否需要整改", "rectify?"),
            lang.pick("整改措施", "rectification"),
        ],
        &[],
    );
    for i in &p.indicators {
        let unreported = i.reported_on.is_none();
        table.row([
            lang.word(i.tier).to_string(),
            lang.word(i.category).to_string(),
            i.name.clone(),
            i.target.clone(),
            match &i.value {
                Some(value) => value.clone(),
                None => lang.pick("（未填报）", "(not reported)").into(),
            },
            i.projected.clone().unwrap_or_default(),
            deviation_cell(i, lang),
            i.likelihood
                .map(|l| lang.word(l).to_string())
                .unwrap_or_default(),
            if unreported {
                String::new()
            } else if i.rectification_needed {
                lang.pick("是", "yes").into()
            } else {
                lang.pick("否", "no").into()
            },
            i.rectify.clone().unwrap_or_default(),
        ]);
    }
    table
}

/// 偏差原因: the kind and the text (`人员保障：第二批队员正在政审`), or, where
/// the indicator falls short with neither, what is required.
fn deviation_cell(i: &MonitoredIndicator, lang: Lang) -> String {
    match (i.cause, &i.reason) {
        (Some(cause), Some(reason)) => {
            format!("{}{}{reason}", lang.word(cause), lang.pick("：", ": "))
        }
        (Some(cause), None) => lang.word(cause).to_string(),
        (None, Some(reason)) => reason.clone(),
        (None, None) => match i.shortfall {
            Some(Shortfall::Projected) => lang
                .pick(
                    "（全年预计未达指标值，须说明原因）",
                    "(projected short of the target: a reason is required)",
                )
                .into(),
            Some(Shortfall::Uncertain) => lang
                .pick(
                    "（目标未必能完成，须说明原因）",
                    "(the target may not be reached: a reason is required)",
                )
                .into(),
            None => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Unit;
    use crate::domain::indicator::{Category, Tier};
    use crate::domain::monitor::Light;
    use crate::domain::progress::{Cause, Likelihood};

    fn indicator(cause: Option<Cause>, reason: Option<&str>) -> MonitoredIndicator {
        MonitoredIndicator {
            id: 1,
            tier: Tier::Output,
            category: Category::Quantity,
            name: "队员人数".into(),
            target: "≥ 160 人".into(),
            reported_on: Some("2021-07-31".parse().unwrap()),
            value: Some("120 人".into()),
            projected: Some("150 人".into()),
            cause,
            reason: reason.map(str::to_string),
            likelihood: Some(Likelihood::Possible),
            rectification_needed: true,
            rectify: Some("加快招录".into()),
            shortfall: Some(Shortfall::Projected),
        }
    }

    fn r(indicators: Vec<MonitoredIndicator>) -> MonitorReturn {
        MonitorReturn {
            department: "测试局".into(),
            year: 2021,
            as_of: "2021-07-31".parse().unwrap(),
            through_month: 7,
            time_progress: "58.08".parse().unwrap(),
            projects: vec![MonitoredProject {
                project: "救援队".into(),
                goal: None,
                budget: "50000".parse().unwrap(),
                spent: "10000".parse().unwrap(),
                rate: Some("20.00".parse().unwrap()),
                projected: "40000".parse().unwrap(),
                projected_rate: Some("80.00".parse().unwrap()),
                light: Some(Light::Red),
                reason: None,
                indicators,
                unexplained: vec![Unexplained::Execution {
                    projected_rate: "80.00".parse().unwrap(),
                }],
            }],
        }
    }

    #[test]
    fn the_money_row_and_indicator_row_read_as_the_monitoring_table() {
        let style = Style {
            lang: Lang::Zh,
            unit: Unit::Wan,
        };
        let doc = monitor_document(
            &r(vec![indicator(Some(Cause::Staffing), Some("政审中"))]),
            style,
        );
        let tables: Vec<_> = doc.tables().collect();
        assert_eq!(tables[0].headers[2], "预算执行数（1—7月）");
        assert_eq!(
            tables[0].rows[0],
            [
                "救援队",
                "5.00",
                "1.00",
                "20.00%",
                "4.00",
                "80.00%",
                "红",
                "（预计执行率低于100%，须说明原因）"
            ]
        );
        assert_eq!(
            tables[1].rows[0],
            [
                "产出指标",
                "数量指标",
                "队员人数",
                "≥ 160 人",
                "120 人",
                "150 人",
                "人员保障：政审中",
                "有可能",
                "是",
                "加快招录"
            ]
        );
    }

    #[test]
    fn a_shortfall_without_a_reason_says_so_where_the_reason_goes() {
        let style = Style {
            lang: Lang::En,
            unit: Unit::Yuan,
        };
        let doc = monitor_document(&r(vec![indicator(None, None)]), style);
        let row = &doc.tables().nth(1).unwrap().rows[0];
        assert_eq!(
            row[6],
            "(projected short of the target: a reason is required)"
        );
        assert_eq!(doc.tables().next().unwrap().rows[0][1], "50000.00");
    }
}
