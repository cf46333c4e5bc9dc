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

/// A gauge's money, written in the chosen unit: what it may spend, what it
/// paid and what is left.
#[derive(Clone, Debug, Default)]
pub struct GaugeMoney {
    pub budget: String,
    pub spent: String,
    pub remaining: String,
}

/// One line: label, bar with the time-progress marker, rate, pace word,
/// light, and the money. As the width shrinks the parts go one by one —
/// the light's ratio, the pace word, spent, budget, the light, the bar —
/// so the rate and what is left go last.
#[derive(Clone)]
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
    pub money: GaugeMoney,
    /// Width of the widest amount of the gauges drawn together, so their
    /// money columns line up.
    pub money_width: usize,
}

/// Which optional parts of a gauge fit, and how wide the bar is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GaugeParts {
    pub bar: usize,
    pub light: bool,
    pub budget: bool,
    pub spent: bool,
    pub pace: bool,
    pub ratio: bool,
}

/// Cells a bar needs to be worth drawing.
const MIN_BAR: usize = 8;

impl PaceGauge<'_> {
    fn label_cells(&self) -> usize {
        self.label_width.max(self.label.width()) + 1
    }

    fn pace_cells(&self) -> usize {
        [
            Pace::Overspent,
            Pace::Ahead,
            Pace::OnPace,
            Pace::Lagging,
            Pace::Unmeasured,
            Pace::Unpaced,
        ]
        .iter()
        .map(|p| self.lang.pace(*p).width())
        .max()
        .unwrap_or(0)
            + 1
    }

    fn light_cells(&self, ratio: bool) -> usize {
        let widest = if ratio {
            "yellow 100.00".width()
        } else {
            Light::ALL
                .iter()
                .map(|l| self.lang.word(*l).width())
                .max()
                .unwrap_or(0)
        };
        widest + 1
    }

    /// The parts that fit `width`, added in order of worth while they fit.
    pub fn parts(&self, width: usize) -> GaugeParts {
        let money = self.money_width + 1;
        let mut used = self.label_cells() + 9 + money; // label, rate, remaining
        let mut parts = GaugeParts {
            bar: 0,
            light: false,
            budget: false,
            spent: false,
            pace: false,
            ratio: false,
        };
        // In order of worth; once one does not fit, none after it is drawn.
        let wanted = [
            self.light_cells(false),
            money,
            money,
            self.pace_cells(),
            self.light_cells(true) - self.light_cells(false),
        ];
        let mut fits = [false; 5];
        for (i, cells) in wanted.into_iter().enumerate() {
            if used + cells + MIN_BAR + 2 > width || (i == 4 && width < 100) {
                break;
            }
            used += cells;
            fits[i] = true;
        }
        [
            parts.light,
            parts.budget,
            parts.spent,
            parts.pace,
            parts.ratio,
        ] = fits;
        let room = width.saturating_sub(used + 2);
        parts.bar = if room >= MIN_BAR { room } else { 0 };
        parts
    }

    /// The header over gauges drawn with these parts: the names of the
    /// money columns, right-aligned over them.
    pub fn header(&self, parts: GaugeParts) -> String {
        let mut text = " ".repeat(self.label_cells());
        if parts.bar > 0 {
            text.push_str(&" ".repeat(parts.bar + 2));
        }
        // Padded by display width: a Chinese title takes two cells a character.
        let pad = |text: &mut String, title: &str, cells: usize| {
            text.push_str(&" ".repeat(cells.saturating_sub(title.width())));
            text.push_str(title);
        };
        pad(&mut text, self.lang.pick("执行率", "rate"), 9);
        if parts.pace {
            text.push_str(&" ".repeat(self.pace_cells()));
        }
        if parts.light {
            text.push_str(&" ".repeat(self.light_cells(parts.ratio)));
        }
        let money = self.money_width + 1;
        if parts.budget {
            pad(&mut text, self.lang.pick("预算数", "budget"), money);
        }
        if parts.spent {
            pad(&mut text, self.lang.pick("已支付", "paid"), money);
        }
        pad(&mut text, self.lang.pick("余额", "left"), money);
        text
    }
}

impl Widget for PaceGauge<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < 10 || area.height == 0 {
            return;
        }
        let parts = self.parts(area.width as usize);
        let style = pace_style(self.pace);
        let label_cells = self.label_cells();
        let mut spans = vec![Span::raw(format!(
            "{}{}",
            self.label,
            " ".repeat(label_cells - self.label.width())
        ))];
        if parts.bar > 0 {
            let bar_width = parts.bar;
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
        spans.push(Span::styled(format!(" {:>8}", rate_text(self.rate)), style));
        if parts.pace {
            let word = self.lang.pace(self.pace);
            let pad = self.pace_cells() - 1 - word.width();
            spans.push(Span::styled(format!(" {word}{}", " ".repeat(pad)), style));
        }
        if parts.light {
            let word = self
                .lang
                .light(self.light, self.light_ratio.filter(|_| parts.ratio));
            let pad = self
                .light_cells(parts.ratio)
                .saturating_sub(word.width() + 1);
            spans.push(Span::styled(
                format!(" {word}{}", " ".repeat(pad)),
                crate::tui::widgets::light::light_style(self.light),
            ));
        }
        let amount = |text: &str| format!(" {text:>w$}", w = self.money_width);
        if parts.budget {
            spans.push(Span::raw(amount(&self.money.budget)));
        }
        if parts.spent {
            spans.push(Span::raw(amount(&self.money.spent)));
        }
        let left_style = if self.money.remaining.starts_with('-') {
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        spans.push(Span::styled(amount(&self.money.remaining), left_style));
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

    fn gauge(lang: Lang) -> PaceGauge<'static> {
        PaceGauge {
            label: "项目",
            rate: Some(Decimal::new(2500, 2)),
            progress: Decimal::new(5000, 2),
            pace: Pace::Lagging,
            lang,
            label_width: 4,
            light: Some(Light::Red),
            light_ratio: Some(Decimal::new(5000, 2)),
            money: GaugeMoney {
                budget: "4,000.00".into(),
                spent: "1,000.00".into(),
                remaining: "3,000.00".into(),
            },
            money_width: 8,
        }
    }

    fn drawn(gauge: PaceGauge<'_>, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        gauge.render(area, &mut buf);
        (0..width)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect()
    }

    #[test]
    fn gauge_shows_marker_rate_words_and_money() {
        let text = drawn(gauge(Lang::En), 80);
        // narrow of 100: the light's word without its ratio
        assert!(
            text.contains("25.00% lagging   red    4,000.00 1,000.00 3,000.00"),
            "{text}"
        );
        let bar: String = text
            .chars()
            .skip_while(|c| *c != '▕')
            .skip(1)
            .take_while(|c| *c != '▏')
            .collect();
        assert_eq!(bar.chars().count(), 20, "the rest of the row: {text}");
        // 25% of 20 cells filled, the marker on the 10th cell (50%)
        assert_eq!(bar, "█████░░░░┃░░░░░░░░░░");
        let g = gauge(Lang::En);
        let header = g.header(g.parts(80));
        // the bar takes the rest, so row and header end at the last cell
        assert_eq!(header.width(), 80, "{header}");
        assert!(text.ends_with("3,000.00"), "{text}");
        assert!(header.ends_with("  budget     paid     left"), "{header}");
        assert!(drawn(gauge(Lang::En), 120).contains("red 50.00"));
        let g = gauge(Lang::Zh);
        let header = g.header(g.parts(80));
        assert_eq!(header.width(), 80, "{header}");
        assert!(header.ends_with("余额"), "{header}");
    }

    #[test]
    fn a_narrow_gauge_keeps_the_rate_and_what_is_left_to_the_last() {
        // each part, once gone, stays gone as the width shrinks, in this
        // order: pace, spent, budget, light, bar
        let present = |p: GaugeParts| [p.pace, p.spent, p.budget, p.light, p.bar > 0];
        let widths: Vec<[bool; 5]> = (20..=120)
            .rev()
            .map(|w| present(gauge(Lang::Zh).parts(w)))
            .collect();
        let gone_at: Vec<usize> = (0..5)
            .map(|part| widths.iter().position(|p| !p[part]).unwrap_or(widths.len()))
            .collect();
        assert!(gone_at.windows(2).all(|w| w[0] <= w[1]), "{gone_at:?}");
        for p in &widths {
            for part in 1..5 {
                assert!(
                    !p[part - 1] || p[part],
                    "a part outlived a worthier one: {p:?}"
                );
            }
        }
        let text = drawn(gauge(Lang::Zh), 24);
        assert!(
            text.contains("25.00%") && text.contains("3,000.00"),
            "{text}"
        );
        assert!(!text.contains("4,000.00"), "{text}");
    }
}
