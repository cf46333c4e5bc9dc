//! Drawing the whole screen: a pure function of the app's state. No I/O and
//! no figure is computed here; everything comes from the view data.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Tabs, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Popup};
use super::connection::Connection;
use super::keymap::Context;
use super::popups::form;
use super::status_line;
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
        Constraint::Length(status_line::height(app, area.width)),
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
        Tab::Summary => app.summary.draw(frame, body, app.filed(), &app.keymap),
    }
    status_line::draw(frame, status, app);
    if let Some(text) = status_line::overflow(app, area.width) {
        draw_message(frame, area, app.render.pick("警告", "Warning"), &text);
    }
    match app.popups.last() {
        Some(Popup::Form(form)) => form::draw(frame, area, form, app.render, &app.keymap),
        Some(Popup::Help { scroll }) => draw_help(frame, area, app, *scroll),
        Some(Popup::Message { title, text }) => draw_message(frame, area, title, text),
        Some(Popup::Choose(chooser)) => chooser.draw(frame, area, app.render, &app.keymap),
        Some(Popup::Prose(editor)) => editor.draw(frame, area, app.render, &app.keymap),
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

/// Cells between the widest key name and its description on the help screen.
const HELP_GAP: usize = 2;

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
    let rows: Vec<(&str, Vec<(String, &str)>)> = sections
        .into_iter()
        .map(|(context, title)| {
            let bindings = app
                .keymap
                .bindings(context)
                .into_iter()
                .map(|(action, keys)| {
                    let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                    (keys.join(" / "), action.describe(r.lang))
                })
                .collect();
            (title, bindings)
        })
        .collect();
    // One key column for every section, as wide as its widest key name and
    // a gap, measured in cells so no description ever runs into its key.
    let key_width = rows
        .iter()
        .flat_map(|(_, bindings)| bindings.iter().map(|(keys, _)| keys.width()))
        .max()
        .unwrap_or(0);
    let description_width = rows
        .iter()
        .flat_map(|(_, bindings)| bindings.iter().map(|(_, text)| text.width()))
        .max()
        .unwrap_or(0);
    for (title, bindings) in rows {
        lines.push(Line::from(Span::styled(
            title,
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )));
        for (keys, description) in bindings {
            let pad = key_width + HELP_GAP - keys.width();
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {keys}{}", " ".repeat(pad)),
                    Style::default().fg(Color::Cyan),
                ),
                Span::raw(description),
            ]));
        }
    }
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let width = 2 + key_width + HELP_GAP + description_width + 2;
    let popup = centered(
        area,
        u16::try_from(width.max(64)).unwrap_or(u16::MAX),
        height,
    );
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
