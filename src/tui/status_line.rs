//! The bottom of the screen: what was just done, a question, or a warning
//! shown whole until Esc dismisses it; otherwise the key hints that fit; and,
//! on the right, the overdue contract payments.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::app::{App, Tone};
use super::keymap::Action;
use super::widgets::{one_line, wrap};

/// The actions worth a hint on the status line, in this order.
const HINTS: [Action; 7] = [
    Action::Help,
    Action::Quit,
    Action::Pay,
    Action::Reverse,
    Action::Filter,
    Action::ToggleUnit,
    Action::AsOfEarlier,
];

/// Rows a warning may take before the tables; a longer one shows whole in a
/// message box over the screen instead.
const MAX_ROWS: u16 = 4;

/// Rows the status needs at this width: one, or as many as its warning wraps to.
pub fn height(app: &App, width: u16) -> u16 {
    warning_rows(app, width).map_or(1, |rows| (rows.len() as u16).clamp(1, MAX_ROWS))
}

/// The warning too long for the status rows, to show in a message box.
pub fn overflow(app: &App, width: u16) -> Option<String> {
    let rows = warning_rows(app, width)?;
    let status = app.status.as_ref()?;
    (rows.len() as u16 > MAX_ROWS).then(|| warning_text(app, &status.text))
}

/// The shown warning, wrapped to the room left of the overdue badge.
fn warning_rows(app: &App, width: u16) -> Option<Vec<String>> {
    let status = app.status.as_ref().filter(|s| s.tone == Tone::Warning)?;
    let room = width.saturating_sub(overdue(app).content.width() as u16 + 1);
    Some(wrap(&warning_text(app, &status.text), room as usize))
}

fn warning_text(app: &App, text: &str) -> String {
    format!(
        "⚠ {} [{} {}]",
        one_line(text),
        app.keymap.hint(Action::Back),
        app.render.pick("关闭", "dismiss")
    )
}

fn overdue(app: &App) -> Span<'static> {
    let (r, report) = (app.render, &app.data.report);
    if report.overdue.is_empty() {
        return Span::styled(
            format!(" {} ", r.pick("无逾期", "nothing overdue")),
            Style::default().fg(Color::DarkGray),
        );
    }
    let count = report.overdue.len();
    let text = match r.lang {
        crate::i18n::Lang::Zh => format!(
            " ⚠ 逾期 {count} 笔 {} ",
            r.lone_money(report.overdue_total())
        ),
        crate::i18n::Lang::En => format!(
            " ⚠ {count} overdue {} ",
            r.lone_money(report.overdue_total())
        ),
    };
    Span::styled(
        text,
        Style::default()
            .fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
    )
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let right = overdue(app);
    let right_width = right.content.width() as u16;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    let width = left_area.width as usize;
    let lines: Vec<Line> = match &app.status {
        Some(status) if status.tone == Tone::Warning => {
            let style = Style::default().fg(Color::Yellow);
            let rows = warning_rows(app, area.width).unwrap_or_default();
            if rows.len() as u16 > MAX_ROWS {
                // Shown whole in its message box; here, where to look.
                let note = app.render.pick("⚠ 见上方提示", "⚠ see the message above");
                vec![Line::from(Span::styled(format!(" {note}"), style))]
            } else {
                rows.into_iter()
                    .map(|row| Line::from(Span::styled(format!(" {row}"), style)))
                    .collect()
            }
        }
        Some(status) => {
            let style = match status.tone {
                Tone::Ask => Style::default().fg(Color::Yellow),
                _ => Style::default().fg(Color::Green),
            };
            vec![Line::from(Span::styled(
                format!(" {}", one_line(&status.text)),
                style,
            ))]
        }
        None => vec![hints(app, width)],
    };
    frame.render_widget(Paragraph::new(lines), left_area);
    frame.render_widget(
        Paragraph::new(Line::from(right)),
        Rect {
            height: 1,
            ..right_area
        },
    );
}

/// The key hints, as many as fit whole: none is cut mid-item.
fn hints(app: &App, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for action in HINTS {
        let key = app.keymap.hint(action);
        if key.is_empty() {
            continue;
        }
        let key = format!(" {key}");
        let what = format!(" {}", action.describe(app.render.lang));
        let cells = key.width() + what.width();
        if used + cells > width {
            break;
        }
        used += cells;
        spans.push(Span::styled(key, Style::default().fg(Color::Cyan)));
        spans.push(Span::raw(what));
    }
    Line::from(spans)
}
