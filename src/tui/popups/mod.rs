//! Popups of their own beyond the one-line forms: a list to choose from and
//! the multi-line editor of a project's form text.

pub mod chooser;
pub mod form;
pub mod prose_editor;
