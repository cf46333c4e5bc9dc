//! Spending the finance bureau watches apart from its budget line: the 三公经费
//! (travel abroad, official receptions, official vehicles) and 政府采购. A
//! line is tagged when all its money is of that kind; a disbursement is tagged
//! when only that payment is (a reception paid from a general goods line).

use std::collections::BTreeSet;

use super::vocabulary::{UnknownWord, Vocabulary, vocabulary};

vocabulary! {
    /// What a tagged line or payment is spent on.
    SpendTag, "tag" {
        Abroad => "abroad", "因公出国（境）", "official travel abroad", ["因公出国", "因公出国(境)", "出国"];
        Reception => "reception", "公务接待", "official receptions", ["接待"];
        Vehicles => "vehicles", "公务用车购置及运行", "official vehicles", ["公务用车", "公车"];
        Procurement => "procurement", "政府采购", "government procurement", ["采购"];
    }
}

impl SpendTag {
    /// The three of the 三公经费.
    pub const THREE_PUBLIC: [SpendTag; 3] =
        [SpendTag::Abroad, SpendTag::Reception, SpendTag::Vehicles];
}

/// Tags written as a list: `reception,procurement`, separated by commas, `、`
/// or spaces; an empty text is no tag.
pub fn parse_tags(text: &str) -> Result<BTreeSet<SpendTag>, UnknownWord> {
    text.split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .map(SpendTag::parse)
        .collect()
}

/// The tags of a `tags` field, refused by that field's name in both languages.
pub fn tags_field(text: &str) -> Result<BTreeSet<SpendTag>, super::Refusal> {
    parse_tags(text).map_err(|e| {
        let zh = format!("“{}”不是以下之一：{}", e.given, e.expected);
        super::Refusal::field_in("tags", e.to_string(), zh)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_in_either_language_and_any_separator() {
        let tags = parse_tags("公务接待、procurement, 公车").unwrap();
        assert_eq!(
            tags.into_iter().collect::<Vec<_>>(),
            vec![
                SpendTag::Reception,
                SpendTag::Vehicles,
                SpendTag::Procurement
            ]
        );
        assert!(parse_tags("  ").unwrap().is_empty());
        let err = parse_tags("reception,banquet").unwrap_err();
        assert_eq!(err.given, "banquet");
        assert!(err.expected.contains("abroad"), "{}", err.expected);
    }
}
