//! outlay: a department's fiscal-year budget execution ledger.
//!
//! `domain` holds the pure rules and reports, `store` the redb tables, and
//! `ledger` the one API every front end (CLI, TUI, server) goes through.

pub mod demo;
pub mod domain;
