//! Panel titles that carry an amount: when the panel is too narrow for the
//! whole title, words go first, the amount and its unit never.

use unicode_width::UnicodeWidthStr;

/// The first of `candidates` (longest first, each ending with the amount and
/// its unit) that fits `width` cells, else the last, the shortest: cutting it
/// is the border's business, but at any width a panel can have, the shortest
/// is just the amount and unit.
pub fn fitted(candidates: &[String], width: u16) -> String {
    candidates
        .iter()
        .find(|title| title.width() <= usize::from(width))
        .or(candidates.last())
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::fitted;

    #[test]
    fn words_drop_before_the_amount_does() {
        let candidates = [
            " ⚠ 逾期未付 3 笔 · 1,495,000.00 元 ".to_string(),
            " ⚠ 3 笔 · 1,495,000.00 元 ".to_string(),
            " 1,495,000.00 元 ".to_string(),
        ];
        assert_eq!(fitted(&candidates, 60), candidates[0]);
        assert_eq!(fitted(&candidates, 28), candidates[1]);
        assert_eq!(fitted(&candidates, 18), candidates[2]);
        assert_eq!(fitted(&candidates, 5), candidates[2]);
        assert_eq!(fitted(&[], 5), "");
    }
}
