//! Widgets of the TUI that are not a tab: tables, gauges, text input.

pub mod gauge;
pub mod grid;
pub mod input;
