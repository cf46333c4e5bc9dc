//! A warning light in a table cell or after a gauge: its word (红/黄/绿, with
//! the ratio where there is room) in its colour, so colour never says it alone.

use ratatui::style::{Color, Modifier, Style};
use rust_decimal::Decimal;

use crate::domain::monitoring::Light;
use crate::tui::widgets::grid::{GridRow, SortKey};

/// Basic ANSI colours only, so it works without true colour.
pub fn light_style(light: Option<Light>) -> Style {
    match light {
        Some(Light::Red) => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        Some(Light::Yellow) => Style::default().fg(Color::Yellow),
        Some(Light::Green) => Style::default().fg(Color::Green),
        None => Style::default().fg(Color::DarkGray),
    }
}

/// Red first when sorting, then yellow, green, none.
pub fn light_severity(light: Option<Light>) -> i64 {
    match light {
        Some(Light::Red) => 0,
        Some(Light::Yellow) => 1,
        Some(Light::Green) => 2,
        None => 3,
    }
}

/// A cell with the light's word and ratio (`红 47.15`), sorted worst first
/// and, within a colour, by ratio.
pub trait LightCell {
    fn light(self, lang: crate::i18n::Lang, light: Option<Light>, ratio: Option<Decimal>) -> Self;
}

impl LightCell for GridRow {
    fn light(
        self,
        lang: crate::i18n::Lang,
        light: Option<Light>,
        ratio: Option<Decimal>,
    ) -> GridRow {
        let key = light_severity(light) * 1_000_000
            + ratio.map_or(999_999, |r| {
                use rust_decimal::prelude::ToPrimitive;
                (r * Decimal::ONE_HUNDRED)
                    .to_i64()
                    .unwrap_or(0)
                    .clamp(0, 999_999)
            });
        self.styled(
            lang.light(light, ratio),
            light_style(light),
            SortKey::Number(key),
        )
    }
}
