//! A project's self-evaluation form (项目支出绩效自评表) on the Summary tab:
//! what it still lacks at the top, where a clerk starts, and below it the
//! form itself as `outlay form` prints it, scrolled like the summary. The
//! same form exports as Markdown, CSV or an XLSX workbook.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout as Split, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Render;
use super::summary::{DocView, Export};
use crate::document::form::{forms_document, how_to_fill, missing_what};
use crate::document::summary::Style as DocStyle;
use crate::document::xlsx::forms_workbook;
use crate::document::{to_csv, to_markdown};
use crate::domain::Vocabulary;
use crate::domain::facts::FactField;
use crate::domain::form::{Blank, Layout, Missing, ProjectForm};
use crate::tui::keymap::{Action, Keymap};
use crate::tui::widgets::one_line;

/// Longest project part of an export's file name, in characters.
const FILE_PART: usize = 80;

/// What the clerk does about one missing item from the form screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fill {
    /// Write this fact in the multi-line editor.
    Fact(FactField),
    /// The reason form for a rate below 90 %.
    Reason,
    /// The indicator's form (actual value, grade, deviation).
    Indicator(u64),
    /// Nothing on this screen fills it: the command that does.
    Command(String),
}

/// The fact a blank of the form is filled with, when it is one.
pub fn fact_of(blank: Blank) -> Option<FactField> {
    Some(match blank {
        Blank::Goal => FactField::Goal,
        Blank::Achieved => FactField::Achieved,
        Blank::Content => FactField::Content,
        Blank::Conclusion => FactField::Conclusion,
        Blank::Problems => FactField::Problems,
        Blank::Improvements => FactField::Improvements,
        Blank::Leader => FactField::Leader,
        Blank::FinanceLeader => FactField::FinanceLeader,
        _ => return None,
    })
}

/// How `missing` is filled for `project` (a text over the layout's limit is
/// rewritten where it was written).
pub fn fill_of(missing: &Missing, layout: Layout, project: &str) -> Fill {
    let blank = missing
        .too_long(layout)
        .map_or(missing.field, |(limit, _)| limit.field);
    if let Some(field) = fact_of(blank) {
        return Fill::Fact(field);
    }
    match (blank, missing.indicator) {
        (Blank::Reason, _) => Fill::Reason,
        (Blank::Actual | Blank::Grade | Blank::Deviation, Some(id)) => Fill::Indicator(id),
        _ => Fill::Command(how_to_fill(missing, layout, project)),
    }
}

/// The project's form as shown: which project and layout, the form read
/// from the ledger (none when the project is gone), and where the user is.
#[derive(Debug)]
pub struct FormView {
    pub project: String,
    pub layout: Layout,
    pub form: Option<ProjectForm>,
    pub doc: DocView,
    /// The missing item selected in the top pane.
    pub selected: usize,
    /// Whether the keys move in the missing list (else they scroll the form).
    pub missing_focused: bool,
}

impl FormView {
    pub fn new(project: String, layout: Layout) -> FormView {
        FormView {
            project,
            layout,
            form: None,
            doc: DocView::default(),
            selected: 0,
            missing_focused: true,
        }
    }

    /// Shows `form` (the project's, as just read), in the user's language
    /// and unit; the place in the document is kept.
    pub fn set_form(&mut self, form: Option<ProjectForm>, r: Render) {
        let document = match &form {
            Some(f) => forms_document(std::slice::from_ref(f), style(r)),
            None => forms_document(&[], style(r)),
        };
        self.doc.set(document);
        self.form = form;
        let missing = self.missing().len();
        self.selected = self.selected.min(missing.saturating_sub(1));
        if missing == 0 {
            self.missing_focused = false;
        }
    }

    /// Re-renders the form already read (the language or unit changed).
    pub fn rebuild(&mut self, r: Render) {
        let form = self.form.take();
        self.set_form(form, r);
    }

    pub fn missing(&self) -> &[Missing] {
        self.form.as_ref().map_or(&[], |f| f.missing.as_slice())
    }

    pub fn selected_missing(&self) -> Option<&Missing> {
        self.missing().get(self.selected)
    }

    pub fn step(&mut self, by: isize) {
        let last = self.missing().len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(by).min(last);
    }

    /// Moves by a list key in the focused pane; false for other keys.
    pub fn act(&mut self, action: Action, page: isize) -> bool {
        if self.missing_focused && !self.missing().is_empty() {
            match action {
                Action::Up => self.step(-1),
                Action::Down => self.step(1),
                Action::PageUp => self.step(-page),
                Action::PageDown => self.step(page),
                Action::First => self.selected = 0,
                Action::Last => self.step(isize::MAX),
                // Wide tables shift whichever pane has the keys.
                _ => return self.doc.act(action, page),
            }
            return true;
        }
        self.doc.act(action, page)
    }

    /// Writes the form into `dir` as `outlay-form-YEAR-PROJECT-LAYOUT.EXT`
    /// and says where. The project's name is the user's text: only a safe
    /// part of it goes into the name (see [`safe_file_part`]).
    pub fn export(&self, format: Export, dir: &Path, r: Render) -> std::io::Result<PathBuf> {
        let Some(form) = &self.form else {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no project named '{}'", self.project),
            ));
        };
        let forms = std::slice::from_ref(form);
        let bytes = match format {
            Export::Markdown => to_markdown(self.doc.document()).into_bytes(),
            Export::Csv => to_csv(self.doc.document()),
            Export::Xlsx => forms_workbook(forms, style(r)).map_err(std::io::Error::other)?,
        };
        let name = export_name(form.year, &form.project, form.layout, format);
        super::summary::write_new(dir, &name, &bytes)
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, r: Render, keys: &Keymap) {
        let missing = self.missing();
        // What is missing comes first, at most a quarter of the screen; the
        // form takes the rest.
        let rows = missing
            .len()
            .clamp(1, usize::from((area.height / 4).max(3)));
        let [top, bottom] =
            Split::vertical([Constraint::Length(rows as u16 + 2), Constraint::Fill(1)]).areas(area);
        self.draw_missing(frame, top, r, keys);
        let layout = match self.layout {
            Layout::National => r.pick("全国版式", "national"),
            Layout::Sichuan => r.pick("四川版式", "Sichuan"),
        };
        let title = format!(
            " {} · {} {} · {} MD · {} CSV · {} XLSX · {} {} ",
            r.in_unit(layout),
            keys.hint(Action::ToggleLayout),
            r.pick("版式", "layout"),
            keys.hint(Action::ExportMarkdown),
            keys.hint(Action::ExportCsv),
            keys.hint(Action::ExportXlsx),
            keys.hint(Action::Back),
            r.pick("返回汇总", "summary"),
        );
        let mut block = Block::bordered().title(title);
        if !self.missing_focused {
            block = block.border_style(Style::default().fg(Color::Cyan));
        }
        self.doc.draw(frame, bottom, block);
    }

    fn draw_missing(&self, frame: &mut Frame, area: Rect, r: Render, keys: &Keymap) {
        let missing = self.missing();
        let project = one_line(&self.project);
        let (title, style) = if self.form.is_none() {
            (
                format!(" {project} · {} ", r.pick("没有此项目", "no such project")),
                Style::default().fg(Color::Red),
            )
        } else if missing.is_empty() {
            (
                format!(
                    " {project} · ✓ {} · {} {} ",
                    r.pick("无缺项，可打印报送", "complete, ready to print"),
                    keys.hint(Action::EditFact),
                    r.pick("改写栏目", "edit text"),
                ),
                Style::default().fg(Color::Green),
            )
        } else {
            (
                format!(
                    " {project} · {} {} {} · {} {} · {} {} · {} {} ",
                    r.pick("尚缺", "missing"),
                    missing.len(),
                    r.lang.noun(missing.len(), "项", "item", "items"),
                    keys.hint(Action::Open),
                    r.pick("填写", "fill"),
                    keys.hint(Action::EditFact),
                    r.pick("栏目", "any text"),
                    keys.hint(Action::OtherPane),
                    r.pick("切换窗格", "other pane"),
                ),
                Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
            )
        };
        let mut block = Block::bordered().title(Span::styled(title, style));
        if self.missing_focused {
            block = block.border_style(Style::default().fg(Color::Cyan));
        }
        let height = usize::from(block.inner(area).height).max(1);
        let top = self.selected.saturating_sub(height - 1);
        let lines: Vec<Line> = if missing.is_empty() {
            let text = match self.form {
                Some(_) => r.pick(
                    "每一栏都已填写，得分与评价等级已算出。",
                    "Every box is written; the total and grade are computed.",
                ),
                None => r.pick(
                    "该项目已不在账本中。按返回键回到年度汇总。",
                    "The project is no longer in the ledger. Press back for the summary.",
                ),
            };
            vec![Line::raw(text)]
        } else {
            missing
                .iter()
                .enumerate()
                .skip(top)
                .take(height)
                .map(|(n, m)| self.missing_line(n, m, r, keys))
                .collect()
        };
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn missing_line(&self, n: usize, m: &Missing, r: Render, keys: &Keymap) -> Line<'static> {
        let selected = n == self.selected;
        let mark = if selected { "›" } else { " " };
        let what = missing_what(m, self.layout, r.lang);
        let indicator = match (m.indicator, &m.name) {
            (Some(id), Some(name)) => format!(" #{id} {}", one_line(name)),
            _ => String::new(),
        };
        let open = keys.hint(Action::Open);
        let how = match fill_of(m, self.layout, &self.project) {
            Fill::Fact(_) => format!("{open} {}", r.pick("填写", "write it")),
            Fill::Reason => format!("{open} {}", r.pick("填写原因", "write the reason")),
            Fill::Indicator(_) => format!("{open} {}", r.pick("编辑指标", "edit the indicator")),
            Fill::Command(command) => one_line(&command),
        };
        let mut what_style = Style::default().fg(Color::Yellow);
        if selected {
            what_style = what_style.add_modifier(Modifier::BOLD);
            if self.missing_focused {
                what_style = what_style.add_modifier(Modifier::REVERSED);
            }
        }
        Line::from(vec![
            Span::raw(format!("{mark}✗ ")),
            Span::styled(format!("{what}{indicator}"), what_style),
            Span::styled(format!("  → {how}"), Style::default().fg(Color::DarkGray)),
        ])
    }
}

fn style(r: Render) -> DocStyle {
    DocStyle {
        lang: r.lang,
        unit: r.unit,
    }
}

/// `outlay-form-2021-PROJECT-national.xlsx`.
pub fn export_name(year: i32, project: &str, layout: Layout, format: Export) -> String {
    format!(
        "outlay-form-{year}-{}-{}.{}",
        safe_file_part(project),
        layout.code(),
        format.extension()
    )
}

/// A project's name as part of a file name: what a file system or a shell
/// would read as structure (path separators, control and invisible
/// characters, the characters Windows refuses) becomes `_`, leading dots
/// and trailing dots or spaces go, and it is cut to [`FILE_PART`]
/// characters. Never empty, never `.` or `..`, never a path.
pub fn safe_file_part(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() || c.is_whitespace() && c != ' ' => '_',
            // Bidi overrides and zero-width characters would hide or reorder the name.
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '_',
            '\u{feff}' => '_',
            c => c,
        })
        .collect();
    let cut: String = replaced
        .trim_start_matches(['.', ' '])
        .chars()
        .take(FILE_PART)
        .collect();
    let cut = cut.trim_end_matches(['.', ' ']);
    if cut.is_empty() {
        "project".to_string()
    } else {
        cut.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_name_cannot_make_the_file_name_a_path() {
        assert_eq!(
            safe_file_part("购买安全生产和应急管理服务"),
            "购买安全生产和应急管理服务"
        );
        assert_eq!(safe_file_part("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_part("a/b\\c"), "a_b_c");
        assert_eq!(safe_file_part("..."), "project");
        assert_eq!(safe_file_part(""), "project");
        assert_eq!(safe_file_part(" . "), "project");
        assert_eq!(
            safe_file_part("名称\n第二行\t\u{1b}[2J"),
            "名称_第二行__[2J"
        );
        assert_eq!(safe_file_part("a\u{202e}b\u{200b}c"), "a_b_c");
        assert_eq!(safe_file_part("C:项目*?<>|\"名"), "C_项目______名");
        assert_eq!(safe_file_part("项目。 "), "项目。");
        let long = "长".repeat(300);
        assert_eq!(safe_file_part(&long).chars().count(), FILE_PART);
        for hostile in ["../x", "/abs", "a/../../b", "\\\\server\\share", "..\u{0}"] {
            let name = export_name(2021, hostile, Layout::National, Export::Xlsx);
            let path = Path::new(&name);
            assert_eq!(
                path.components().count(),
                1,
                "{hostile:?} gave the path {name}"
            );
            assert!(name.starts_with("outlay-form-2021-"), "{name}");
            assert!(name.ends_with("-national.xlsx"), "{name}");
        }
    }

    #[test]
    fn each_blank_is_filled_where_it_lives() {
        let of = |field, indicator| Missing {
            field,
            indicator,
            name: None,
            chars: None,
            limit: None,
        };
        // a Sichuan text over its limit is rewritten in its own editor
        let too_long = Missing {
            field: Blank::TooLong,
            indicator: None,
            name: Some("achieved".into()),
            chars: Some(132),
            limit: Some(100),
        };
        assert_eq!(
            fill_of(&too_long, Layout::Sichuan, "p"),
            Fill::Fact(FactField::Achieved)
        );
        assert_eq!(
            fill_of(&of(Blank::Goal, None), Layout::National, "p"),
            Fill::Fact(FactField::Goal)
        );
        assert_eq!(
            fill_of(&of(Blank::FinanceLeader, None), Layout::National, "p"),
            Fill::Fact(FactField::FinanceLeader)
        );
        assert_eq!(
            fill_of(&of(Blank::Reason, None), Layout::National, "p"),
            Fill::Reason
        );
        assert_eq!(
            fill_of(&of(Blank::Actual, Some(7)), Layout::National, "p"),
            Fill::Indicator(7)
        );
        assert!(matches!(
            fill_of(&of(Blank::Figures, None), Layout::National, "p"),
            Fill::Command(c) if c.starts_with("outlay line add --project p")
        ));
        // every fact the form can miss has its editor
        for blank in Blank::ALL {
            if let Some(field) = fact_of(*blank) {
                assert_eq!(field.code(), blank.code());
            }
        }
    }
}
