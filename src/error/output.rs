//! Writing what the user asked for failed: stdout, a workbook, the terminal.
//! Typed so the edge words it in the user's language (`Lang::output_error`);
//! each cause is the system's own words.

use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputError {
    /// Stdout cannot be written (a full disk; a closed pipe is not an error).
    Stdout { cause: String },
    /// A value cannot be encoded for the output or the wire.
    Encode { what: Encoded, cause: String },
    /// An .xlsx workbook cannot be written.
    Workbook { cause: String },
    /// The demo's temporary directory cannot be made.
    TempDir { cause: String },
    /// The terminal cannot be put into the TUI's mode.
    StartTerminal { cause: String },
    /// Drawing on or setting up the terminal failed.
    Terminal { cause: String },
    /// A stop signal cannot be watched, so the terminal could not be restored.
    Signal { signal: i32, cause: String },
}

/// What was being encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoded {
    Json,
    ScoringRules,
    MonitoringRules,
    Answer,
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.output_error(self))
    }
}

impl std::error::Error for OutputError {}
