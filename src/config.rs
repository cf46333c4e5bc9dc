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

use crate::domain::Unit;
use crate::i18n::Lang;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub lang: Option<Lang>,
    pub unit: Option<Unit>,
    pub keymap: Option<String>,
    pub db: Option<PathBuf>,
    pub socket: Option<PathBuf>,
    pub server_user: Option<String>,
}

/// Every setting the file may hold, in the order the doc comment lists them.
pub const SETTINGS: &[&str] = &["lang", "unit", "keymap", "db", "socket", "server_user"];

/// A settings file that cannot be used. `Lang::settings_error` words it;
/// Display is the English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub problem: Problem,
}

/// What is wrong with the settings file, and on which line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file exists but cannot be read: the system's words.
    Unreadable(String),
    /// Not TOML: the parser's words, on one line.
    Syntax {
        line: Option<usize>,
        message: String,
    },
    /// A name that is none of [`SETTINGS`].
    Unknown { name: String, line: usize },
    /// A setting given a number, a list … instead of text.
    NotText { name: &'static str, line: usize },
    /// A setting whose text is none of its choices.
    NotAChoice {
        name: &'static str,
        value: String,
        choices: &'static [&'static str],
        line: usize,
    },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.settings_error(self))
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Where the user's settings file lives, if the platform has a config dir.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "outlay")
            .map(|dirs| dirs.config_dir().join("config.toml"))
    }

    /// Reads the settings file at `path`; a missing file is an empty one.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let error = |problem: Problem| ConfigError {
            path: path.display().to_string(),
            problem,
        };
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text).map_err(error),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(error(Problem::Unreadable(e.to_string()))),
        }
    }

    /// Parses settings; the error says which entry is wrong, and its line.
    pub fn parse(text: &str) -> Result<Config, Problem> {
        let line_of = |at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
        let table = toml::de::DeTable::parse(text).map_err(|e| Problem::Syntax {
            line: e.span().map(|s| line_of(s.start)),
            message: e.message().trim().replace('\n', "; "),
        })?;
        let mut config = Config::default();
        for (key, value) in table.get_ref() {
            let line = line_of(key.span().start);
            let Some(&name) = SETTINGS.iter().find(|n| **n == key.get_ref().as_ref()) else {
                return Err(Problem::Unknown {
                    name: key.get_ref().to_string(),
                    line,
                });
            };
            let toml::de::DeValue::String(text) = value.get_ref() else {
                return Err(Problem::NotText { name, line });
            };
            let text = text.to_string();
            let choice = |choices: &'static [&'static str]| Problem::NotAChoice {
                name,
                value: text.clone(),
                choices,
                line,
            };
            match name {
                "lang" => {
                    config.lang = Some(match text.as_str() {
                        "zh" => Lang::Zh,
                        "en" => Lang::En,
                        _ => return Err(choice(&["zh", "en"])),
                    })
                }
                "unit" => {
                    config.unit = Some(match text.as_str() {
                        "yuan" => Unit::Yuan,
                        "wan" => Unit::Wan,
                        _ => return Err(choice(&["yuan", "wan"])),
                    })
                }
                "keymap" => config.keymap = Some(text),
                "db" => config.db = Some(text.into()),
                "socket" => config.socket = Some(text.into()),
                _ => config.server_user = Some(text),
            }
        }
        Ok(config)
    }
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
        assert_eq!(
            err,
            Problem::NotAChoice {
                name: "lang",
                value: "fr".into(),
                choices: &["zh", "en"],
                line: 1
            }
        );
        let err = Config::parse("unit = \"wan\"\ncolour = \"blue\"").unwrap_err();
        assert_eq!(
            err,
            Problem::Unknown {
                name: "colour".into(),
                line: 2
            }
        );
        let err = Config::parse("lang = \"en\"\n\nkeymap = 3").unwrap_err();
        assert_eq!(
            err,
            Problem::NotText {
                name: "keymap",
                line: 3
            }
        );
        let err = Config::parse("lang = \"en\"\nunit = ").unwrap_err();
        assert!(
            matches!(err, Problem::Syntax { line: Some(2), .. }),
            "{err:?}"
        );
        let err = Config::parse("lang = \"en\"\nlang = \"zh\"").unwrap_err();
        assert!(
            matches!(err, Problem::Syntax { line: Some(2), .. }),
            "{err:?}"
        );
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Config::load(&dir.path().join("none.toml")).unwrap(),
            Config::default()
        );
    }
}
