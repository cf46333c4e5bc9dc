//! The user's language: every label outlay shows exists in Chinese and English.

use serde::{Deserialize, Serialize};

use crate::domain::Vocabulary;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language the environment asks for: LC_ALL, then LC_MESSAGES, then
    /// LANG; Chinese for `zh*`, English otherwise.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
            .map_or(Lang::En, |value| {
                if value.to_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                }
            })
    }

    /// Picks the label in this language. Call sites give both, so neither
    /// language can be left incomplete.
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A domain word's label in this language.
    pub fn word<W: Vocabulary>(self, word: W) -> &'static str {
        match self {
            Lang::Zh => word.zh(),
            Lang::En => word.en(),
        }
    }
}
