//! Popup forms: what the user types, which field has focus, and the error
//! shown beside the field at fault. A refused form keeps what was typed.

use chrono::NaiveDate;

use crate::domain::monitor::MonitoredIndicator;
use crate::domain::progress::{Cause, Likelihood};
use crate::domain::{BudgetLine, Disbursement, Money, Vocabulary};
use crate::i18n::Lang;
use crate::tui::keymap::Action;
use crate::tui::line_choice;
use crate::tui::widgets::input::TextInput;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormKind {
    Pay,
    Reverse,
    Adjust,
    Schedule,
    /// Set the actual value of an indicator.
    Indicator(u64),
    /// Filter the current table.
    Filter,
    /// An indicator's in-year progress (绩效运行监控): its id and name.
    Progress {
        id: u64,
        name: String,
    },
}

#[derive(Clone, Debug)]
pub struct Field {
    /// The domain's name for the field, as refusals name it (`amount`, `date` …).
    pub name: &'static str,
    pub label: (&'static str, &'static str),
    pub input: TextInput,
    /// What the field held when the form opened.
    initial: String,
    /// A line code: typing offers completion from codes and names.
    pub completes_line: bool,
    /// A word from a closed list (cause, likelihood): typing offers the
    /// words that match, (in the user's language, in the other).
    pub choices: Vec<(&'static str, &'static str)>,
    pub required: bool,
    /// Prose (a reason, measures): it may hold several lines, written in
    /// the multi-line editor; the field shows its line breaks as `↵`.
    pub prose: bool,
}

impl Field {
    fn new(name: &'static str, zh: &'static str, en: &'static str, value: &str) -> Field {
        Field {
            name,
            label: (zh, en),
            input: TextInput::new(value),
            initial: value.to_string(),
            completes_line: false,
            choices: Vec::new(),
            required: true,
            prose: false,
        }
    }

    fn prose(mut self) -> Field {
        self.prose = true;
        self
    }

    fn optional(mut self) -> Field {
        self.required = false;
        self
    }

    fn line(mut self) -> Field {
        self.completes_line = true;
        self
    }

    /// The words of a vocabulary, offered in `lang` with the other language beside.
    fn choice_of<W: Vocabulary>(mut self, lang: Lang) -> Field {
        self.choices = W::ALL
            .iter()
            .map(|w| match lang {
                Lang::Zh => (w.zh(), w.en()),
                Lang::En => (w.en(), w.zh()),
            })
            .collect();
        self
    }

    /// Whether typing offers matches to take.
    fn completes(&self) -> bool {
        self.completes_line || !self.choices.is_empty()
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.label.0, self.label.1)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    /// The field at fault, if the message is about one.
    pub field: Option<usize>,
    pub message: String,
    /// A warning to confirm (saving again goes ahead), not a refusal.
    pub warning: bool,
}

/// What the form's key field points at, shown under it so the user sees
/// what they are booking to before saving.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    /// A line and its whole year so far: budget, paid and what is left.
    Line {
        code: String,
        name: String,
        budget: Money,
        spent: Money,
        remaining: Money,
    },
    /// The entry a reversal cancels, and whether it is already reversed.
    Entry {
        entry: Box<Disbursement>,
        reversed: bool,
    },
}

#[derive(Clone, Debug)]
pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<FormError>,
    /// Lines matching the focused line field: (code, name).
    pub completions: Vec<(String, String)>,
    /// Which completion leaving the field (or saving) takes.
    pub chosen: usize,
    /// The user stepped to `chosen` (a line field takes only a match chosen so).
    pub picked: bool,
    /// What the line or entry field names, and the text it was looked up for.
    pub subject: Option<Subject>,
    pub subject_text: Option<String>,
    /// The overspending payment the user was warned about (line, amount):
    /// saving it again goes ahead.
    pub overspend_seen: Option<(String, Money)>,
}

impl Form {
    fn new(kind: FormKind, fields: Vec<Field>) -> Form {
        Form {
            kind,
            fields,
            focus: 0,
            error: None,
            completions: Vec::new(),
            chosen: 0,
            picked: false,
            subject: None,
            subject_text: None,
            overspend_seen: None,
        }
    }

    pub fn pay(line: &str, today: &str) -> Form {
        Form::new(
            FormKind::Pay,
            vec![
                Field::new("line", "指标", "Line", line).line(),
                Field::new(
                    "amount",
                    "金额（元，或如 12.5万）",
                    "Amount (元, or e.g. 12.5万)",
                    "",
                ),
                Field::new("date", "日期", "Date", today),
                Field::new("payee", "收款人", "Payee", ""),
                Field::new("voucher", "凭证号", "Voucher", ""),
                Field::new("contract", "合同号", "Contract", "").optional(),
                Field::new("memo", "摘要", "Memo", "").optional(),
                Field::new(
                    "tags",
                    "标签（公务接待、政府采购等）",
                    "Tags (reception, procurement …)",
                    "",
                )
                .optional(),
            ],
        )
    }

    /// A payment of what an instalment still owes, on its line and contract.
    pub fn pay_instalment(s: &crate::domain::schedule::InstalmentStatus, today: &str) -> Form {
        let mut form = Form::pay(&s.item.line, today);
        for (name, value) in [
            ("amount", s.outstanding.plain()),
            ("payee", s.item.payee.clone()),
            ("contract", s.item.contract.clone()),
        ] {
            if let Some(field) = form.fields.iter_mut().find(|f| f.name == name) {
                field.input = TextInput::new(&value);
                field.initial = value;
            }
        }
        // The voucher is the one thing left to type.
        form.focus = form
            .fields
            .iter()
            .position(|f| f.name == "voucher")
            .unwrap_or(0);
        form
    }

    pub fn reverse(id: Option<u64>, today: &str) -> Form {
        Form::new(
            FormKind::Reverse,
            vec![
                Field::new(
                    "id",
                    "冲销哪笔支付（编号）",
                    "Disbursement to reverse (id)",
                    &id.map(|i| i.to_string()).unwrap_or_default(),
                ),
                Field::new("reason", "原因", "Reason", ""),
                Field::new("date", "日期", "Date", today),
                Field::new(
                    "voucher",
                    "凭证号（默认原凭证号加 -R）",
                    "Voucher (default: the entry's with -R)",
                    "",
                )
                .optional(),
            ],
        )
    }

    pub fn adjust(line: &str, today: &str) -> Form {
        Form::new(
            FormKind::Adjust,
            vec![
                Field::new("line", "指标", "Line", line).line(),
                Field::new(
                    "amount",
                    "金额（调减为负）",
                    "Amount (negative reduces)",
                    "",
                ),
                Field::new("date", "日期", "Date", today),
                Field::new("doc_no", "调整文号", "Document no.", ""),
                Field::new("reason", "原因", "Reason", ""),
                Field::new(
                    "from_line",
                    "调出指标（调剂时）",
                    "Move from line (transfer)",
                    "",
                )
                .line()
                .optional(),
            ],
        )
    }

    pub fn schedule(line: &str) -> Form {
        Form::new(
            FormKind::Schedule,
            vec![
                Field::new("line", "指标", "Line", line).line(),
                Field::new("contract", "合同号", "Contract", ""),
                Field::new("payee", "收款人", "Payee", ""),
                Field::new("due", "到期日", "Due", ""),
                Field::new("amount", "金额", "Amount", ""),
            ],
        )
    }

    /// `score`: the points the user gave, if any, as text.
    pub fn indicator(
        id: u64,
        actual: &str,
        reason: &str,
        marked: Option<bool>,
        score: &str,
    ) -> Form {
        let marked = match marked {
            Some(true) => "y",
            Some(false) => "n",
            None => "",
        };
        Form::new(
            FormKind::Indicator(id),
            vec![
                Field::new(
                    "actual",
                    "实际完成值（如 160 人）",
                    "Actual (e.g. 160 人)",
                    actual,
                )
                .optional(),
                Field::new(
                    "deviation_reason",
                    "偏离原因",
                    "Reason for deviation",
                    reason,
                )
                .optional()
                .prose(),
                Field::new(
                    "marked_met",
                    "无法比较时：达成？(y/n)",
                    "If not comparable: met? (y/n)",
                    marked,
                )
                .optional(),
                Field::new(
                    "score",
                    "得分（未达成或定性指标，0 到权重）",
                    "Points (missed or qualitative, 0 to weight)",
                    score,
                )
                .optional(),
            ],
        )
    }

    /// An indicator's progress on `date`, prefilled with its latest value
    /// (saving on that value's own date replaces it); the value to type first.
    pub fn progress(i: &MonitoredIndicator, date: NaiveDate, lang: Lang) -> Form {
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        let mut form = Form::new(
            FormKind::Progress {
                id: i.id,
                name: i.name.clone(),
            },
            vec![
                Field::new("date", "日期", "Date", &date.to_string()),
                Field::new(
                    "value",
                    "完成情况（如 152 人）",
                    "Reached (e.g. 152 人)",
                    &text(&i.value),
                ),
                Field::new(
                    "projected",
                    "全年预计完成情况",
                    "Projected for the year",
                    &text(&i.projected),
                )
                .optional(),
                Field::new(
                    "cause",
                    "偏差原因类别",
                    "Cause of deviation",
                    i.cause.map_or("", |c| lang.word(c)),
                )
                .optional()
                .choice_of::<Cause>(lang),
                Field::new("reason", "偏差原因", "Reason", &text(&i.reason))
                    .optional()
                    .prose(),
                Field::new(
                    "likelihood",
                    "完成目标可能性",
                    "Likelihood of the target",
                    i.likelihood.map_or("", |l| lang.word(l)),
                )
                .optional()
                .choice_of::<Likelihood>(lang),
                Field::new("rectify", "整改措施", "Rectification", &text(&i.rectify))
                    .optional()
                    .prose(),
            ],
        );
        form.focus = 1;
        form
    }

    pub fn filter(current: &str, for_journal: bool) -> Form {
        let (zh, en) = if for_journal {
            (
                "筛选（如 line:P05 month:2021-06 文字）",
                "Filter (e.g. line:P05 month:2021-06 text)",
            )
        } else {
            ("筛选（包含的文字）", "Filter (text to look for)")
        };
        Form::new(
            FormKind::Filter,
            vec![Field::new("filter", zh, en, current).optional()],
        )
    }

    pub fn title(&self, lang: Lang) -> String {
        match &self.kind {
            FormKind::Pay => lang.pick("记录支付", "Log a disbursement").into(),
            FormKind::Reverse => lang.pick("冲销支付", "Reverse a disbursement").into(),
            FormKind::Adjust => lang.pick("追加/调减预算", "Adjust a budget").into(),
            FormKind::Schedule => lang
                .pick("新增合同支付计划", "Add a contract instalment")
                .into(),
            FormKind::Indicator(id) => {
                format!("{} #{id}", lang.pick("填报绩效指标", "Set indicator"))
            }
            FormKind::Filter => lang.pick("筛选", "Filter").into(),
            FormKind::Progress { id, name } => format!(
                "{} #{id} {name}",
                lang.pick("填报绩效运行监控", "Record progress of")
            ),
        }
    }

    pub fn value(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map_or("", |f| f.input.text().trim())
    }

    /// What a field held when the form opened.
    pub fn initial(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map_or("", |f| f.initial.as_str())
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    pub fn focused(&self) -> &Field {
        &self.fields[self.focus]
    }

    /// Typing: a character into the focused field.
    pub fn type_char(&mut self, c: char, lines: &[BudgetLine]) {
        self.fields[self.focus].input.insert(c);
        self.refresh_completions(lines);
    }

    /// A paste goes into the focused field as text: a line break never acts
    /// as Enter (a cell copied from a spreadsheet ends in one). The break at
    /// the end is dropped; breaks inside stay in a prose field and become
    /// spaces in any other, which holds one line.
    pub fn paste(&mut self, text: &str, lines: &[BudgetLine]) {
        let field = &mut self.fields[self.focus];
        let text = text
            .trim_end_matches(['\r', '\n'])
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        let text = if field.prose {
            text
        } else {
            text.replace('\n', " ")
        };
        for c in text.chars().filter(|c| *c == '\n' || !c.is_control()) {
            field.input.insert(c);
        }
        self.refresh_completions(lines);
    }

    /// The focused field's text, as the multi-line editor wrote it; the
    /// field shows it from its start.
    pub fn set_focused(&mut self, text: &str) {
        let input = &mut self.fields[self.focus].input;
        input.set(text);
        input.edit(Action::Home);
    }

    /// Editing and moving between fields; returns whether the action applied.
    pub fn act(&mut self, action: Action, lines: &[BudgetLine]) -> bool {
        match action {
            Action::NextField => {
                self.accept_line(lines, true);
                self.focus = (self.focus + 1) % self.fields.len();
            }
            Action::PrevField => {
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len()
            }
            Action::NextMatch | Action::PrevMatch if !self.completions.is_empty() => {
                let n = self.completions.len();
                // The first step marks the first match; later ones move on.
                self.chosen = match (self.picked, action == Action::NextMatch) {
                    (false, true) => 0,
                    (false, false) => n - 1,
                    (true, true) => (self.chosen + 1) % n,
                    (true, false) => (self.chosen + n - 1) % n,
                };
                self.picked = true;
                return true;
            }
            other => {
                if !self.fields[self.focus].input.edit(other) {
                    return false;
                }
            }
        }
        self.refresh_completions(lines);
        true
    }

    /// Leaving a line field (or saving from it) takes the line its text names
    /// exactly, else the match the user chose; leaving it also takes the only
    /// match, which the user then sees in the field before saving. An
    /// ambiguous fragment stays as typed, for [`Form::check`] to refuse.
    pub fn accept_line(&mut self, lines: &[BudgetLine], leaving: bool) {
        let field = &mut self.fields[self.focus];
        if !field.completes_line {
            return self.accept_completion();
        }
        let text = field.input.text().trim().to_string();
        let code = match line_choice::exact(&text, lines) {
            Some(line) => Some(line.code.clone()),
            None if self.picked => self.completions.get(self.chosen).map(|(c, _)| c.clone()),
            None if leaving && self.completions.len() == 1 && !text.is_empty() => {
                Some(self.completions[0].0.clone())
            }
            None => None,
        };
        if let Some(code) = code {
            field.input.set(&code);
        }
    }

    /// Leaving a word field whose text is not a word (or saving from it)
    /// takes the chosen match.
    fn accept_completion(&mut self) {
        let field = &mut self.fields[self.focus];
        if field.completes()
            && let Some((code, _)) = self.completions.get(self.chosen)
            && !self
                .completions
                .iter()
                .any(|(c, _)| c == field.input.text().trim())
            && !field.input.text().trim().is_empty()
        {
            field.input.set(code);
        }
    }

    pub fn refresh_completions(&mut self, lines: &[BudgetLine]) {
        let field = &self.fields[self.focus];
        self.completions = if field.completes_line {
            line_choice::matching(field.input.text(), lines)
                .into_iter()
                .take(line_choice::SUGGESTIONS)
                .map(|l| (l.code.clone(), l.name.clone()))
                .collect()
        } else if !field.choices.is_empty() {
            // The words that start with what is typed, else those that contain it
            // ("p" is possible, not impossible; 可能 is either).
            let needle = field.input.text().trim().to_lowercase();
            let matching = |test: &dyn Fn(&str) -> bool| -> Vec<(String, String)> {
                field
                    .choices
                    .iter()
                    .filter(|(word, other)| {
                        test(&word.to_lowercase()) || test(&other.to_lowercase())
                    })
                    .map(|(word, other)| (word.to_string(), other.to_string()))
                    .collect()
            };
            let starting = matching(&|w| w.starts_with(&needle));
            if starting.is_empty() {
                matching(&|w| w.contains(&needle))
            } else {
                starting
            }
        } else {
            Vec::new()
        };
        self.chosen = 0;
        self.picked = false;
    }

    /// Checks the fields in order before anything is sent to the ledger: the
    /// first that is empty and required, or a line field whose text is not
    /// a line's code (`choose`: the key that steps through suggestions).
    pub fn check(&self, lines: &[BudgetLine], lang: Lang, choose: &str) -> Option<FormError> {
        self.fields.iter().enumerate().find_map(|(i, f)| {
            let text = f.input.text().trim();
            let message = if f.required && text.is_empty() {
                format!(
                    "{}{}{}",
                    f.label(lang),
                    lang.pick("：", ": "),
                    lang.pick("必填", "must not be empty")
                )
            } else if f.completes_line && !text.is_empty() && !lines.iter().any(|l| l.code == text)
            {
                line_choice::refusal(text, lines, lang, choose)
            } else {
                return None;
            };
            Some(FormError {
                field: Some(i),
                message,
                warning: false,
            })
        })
    }

    /// Puts an error beside the field it names (or under the form).
    pub fn refuse(&mut self, field: &str, message: String) {
        let index = self.index_of(field);
        if let Some(i) = index {
            self.focus = i;
        }
        self.error = Some(FormError {
            field: index,
            message,
            warning: false,
        });
    }

    /// Warns beside `field`; saving again goes ahead.
    pub fn warn(&mut self, field: &str, message: String) {
        self.refuse(field, message);
        if let Some(error) = &mut self.error {
            error.warning = true;
        }
    }

    /// The field whose value the subject is looked up by, if the form has one.
    pub fn subject_field(&self) -> Option<&'static str> {
        match self.kind {
            FormKind::Pay | FormKind::Adjust | FormKind::Schedule => Some("line"),
            FormKind::Reverse => Some("id"),
            _ => None,
        }
    }

    /// Whether anything was typed that closing would throw away.
    pub fn edited(&self) -> bool {
        self.fields.iter().any(|f| f.input.text() != f.initial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EconClass, Kind, Level, LineRefs, Source};

    fn lines() -> Vec<BudgetLine> {
        ["B01 工资", "P05 救援队", "P06 办公经费"]
            .iter()
            .map(|s| {
                let (code, name) = s.split_once(' ').unwrap();
                BudgetLine {
                    code: code.into(),
                    name: name.into(),
                    kind: Kind::Basic,
                    source: Source::Initial,
                    level: Level::District,
                    econ_class: Some(EconClass::Wages),
                    project: None,
                    doc_no: String::new(),
                    allocated_on: "2021-01-01".parse().unwrap(),
                    allocated: "1".parse().unwrap(),
                    refs: LineRefs::default(),
                }
            })
            .collect()
    }

    #[test]
    fn line_field_completes_from_code_or_name() {
        let lines = lines();
        let mut form = Form::pay("", "2021-12-31");
        for c in "救援".chars() {
            form.type_char(c, &lines);
        }
        assert_eq!(
            form.completions,
            vec![("P05".to_string(), "救援队".to_string())]
        );
        form.act(Action::NextField, &lines);
        assert_eq!(form.value("line"), "P05");
        assert_eq!(form.focus, 1);
        form.act(Action::PrevField, &lines);
        form.act(Action::Clear, &lines);
        form.type_char('p', &lines);
        assert_eq!(form.completions.len(), 2);
    }

    #[test]
    fn another_match_can_be_chosen_before_leaving_the_field() {
        let lines = lines();
        let mut form = Form::pay("", "2021-12-31");
        form.type_char('p', &lines);
        assert_eq!(form.completions.len(), 2);
        assert!(!form.picked, "nothing is chosen until the user steps");
        form.act(Action::NextMatch, &lines);
        assert_eq!(
            (form.chosen, form.picked),
            (0, true),
            "the first step marks the first"
        );
        form.act(Action::NextMatch, &lines);
        assert_eq!(form.chosen, 1);
        form.act(Action::NextMatch, &lines);
        assert_eq!(form.chosen, 0, "wraps round");
        form.act(Action::PrevMatch, &lines);
        form.act(Action::NextField, &lines);
        assert_eq!(form.value("line"), "P06");
    }

    #[test]
    fn an_ambiguous_fragment_is_kept_and_refused_with_its_candidates() {
        let lines = lines();
        let mut form = Form::pay("", "2021-12-31");
        form.type_char('p', &lines);
        form.act(Action::NextField, &lines);
        assert_eq!(form.value("line"), "p", "two lines match: neither is taken");
        let error = form.check(&lines, Lang::En, "ctrl-n").unwrap();
        assert_eq!(error.field, Some(0), "the line comes first, in field order");
        assert!(
            error.message.contains("could be 2 lines: P05, P06;"),
            "{}",
            error.message
        );
        assert!(error.message.contains("ctrl-n"), "{}", error.message);
        // saving straight from the field takes no unpicked suggestion either
        let mut form = Form::pay("", "2021-12-31");
        for c in "救援".chars() {
            form.type_char(c, &lines);
        }
        form.accept_line(&lines, false);
        assert_eq!(form.value("line"), "救援");
        assert!(
            form.check(&lines, Lang::Zh, "ctrl-n")
                .unwrap()
                .message
                .contains("P05")
        );
        // the exact code in any case, or the exact name, is the line
        for text in ["p05", "救援队"] {
            let mut form = Form::pay(text, "2021-12-31");
            form.accept_line(&lines, false);
            assert_eq!(form.value("line"), "P05", "{text}");
        }
        // a picked suggestion is taken on saving
        let mut form = Form::pay("", "2021-12-31");
        form.type_char('p', &lines);
        form.act(Action::PrevMatch, &lines);
        form.accept_line(&lines, false);
        assert_eq!(form.value("line"), "P06");
    }

    #[test]
    fn a_paste_is_text_in_the_field_and_a_line_break_never_saves() {
        let lines = lines();
        let mut form = Form::pay("B01", "2021-12-31");
        form.focus = form.index_of("voucher").unwrap();
        form.paste("多行\n第二行\r\n", &lines);
        assert_eq!(form.value("voucher"), "多行 第二行");
        assert!(form.edited());
        assert!(
            !Form::pay("B01", "2021-12-31").edited(),
            "a prefilled form is not edited"
        );
    }

    #[test]
    fn a_word_field_offers_its_words_and_leaving_it_takes_the_match() {
        use crate::domain::indicator::{Category, Tier};
        let indicator = MonitoredIndicator {
            id: 5,
            tier: Tier::Output,
            category: Category::Quantity,
            name: "队员人数".into(),
            target: "≥ 160 人".into(),
            reported_on: Some("2021-06-30".parse().unwrap()),
            value: Some("120 人".into()),
            projected: None,
            cause: Some(Cause::Staffing),
            reason: None,
            likelihood: None,
            rectify: None,
            rectification_needed: false,
            shortfall: None,
        };
        let mut form = Form::progress(&indicator, "2021-07-31".parse().unwrap(), Lang::Zh);
        assert_eq!(
            (form.value("date"), form.value("value"), form.value("cause")),
            ("2021-07-31", "120 人", "人员保障")
        );
        assert_eq!(form.focused().name, "value");
        let none = [];
        // into the likelihood: every word offered, then those matching what is typed
        for _ in 0..4 {
            form.act(Action::NextField, &none);
        }
        assert_eq!(form.focused().name, "likelihood");
        assert_eq!(form.completions.len(), 3);
        form.type_char('p', &none); // "possible", in the other language
        assert_eq!(
            form.completions,
            vec![("有可能".to_string(), "possible".to_string())]
        );
        form.act(Action::NextField, &none);
        assert_eq!(form.value("likelihood"), "有可能");
        // a word that matches none is kept, for the ledger to refuse by its field
        form.act(Action::PrevField, &none);
        form.act(Action::Clear, &none);
        form.type_char('x', &none);
        assert!(form.completions.is_empty());
        form.act(Action::NextField, &none);
        assert_eq!(form.value("likelihood"), "x");
    }

    #[test]
    fn refusal_goes_beside_its_field_and_keeps_the_text() {
        let lines = lines();
        let mut form = Form::pay("B01", "2021-12-31");
        form.act(Action::NextField, &lines);
        for c in "12a".chars() {
            form.type_char(c, &lines);
        }
        form.act(Action::NextField, &lines);
        form.refuse("amount", "amount: '12a' is not an amount".into());
        assert_eq!(form.focus, 1);
        assert_eq!(form.error.as_ref().unwrap().field, Some(1));
        assert_eq!(form.value("amount"), "12a");
        assert_eq!(
            form.check(&lines, Lang::En, "ctrl-n").unwrap().field,
            Some(3)
        ); // payee
    }
}
