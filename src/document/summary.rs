//! The year-end summary worded as the self-evaluation report (绩效自评报告)
//! is laid out: funding, execution, every project's indicators, scores, and
//! the free-text sections.

use rust_decimal::Decimal;

use super::{Document, Table};
use crate::domain::score::Achievement;
use crate::domain::score::{Grade, ProjectScore};
use crate::domain::settings::NoteSection;
use crate::domain::summary::{FundingRow, Funds, ProjectSummary, YearSummary};
use crate::domain::{Kind, Money, Unit, Vocabulary};
use crate::i18n::Lang;

/// How figures are written: the unit and the language.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub lang: Lang,
    pub unit: Unit,
}

impl Style {
    fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }

    /// Amounts as the report's tables write them: 万元 with two decimals, or
    /// yuan and fen; no grouping, so spreadsheets read them as numbers.
    pub fn money(self, m: Money) -> String {
        let mut value = match self.unit {
            Unit::Wan => m.wan_2dp(),
            Unit::Yuan => m.as_decimal(),
        };
        value.rescale(2);
        value.to_string()
    }

    fn rate(self, rate: Option<Decimal>) -> String {
        rate.map_or_else(|| "—".into(), |r| format!("{r}%"))
    }

    fn unit(self) -> &'static str {
        self.lang.unit(self.unit)
    }

    fn grade(self, grade: Option<Grade>) -> String {
        match grade {
            Some(g) => match self.lang {
                Lang::Zh => g.zh().to_string(),
                Lang::En => format!("{} ({})", g.zh(), grade_en(g)),
            },
            None => self.pick("待评", "not yet graded").into(),
        }
    }

    fn points(self, points: Option<Decimal>) -> String {
        points.map_or_else(|| self.pick("待评", "to judge").into(), |p| p.to_string())
    }
}

fn two_decimals(mut value: Decimal) -> String {
    value.rescale(2);
    value.to_string()
}

fn grade_en(grade: Grade) -> &'static str {
    match grade {
        Grade::Excellent => "excellent",
        Grade::Good => "good",
        Grade::Fair => "fair",
        Grade::Poor => "poor",
    }
}

pub fn summary_document(summary: &YearSummary, style: Style) -> Document {
    let mut doc = Document::default();
    let title = match style.lang {
        Lang::Zh => format!(
            "{}{}年度预算执行及绩效自评汇总",
            summary.department, summary.year
        ),
        Lang::En => format!(
            "{}: {} budget execution and performance self-evaluation",
            summary.department, summary.year
        ),
    };
    doc.heading(1, title);
    doc.paragraph(match style.lang {
        Lang::Zh => format!(
            "截至 {}，序时进度 {}%；金额单位：{}。",
            summary.as_of,
            summary.time_progress,
            style.unit()
        ),
        Lang::En => format!(
            "As of {}, time progress {}%; amounts in {}.",
            summary.as_of,
            summary.time_progress,
            style.unit()
        ),
    });
    funding(&mut doc, summary, style);
    execution(&mut doc, summary, style);
    projects(&mut doc, summary, style);
    scores(&mut doc, summary, style);
    notes(&mut doc, summary, style);
    doc
}

fn funds_cells(funds: &Funds, style: Style) -> [String; 5] {
    [
        style.money(funds.allocated),
        style.money(funds.adjusted),
        style.money(funds.budget),
        style.money(funds.spent),
        style.rate(funds.rate),
    ]
}

fn funding_label(row: &FundingRow, style: Style) -> String {
    let lang = style.lang;
    match row {
        FundingRow::Part { kind, source } => {
            format!("{} · {}", lang.word(*kind), lang.word(*source))
        }
        FundingRow::Kind { kind: Kind::Basic } => {
            style.pick("基本支出合计", "basic expenditure, all").into()
        }
        FundingRow::Kind {
            kind: Kind::Project,
        } => style
            .pick("专项资金（项目支出）合计", "project money, all")
            .into(),
        FundingRow::ProjectAdded => style
            .pick(
                "项目支出 · 追加及结转",
                "project spending · supplementary and carry-over",
            )
            .into(),
        FundingRow::Supplementary => style
            .pick(
                "追加预算合计（基本 + 项目）",
                "supplementary, all (basic + project)",
            )
            .into(),
        FundingRow::Total => style.pick("年度资金总额", "the year's money, all").into(),
    }
}

fn funding(doc: &mut Document, summary: &YearSummary, style: Style) {
    doc.heading(2, style.pick("一、部门资金基本情况", "1. Funding"));
    let mut table = Table::new(
        [
            style.pick("资金", "money"),
            style.pick("下达数", "allocated"),
            style.pick("调整数", "adjusted"),
            style.pick("调整后预算数", "budget"),
            style.pick("执行数", "spent"),
            style.pick("执行率", "rate"),
        ],
        &[1, 2, 3, 4, 5],
    );
    for line in &summary.funding {
        let mut cells = vec![funding_label(&line.row, style)];
        cells.extend(funds_cells(&line.funds, style));
        table.row(cells);
    }
    doc.table(table);
    if !summary.supplementary_by_level.is_empty() {
        doc.heading(
            3,
            style.pick(
                "追加资金按级次",
                "Supplementary money by level of government",
            ),
        );
        let mut table = breakdown_table(style.pick("级次", "level"), style);
        for part in &summary.supplementary_by_level {
            table.row(breakdown_cells(
                style.lang.word(part.key).into(),
                &part.funds,
                style,
            ));
        }
        doc.table(table);
    }
}

fn breakdown_table(key: &str, style: Style) -> Table {
    Table::new(
        [
            key,
            style.pick("预算数", "budget"),
            style.pick("执行数", "spent"),
            style.pick("结余", "remaining"),
            style.pick("执行率", "rate"),
        ],
        &[1, 2, 3, 4],
    )
}

fn breakdown_cells(label: String, funds: &Funds, style: Style) -> Vec<String> {
    vec![
        label,
        style.money(funds.budget),
        style.money(funds.spent),
        style.money(funds.remaining),
        style.rate(funds.rate),
    ]
}

fn execution(doc: &mut Document, summary: &YearSummary, style: Style) {
    doc.heading(2, style.pick("二、资金执行情况", "2. Execution"));
    doc.heading(
        3,
        style.pick(
            "基本支出（按经济分类）",
            "Basic expenditure by economic class",
        ),
    );
    let mut table = breakdown_table(style.pick("经济分类", "economic class"), style);
    for part in &summary.basic_by_class {
        let label = part.key.map_or(style.pick("未分类", "unclassified"), |c| {
            style.lang.word(c)
        });
        table.row(breakdown_cells(label.into(), &part.funds, style));
    }
    doc.table(table);
    doc.heading(
        3,
        style.pick("项目支出（按资金来源）", "Project spending by source"),
    );
    let mut table = breakdown_table(style.pick("资金来源", "source"), style);
    for part in &summary.projects_by_source {
        table.row(breakdown_cells(
            style.lang.word(part.key).into(),
            &part.funds,
            style,
        ));
    }
    doc.table(table);

    doc.heading(3, style.pick("未全额支付的项目", "Projects not fully paid"));
    if summary.projects.is_empty() {
        doc.paragraph(style.pick("本年度没有项目支出。", "No project spending this year."));
        return;
    }
    if summary.unfinished.is_empty() {
        doc.paragraph(style.pick("所有项目均已全额支付。", "Every project is fully paid."));
        return;
    }
    let mut table = Table::new(
        [
            style.pick("项目", "project"),
            style.pick("预算数", "budget"),
            style.pick("执行数", "spent"),
            style.pick("未支付", "unpaid"),
            style.pick("执行率", "rate"),
            style.pick("逾期未付", "overdue"),
            style.pick("待到期", "falling due"),
            style.pick("原因", "reason"),
        ],
        &[1, 2, 3, 4, 5, 6],
    );
    for u in &summary.unfinished {
        let reason = match (&u.reason, u.reason_missing) {
            (Some(reason), _) => reason.clone(),
            (None, true) => style
                .pick(
                    "（执行率低于90%，须说明原因）",
                    "(below 90 %: a reason is required)",
                )
                .into(),
            (None, false) => String::new(),
        };
        table.row([
            u.project.clone(),
            style.money(u.funds.budget),
            style.money(u.funds.spent),
            style.money(u.funds.remaining),
            style.rate(u.funds.rate),
            style.money(u.overdue),
            style.money(u.falling_due),
            reason,
        ]);
    }
    doc.table(table);
}

fn projects(doc: &mut Document, summary: &YearSummary, style: Style) {
    doc.heading(
        2,
        style.pick(
            "三、项目绩效目标完成情况",
            "3. Projects and their indicators",
        ),
    );
    if summary.projects.is_empty() {
        doc.paragraph(style.pick("本年度没有项目支出。", "No project spending this year."));
    }
    for (n, project) in summary.projects.iter().enumerate() {
        doc.heading(3, format!("({}) {}", n + 1, project.project));
        doc.paragraph(project_line(project, style));
        if project.indicators.is_empty() {
            doc.paragraph(style.pick("未设绩效指标。", "No performance indicators set."));
            continue;
        }
        let mut table = Table::new(
            [
                style.pick("一级指标", "tier"),
                style.pick("二级指标", "category"),
                style.pick("三级指标", "indicator"),
                style.pick("年度指标值", "target"),
                style.pick("实际完成值", "actual"),
                style.pick("是否达成", "met"),
                style.pick("分值", "weight"),
                style.pick("得分", "points"),
                style.pick("偏差原因", "deviation reason"),
            ],
            &[6, 7],
        );
        for i in &project.indicators {
            table.row([
                style.lang.word(i.tier).to_string(),
                style.lang.word(i.category).to_string(),
                i.name.clone(),
                i.target.clone(),
                i.actual.clone().unwrap_or_default(),
                match i.achievement {
                    Achievement::Achieved => style.pick("达成", "achieved"),
                    Achievement::Partly => style.pick("部分达成", "partly"),
                    Achievement::NotAchieved => style.pick("未达成", "not achieved"),
                    Achievement::Open => style.pick("待评", "to judge"),
                }
                .to_string(),
                two_decimals(i.weight),
                style.points(i.points),
                i.deviation_reason.clone().unwrap_or_default(),
            ]);
        }
        doc.table(table);
    }
}

fn project_line(p: &ProjectSummary, style: Style) -> String {
    let sources: Vec<&str> = p.sources.iter().map(|s| style.lang.word(*s)).collect();
    let levels: Vec<&str> = p.levels.iter().map(|l| style.lang.word(*l)).collect();
    let mut line = match style.lang {
        Lang::Zh => format!(
            "{}，{}。预算 {}，执行 {}，执行率 {}；得分 {}，{}。",
            sources.join("、"),
            levels.join("、"),
            style.money(p.funds.budget),
            style.money(p.funds.spent),
            style.rate(p.funds.rate),
            p.score.total,
            style.grade(p.score.grade)
        ),
        Lang::En => format!(
            "{}; {}. Budget {}, spent {}, rate {}; score {}, {}.",
            sources.join(", "),
            levels.join(", "),
            style.money(p.funds.budget),
            style.money(p.funds.spent),
            style.rate(p.funds.rate),
            p.score.total,
            style.grade(p.score.grade)
        ),
    };
    if let Some(reason) = &p.reason {
        line.push_str(&format!(" {}{reason}", style.pick("原因：", "Reason: ")));
    }
    line
}

fn tier_points(score: &ProjectScore, tier: crate::domain::indicator::Tier) -> String {
    score
        .tiers
        .iter()
        .find(|t| t.tier == tier)
        .map_or_else(|| "—".into(), |t| t.points.to_string())
}

fn scores(doc: &mut Document, summary: &YearSummary, style: Style) {
    use crate::domain::indicator::Tier;
    doc.heading(2, style.pick("四、自评得分", "4. Scores"));
    let mut table = Table::new(
        [
            style.pick("项目", "project"),
            style.pick("预算数", "budget"),
            style.pick("执行率", "rate"),
            style.pick("执行得分", "execution"),
            style.pick("产出", "outputs"),
            style.pick("效益", "effects"),
            style.pick("满意度", "satisfaction"),
            style.pick("总分", "total"),
            style.pick("等级", "grade"),
        ],
        &[1, 2, 3, 4, 5, 6, 7],
    );
    for p in &summary.projects {
        table.row([
            p.project.clone(),
            style.money(p.funds.budget),
            style.rate(p.funds.rate),
            p.score.execution.to_string(),
            tier_points(&p.score, Tier::Output),
            tier_points(&p.score, Tier::Effect),
            tier_points(&p.score, Tier::Satisfaction),
            p.score.total.to_string(),
            style.grade(p.score.grade),
        ]);
    }
    doc.table(table);
    let dept = &summary.department_score;
    let total = dept.total.map_or_else(|| "—".into(), |t| t.to_string());
    let mut line = match style.lang {
        Lang::Zh => format!(
            "部门得分（各项目得分按预算数加权）：{total}，{}。",
            style.grade(dept.grade)
        ),
        Lang::En => format!(
            "Department score (project scores weighted by budget): {total}, {}.",
            style.grade(dept.grade)
        ),
    };
    if dept.ungraded > 0 {
        line.push_str(&match style.lang {
            Lang::Zh => format!(" 尚有 {} 个项目未完成评分（指标待评或缺少一级指标）。", dept.ungraded),
            Lang::En => format!(
                " {} project(s) still wait for scoring (indicators to judge or a tier without indicators).",
                dept.ungraded
            ),
        });
    }
    doc.paragraph(line);
}

fn notes(doc: &mut Document, summary: &YearSummary, style: Style) {
    doc.heading(
        2,
        style.pick(
            "五、评价结论、存在问题及改进措施",
            "5. Conclusion, problems and improvements",
        ),
    );
    for section in NoteSection::ALL.iter().copied() {
        doc.heading(3, style.lang.word(section));
        match summary.notes.get(&section) {
            Some(text) => doc.paragraph(text.clone()),
            None => doc.paragraph(style.pick("（未填写）", "(not written yet)")),
        }
    }
}
