//! The user's settings file, `outlay/config.toml` in the XDG config dir:
//!
//! ```toml
//! lang = "zh"          # or "en"
//! unit = "wan"         # or "yuan"
//! keymap = "vim"       # "default", "vim" or a file
//! db = "/srv/outlay/2021.redb"
//! socket = "/srv/outlay/2021.sock"   # use the server instead of the file
//! server_user = "outlay"   # the server must run as this user (default: the socket directory's owner)
//! ```
//!
//! Flags and `$OUTLAY_DB` win over the file; the file wins over `LANG`. A
//! wrong entry is an error naming it, never silently ignored.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::Unit;
use crate::i18n::Lang;

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub lang: Option<Lang>,
    pub unit: Option<Unit>,
    pub keymap: Option<String>,
    pub db: Option<PathBuf>,
    pub socket: Option<PathBuf>,
    pub server_user: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("settings {path}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub message: String,
}

impl Config {
    /// Where the user's settings file lives, if the platform has a config dir.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "outlay")
            .map(|dirs| dirs.config_dir().join("config.toml"))
    }

    /// Reads the settings file at `path`; a missing file is an empty one.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let error = |message: String| ConfigError {
            path: path.display().to_string(),
            message,
        };
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text).map_err(error),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(error(format!("cannot read the file: {e}"))),
        }
    }

    /// Parses settings; the error says which entry is wrong.
    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.message().to_string() + &location(text, e.span()))
    }
}

/// ` (line N)` for an error's position in the text.
fn location(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    span.map(|s| {
        format!(
            " (line {})",
            text[..s.start.min(text.len())].matches('\n').count() + 1
        )
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_names_a_wrong_entry() {
        let config = Config::parse("lang = \"en\"\nunit = \"wan\"\nkeymap = \"vim\"\n").unwrap();
        assert_eq!(
            (config.lang, config.unit, config.keymap.as_deref()),
            (Some(Lang::En), Some(Unit::Wan), Some("vim"))
        );
        let err = Config::parse("lang = \"fr\"").unwrap_err();
        assert!(
            err.contains("unknown variant `fr`") && err.contains("line 1"),
            "{err}"
        );
        let err = Config::parse("unit = \"wan\"\ncolour = \"blue\"").unwrap_err();
        assert!(
            err.contains("unknown field `colour`") && err.contains("line 2"),
            "{err}"
        );
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Config::load(&dir.path().join("none.toml")).unwrap(),
            Config::default()
        );
    }
}
