//! Drawing a popup form: each field on its row; under the focused line
//! field its suggestions; under the line or entry field what it names (a
//! line's budget, paid and left; the entry a reversal cancels); and a
//! refusal or warning right under the field it is about, wrapped whole.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Lang;
use crate::tui::draw::{centered, clear_popup};
use crate::tui::forms::{Form, Subject};
use crate::tui::keymap::{Action, Keymap};
use crate::tui::tabs::Render;
use crate::tui::widgets::{one_line, wrap};

/// Widest a form is drawn.
const WIDTH: u16 = 76;

/// One row of the form, in drawing order.
enum Row {
    Field(usize),
    Text(Line<'static>),
}

pub fn draw(frame: &mut Frame, area: Rect, form: &Form, r: Render, keys: &Keymap) {
    let inner_width = WIDTH.min(area.width.saturating_sub(2)).saturating_sub(2);
    let (rows, focus_end) = rows(form, r, keys, inner_width as usize);
    let popup = centered(area, WIDTH, rows.len() as u16 + 2);
    clear_popup(frame, popup);
    let hint = format!(
        " {} {} · {} {} · {} {} ",
        keys.hint(Action::Submit),
        r.pick("保存", "save"),
        keys.hint(Action::NextField),
        r.pick("下一项", "next"),
        keys.hint(Action::Cancel),
        r.pick("取消", "cancel")
    );
    let block = Block::bordered()
        .title(format!(" {} ", form.title(r.lang)))
        .title_bottom(hint)
        .border_style(Style::default().fg(Color::Cyan));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    // A form taller than the screen scrolls to keep the focused field and
    // what is said about it in view.
    let skip = focus_end.saturating_sub(inner.height as usize);
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label(r.lang).width())
        .max()
        .unwrap_or(0) as u16
        + 2;
    for (n, row) in rows.into_iter().skip(skip).enumerate() {
        let y = inner.y + n as u16;
        if y >= inner.bottom() {
            break;
        }
        let line = Rect {
            y,
            height: 1,
            ..inner
        };
        match row {
            Row::Field(i) => draw_field(frame, line, form, i, label_width, r),
            Row::Text(text) => frame.render_widget(Paragraph::new(text), line),
        }
    }
}

fn draw_field(frame: &mut Frame, row: Rect, form: &Form, i: usize, label_width: u16, r: Render) {
    let field = &form.fields[i];
    let focused = i == form.focus;
    let faulty = form
        .error
        .as_ref()
        .is_some_and(|e| e.field == Some(i) && !e.warning);
    let label_style = match (faulty, focused) {
        (true, _) => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        (false, true) => Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        _ => Style::default(),
    };
    let marker = if focused { "›" } else { " " };
    let label = format!("{marker}{}", field.label(r.lang));
    frame.render_widget(Paragraph::new(Span::styled(label, label_style)), row);
    let value_area = Rect {
        x: row.x + label_width,
        width: row.width.saturating_sub(label_width),
        ..row
    };
    let value_style = if focused {
        Style::default().add_modifier(Modifier::UNDERLINED)
    } else {
        Style::default()
    };
    // A value wider than its field scrolls, keeping the cursor in view. A
    // prose field's line breaks show as ↵, one cell each like the break.
    let (shown, cursor) = if field.prose {
        let mut shown = field.input.clone();
        shown.map_chars(|c| if c == '\n' { '↵' } else { c });
        shown.visible(value_area.width.saturating_sub(1))
    } else {
        field.input.visible(value_area.width.saturating_sub(1))
    };
    frame.render_widget(Paragraph::new(Span::styled(shown, value_style)), value_area);
    if focused {
        frame.set_cursor_position(Position::new(value_area.x + cursor, row.y));
    }
}

/// The rows of the form at this inner width, and the row after the last
/// that belongs to the focused field.
fn rows(form: &Form, r: Render, keys: &Keymap, width: usize) -> (Vec<Row>, usize) {
    let mut rows = Vec::new();
    let mut focus_end = 0;
    let subject_field = form.subject_field().and_then(|name| form.index_of(name));
    for i in 0..form.fields.len() {
        rows.push(Row::Field(i));
        if i == form.focus {
            suggestions(form, r, keys, &mut rows);
            if form.fields[i].prose {
                rows.push(prose_hint(form, r, keys));
            }
        }
        if subject_field == Some(i)
            && let Some(subject) = &form.subject
        {
            subject_rows(subject, r, width, &mut rows);
        }
        if let Some(error) = form.error.as_ref().filter(|e| e.field == Some(i)) {
            error_rows(&error.message, error.warning, width, &mut rows);
        }
        if i == form.focus {
            focus_end = rows.len();
        }
    }
    if let Some(error) = form.error.as_ref().filter(|e| e.field.is_none()) {
        error_rows(&error.message, error.warning, width, &mut rows);
        focus_end = rows.len();
    }
    (rows, focus_end)
}

fn suggestions(form: &Form, r: Render, keys: &Keymap, rows: &mut Vec<Row>) {
    for (n, (code, name)) in form.completions.iter().enumerate() {
        // The chosen match is marked, in a sign as well as a colour.
        // A line is chosen only by stepping; a word field takes its first match.
        let chosen = form.picked || !form.focused().completes_line;
        let (mark, style) = if chosen && n == form.chosen {
            ("  › ", Style::default().fg(Color::Yellow))
        } else {
            ("    ", Style::default().fg(Color::DarkGray))
        };
        rows.push(Row::Text(Line::from(Span::styled(
            format!("{mark}{code}  {}", one_line(name)),
            style,
        ))));
    }
    if form.focused().completes_line && !form.completions.is_empty() && !form.picked {
        let keys = format!(
            "{}/{}",
            keys.hint(Action::NextMatch),
            keys.hint(Action::PrevMatch)
        );
        let text = match r.lang {
            Lang::Zh => format!("    {keys} 选定候选指标"),
            Lang::En => format!("    {keys} chooses a suggested line"),
        };
        rows.push(Row::Text(Line::from(Span::styled(
            text,
            Style::default().fg(Color::DarkGray),
        ))));
    }
}

/// Under a focused prose field: the key of the multi-line editor, and how
/// many lines the text has when it has more than one.
fn prose_hint(form: &Form, r: Render, keys: &Keymap) -> Row {
    let open = keys.hint(Action::OpenEditor);
    let lines = form.focused().input.text().lines().count();
    let text = match (r.lang, lines > 1) {
        (Lang::Zh, false) => format!("    {open} 多行编辑"),
        (Lang::Zh, true) => format!("    共 {lines} 行 · {open} 多行编辑"),
        (Lang::En, false) => format!("    {open} edits on several lines"),
        (Lang::En, true) => format!("    {lines} lines · {open} edits on several lines"),
    };
    Row::Text(Line::from(Span::styled(
        text,
        Style::default().fg(Color::DarkGray),
    )))
}

/// What the line or entry field names, wrapped to the form's width.
fn subject_rows(subject: &Subject, r: Render, width: usize, rows: &mut Vec<Row>) {
    let dim = Style::default().fg(Color::DarkGray);
    let warn = Style::default().fg(Color::Red).add_modifier(Modifier::BOLD);
    let mut text_rows = |text: &str, style: Style| {
        for row in wrap(text, width.saturating_sub(2)) {
            rows.push(Row::Text(Line::from(Span::styled(
                format!("  {row}"),
                style,
            ))));
        }
    };
    match subject {
        Subject::Line {
            code,
            name,
            budget,
            spent,
            remaining,
        } => {
            let text = format!(
                "{code} {} · {} {} · {} {} · {} {}",
                one_line(name),
                r.pick("预算", "budget"),
                r.lone_money(*budget),
                r.pick("已付", "paid"),
                r.lone_money(*spent),
                r.pick("余额", "left"),
                r.lone_money(*remaining)
            );
            text_rows(&text, if remaining.is_negative() { warn } else { dim });
        }
        Subject::Entry { entry, reversed } => {
            let text = format!(
                "#{} {} {} {} · {} · {} {}",
                entry.id,
                entry.date,
                entry.line,
                r.lone_money(entry.amount),
                one_line(&entry.payee),
                r.pick("凭证", "voucher"),
                one_line(&entry.voucher)
            );
            text_rows(&text, dim);
            if *reversed {
                text_rows(
                    r.pick(
                        "已冲销：不能再冲销",
                        "already reversed: it cannot be reversed again",
                    ),
                    warn,
                );
            } else if let Some(of) = entry.reverses {
                let text = match r.lang {
                    Lang::Zh => format!("本身是对 #{of} 的冲销，不能冲销"),
                    Lang::En => format!("itself the reversal of #{of}: it cannot be reversed"),
                };
                text_rows(&text, warn);
            }
        }
    }
}

fn error_rows(message: &str, warning: bool, width: usize, rows: &mut Vec<Row>) {
    let (sign, color) = if warning {
        ("⚠", Color::Yellow)
    } else {
        ("✗", Color::Red)
    };
    for text in wrap(
        &format!("{sign} {}", one_line(message)),
        width.saturating_sub(2),
    ) {
        rows.push(Row::Text(Line::from(Span::styled(
            format!("  {text}"),
            Style::default().fg(color),
        ))));
    }
}
