//! The closed word lists of the domain (kind, source, level, economic class,
//! indicator category …): one code used in files and JSON, a Chinese and an
//! English label, and the other spellings accepted on input.

/// A closed list of domain words.
pub trait Vocabulary: Sized + Copy + 'static {
    /// What the list is called, for messages: "kind", "source" …
    const FIELD: &'static str;
    const ALL: &'static [Self];
    /// The code written in CSV and JSON: `basic`, `supplementary` …
    fn code(self) -> &'static str;
    fn zh(self) -> &'static str;
    fn en(self) -> &'static str;
    /// Further accepted spellings (Chinese short forms, hyphenated forms).
    fn aliases(self) -> &'static [&'static str];

    /// Reads a word case-insensitively by its code, either label or an alias.
    fn parse(text: &str) -> Result<Self, UnknownWord> {
        let wanted = text.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|word| {
                wanted.eq_ignore_ascii_case(word.code())
                    || wanted.eq_ignore_ascii_case(word.en())
                    || wanted == word.zh()
                    || word
                        .aliases()
                        .iter()
                        .any(|a| wanted.eq_ignore_ascii_case(a))
            })
            .ok_or_else(|| UnknownWord {
                field: Self::FIELD,
                given: wanted.to_string(),
                expected: Self::ALL
                    .iter()
                    .map(|w| w.code())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// A word as a refusal names it, in both languages, with the choices: the
/// one reading of a typed word for the CLI and the TUI's forms alike.
pub fn parse_word<W: Vocabulary>(text: &str) -> Result<W, super::Refusal> {
    W::parse(text).map_err(|e| {
        let choices: Vec<String> = W::ALL
            .iter()
            .map(|w| format!("{}（{}）", w.code(), w.zh()))
            .collect();
        let zh = format!("“{}”不是以下之一：{}", e.given, choices.join("、"));
        super::Refusal::field_in(W::FIELD, e.to_string(), zh)
    })
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{given}' is not one of: {expected}")]
pub struct UnknownWord {
    pub field: &'static str,
    pub given: String,
    pub expected: String,
}

/// Declares a vocabulary enum with serde names equal to its codes.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $field:literal {
        $($variant:ident => $code:literal, $zh:literal, $en:literal, [$($alias:literal),*];)+
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl $crate::domain::vocabulary::Vocabulary for $name {
            const FIELD: &'static str = $field;
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn code(self) -> &'static str { match self { $($name::$variant => $code,)+ } }
            fn zh(self) -> &'static str { match self { $($name::$variant => $zh,)+ } }
            fn en(self) -> &'static str { match self { $($name::$variant => $en,)+ } }
            fn aliases(self) -> &'static [&'static str] { match self { $($name::$variant => &[$($alias),*],)+ } }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::domain::vocabulary::Vocabulary::code(*self))
            }
        }
    };
}
pub(crate) use vocabulary;
