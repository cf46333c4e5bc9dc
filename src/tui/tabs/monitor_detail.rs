//! The Monitor view's lower pane: the selected project or indicator in
//! full, wrapped to the screen — whatever the tables above cut or drop, and
//! every shortfall still to be explained, with the key that explains it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Render;
use super::monitor::{
    deviation, likelihood_style, reached, reason_mark, rectify_word, unexplained, warning,
};
use crate::domain::monitor::{MonitorReturn, MonitoredIndicator, MonitoredProject, Unexplained};
use crate::domain::progress::Shortfall;
use crate::i18n::Lang;
use crate::tui::keymap::{Action, Keymap};
use crate::tui::widgets::gauge::rate_text;
use crate::tui::widgets::light::light_style;
use crate::tui::widgets::one_line;

/// Joins a label to its text for wrapping; drawn as a plain space.
const NO_BREAK: char = '\u{a0}';

/// A field's name before its text, joined to it (no space after the
/// Chinese colon, a no-break one after the English), so a long Chinese text
/// wraps on from the label rather than starting a line of its own.
fn label(text: &str, r: Render) -> Span<'static> {
    let text = match r.lang {
        Lang::Zh => format!("{text}："),
        Lang::En => format!("{text}:{NO_BREAK}"),
    };
    Span::styled(text, Style::default().add_modifier(Modifier::BOLD))
}

/// `（56.83%）` / ` (56.83%)`, as each language brackets.
fn bracketed(text: &str, r: Render) -> String {
    match r.lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

fn shortfall_text(shortfall: Shortfall, r: Render) -> &'static str {
    match shortfall {
        Shortfall::Projected => r.pick(
            "全年预计未达指标值，须说明原因",
            "projected short of the target: give a cause or reason",
        ),
        Shortfall::Uncertain => r.pick(
            "目标未必能完成，须说明原因",
            "the target may not be reached: give a cause or reason",
        ),
    }
}

/// The project's money, then what it has yet to explain, its reason and goal.
fn project_lines(
    p: &MonitoredProject,
    m: &MonitorReturn,
    r: Render,
    keys: &Keymap,
) -> Vec<Line<'static>> {
    let spent = match r.lang {
        Lang::Zh => format!("1—{}月执行", m.through_month),
        Lang::En => format!("spent months 1–{}", m.through_month),
    };
    let mut lines = vec![Line::from(vec![
        Span::raw(format!(
            "{} {} · {spent} {}{} · {} {}{} · ",
            r.pick("预算数", "Budget"),
            r.lone_money(p.budget),
            r.lone_money(p.spent),
            bracketed(&rate_text(p.rate), r),
            r.pick("全年预计执行数", "year end"),
            r.lone_money(p.projected),
            bracketed(&rate_text(p.projected_rate), r),
        )),
        Span::styled(
            format!(
                "{} {}",
                r.pick("预警", "light"),
                r.lang.light(p.light, None)
            ),
            light_style(p.light),
        ),
    ])];
    for u in &p.unexplained {
        let text = match u {
            Unexplained::Execution { projected_rate } => match r.lang {
                Lang::Zh => format!(
                    "⚠ 预计执行率 {projected_rate}% 低于 100%，尚未说明原因（{} 填写）",
                    keys.hint(Action::SetReason)
                ),
                Lang::En => format!(
                    "⚠ projected at {projected_rate}%, below 100 %, with no reason ({} writes one)",
                    keys.hint(Action::SetReason)
                ),
            },
            Unexplained::Indicator {
                id,
                name,
                shortfall,
            } => format!(
                "⚠ #{id} {}{}{}",
                one_line(name),
                r.pick("：", ": "),
                shortfall_text(*shortfall, r)
            ),
        };
        lines.push(Line::from(Span::styled(text, warning())));
    }
    if let Some(reason) = &p.reason {
        lines.push(Line::from(vec![
            label(r.pick("原因", "Reason"), r),
            Span::raw(one_line(reason)),
        ]));
    }
    lines.push(Line::from(vec![
        label(r.pick("绩效目标", "Goal"), r),
        Span::raw(p.goal.as_deref().map_or_else(
            || r.pick("（未填写）", "(not written)").to_string(),
            one_line,
        )),
    ]));
    lines
}

/// Every column of the return for one indicator.
fn indicator_lines(
    i: &MonitoredIndicator,
    p: &MonitoredProject,
    m: &MonitorReturn,
    r: Render,
) -> Vec<Line<'static>> {
    let separator = || Span::raw(" · ");
    let mut lines = vec![Line::from(vec![
        Span::raw(format!(
            "{} › {} › {} · ",
            r.lang.word(i.tier),
            r.lang.word(i.category),
            one_line(&i.name)
        )),
        label(r.pick("指标值", "target"), r),
        Span::raw(one_line(&i.target)),
    ])];
    let mut progress = vec![
        label(r.pick("完成情况", "Reached"), r),
        Span::raw(one_line(&reached(i, m.as_of, r))),
    ];
    if let Some(date) = i.reported_on {
        progress.push(Span::raw(bracketed(&date.to_string(), r)));
        progress.extend([
            separator(),
            label(r.pick("全年预计", "projected"), r),
            Span::raw(i.projected.as_deref().map_or_else(|| "—".into(), one_line)),
            separator(),
            label(r.pick("完成可能性", "likelihood"), r),
            Span::styled(
                i.likelihood.map_or("—", |l| r.lang.word(l)),
                likelihood_style(i.likelihood),
            ),
            separator(),
            label(r.pick("是否整改", "rectify"), r),
            Span::raw(rectify_word(i, r)),
        ]);
    }
    lines.push(Line::from(progress));
    let (cause, style) = deviation(i, unexplained(p, i.id), r);
    if !cause.is_empty() {
        lines.push(Line::from(vec![
            label(r.pick("偏差原因", "Cause"), r),
            Span::styled(one_line(&cause), style),
        ]));
    }
    if let Some(rectify) = &i.rectify {
        lines.push(Line::from(vec![
            label(r.pick("整改措施", "Rectification"), r),
            Span::raw(one_line(rectify)),
        ]));
    }
    lines
}

/// The selected indicator when the indicators have the focus, else the selected project.
pub fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    m: &MonitorReturn,
    project: Option<&MonitoredProject>,
    indicator: Option<&MonitoredIndicator>,
    r: Render,
    keys: &Keymap,
) {
    let Some(p) = project else {
        frame.render_widget(Block::bordered(), area);
        return;
    };
    let (title, lines) = match indicator {
        Some(i) => (
            format!(" #{} {} ", i.id, one_line(&i.name)),
            indicator_lines(i, p, m, r),
        ),
        None => {
            let (mark, _) = reason_mark(p, r);
            let title = if mark.is_empty() {
                format!(" {} ", one_line(&p.project))
            } else {
                format!(" {} · {mark} ", one_line(&p.project))
            };
            (title, project_lines(p, m, r, keys))
        }
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(title)),
        area,
    );
    // The no-break space did its work in the wrapping; on screen (and in a
    // copy of it) it is an ordinary space.
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buffer[(x, y)];
            if cell.symbol().starts_with(NO_BREAK) {
                cell.set_symbol(" ");
            }
        }
    }
}
