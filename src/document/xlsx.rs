//! The forms as an Excel/WPS workbook: a first sheet listing every project
//! (budget, spent, rate, score, grade, what is missing), then one sheet per
//! project laid out as the paper form — merged header cells, borders,
//! wrapped text, widths that fit, numbers as numbers in `0.00`, A4 landscape
//! with the title rows repeated on every printed page.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::form::{
    FundsCell, FundsColumn, deviation_cell, funds_cell, funds_columns, funds_heading, grade_cell,
    implementer_label, nature_and_value, project_name, text_of,
};
use super::summary::Style;
use crate::domain::form::{FormIndicator, Layout, ProjectForm};
use crate::domain::{Money, Unit, Vocabulary};
use crate::i18n::Lang;

/// Excel's paper size code for A4.
const A4: u8 = 9;
/// Longest sheet name Excel accepts.
const SHEET_NAME: usize = 31;
/// Excel's tallest row, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;

/// The workbook's bytes; a failure is the writer's, named as such.
pub fn forms_workbook(forms: &[ProjectForm], style: Style) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let f = Formats::new();
    list_sheet(book.add_worksheet(), forms, style, &f)?;
    let mut used: Vec<String> = vec![list_name(style.lang).to_string()];
    for (n, form) in forms.iter().enumerate() {
        let name = sheet_name(n + 1, &form.project, &used);
        used.push(name.clone());
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        match form.layout {
            Layout::National => national_sheet(sheet, form, style, &f)?,
            Layout::Sichuan => sichuan_sheet(sheet, form, style, &f)?,
        }
    }
    book.save_to_buffer()
}

fn list_name(lang: Lang) -> &'static str {
    lang.pick("项目汇总", "Projects")
}

/// `01 项目名称`, cut to Excel's 31 characters, without the characters a
/// sheet name may not hold, and unique in the workbook.
pub fn sheet_name(n: usize, project: &str, used: &[String]) -> String {
    let clean: String = project
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c => c,
        })
        .collect();
    let name: String = format!("{n:02} {clean}").chars().take(SHEET_NAME).collect();
    let name = name.trim_end_matches('\'').to_string();
    if used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        return format!("{n:02}").chars().take(SHEET_NAME).collect();
    }
    name
}

struct Formats {
    title: Format,
    subtitle: Format,
    label: Format,
    text: Format,
    number: Format,
    centred: Format,
}

/// A table cell of every workbook: thin borders, centred vertically, wrapped.
pub(super) fn bordered_cell() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
}

impl Formats {
    fn new() -> Formats {
        let cell = bordered_cell();
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new().set_align(FormatAlign::Center),
            label: cell.clone().set_bold().set_align(FormatAlign::Center),
            text: cell.clone(),
            number: cell.clone().set_num_format("0.00"),
            centred: cell.set_align(FormatAlign::Center),
        }
    }
}

fn amount(m: Money, style: Style) -> f64 {
    let value = match style.unit {
        Unit::Wan => m.wan_2dp(),
        Unit::Yuan => m.as_decimal(),
    };
    value.to_f64().unwrap_or_default()
}

fn number(d: Decimal) -> f64 {
    d.to_f64().unwrap_or_default()
}

/// A row tall enough for `text` wrapped into `width` columns of characters
/// (a CJK character takes two).
pub(super) fn fit(
    sheet: &mut Worksheet,
    row: u32,
    text: &str,
    width: f64,
) -> Result<(), XlsxError> {
    let columns: usize = text
        .lines()
        .map(|line| {
            let w = unicode_width::UnicodeWidthStr::width(line) as f64;
            (w / width.max(1.0)).ceil().max(1.0) as usize
        })
        .sum();
    let height = (15.0 * columns.max(1) as f64).min(MAX_ROW_HEIGHT);
    if height > 15.0 {
        sheet.set_row_height(row, height)?;
    }
    Ok(())
}

/// Writes a value spread over `first..=last` columns of a row (merged when
/// it spans more than one), bordered.
fn span(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    last: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if first == last {
        sheet.write_string_with_format(row, first, text, format)?;
    } else {
        sheet.merge_range(row, first, row, last, text, format)?;
    }
    Ok(())
}

fn score_or_blank(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    score: Option<Decimal>,
    no_data: bool,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    match score {
        Some(points) => {
            sheet.write_number_with_format(row, col, number(points), &f.number)?;
        }
        None if no_data => {
            sheet.write_string_with_format(row, col, "无数据", &f.centred)?;
        }
        None => {
            sheet.write_string_with_format(row, col, lang.pick("待补", "to fill"), &f.centred)?;
        }
    }
    Ok(())
}

fn rate_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    rate: Option<Decimal>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match rate {
        Some(r) => sheet.write_number_with_format(row, col, number(r), &f.number)?,
        None => sheet.write_string_with_format(row, col, "—", &f.centred)?,
    };
    Ok(())
}

pub(super) fn page_setup(sheet: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_repeat_rows(0, 1)?;
    Ok(())
}

fn list_sheet(
    sheet: &mut Worksheet,
    forms: &[ProjectForm],
    style: Style,
    f: &Formats,
) -> Result<(), XlsxError> {
    let lang = style.lang;
    sheet.set_name(list_name(lang))?;
    let unit = lang.unit(style.unit);
    let year = forms.first().map_or(0, |f| f.year);
    sheet.merge_range(
        0,
        0,
        0,
        8,
        &match lang {
            Lang::Zh => format!("{year}年度项目支出绩效自评汇总"),
            Lang::En => format!("{year} project self-evaluation forms"),
        },
        &f.title,
    )?;
    sheet.merge_range(
        1,
        0,
        1,
        8,
        &match lang {
            Lang::Zh => format!("金额单位：{unit}"),
            Lang::En => format!("amounts in {unit}"),
        },
        &f.subtitle,
    )?;
    let headers = [
        lang.pick("项目", "project"),
        lang.pick("项目编码", "project code"),
        "年初预算数",
        "全年预算数",
        "全年执行数",
        lang.pick("执行率（%）", "rate (%)"),
        lang.pick("得分", "score"),
        lang.pick("等级", "grade"),
        lang.pick("缺项", "missing"),
    ];
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *h, &f.label)?;
    }
    for (n, form) in forms.iter().enumerate() {
        let row = 3 + n as u32;
        sheet.write_string_with_format(row, 0, &form.project, &f.text)?;
        sheet.write_string_with_format(
            row,
            1,
            form.project_code.as_deref().unwrap_or(""),
            &f.text,
        )?;
        sheet.write_number_with_format(row, 2, amount(form.funds.initial, style), &f.number)?;
        sheet.write_number_with_format(row, 3, amount(form.funds.budget, style), &f.number)?;
        sheet.write_number_with_format(row, 4, amount(form.funds.spent, style), &f.number)?;
        rate_cell(sheet, row, 5, form.funds.rate, f)?;
        score_or_blank(sheet, row, 6, form.total, form.no_data(), lang, f)?;
        sheet.write_string_with_format(row, 7, grade_cell(form, lang), &f.centred)?;
        sheet.write_number_with_format(row, 8, form.missing.len() as f64, &f.centred)?;
    }
    page_setup(sheet, &[44.0, 24.0, 12.0, 12.0, 12.0, 11.0, 9.0, 8.0, 7.0])
}

/// The rows both layouts share: title, date and unit, name, department,
/// implementer. Returns the next free row.
fn header(
    sheet: &mut Worksheet,
    form: &ProjectForm,
    style: Style,
    f: &Formats,
    last: u16,
) -> Result<u32, XlsxError> {
    let title = match form.layout {
        Layout::National => format!("项目支出绩效自评表（{}年度）", form.year),
        Layout::Sichuan => format!("部门预算项目支出绩效自评表（{}年度）", form.year),
    };
    sheet.merge_range(0, 0, 0, last, &title, &f.title)?;
    sheet.set_row_height(0, 28)?;
    let note = match form.layout {
        Layout::National => format!(
            "（截至 {}；金额单位：{}）",
            form.as_of,
            style.lang.unit(style.unit)
        ),
        Layout::Sichuan => format!(
            "表号：510000_0013zp　（截至 {}；金额单位：{}）",
            form.as_of,
            style.lang.unit(style.unit)
        ),
    };
    sheet.merge_range(1, 0, 1, last, &note, &f.subtitle)?;
    sheet.write_string_with_format(2, 0, "项目名称", &f.label)?;
    span(sheet, 2, 1, last, &project_name(form), &f.text)?;
    let half = last / 2;
    sheet.write_string_with_format(3, 0, "主管部门", &f.label)?;
    span(sheet, 3, 1, half, &form.department, &f.text)?;
    let implementer = implementer_label(form.layout);
    span(sheet, 3, half + 1, half + 1, implementer, &f.label)?;
    span(sheet, 3, half + 2, last, &form.implementer, &f.text)?;
    Ok(4)
}

/// The funds block (项目资金 / 预算执行情况) in the columns the form gives it,
/// one sheet column each and the last spread to the form's edge; Sichuan's
/// 原因 runs down the whole block, one reason for it as the paper form's
/// column reads. Returns the next free row.
fn funds(
    sheet: &mut Worksheet,
    mut row: u32,
    form: &ProjectForm,
    style: Style,
    f: &Formats,
    last: u16,
) -> Result<u32, XlsxError> {
    let columns = funds_columns(form.layout);
    let end = columns.len() as u16 - 1;
    let to = |col: u16| if col == end { last } else { col };
    for (col, &(column, head)) in (0..).zip(columns) {
        let head = match column {
            FundsColumn::Row => funds_heading(form),
            // the workbook's rates are numbers: the head carries the %
            FundsColumn::Rate => format!("{head}（%）"),
            _ => head.to_string(),
        };
        span(sheet, row, col, to(col), &head, &f.label)?;
    }
    let first = row + 1;
    for r in &form.funds.rows {
        row += 1;
        for (col, &(column, _)) in (0..).zip(columns) {
            if column != FundsColumn::Reason && to(col) > col {
                sheet.merge_range(row, col, row, to(col), "", &f.number)?;
            }
            funds_cell_in(sheet, row, col, funds_cell(form, r, column), form, style, f)?;
        }
    }
    if let Some(col) = columns.iter().position(|(c, _)| *c == FundsColumn::Reason) {
        let col = col as u16;
        let reason = text_of(&form.funds.reason);
        sheet.merge_range(first, col, row, to(col), reason, &f.text)?;
    }
    Ok(row + 1)
}

/// One funds cell as the workbook writes it: figures as numbers.
fn funds_cell_in(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: FundsCell,
    form: &ProjectForm,
    style: Style,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        FundsCell::Label(label) => {
            sheet.write_string_with_format(row, col, label, &f.text)?;
        }
        FundsCell::Money(m) => {
            sheet.write_number_with_format(row, col, amount(m, style), &f.number)?;
        }
        FundsCell::Rate(r) => rate_cell(sheet, row, col, r, f)?,
        FundsCell::Weight(w) => {
            sheet.write_number_with_format(row, col, number(w), &f.number)?;
        }
        FundsCell::Score(points) => {
            score_or_blank(sheet, row, col, points, form.no_data(), style.lang, f)?
        }
        // written once for the whole block
        FundsCell::Reason(_) => {}
        FundsCell::Dash => {
            sheet.write_string_with_format(row, col, "—", &f.centred)?;
        }
    }
    Ok(())
}

/// The adjustments block: a label down the first column, one row each.
fn adjustments(
    sheet: &mut Worksheet,
    mut row: u32,
    form: &ProjectForm,
    style: Style,
    f: &Formats,
    last: u16,
) -> Result<u32, XlsxError> {
    if form.adjustments.is_empty() {
        return Ok(row);
    }
    let first = row;
    let heads = ["日期", "指标", "调整文号", "调整金额"];
    for (n, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(row, 1 + n as u16, *h, &f.label)?;
    }
    span(sheet, row, 5, last, "调整原因", &f.label)?;
    for a in &form.adjustments {
        row += 1;
        sheet.write_string_with_format(row, 1, a.date.to_string(), &f.centred)?;
        sheet.write_string_with_format(row, 2, &a.line, &f.text)?;
        sheet.write_string_with_format(row, 3, &a.doc, &f.text)?;
        sheet.write_number_with_format(row, 4, amount(a.amount, style), &f.number)?;
        span(sheet, row, 5, last, &a.reason, &f.text)?;
    }
    if row > first {
        sheet.merge_range(first, 0, row, 0, "预算调整及原因", &f.label)?;
    } else {
        sheet.write_string_with_format(first, 0, "预算调整及原因", &f.label)?;
    }
    Ok(row + 1)
}

/// What the form lacks, below it (outside the form's own rows).
fn missing(
    sheet: &mut Worksheet,
    row: u32,
    form: &ProjectForm,
    lang: Lang,
    f: &Formats,
    last: u16,
) -> Result<(), XlsxError> {
    if form.missing.is_empty() {
        return Ok(());
    }
    let items: Vec<String> = form
        .missing
        .iter()
        .map(|m| {
            let what = super::form::missing_what(m, form.layout, lang);
            match (&m.name, m.indicator) {
                (Some(name), Some(id)) => format!("{what}（#{id} {name}）"),
                _ => what,
            }
        })
        .collect();
    let text = format!(
        "{}{}",
        lang.pick("尚缺：", "Still missing: "),
        items.join(lang.pick("；", "; "))
    );
    sheet.merge_range(row + 1, 0, row + 1, last, &text, &f.text)?;
    fit(sheet, row + 1, &text, 120.0)
}

/// The goals' two labels on `row` and the expected and achieved texts below
/// them, the row as tall as the longer text needs.
fn goals(
    sheet: &mut Worksheet,
    row: u32,
    form: &ProjectForm,
    f: &Formats,
    last: u16,
    [expected_label, achieved_label]: [&str; 2],
) -> Result<(), XlsxError> {
    span(sheet, row, 1, 4, expected_label, &f.label)?;
    span(sheet, row, 5, last, achieved_label, &f.label)?;
    let (expected, achieved) = (text_of(&form.goals.expected), text_of(&form.goals.achieved));
    span(sheet, row + 1, 1, 4, expected, &f.text)?;
    span(sheet, row + 1, 5, last, achieved, &f.text)?;
    let longer = if expected.len() > achieved.len() {
        expected
    } else {
        achieved
    };
    fit(sheet, row + 1, longer, 50.0)
}

/// An indicator's last three cells, from `col` on: 分值/权重, 得分, and the
/// reason for the deviation with its measures, the row as tall as that text.
fn scored_cells(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    i: &FormIndicator,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.write_number_with_format(row, col, number(i.weight), &f.number)?;
    score_or_blank(sheet, row, col + 1, i.score, false, lang, f)?;
    let why = deviation_cell(i);
    sheet.write_string_with_format(row, col + 2, &why, &f.text)?;
    fit(sheet, row, &why, 30.0)
}

/// The 总分 / 合计 row: its label up to `col`, then 100, the total and the grade.
fn total(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    form: &ProjectForm,
    label: &str,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    span(sheet, row, 0, col - 1, label, &f.label)?;
    sheet.write_number_with_format(row, col, 100, &f.number)?;
    score_or_blank(sheet, row, col + 1, form.total, form.no_data(), lang, f)?;
    sheet.write_string_with_format(row, col + 2, grade_cell(form, lang), &f.centred)?;
    Ok(())
}

fn national_sheet(
    sheet: &mut Worksheet,
    form: &ProjectForm,
    style: Style,
    f: &Formats,
) -> Result<(), XlsxError> {
    const LAST: u16 = 7;
    let lang = style.lang;
    let mut row = header(sheet, form, style, f, LAST)?;
    row = funds(sheet, row, form, style, f, LAST)?;
    row = adjustments(sheet, row, form, style, f, LAST)?;
    // 年度总体目标
    sheet.merge_range(row, 0, row + 1, 0, "年度总体目标", &f.label)?;
    goals(sheet, row, form, f, LAST, ["预期目标", "实际完成情况"])?;
    row += 2;
    // 绩效指标
    let heads = super::form::NATIONAL_INDICATOR_HEADS;
    for (n, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(row, n as u16, *h, &f.label)?;
    }
    for i in &form.indicators {
        row += 1;
        sheet.write_string_with_format(row, 0, i.tier.zh(), &f.text)?;
        sheet.write_string_with_format(row, 1, i.category.zh(), &f.text)?;
        sheet.write_string_with_format(row, 2, &i.name, &f.text)?;
        sheet.write_string_with_format(row, 3, &i.target, &f.text)?;
        sheet.write_string_with_format(row, 4, text_of(&i.actual), &f.text)?;
        scored_cells(sheet, row, 5, i, lang, f)?;
    }
    row += 1;
    total(sheet, row, 5, form, "总分", lang, f)?;
    missing(sheet, row + 1, form, lang, f, LAST)?;
    page_setup(sheet, &[12.0, 14.0, 24.0, 20.0, 18.0, 10.0, 10.0, 36.0])
}

fn sichuan_sheet(
    sheet: &mut Worksheet,
    form: &ProjectForm,
    style: Style,
    f: &Formats,
) -> Result<(), XlsxError> {
    const LAST: u16 = 9;
    let lang = style.lang;
    let mut row = header(sheet, form, style, f, LAST)?;
    // 项目基本情况
    sheet.merge_range(row, 0, row + 2, 0, "项目基本情况", &f.label)?;
    goals(
        sheet,
        row,
        form,
        f,
        LAST,
        ["项目年度目标", "年度目标完成情况"],
    )?;
    span(sheet, row + 2, 1, 2, "项目实施内容及过程概述", &f.label)?;
    span(sheet, row + 2, 3, LAST, text_of(&form.content), &f.text)?;
    fit(sheet, row + 2, text_of(&form.content), 90.0)?;
    row += 3;
    row = funds(sheet, row, form, style, f, LAST)?;
    row = adjustments(sheet, row, form, style, f, LAST)?;
    // 绩效指标
    let indicators = (Decimal::ONE_HUNDRED - form.funds.weight).normalize();
    sheet.merge_range(
        row,
        0,
        row,
        LAST,
        &format!("绩效指标（{indicators}分）"),
        &f.label,
    )?;
    row += 1;
    let heads = super::form::SICHUAN_INDICATOR_HEADS;
    for (n, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(row, n as u16, *h, &f.label)?;
    }
    for i in &form.indicators {
        row += 1;
        let (nature, value) = nature_and_value(i);
        sheet.write_string_with_format(row, 0, i.tier.zh(), &f.text)?;
        sheet.write_string_with_format(row, 1, i.category.zh(), &f.text)?;
        sheet.write_string_with_format(row, 2, &i.name, &f.text)?;
        sheet.write_string_with_format(row, 3, &nature, &f.centred)?;
        match value.parse::<Decimal>() {
            Ok(n) if i.nature.is_some() => {
                sheet.write_number_with_format(row, 4, number(n), &f.text)?
            }
            _ => sheet.write_string_with_format(row, 4, &value, &f.text)?,
        };
        sheet.write_string_with_format(row, 5, text_of(&i.unit), &f.centred)?;
        sheet.write_string_with_format(row, 6, text_of(&i.actual), &f.text)?;
        scored_cells(sheet, row, 7, i, lang, f)?;
    }
    row += 1;
    total(sheet, row, 7, form, "合计", lang, f)?;
    for (label, text) in [
        ("评价结论", &form.conclusion),
        ("存在问题", &form.problems),
        ("改进措施", &form.improvements),
    ] {
        row += 1;
        sheet.write_string_with_format(row, 0, label, &f.label)?;
        span(sheet, row, 1, LAST, text_of(text), &f.text)?;
        fit(sheet, row, text_of(text), 110.0)?;
    }
    row += 1;
    span(sheet, row, 0, 1, "项目负责人", &f.label)?;
    span(sheet, row, 2, 4, text_of(&form.leader), &f.text)?;
    span(sheet, row, 5, 6, "财务负责人", &f.label)?;
    span(sheet, row, 7, LAST, text_of(&form.finance_leader), &f.text)?;
    missing(sheet, row + 1, form, lang, f, LAST)?;
    page_setup(
        sheet,
        &[12.0, 14.0, 22.0, 9.0, 16.0, 9.0, 16.0, 9.0, 9.0, 34.0],
    )
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_fit_excel_and_stay_unique() {
        let long = "四川省应急救援能力提升行动计划（2019至2021年）项目补助资金";
        let name = sheet_name(10, long, &[]);
        assert_eq!(name.chars().count(), 31);
        assert!(name.starts_with("10 四川省"));
        assert_eq!(sheet_name(2, "a/b:c?", &[]), "02 a_b_c_");
        assert_eq!(sheet_name(3, "项目汇总", &["03 项目汇总".into()]), "03");
    }
}
