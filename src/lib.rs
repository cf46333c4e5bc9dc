//! outlay: a department's fiscal-year budget execution ledger.
//!
//! `domain` holds the pure rules and reports, `store` the redb tables, and
//! `ledger` the one API every front end (CLI, TUI, server) goes through;
//! `import` turns CSV files into the domain's input rows.

pub mod domain;
pub mod import;
