//! What is wrong with a damaged ledger (a record written around outlay's
//! checks, an edited event log, a total past the bound), said in both
//! languages where it is found, so a Chinese user reads it in Chinese.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    pub en: String,
    pub zh: String,
}

impl Damage {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Damage {
        Damage {
            en: en.into(),
            zh: zh.into(),
        }
    }
}

/// The English, as `StoreError`'s Display shows it.
impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}
