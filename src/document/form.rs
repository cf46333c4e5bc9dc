//! A project's self-evaluation form (项目支出绩效自评表) as a document: the
//! form's own labels in its fixed Chinese, amounts in 万元 with two decimals
//! as forms print them (or the unit the user chose), and what the form still
//! lacks in the user's language.

use rust_decimal::Decimal;

use super::summary::Style;
use super::{Document, Table};
use crate::domain::form::{
    Blank, FormIndicator, FundsRow, FundsRowKey, Layout, Missing, ProjectForm,
};
use crate::domain::{Money, Vocabulary};
use crate::i18n::Lang;

const NONE: &str = "—";

fn rate(rate: Option<Decimal>) -> String {
    rate.map_or_else(|| NONE.into(), |r| format!("{r}%"))
}

fn text(value: &Option<String>) -> String {
    text_of(value).to_string()
}

pub(crate) fn text_of(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

/// A score cell: its points, 无数据 for a project without figures, or the
/// blank a clerk still has to fill.
fn score_cell(score: Option<Decimal>, no_data: bool, lang: Lang) -> String {
    match score {
        Some(points) => points.to_string(),
        None if no_data => "无数据".into(),
        None => lang.pick("待补", "to fill").into(),
    }
}

pub(crate) fn grade_cell(form: &ProjectForm, lang: Lang) -> String {
    match (form.grade, form.no_data()) {
        (Some(grade), _) => grade.zh().to_string(),
        (None, true) => "无数据".into(),
        (None, false) => lang.pick("待补", "to fill").into(),
    }
}

/// A funds row's label as the forms print it.
pub(crate) fn row_label(key: FundsRowKey, layout: Layout) -> String {
    match (key, layout) {
        (FundsRowKey::Total, Layout::National) => "年度资金总额".into(),
        (FundsRowKey::Total, Layout::Sichuan) => "总额".into(),
        (key, _) => format!("其中：{}", key.zh()),
    }
}

pub fn forms_document(forms: &[ProjectForm], style: Style) -> Document {
    let mut doc = Document::default();
    for form in forms {
        project_form(&mut doc, form, style);
    }
    if forms.is_empty() {
        doc.paragraph(style.lang.pick("没有项目。", "No projects."));
    }
    doc
}

fn project_form(doc: &mut Document, form: &ProjectForm, style: Style) {
    let lang = style.lang;
    match form.layout {
        Layout::National => doc.heading(1, format!("项目支出绩效自评表（{}年度）", form.year)),
        Layout::Sichuan => {
            doc.heading(
                1,
                format!("部门预算项目支出绩效自评表（{}年度）", form.year),
            );
            doc.paragraph("表号：510000_0013zp");
        }
    }
    doc.paragraph(match lang {
        Lang::Zh => format!("截至 {}；金额单位：{}。", form.as_of, lang.unit(style.unit)),
        Lang::En => format!(
            "As of {}; amounts in {}.",
            form.as_of,
            lang.unit(style.unit)
        ),
    });
    header(doc, form);
    match form.layout {
        Layout::National => {
            funds(doc, form, style);
            adjustments(doc, form, style);
            goals(doc, form);
            national_indicators(doc, form, lang);
            total(doc, form, "总分", lang);
        }
        Layout::Sichuan => {
            basics(doc, form);
            funds(doc, form, style);
            adjustments(doc, form, style);
            sichuan_indicators(doc, form, lang);
            total(doc, form, "合计", lang);
            evaluation(doc, form);
        }
    }
    missing(doc, form, lang);
}

/// 项目名称 as the layout writes it: Sichuan's as `项目编码-名称`.
pub(crate) fn project_name(form: &ProjectForm) -> String {
    match (form.layout, &form.project_code) {
        (Layout::Sichuan, Some(code)) => format!("{code}-{}", form.project),
        _ => form.project.clone(),
    }
}

/// The implementing unit's label: Sichuan's asks for its seal.
pub(crate) fn implementer_label(layout: Layout) -> &'static str {
    match layout {
        Layout::National => "实施单位",
        Layout::Sichuan => "实施单位（盖章）",
    }
}

fn header(doc: &mut Document, form: &ProjectForm) {
    let mut t = Table::new(["栏目", "内容"], &[]);
    t.row(["项目名称".to_string(), project_name(form)]);
    t.row(["主管部门".to_string(), form.department.clone()]);
    t.row([
        implementer_label(form.layout).to_string(),
        form.implementer.clone(),
    ]);
    doc.table(t);
}

/// A column of the funds block (项目资金 / 预算执行情况).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FundsColumn {
    Row,
    Initial,
    Budget,
    Spent,
    Rate,
    Weight,
    Score,
    Reason,
}

/// The funds block's columns as each paper form prints them, in order, with
/// their heads (the Markdown/CSV form and the workbook share them).
pub(crate) fn funds_columns(layout: Layout) -> &'static [(FundsColumn, &'static str)] {
    use FundsColumn::*;
    match layout {
        Layout::National => &[
            (Row, "项目资金"),
            (Initial, "年初预算数"),
            (Budget, "全年预算数"),
            (Spent, "全年执行数"),
            (Weight, "分值"),
            (Rate, "执行率"),
            (Score, "得分"),
        ],
        Layout::Sichuan => &[
            (Row, "预算执行情况"),
            (Initial, "年初预算"),
            (Budget, "调整后预算数"),
            (Spent, "预算执行数"),
            (Rate, "预算执行率"),
            (Weight, "权重"),
            (Score, "得分"),
            (Reason, "原因"),
        ],
    }
}

/// What one cell of the funds block holds; each document writes it its way.
pub(crate) enum FundsCell<'a> {
    Label(String),
    Money(Money),
    Rate(Option<Decimal>),
    Weight(Decimal),
    /// The execution score: none is 无数据 or still to fill.
    Score(Option<Decimal>),
    Reason(&'a str),
    /// "—": the 分值 and 得分 of a row below the total.
    Dash,
}

/// The cell of `row` in `column`: the weight, the score and the reason
/// belong to the total row only.
pub(crate) fn funds_cell<'a>(
    form: &'a ProjectForm,
    row: &FundsRow,
    column: FundsColumn,
) -> FundsCell<'a> {
    let total = row.row == FundsRowKey::Total;
    match column {
        FundsColumn::Row => FundsCell::Label(row_label(row.row, form.layout)),
        FundsColumn::Initial => FundsCell::Money(row.initial),
        FundsColumn::Budget => FundsCell::Money(row.budget),
        FundsColumn::Spent => FundsCell::Money(row.spent),
        FundsColumn::Rate => FundsCell::Rate(row.rate),
        FundsColumn::Weight if total => FundsCell::Weight(form.funds.weight),
        FundsColumn::Score if total => FundsCell::Score(form.funds.score),
        FundsColumn::Reason if total => FundsCell::Reason(text_of(&form.funds.reason)),
        FundsColumn::Reason => FundsCell::Reason(""),
        FundsColumn::Weight | FundsColumn::Score => FundsCell::Dash,
    }
}

/// The funds block's heading: Sichuan's carries its points.
pub(crate) fn funds_heading(form: &ProjectForm) -> String {
    match form.layout {
        Layout::National => "项目资金".into(),
        Layout::Sichuan => format!("预算执行情况（{}分）", form.funds.weight.normalize()),
    }
}

fn funds(doc: &mut Document, form: &ProjectForm, style: Style) {
    let columns = funds_columns(form.layout);
    let figures: Vec<usize> = (1..columns.len())
        .filter(|&n| columns[n].0 != FundsColumn::Reason)
        .collect();
    let mut t = Table::new(columns.iter().map(|(_, head)| *head), &figures);
    for row in &form.funds.rows {
        t.row(
            columns
                .iter()
                .map(|&(column, _)| match funds_cell(form, row, column) {
                    FundsCell::Label(label) => label,
                    FundsCell::Money(m) => style.money(m),
                    FundsCell::Rate(r) => rate(r),
                    FundsCell::Weight(w) => w.to_string(),
                    FundsCell::Score(s) => score_cell(s, form.no_data(), style.lang),
                    FundsCell::Reason(text) => text.to_string(),
                    FundsCell::Dash => NONE.into(),
                }),
        );
    }
    doc.heading(2, funds_heading(form));
    doc.table(t);
}

fn adjustments(doc: &mut Document, form: &ProjectForm, style: Style) {
    if form.adjustments.is_empty() {
        return;
    }
    let mut t = Table::new(["日期", "指标", "调整文号", "调整金额", "调整原因"], &[3]);
    for a in &form.adjustments {
        t.row([
            a.date.to_string(),
            a.line.clone(),
            a.doc.clone(),
            style.money(a.amount),
            a.reason.clone(),
        ]);
    }
    doc.heading(2, "预算调整（追加/调减）及原因");
    doc.table(t);
}

fn prose(doc: &mut Document, label: &str, value: &Option<String>) {
    doc.heading(3, label);
    doc.paragraph(value.clone().unwrap_or_else(|| "（未填写）".into()));
}

fn goals(doc: &mut Document, form: &ProjectForm) {
    doc.heading(2, "年度总体目标");
    prose(doc, "预期目标", &form.goals.expected);
    prose(doc, "实际完成情况", &form.goals.achieved);
}

fn basics(doc: &mut Document, form: &ProjectForm) {
    doc.heading(2, "项目基本情况");
    prose(doc, "项目年度目标", &form.goals.expected);
    prose(doc, "年度目标完成情况", &form.goals.achieved);
    prose(doc, "项目实施内容及过程概述", &form.content);
}

fn evaluation(doc: &mut Document, form: &ProjectForm) {
    prose(doc, "评价结论", &form.conclusion);
    prose(doc, "存在问题", &form.problems);
    prose(doc, "改进措施", &form.improvements);
    let mut t = Table::new(["项目负责人", "财务负责人"], &[]);
    t.row([text(&form.leader), text(&form.finance_leader)]);
    doc.table(t);
}

/// 偏差原因 and 改进措施 in the one cell the forms give them.
pub(crate) fn deviation_cell(i: &FormIndicator) -> String {
    match (&i.deviation, &i.measures) {
        (Some(d), Some(m)) => format!("{d}；改进措施：{m}"),
        (Some(d), None) => d.clone(),
        (None, Some(m)) => format!("改进措施：{m}"),
        (None, None) => String::new(),
    }
}

/// The indicator table's columns as each paper form prints them (the
/// Markdown/CSV form and the workbook share them).
pub(crate) const NATIONAL_INDICATOR_HEADS: [&str; 8] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
];
pub(crate) const SICHUAN_INDICATOR_HEADS: [&str; 10] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "完成值",
    "权重",
    "得分",
    "未完成原因分析",
];

fn national_indicators(doc: &mut Document, form: &ProjectForm, lang: Lang) {
    let mut t = Table::new(NATIONAL_INDICATOR_HEADS, &[5, 6]);
    for i in &form.indicators {
        t.row([
            i.tier.zh().to_string(),
            i.category.zh().to_string(),
            i.name.clone(),
            i.target.clone(),
            text(&i.actual),
            i.weight.to_string(),
            score_cell(i.score, false, lang),
            deviation_cell(i),
        ]);
    }
    doc.heading(2, "绩效指标");
    doc.table(t);
}

/// Sichuan's 指标性质 and 指标值: a qualitative target has no comparator or
/// number, so it is 定性 and its text is the value.
pub(crate) fn nature_and_value(i: &FormIndicator) -> (String, String) {
    match (i.nature, &i.value) {
        (Some(c), Some(v)) => (c.symbol().to_string(), v.clone()),
        _ => ("定性".to_string(), i.target.clone()),
    }
}

fn sichuan_indicators(doc: &mut Document, form: &ProjectForm, lang: Lang) {
    let mut t = Table::new(SICHUAN_INDICATOR_HEADS, &[7, 8]);
    for i in &form.indicators {
        let (nature, value) = nature_and_value(i);
        t.row([
            i.tier.zh().to_string(),
            i.category.zh().to_string(),
            i.name.clone(),
            nature,
            value,
            text(&i.unit),
            text(&i.actual),
            i.weight.to_string(),
            score_cell(i.score, false, lang),
            deviation_cell(i),
        ]);
    }
    let indicators = Decimal::ONE_HUNDRED - form.funds.weight;
    doc.heading(2, format!("绩效指标（{}分）", indicators.normalize()));
    doc.table(t);
}

fn total(doc: &mut Document, form: &ProjectForm, label: &str, lang: Lang) {
    let mut t = Table::new([label, "分值", "得分", "评价等级"], &[1, 2]);
    let score = match (form.total, form.scored) {
        (Some(total), _) => total.to_string(),
        (None, None) => "无数据".into(),
        (None, Some(so_far)) => match lang {
            Lang::Zh => format!("待补（已得 {so_far}）"),
            Lang::En => format!("to fill ({so_far} so far)"),
        },
    };
    t.row([
        label.to_string(),
        "100".into(),
        score,
        grade_cell(form, lang),
    ]);
    doc.table(t);
}

/// What a form lacks, in a few words: the blank field, a tier without
/// indicators, or a text over its limit with its length and the limit.
pub fn missing_what(m: &Missing, layout: Layout, lang: Lang) -> String {
    let what = lang.word(m.field);
    if let Some((limit, chars)) = m.too_long(layout) {
        let form = lang.word(layout);
        return match lang {
            Lang::Zh => format!(
                "{}有 {chars} 字，{form}表限 {} 字",
                limit.label, limit.limit
            ),
            Lang::En => format!(
                "{} has {chars} 字, the {form} form holds {}",
                limit.label, limit.limit
            ),
        };
    }
    match (m.field, &m.name) {
        (Blank::Indicators, Some(tier)) => {
            let tier = crate::domain::indicator::Tier::parse(tier)
                .map(|t| lang.word(t))
                .unwrap_or(tier);
            match lang {
                Lang::Zh => format!("{tier}：没有{what}"),
                Lang::En => format!("{tier}: no {what}"),
            }
        }
        _ => what.to_string(),
    }
}

fn missing(doc: &mut Document, form: &ProjectForm, lang: Lang) {
    if form.missing.is_empty() {
        return;
    }
    doc.heading(
        2,
        lang.pick("尚缺（填齐后方可报送）", "Still missing before filing"),
    );
    let mut t = Table::new(
        [
            lang.pick("缺项", "missing"),
            lang.pick("指标", "indicator"),
            lang.pick("怎样补", "how to fill it"),
        ],
        &[],
    );
    for m in &form.missing {
        let indicator = match (m.indicator, &m.name) {
            (Some(id), Some(name)) => format!("#{id} {name}"),
            _ => String::new(),
        };
        t.row([
            missing_what(m, form.layout, lang),
            indicator,
            how_to_fill(m, form.layout, &form.project),
        ]);
    }
    doc.table(t);
}

/// The command that fills a blank (or rewrites a text that is too long).
pub fn how_to_fill(m: &Missing, layout: Layout, project: &str) -> String {
    let id = m.indicator.unwrap_or_default();
    let field = m.too_long(layout).map_or(m.field, |(limit, _)| limit.field);
    match field {
        Blank::Figures => format!("outlay line add --project {project} …"),
        Blank::Reason => format!("outlay project set {project} --reason …"),
        Blank::Indicators => format!("outlay indicator add --project {project} …"),
        Blank::Actual => format!("outlay indicator set {id} --actual …"),
        Blank::Grade => format!("outlay indicator set {id} --score … | --met | --not-met"),
        Blank::Deviation => format!("outlay indicator set {id} --deviation …"),
        field => format!(
            "outlay project set {project} --{} …",
            field.code().replace('_', "-")
        ),
    }
}
