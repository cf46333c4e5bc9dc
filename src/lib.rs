//! outlay: a department's fiscal-year budget execution ledger.
//!
//! `domain` holds the pure rules and reports, `store` the redb tables, and
//! `ledger` the one API every front end (CLI, TUI, server) goes through.

pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod document;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod identity;
pub mod import;
pub mod ledger;
pub mod remote;
pub mod store;
pub mod tui;

pub use error::{Error, Result};
pub use ledger::Ledger;
