//! The year-end summary worded as the self-evaluation report (绩效自评报告)
//! is laid out: funding, execution, every project's indicators, scores, and
//! the free-text sections.

use rust_decimal::Decimal;

use super::{Document, Table};
use crate::domain::department::{ClassBySource, RatioKey};
use crate::domain::indicator::Tier;
use crate::domain::score::{Grade, ProjectScore};
use crate::domain::settings::NoteSection;
use crate::domain::summary::{FundingRow, Funds, YearSummary, asked_at_year_end};
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
    ratios(&mut doc, summary, style);
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

/// Basic expenditure by class, the budget split by source as the report
/// states it (工资福利 年初 309.20, not the 343.53 of all sources).
fn class_table(classes: &[ClassBySource], style: Style) -> Table {
    let mut table = Table::new(
        [
            style.pick("经济分类", "economic class"),
            style.pick("年初预算", "initial"),
            style.pick("追加预算", "supplementary"),
            style.pick("上年结转", "carry-over"),
            style.pick("预算数合计", "budget"),
            style.pick("执行数", "spent"),
            style.pick("结余", "remaining"),
            style.pick("执行率", "rate"),
        ],
        &[1, 2, 3, 4, 5, 6, 7],
    );
    for class in classes {
        let label = class.key.map_or(style.pick("未分类", "unclassified"), |c| {
            style.lang.word(c)
        });
        table.row([
            label.to_string(),
            style.money(class.initial.budget),
            style.money(class.supplementary.budget),
            style.money(class.carryover.budget),
            style.money(class.funds.budget),
            style.money(class.funds.spent),
            style.money(class.funds.remaining),
            style.rate(class.funds.rate),
        ]);
    }
    table
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
    doc.table(class_table(&summary.basic_by_class, style));
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
            (None, true) if asked_at_year_end(summary.as_of) => style
                .pick(
                    "（执行率低于90%，须说明原因）",
                    "(below 90 %: a reason is required)",
                )
                .into(),
            (None, true) => style
                .pick(
                    "（落后于序时进度，须说明原因）",
                    "(behind pace: a reason is required)",
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
    doc.heading(2, style.pick("三、项目支出绩效自评", "3. Projects"));
    if summary.projects.is_empty() {
        doc.paragraph(style.pick("本年度没有项目支出。", "No project spending this year."));
        return;
    }
    doc.paragraph(style.pick(
        "每个项目的自评表（指标、得分、偏差原因及改进措施）由 `outlay form` 填写导出。",
        "Each project's form (indicators, scores, reasons and measures) comes from `outlay form`.",
    ));
    let mut table = Table::new(
        [
            style.pick("项目", "project"),
            style.pick("预算数", "budget"),
            style.pick("执行数", "spent"),
            style.pick("执行率", "rate"),
            style.pick("执行得分", "execution"),
            style.pick("产出", "outputs"),
            style.pick("效益", "effects"),
            style.pick("满意度", "satisfaction"),
            style.pick("总分", "total"),
            style.pick("等级", "grade"),
        ],
        &[1, 2, 3, 4, 5, 6, 7, 8],
    );
    for p in &summary.projects {
        table.row([
            p.project.clone(),
            style.money(p.funds.budget),
            style.money(p.funds.spent),
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
}

fn tier_points(score: &ProjectScore, tier: Tier) -> String {
    score
        .tiers
        .iter()
        .find(|t| t.tier == tier)
        .map_or_else(|| "—".into(), |t| t.points.to_string())
}

/// How each ratio is computed, as the table states it (and the README).
fn formula(key: RatioKey, style: Style) -> &'static str {
    match key {
        RatioKey::Execution => style.pick("执行数 ÷ 调整后预算数", "spent ÷ budget"),
        RatioKey::Adjustment => style.pick("调整数 ÷ 年初预算数", "adjustments ÷ initial budget"),
        RatioKey::AdjustmentWithSupplementary => style.pick(
            "（调整数 + 追加预算）÷ 年初预算数",
            "(adjustments + supplementary) ÷ initial budget",
        ),
        RatioKey::Unspent => style.pick(
            "（调整后预算数 − 执行数）÷ 调整后预算数",
            "(budget − spent) ÷ budget",
        ),
        RatioKey::PublicFunds => style.pick(
            "基本支出商品和服务支出执行数 ÷ 预算数",
            "basic goods & services spent ÷ budget",
        ),
        RatioKey::ThreePublic => style.pick(
            "三公经费支出 ÷ 三公经费预算（标记的指标及支付）",
            "three public expenses spent ÷ budget (tagged lines and payments)",
        ),
        RatioKey::Abroad | RatioKey::Reception | RatioKey::Vehicles => {
            style.pick("支出 ÷ 预算（标记的指标及支付）", "spent ÷ budget (tagged)")
        }
        RatioKey::Procurement => style.pick(
            "政府采购支出 ÷ 政府采购预算（标记的指标及支付）",
            "procurement spent ÷ budget (tagged)",
        ),
    }
}

fn ratios(doc: &mut Document, summary: &YearSummary, style: Style) {
    doc.heading(
        2,
        style.pick("四、部门整体指标", "4. Department-wide ratios"),
    );
    let mut table = Table::new(
        [
            style.pick("指标", "ratio"),
            style.pick("计算方法", "formula"),
            style.pick("分子", "numerator"),
            style.pick("分母", "denominator"),
            style.pick("比率", "rate"),
        ],
        &[2, 3, 4],
    );
    for ratio in &summary.ratios {
        table.row([
            style.lang.word(ratio.key).to_string(),
            formula(ratio.key, style).to_string(),
            style.money(ratio.numerator),
            style.money(ratio.denominator),
            style.rate(ratio.rate),
        ]);
    }
    doc.table(table);
    doc.paragraph(style.pick(
        "三公经费和政府采购按指标或支付的标记统计（`outlay line set --tags`、`outlay pay --tags`）；未标记时比率为“—”。",
        "The three public expenses (travel abroad, receptions, vehicles) and procurement count the lines and payments tagged so (`outlay line set --tags`, `outlay pay --tags`); with nothing tagged the rate is “—”.",
    ));
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
