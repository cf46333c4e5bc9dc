//! Drawing the whole screen: a pure function of the app's state. No I/O and
//! no figure is computed here; everything comes from the view data.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Tabs, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Popup};
use super::connection::Connection;
use super::forms::Form;
use super::keymap::{Action, Context};
use super::tabs::Tab;
use super::widgets::one_line;

/// Below this the screen says it is too small instead of drawing nonsense.
const MIN_SIZE: (u16, u16) = (60, 16);

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let text = format!(
            "{} {}×{}",
            app.render.pick(
                "终端太小，至少需要",
                "Terminal too small; outlay needs at least"
            ),
            MIN_SIZE.0,
            MIN_SIZE.1
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header, tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(frame, header, app);
    draw_tabs(frame, tabs, app);
    let (data, r) = (&app.data, app.render);
    match app.tab {
        Tab::Overview => app.overview.draw(frame, body, data, r),
        Tab::Basic => app.basic.draw(frame, body, data, r, &app.keymap),
        Tab::Projects => app.projects.draw(frame, body, data, r, &app.keymap),
        Tab::Supplementary => app.supplementary.draw(frame, body, data, r),
        Tab::Indicators => app.indicators.draw(frame, body, r, &app.keymap),
        Tab::Payments => app.payments.draw(frame, body, data, r, &app.keymap),
        Tab::Review if app.monitor.shown => app.monitor.draw(frame, body, data, r, &app.keymap),
        Tab::Review => app.review.draw(frame, body, data, r, &app.keymap),
        Tab::Summary => app.summary.draw(frame, body, r, &app.keymap),
    }
    draw_status(frame, status, app);
    match app.popups.last() {
        Some(Popup::Form(form)) => draw_form(frame, area, form, app),
        Some(Popup::Help { scroll }) => draw_help(frame, area, app, *scroll),
        Some(Popup::Message { title, text }) => draw_message(frame, area, title, text),
        Some(Popup::Choose(chooser)) => chooser.draw(frame, area, app.render, &app.keymap),
        Some(Popup::Facts(editor)) => editor.draw(frame, area, app.render, &app.keymap),
        None => {}
    }
}

fn draw_header(frame: &mut Frame, area: Rect, app: &App) {
    let r = app.render;
    let info = &app.data.info;
    let facts = format!(
        "· {}{} · {} {} · {} {}% · {}",
        info.year,
        r.pick("年度", ""),
        r.pick("截至", "as of"),
        app.as_of,
        r.pick("序时进度", "time progress"),
        app.data.report.time_progress,
        r.unit_label()
    );
    // Said first, so no width hides it: the figures may be stale.
    let offline = match app.connection {
        Connection::Live => String::new(),
        Connection::Reconnecting => format!(
            " {} ",
            r.pick(
                "与服务器断开，正在重连…",
                "disconnected from the server, reconnecting…"
            )
        ),
    };
    // On a narrow screen the department's name gives way, never the figures.
    let room = usize::from(area.width).saturating_sub(facts.width() + offline.width() + 2);
    let line = Line::from(vec![
        Span::styled(
            offline,
            Style::default().bg(Color::Red).add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!(" {} ", shorten(&one_line(&info.department), room)),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::raw(facts),
    ]);
    frame.render_widget(
        Paragraph::new(line).style(Style::default().bg(Color::Blue).fg(Color::White)),
        area,
    );
}

/// `text` cut to `width` display columns, ending in `…` when cut.
fn shorten(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn draw_tabs(frame: &mut Frame, area: Rect, app: &App) {
    let full: Vec<String> = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{} {}", i + 1, t.title(app.render.lang)))
        .collect();
    let width = usize::from(area.width);
    let names: usize = full.iter().map(|t| t.width()).sum();
    let dividers = full.len() - 1;
    // Every name with a space either side; else every name without the
    // spaces; else the current tab keeps its name and the others show the
    // key that reaches them, so no tab falls off the edge.
    let (titles, padding): (Vec<String>, &str) = if names + 2 * full.len() + dividers <= width {
        (full, " ")
    } else if names + dividers <= width {
        (full, "")
    } else {
        let titles = Tab::ALL
            .iter()
            .zip(full)
            .enumerate()
            .map(|(i, (tab, title))| {
                if *tab == app.tab {
                    title
                } else {
                    (i + 1).to_string()
                }
            })
            .collect();
        (titles, " ")
    };
    let tabs = Tabs::new(titles)
        .select(app.tab.index())
        .highlight_style(
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
        .padding(padding, padding)
        .divider("│");
    frame.render_widget(tabs, area);
}

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

fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let r = app.render;
    let report = &app.data.report;
    let right = if report.overdue.is_empty() {
        Span::styled(
            format!(" {} ", r.pick("无逾期", "nothing overdue")),
            Style::default().fg(Color::DarkGray),
        )
    } else {
        Span::styled(
            format!(
                " ⚠ {} {} {} {} ",
                r.pick("逾期", "overdue"),
                report.overdue.len(),
                r.pick("笔", "items"),
                r.money(report.overdue_total())
            ),
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        )
    };
    let right_width = right.content.width() as u16;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    let left = match &app.status {
        Some(status) => {
            let style = if status.warning {
                Style::default().fg(Color::Yellow)
            } else {
                Style::default().fg(Color::Green)
            };
            Line::from(Span::styled(format!(" {}", one_line(&status.text)), style))
        }
        None => {
            let mut spans = Vec::new();
            for action in HINTS {
                let key = app.keymap.hint(action);
                if key.is_empty() {
                    continue;
                }
                spans.push(Span::styled(
                    format!(" {key}"),
                    Style::default().fg(Color::Cyan),
                ));
                spans.push(Span::raw(format!(" {}", action.describe(r.lang))));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(left), left_area);
    frame.render_widget(Paragraph::new(Line::from(right)), right_area);
}

/// Blanks a popup's area. A wide (CJK) character just left of it would
/// otherwise spill its second half over the popup's border.
pub(super) fn clear_popup(frame: &mut Frame, popup: Rect) {
    frame.render_widget(Clear, popup);
    if popup.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in popup.top()..popup.bottom() {
        let cell = &mut buffer[(popup.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// A rectangle centred in `area`, at most `width` × `height`.
pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width.saturating_sub(2));
    let height = height.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn draw_form(frame: &mut Frame, area: Rect, form: &Form, app: &App) {
    let r = app.render;
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label(r.lang).width())
        .max()
        .unwrap_or(0) as u16
        + 2;
    let completions = form.completions.len() as u16;
    let height = form.fields.len() as u16 + 4 + completions + u16::from(form.error.is_some()) * 3;
    let popup = centered(area, 76, height);
    clear_popup(frame, popup);
    let hint = format!(
        " {} {} · {} {} · {} {} ",
        app.keymap.hint(Action::Submit),
        r.pick("保存", "save"),
        app.keymap.hint(Action::NextField),
        r.pick("下一项", "next"),
        app.keymap.hint(Action::Cancel),
        r.pick("取消", "cancel")
    );
    let block = Block::bordered()
        .title(format!(" {} ", form.title(r.lang)))
        .title_bottom(hint)
        .border_style(Style::default().fg(Color::Cyan));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let mut y = inner.y;
    for (i, field) in form.fields.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let focused = i == form.focus;
        let faulty = form.error.as_ref().is_some_and(|e| e.field == Some(i));
        let label_style = match (faulty, focused) {
            (true, _) => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            (false, true) => Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            _ => Style::default(),
        };
        let marker = if focused { "›" } else { " " };
        let label = format!("{marker}{}", field.label(r.lang));
        let row = Rect {
            y,
            height: 1,
            ..inner
        };
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
        // A value wider than its field scrolls, keeping the cursor in view.
        let (shown, cursor) = field.input.visible(value_area.width.saturating_sub(1));
        frame.render_widget(Paragraph::new(Span::styled(shown, value_style)), value_area);
        if focused {
            frame.set_cursor_position(Position::new(value_area.x + cursor, y));
        }
        y += 1;
        if focused {
            for (n, (code, name)) in form.completions.iter().enumerate() {
                if y >= inner.bottom() {
                    break;
                }
                // The chosen match is marked, in a word as well as a colour.
                let (mark, style) = if n == form.chosen {
                    ("  › ", Style::default().fg(Color::Yellow))
                } else {
                    ("    ", Style::default().fg(Color::DarkGray))
                };
                let text = format!("{mark}{code}  {name}");
                frame.render_widget(
                    Paragraph::new(Span::styled(text, style)),
                    Rect {
                        y,
                        height: 1,
                        ..inner
                    },
                );
                y += 1;
            }
        }
    }
    if let Some(error) = &form.error {
        let top = (y + 1).min(inner.bottom().saturating_sub(1));
        let rows = inner.bottom().saturating_sub(top).min(2);
        let message = Paragraph::new(Span::styled(
            format!("✗ {}", error.message),
            Style::default().fg(Color::Red),
        ));
        frame.render_widget(
            message.wrap(Wrap { trim: true }),
            Rect {
                y: top,
                height: rows,
                ..inner
            },
        );
    }
}

fn draw_help(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let r = app.render;
    let mut lines = Vec::new();
    let sections = [
        (Context::Global, r.pick("全局", "Everywhere")),
        (Context::List, r.pick("表格", "Tables")),
        (Context::Form, r.pick("表单", "Forms")),
        (Context::Input, r.pick("输入框", "Text fields")),
        (
            Context::Editor,
            r.pick("多行文字编辑", "Multi-line text editor"),
        ),
    ];
    for (context, title) in sections {
        lines.push(Line::from(Span::styled(
            title,
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )));
        for (action, keys) in app.keymap.bindings(context) {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<16}", keys.join(" / ")),
                    Style::default().fg(Color::Cyan),
                ),
                Span::raw(action.describe(r.lang)),
            ]));
        }
    }
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let popup = centered(area, 64, height);
    clear_popup(frame, popup);
    let title = format!(
        " {} ",
        r.pick(
            "按键（↑↓ 滚动，其他键关闭）",
            "Keys (↑↓ scroll, any other key closes)"
        )
    );
    let scroll = scroll.min((lines.len() as u16).saturating_sub(popup.height.saturating_sub(2)));
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(Block::bordered().title(title)),
        popup,
    );
}

fn draw_message(frame: &mut Frame, area: Rect, title: &str, text: &str) {
    let popup = centered(area, 72, 8);
    clear_popup(frame, popup);
    let block = Block::bordered()
        .title(format!(" {title} "))
        .border_style(Style::default().fg(Color::Red));
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        popup,
    );
}
