//! The user's language: every label outlay shows exists in Chinese and English.

use serde::{Deserialize, Serialize};

use crate::domain::report::Pace;
use crate::domain::{Unit, Vocabulary};

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

    /// The unit amounts are shown in.
    pub fn unit(self, unit: Unit) -> &'static str {
        match unit {
            Unit::Yuan => self.pick("元", "yuan"),
            Unit::Wan => self.pick("万元", "10k yuan"),
        }
    }

    /// How execution compares with time progress, in a word: colour never
    /// carries the meaning alone.
    pub fn pace(self, pace: Pace) -> &'static str {
        match pace {
            Pace::Overspent => self.pick("超支", "overspent"),
            Pace::Ahead => self.pick("超前", "ahead"),
            Pace::OnPace => self.pick("正常", "on pace"),
            Pace::Lagging => self.pick("滞后", "lagging"),
            Pace::Unmeasured => self.pick("无预算", "no budget"),
        }
    }
}
