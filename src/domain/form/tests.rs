//! Forms of hand-worked projects; every figure and score is worked in the
//! comments beside it.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::*;
use crate::domain::FiscalYear;
use crate::domain::fixtures::{self, d};
use crate::domain::indicator::Measure;
use crate::domain::line::{Kind, Source};
use crate::domain::report::{LineFigures, ReportInput, execution_report};
use crate::domain::score::Grade;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn yuan(s: &str) -> Money {
    crate::domain::parse_amount(s).unwrap()
}

/// A project line of `project` with its allocation, budget and spent, and
/// optionally its 资金性质.
fn line(
    code: &str,
    project: &str,
    source: Source,
    money: [&str; 3],
    fund_type: Option<&str>,
) -> LineFigures {
    let mut line = fixtures::line(code, Kind::Project, source, "2021-01-01", money[0]);
    line.project = Some(project.into());
    line.allocated = yuan(money[0]);
    line.refs.fund_type = fund_type.map(str::to_string);
    if code == "L1" {
        line.refs.project_code = Some("51041121R000000015208".into());
    }
    LineFigures {
        allocated: yuan(money[0]),
        budget: yuan(money[1]),
        spent: yuan(money[2]),
        paced: true,
        line,
    }
}

fn indicator(
    id: u64,
    project: &str,
    category: Category,
    target: &str,
    actual: Option<&str>,
    weight: i64,
) -> Indicator {
    let mut i = fixtures::indicator(project, category, target, actual, weight);
    i.id = id;
    i.name = format!("指标{id}");
    i
}

fn adjustment(line: &str, amount: &str, reason: &str) -> Adjustment {
    Adjustment {
        id: 1,
        line: line.into(),
        date: d("2021-06-30"),
        amount: yuan(amount),
        doc_no: "仁财预〔2021〕40号".into(),
        reason: reason.into(),
        batch_no: None,
        from_line: None,
        entered_by: "t".into(),
        entered_at: chrono::DateTime::UNIX_EPOCH,
    }
}

/// Three projects, as of 31 December 2021:
///
/// 救援队 (hand-worked): L1 initial, allocated 100万, cut by 10万 to 90万,
/// 72万 spent; L2 supplementary 20万, all spent; L3 carried over, 10万, 5万
/// spent; L4 supplementary in a special account (财政专户管理资金), 5万, none
/// spent. Budget 125万, spent 97万, rate 97 ÷ 125 = 77.60 %.
///
/// 慰问金: supplementary only, 30万 all spent; no actual values yet.
///
/// 软件维护: a line of 0 with nothing spent: no figures.
fn input(layout: Layout) -> FormInput {
    let lines = vec![
        line(
            "L1",
            "救援队",
            Source::Initial,
            ["100万", "90万", "72万"],
            None,
        ),
        line(
            "L2",
            "救援队",
            Source::Supplementary,
            ["20万", "20万", "20万"],
            None,
        ),
        line(
            "L3",
            "救援队",
            Source::Carryover,
            ["10万", "10万", "5万"],
            None,
        ),
        line(
            "L4",
            "救援队",
            Source::Supplementary,
            ["5万", "5万", "0"],
            Some("财政专户管理资金"),
        ),
        line(
            "S1",
            "慰问金",
            Source::Supplementary,
            ["30万", "30万", "30万"],
            None,
        ),
        line(
            "Z1",
            "软件维护",
            Source::Supplementary,
            ["0", "0", "0"],
            None,
        ),
    ];
    let budget_lines = lines.iter().map(|f| f.line.clone()).collect();
    let report = execution_report(ReportInput {
        year: FiscalYear::new(2021).unwrap(),
        as_of: d("2021-12-31"),
        tolerance: Decimal::TEN,
        lines,
        instalments: Vec::new(),
        paid_by_month: [Money::ZERO; 12],
        rules: crate::domain::monitoring::MonitoringRules::default(),
    });
    let mut qualitative = indicator(
        3,
        "救援队",
        Category::Social,
        "有效防范较大以上事故",
        Some("全年未发生较大及以上事故"),
        30,
    );
    qualitative.score = Some(dec("24"));
    let mut short = indicator(
        1,
        "救援队",
        Category::Quantity,
        "≥ 160 人",
        Some("150 人"),
        25,
    );
    short.deviation_reason = Some("招录未满".into());
    short.measures = Some("2022年补招".into());
    let mut unsurveyed = indicator(6, "慰问金", Category::Satisfaction, "≥ 95 %", None, 10);
    // Marked met without a survey figure: the mark does not count.
    unsurveyed.marked_met = Some(true);
    let indicators = vec![
        short,
        indicator(
            2,
            "救援队",
            Category::Timeliness,
            "≤ 2021-12-31",
            Some("2021-11-30"),
            25,
        ),
        qualitative,
        indicator(
            4,
            "救援队",
            Category::Satisfaction,
            "≥ 90 %",
            Some("95 %"),
            10,
        ),
        indicator(5, "慰问金", Category::Quantity, "= 3 个", None, 80),
        unsurveyed,
    ];
    let facts = BTreeMap::from([(
        "救援队".to_string(),
        ProjectFacts {
            goal: Some("组建160人的综合应急救援队".into()),
            achieved: Some("已组建150人，驻防12个乡镇".into()),
            implementer: Some("仁和区综合应急救援大队".into()),
            ..ProjectFacts::default()
        },
    )]);
    FormInput {
        department: "仁和区应急管理局".into(),
        layout,
        report,
        lines: budget_lines,
        adjustments: vec![
            adjustment("L1", "-10万", "政府采购结余调减"),
            adjustment("S9", "1万", "另一个项目的调整"),
        ],
        indicators,
        settings: BTreeMap::new(),
        facts,
        rule: ExecutionRule::default(),
        rules: ScoringRules::default(),
    }
}

fn form(layout: Layout, project: &str) -> ProjectForm {
    project_forms(&input(layout))
        .into_iter()
        .find(|f| f.project == project)
        .unwrap()
}

/// 指标性质, 指标值, 度量单位, 分值, 得分.
type Cells<'a> = (
    Option<Comparator>,
    Option<&'a str>,
    Option<&'a str>,
    Decimal,
    Option<Decimal>,
);

fn row(form: &ProjectForm, key: FundsRowKey) -> (Money, Money, Money, Option<Decimal>) {
    let r = form.funds.rows.iter().find(|r| r.row == key).unwrap();
    (r.initial, r.budget, r.spent, r.rate)
}

#[test]
fn the_national_form_of_a_hand_worked_project() {
    let f = form(Layout::National, "救援队");
    assert_eq!(f.project_code.as_deref(), Some("51041121R000000015208"));
    assert_eq!(f.implementer, "仁和区综合应急救援大队");
    // 年初 = L1 as allocated (100万), not as cut; 全年预算 125万, 执行 97万.
    assert_eq!(
        (f.funds.initial, f.funds.budget, f.funds.spent, f.funds.rate),
        (
            yuan("100万"),
            yuan("125万"),
            yuan("97万"),
            Some(dec("77.60"))
        )
    );
    let keys: Vec<FundsRowKey> = f.funds.rows.iter().map(|r| r.row).collect();
    use FundsRowKey::*;
    assert_eq!(keys, [Total, Current, Carryover, Other]);
    // 本年财政拨款 = L1 + L2: 110万, 92万 spent, 92 ÷ 110 = 83.64 %.
    assert_eq!(
        row(&f, Current),
        (
            yuan("100万"),
            yuan("110万"),
            yuan("92万"),
            Some(dec("83.64"))
        )
    );
    // 上年结转 = L3: 5 ÷ 10 = 50.00 %; its 年初 is 0: it is no initial line.
    assert_eq!(
        row(&f, Carryover),
        (Money::ZERO, yuan("10万"), yuan("5万"), Some(dec("50.00")))
    );
    // 其他资金 = L4, whose 资金性质 is not fiscal money.
    assert_eq!(
        row(&f, Other),
        (Money::ZERO, yuan("5万"), Money::ZERO, Some(dec("0.00")))
    );
    // 执行率 77.60 % × 10 = 7.76.
    assert_eq!(
        (f.funds.weight, f.funds.score),
        (dec("10.00"), Some(dec("7.76")))
    );
    assert_eq!(f.adjustments.len(), 1, "only its own lines' adjustments");
    assert_eq!(f.adjustments[0].amount, yuan("-10万"));
    assert_eq!(f.adjustments[0].reason, "政府采购结余调减");

    let cells: Vec<Cells> = f
        .indicators
        .iter()
        .map(|i| {
            (
                i.nature,
                i.value.as_deref(),
                i.unit.as_deref(),
                i.weight,
                i.score,
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            // outputs share 50 as 25 + 25; 150 of ≥ 160 人: 150 ÷ 160 × 25 = 23.44
            (
                Some(Comparator::AtLeast),
                Some("160"),
                Some("人"),
                dec("25.00"),
                Some(dec("23.44"))
            ),
            // done by 2021-11-30, before ≤ 2021-12-31: all 25
            (
                Some(Comparator::AtMost),
                Some("2021-12-31"),
                None,
                dec("25.00"),
                Some(dec("25.00"))
            ),
            // qualitative, graded 24 of 30 with its evidence: 24.00 (达成: 80 %)
            (None, None, None, dec("30.00"), Some(dec("24.00"))),
            // 95 % of ≥ 90 %: all 10
            (
                Some(Comparator::AtLeast),
                Some("90"),
                Some("%"),
                dec("10.00"),
                Some(dec("10.00"))
            ),
        ]
    );
    assert_eq!(f.indicators[2].achievement, Achievement::Achieved);
    assert_eq!(f.indicators[0].deviation.as_deref(), Some("招录未满"));
    assert_eq!(f.indicators[0].measures.as_deref(), Some("2022年补招"));
    // 7.76 + 23.44 + 25 + 24 + 10 = 90.20: 优
    assert_eq!(f.total, Some(dec("90.20")));
    assert_eq!(f.grade, Some(Grade::Excellent));
    assert_eq!(
        f.missing,
        [],
        "national asks goals only, and both are written"
    );
}

#[test]
fn the_sichuan_form_groups_money_by_fund_type_and_asks_for_more() {
    let f = form(Layout::Sichuan, "救援队");
    use FundsRowKey::*;
    let keys: Vec<FundsRowKey> = f.funds.rows.iter().map(|r| r.row).collect();
    assert_eq!(keys, [Total, Fiscal, SpecialAccount, Unit, Other]);
    // 财政资金 = L1 + L2 + L3: 120万, 97万 spent, 80.83 %.
    assert_eq!(
        row(&f, Fiscal),
        (
            yuan("100万"),
            yuan("120万"),
            yuan("97万"),
            Some(dec("80.83"))
        )
    );
    assert_eq!(
        row(&f, SpecialAccount),
        (Money::ZERO, yuan("5万"), Money::ZERO, Some(dec("0.00")))
    );
    assert_eq!(row(&f, Unit), (Money::ZERO, Money::ZERO, Money::ZERO, None));
    // The same score as the national form: 10 + 90 as the project sets them.
    assert_eq!(f.total, Some(dec("90.20")));
    let missing: Vec<Blank> = f.missing.iter().map(|m| m.field).collect();
    assert_eq!(
        missing,
        [
            Blank::Content,
            Blank::Conclusion,
            Blank::Problems,
            Blank::Improvements,
            Blank::Leader,
            Blank::FinanceLeader,
            // 77.60 % is below 90 % and no reason is written
            Blank::Reason,
        ]
    );
}

#[test]
fn a_supplementary_only_project_shows_0_initial_and_scores_nothing_without_actuals() {
    let f = form(Layout::National, "慰问金");
    assert_eq!(f.funds.initial, Money::ZERO);
    assert_eq!(f.funds.initial.plain(), "0.00");
    assert_eq!(f.funds.budget, yuan("30万"));
    assert_eq!(f.funds.score, Some(dec("10.00")));
    // Neither indicator has an actual: no points, however it was marked.
    assert!(f.indicators.iter().all(|i| i.score.is_none()));
    assert_eq!(f.indicators[1].achievement, Achievement::Open);
    assert_eq!((f.total, f.grade), (None, None));
    assert_eq!(f.scored, Some(dec("10.00")));
    let missing: Vec<(Blank, Option<u64>)> =
        f.missing.iter().map(|m| (m.field, m.indicator)).collect();
    assert_eq!(
        missing,
        [
            (Blank::Goal, None),
            (Blank::Achieved, None),
            (Blank::Actual, Some(5)),
            (Blank::Actual, Some(6)),
        ]
    );
    assert_eq!(
        f.implementer, "仁和区应急管理局",
        "the department by default"
    );
}

#[test]
fn a_project_without_figures_says_no_data_and_has_no_score() {
    let f = form(Layout::Sichuan, "软件维护");
    assert!(f.no_data());
    assert_eq!(f.missing[0].field, Blank::Figures);
    assert_eq!(
        (f.funds.score, f.total, f.scored, f.grade),
        (None, None, None, None)
    );
    // No indicator either: outputs carry weight nothing earns.
    assert!(
        f.missing
            .iter()
            .any(|m| m.field == Blank::Indicators && m.name.as_deref() == Some("output"))
    );
}

#[test]
fn a_graded_qualitative_indicator_without_evidence_is_missing_not_scored() {
    let mut input = input(Layout::National);
    let qualitative = input.indicators.iter_mut().find(|i| i.id == 3).unwrap();
    qualitative.actual = None;
    let f = project_forms(&input).remove(0);
    assert_eq!(f.indicators[2].score, None);
    assert_eq!(f.total, None);
    assert_eq!(f.missing[0].field, Blank::Actual);
    // with its evidence but no grade, it waits for one
    let qualitative = input.indicators.iter_mut().find(|i| i.id == 3).unwrap();
    qualitative.actual = Some(Measure::parse("全年未发生较大事故"));
    qualitative.score = None;
    let f = project_forms(&input).remove(0);
    assert_eq!(f.missing[0].field, Blank::Grade);
    assert_eq!(f.missing[0].name.as_deref(), Some("指标3"));
}

#[test]
fn forms_are_selected_by_name_or_project_code_and_an_unknown_one_is_refused() {
    let forms = project_forms(&input(Layout::National));
    let picked = select(
        forms.clone(),
        &["慰问金".to_string(), "51041121R000000015208".to_string()],
    )
    .unwrap();
    let names: Vec<&str> = picked.iter().map(|f| f.project.as_str()).collect();
    assert_eq!(names, ["慰问金", "救援队"]);
    assert_eq!(select(forms.clone(), &[]).unwrap().len(), 3);
    let err = select(forms, &["没有".to_string()]).unwrap_err();
    assert_eq!(err.field_name(), "project");
    assert!(err.to_string().contains("'没有'"), "{err}");
}

#[test]
fn a_form_crosses_the_wire_unchanged() {
    // `outlay serve` carries forms as JSON: every field reads back as written.
    for layout in [Layout::National, Layout::Sichuan] {
        for form in project_forms(&input(layout)) {
            let json = serde_json::to_string(&form).unwrap();
            let back: ProjectForm = serde_json::from_str(&json).unwrap();
            assert_eq!(back, form);
        }
    }
}

#[test]
fn a_missed_indicator_without_its_reason_is_listed() {
    let mut input = input(Layout::National);
    let short = input.indicators.iter_mut().find(|i| i.id == 1).unwrap();
    short.deviation_reason = None;
    let f = project_forms(&input).remove(0);
    // still scored (150 of 160), but the form asks why it fell short
    assert_eq!(f.indicators[0].score, Some(dec("23.44")));
    assert_eq!(
        (f.missing[0].field, f.missing[0].indicator),
        (Blank::Deviation, Some(1))
    );
    assert_eq!(
        f.total,
        Some(dec("90.20")),
        "a reason is no cell of the score"
    );
}

/// 救援队's form in `layout` with one text written: a fact, or the reason of
/// its rate (77.60 %, below 90 %).
fn with_text(layout: Layout, field: Blank, text: &str) -> ProjectForm {
    let mut input = input(layout);
    let facts = input.facts.get_mut("救援队").unwrap();
    let text = Some(text.to_string());
    match field {
        Blank::Goal => facts.goal = text,
        Blank::Achieved => facts.achieved = text,
        Blank::Conclusion => facts.conclusion = text,
        Blank::Problems => facts.problems = text,
        Blank::Improvements => facts.improvements = text,
        Blank::Reason => {
            input.settings.insert(
                "救援队".into(),
                ProjectSettings {
                    reason: text,
                    ..ProjectSettings::default()
                },
            );
        }
        other => panic!("{other:?} has no limit"),
    }
    project_forms(&input).remove(0)
}

fn too_long(form: &ProjectForm) -> Vec<&Missing> {
    form.missing
        .iter()
        .filter(|m| m.field == Blank::TooLong)
        .collect()
}

#[test]
fn each_sichuan_text_holds_its_limit_and_one_more_is_listed_with_its_length() {
    // The six limits, pinned in limits.rs: 100 字 for the goal, what was
    // achieved and the reason; 200 for the conclusion, problems, improvements.
    for &TextLimit { field, limit, .. } in text_limits(Layout::Sichuan) {
        // At the limit, with a line break and a space that count no 字: fine.
        let at = format!("{}\n {}", "字".repeat(limit - 1), "。");
        let f = with_text(Layout::Sichuan, field, &at);
        assert_eq!(too_long(&f), Vec::<&Missing>::new(), "{field:?} at {limit}");
        // One 字 more (an ASCII digit counts one too): listed, field, length, limit.
        let over = format!("{}1", "字".repeat(limit));
        let f = with_text(Layout::Sichuan, field, &over);
        let listed = too_long(&f);
        assert_eq!(listed.len(), 1, "{field:?} at {}", limit + 1);
        assert_eq!(
            (
                listed[0].name.as_deref(),
                listed[0].chars,
                listed[0].limit,
                listed[0].indicator
            ),
            (Some(field.code()), Some(limit + 1), Some(limit), None)
        );
        let (bound, chars) = listed[0].too_long(Layout::Sichuan).unwrap();
        assert_eq!((bound.field, bound.limit, chars), (field, limit, limit + 1));
        // The text is kept whole, never cut.
        let kept = match field {
            Blank::Goal => f.goals.expected.clone(),
            Blank::Achieved => f.goals.achieved.clone(),
            Blank::Reason => f.funds.reason.clone(),
            Blank::Conclusion => f.conclusion.clone(),
            Blank::Problems => f.problems.clone(),
            _ => f.improvements.clone(),
        };
        assert_eq!(kept.as_deref(), Some(over.as_str()));
        // The national form bounds none of them.
        let f = with_text(Layout::National, field, &"字".repeat(1_000));
        assert_eq!(too_long(&f), Vec::<&Missing>::new(), "national {field:?}");
    }
}

#[test]
fn a_text_over_its_limit_is_no_cell_of_the_score() {
    let f = with_text(Layout::Sichuan, Blank::Achieved, &"字".repeat(132));
    assert_eq!(f.total, Some(dec("90.20")));
    let listed = too_long(&f);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].chars, Some(132));
}
