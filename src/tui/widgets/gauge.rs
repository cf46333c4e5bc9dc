//! Execution gauges: how far the money is spent, with time progress (序时进度)
//! drawn as a marker on the bar, and the pace said in a word as well as a colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use unicode_width::UnicodeWidthStr;

use crate::domain::Vocabulary;
use crate::domain::monitoring::Light;
use crate::domain::report::Pace;
use crate::i18n::Lang;

/// The colour of a pace. Basic ANSI colours only, so it works without true colour.
pub fn pace_style(pace: Pace) -> Style {
    match pace {
        Pace::Overspent => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        Pace::Lagging => Style::default().fg(Color::Yellow),
        Pace::OnPace => Style::default().fg(Color::Green),
        Pace::Ahead => Style::default().fg(Color::Cyan),
        Pace::Unmeasured => Style::default().fg(Color::DarkGray),
        // neither good nor bad: the terminal's own colour
        Pace::Unpaced => Style::default(),
    }
}

/// A rate as shown: `65.59%`, or `—` without a budget.
pub fn rate_text(rate: Option<Decimal>) -> String {
    rate.map_or_else(|| "—".to_string(), |r| format!("{r}%"))
}

/// How many of `width` cells a percentage fills (capped at the whole bar).
fn filled(percent: Decimal, width: usize) -> usize {
    let share = (percent / Decimal::ONE_HUNDRED).clamp(Decimal::ZERO, Decimal::ONE);
    (share * Decimal::from(width))
        .round()
        .to_usize()
        .unwrap_or(0)
        .min(width)
}

/// A bar in text for a table cell: `██████░░░░`.
pub fn bar_text(rate: Option<Decimal>, width: usize) -> String {
    let full = rate.map_or(0, |r| filled(r, width));
    format!("{}{}", "█".repeat(full), "░".repeat(width - full))
}

/// One line: label, bar with the time-progress marker, rate and pace word.
pub struct PaceGauge<'a> {
    pub label: &'a str,
    pub rate: Option<Decimal>,
    pub progress: Decimal,
    pub pace: Pace,
    pub lang: Lang,
    /// Display width reserved for labels, so the bars of a column line up.
    pub label_width: usize,
    /// The warning light and its ratio, said after the pace.
    pub light: Option<Light>,
    pub light_ratio: Option<Decimal>,
}

impl Widget for PaceGauge<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 10 || area.height == 0 {
            return;
        }
        let style = pace_style(self.pace);
        let tail = format!(" {:>8} {}", rate_text(self.rate), self.lang.pace(self.pace));
        // The ratio where the screen is wide, the word always; padded to the
        // widest so the bars of a column line up.
        let wide = area.width >= 100;
        let ratio = self.light_ratio.filter(|_| wide);
        let word = self.lang.light(self.light, ratio);
        let widest = if wide {
            "yellow 100.00".width()
        } else {
            Light::ALL
                .iter()
                .map(|l| self.lang.word(*l).width())
                .max()
                .unwrap_or(0)
        };
        let light = format!(" {word}{}", " ".repeat(widest.saturating_sub(word.width())));
        let label_width = self.label_width.max(self.label.width()) + 1;
        let bar_width =
            (area.width as usize).saturating_sub(label_width + tail.width() + light.width() + 2);
        let mut spans = vec![Span::raw(format!(
            "{}{}",
            self.label,
            " ".repeat(label_width - self.label.width())
        ))];
        if bar_width >= 4 {
            let full = self.rate.map_or(0, |r| filled(r, bar_width));
            // The marker sits on the cell where the time-proportional share ends.
            let marker = filled(self.progress, bar_width).clamp(1, bar_width) - 1;
            spans.push(Span::raw("▕"));
            for cell in 0..bar_width {
                let (symbol, cell_style) = match (cell == marker, cell < full) {
                    (true, true) => ("┃", style.add_modifier(Modifier::REVERSED)),
                    (true, false) => (
                        "┃",
                        Style::default()
                            .fg(Color::White)
                            .add_modifier(Modifier::BOLD),
                    ),
                    (false, true) => ("█", style),
                    (false, false) => ("░", Style::default().fg(Color::DarkGray)),
                };
                spans.push(Span::styled(symbol, cell_style));
            }
            spans.push(Span::raw("▏"));
        }
        spans.push(Span::styled(tail, style));
        spans.push(Span::styled(
            light,
            crate::tui::widgets::light::light_style(self.light),
        ));
        Line::from(spans).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;

    #[test]
    fn bars_fill_by_rate_and_cap_at_full() {
        assert_eq!(bar_text(Some(Decimal::from(50)), 10), "█████░░░░░");
        assert_eq!(bar_text(Some(Decimal::from(259)), 4), "████");
        assert_eq!(bar_text(None, 3), "░░░");
    }

    #[test]
    fn gauge_shows_marker_rate_and_word() {
        let area = Rect::new(0, 0, 50, 1);
        let mut buf = Buffer::empty(area);
        PaceGauge {
            label: "项目",
            rate: Some(Decimal::new(2500, 2)),
            progress: Decimal::new(5000, 2),
            pace: Pace::Lagging,
            lang: Lang::En,
            label_width: 4,
            light: Some(Light::Red),
            light_ratio: Some(Decimal::new(5000, 2)),
        }
        .render(area, &mut buf);
        let text: String = (0..50).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        // narrow: the light's word without its ratio
        assert!(text.contains("25.00% lagging red "), "{text}");
        let bar: String = text
            .chars()
            .skip_while(|c| *c != '▕')
            .skip(1)
            .take_while(|c| *c != '▏')
            .collect();
        assert_eq!(bar.chars().count(), 16, "{text}");
        // 25% of 16 cells filled, the marker on the 8th cell (50%)
        assert_eq!(bar, "████░░░┃░░░░░░░░");
    }
}
