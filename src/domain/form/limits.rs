//! The lengths the Sichuan form (510000_0013zp) allows its texts: 项目年度目标
//! and 年度目标完成情况 ≤ 100 字, the reason of a rate below 90 % ≤ 100 字, and
//! 评价结论, 存在问题, 改进措施 ≤ 200 字 each. The national form sets none.
//!
//! A text over its limit is listed with what the form lacks (the clerk has to
//! shorten it before filing), never cut: the form prints it whole.

use super::{Blank, Layout, Missing};
use crate::domain::vocabulary::Vocabulary;

/// One text a layout bounds: which field, its label on that form, and how
/// many 字 its box holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextLimit {
    pub field: Blank,
    pub label: &'static str,
    pub limit: usize,
}

const SICHUAN: [TextLimit; 6] = [
    TextLimit {
        field: Blank::Goal,
        label: "项目年度目标",
        limit: 100,
    },
    TextLimit {
        field: Blank::Achieved,
        label: "年度目标完成情况",
        limit: 100,
    },
    TextLimit {
        field: Blank::Reason,
        label: "预算执行率低于90%的原因",
        limit: 100,
    },
    TextLimit {
        field: Blank::Conclusion,
        label: "评价结论",
        limit: 200,
    },
    TextLimit {
        field: Blank::Problems,
        label: "存在问题",
        limit: 200,
    },
    TextLimit {
        field: Blank::Improvements,
        label: "改进措施",
        limit: 200,
    },
];

/// The texts a layout bounds: Sichuan's six, none on the national form.
pub fn text_limits(layout: Layout) -> &'static [TextLimit] {
    match layout {
        Layout::National => &[],
        Layout::Sichuan => &SICHUAN,
    }
}

/// A text's length as a Chinese form counts 字: every character counts one —
/// a Chinese character, a punctuation mark (full- or half-width), a digit, a
/// Latin letter alike (so "2021年" is 5 字) — and white space (spaces, line
/// breaks) counts none, as a box wraps its text anyway. Characters, never
/// bytes: a Chinese character is three bytes of UTF-8 and one 字.
pub fn form_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// A [`Blank::TooLong`] entry for each text over its layout's limit, in the
/// order the form prints them; `text` gives a field's text, if written.
pub(super) fn over_limits<'a>(
    layout: Layout,
    text: impl Fn(Blank) -> Option<&'a str>,
) -> Vec<Missing> {
    text_limits(layout)
        .iter()
        .filter_map(|limit| {
            let chars = form_chars(text(limit.field)?);
            (chars > limit.limit).then(|| Missing {
                field: Blank::TooLong,
                indicator: None,
                name: Some(limit.field.code().to_string()),
                chars: Some(chars),
                limit: Some(limit.limit),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_count_as_a_form_counts_them() {
        assert_eq!(form_chars("组建160人的综合应急救援队"), 14);
        assert_eq!(form_chars("已组建150人，驻防12个乡镇。"), 16);
        assert_eq!(form_chars("a b\nc\r\n\t"), 3, "white space counts none");
        assert_eq!(
            form_chars("（一）ABC"),
            6,
            "full-width marks and letters one each"
        );
        assert_eq!(form_chars(""), 0);
    }

    #[test]
    fn only_the_sichuan_form_bounds_its_texts() {
        assert!(text_limits(Layout::National).is_empty());
        let bounds: Vec<(Blank, usize)> = text_limits(Layout::Sichuan)
            .iter()
            .map(|l| (l.field, l.limit))
            .collect();
        assert_eq!(
            bounds,
            [
                (Blank::Goal, 100),
                (Blank::Achieved, 100),
                (Blank::Reason, 100),
                (Blank::Conclusion, 200),
                (Blank::Problems, 200),
                (Blank::Improvements, 200),
            ]
        );
    }
}
