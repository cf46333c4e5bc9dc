//! Cutting a name or a piece of prose to a column's width: at the end with
//! `…`, and, for the names that tell rows apart, never so that two
//! different names read alike.

use std::collections::HashMap;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const ELLIPSIS: char = '…';

/// `text` in at most `width` cells: whole when it fits, else its start and `…`.
pub fn cut_end(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = longest_prefix(text, width - 1);
    out.push(ELLIPSIS);
    out
}

/// Each of `names` in at most `width` cells, so that two different names
/// never read alike: a name whose cut start could be the start of another
/// (`2020年中央自然灾害救…` for both `…救灾资金` and `…救灾资金（培训演练）`)
/// keeps a shorter head and shows, after `…`, the part where it differs
/// from the names most like it (`2020年…（培训演练）`), or its end when it
/// is itself the start of another (`2020年…救灾资金`). Below 8 cells two
/// Chinese names may have no room left to differ in.
pub fn distinct_cuts(names: &[&str], width: usize) -> Vec<String> {
    // Work on each different name once: a project's name repeats on every indicator row.
    let mut unique: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for name in names {
        index.entry(name).or_insert_with(|| {
            unique.push(name);
            unique.len() - 1
        });
    }
    let mut shown: Vec<String> = unique.iter().map(|n| cut_end(n, width)).collect();
    for (i, name) in unique.iter().enumerate() {
        if shown[i] == *name {
            continue;
        }
        let head = shown[i].trim_end_matches(ELLIPSIS);
        let others = || unique.iter().enumerate().filter(move |(j, _)| *j != i);
        if others().any(|(_, other)| other.starts_with(head)) {
            let differs_at = others()
                .map(|(_, other)| common_prefix(name, other))
                .max()
                .unwrap_or(0);
            shown[i] = around(name, differs_at, width);
        }
    }
    // Two names like each other in different ways can still meet: each then
    // shows the place where the two of them part.
    for i in 0..unique.len() {
        for j in i + 1..unique.len() {
            if shown[i] == shown[j] {
                let at = common_prefix(unique[i], unique[j]);
                shown[i] = around(unique[i], at, width);
                shown[j] = around(unique[j], at, width);
            }
        }
    }
    names.iter().map(|n| shown[index[n]].clone()).collect()
}

/// `text` in `width` cells as its head, `…`, and what follows character
/// `at` (where it differs from a name like it); its end when `at` is past
/// the end. The part after `…` is cut at its own end if it must be.
fn around(text: &str, at: usize, width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if width < 3 || text.width() <= width {
        return cut_end(text, width);
    }
    // The head keeps a third of the room, so it still says where the name starts.
    let room = width - 1 - (width - 1) / 3;
    let (start, tail) = if at >= chars.len() {
        let tail = longest_suffix(&chars, room);
        (chars.len() - tail.chars().count(), tail)
    } else {
        let rest: String = chars[at..].iter().collect();
        (at, cut_end(&rest, room))
    };
    let head_room = width - 1 - tail.width();
    let head: String = longest_prefix(&chars[..start].iter().collect::<String>(), head_room);
    format!("{head}{ELLIPSIS}{tail}")
}

/// How many leading characters two texts share.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn longest_prefix(text: &str, width: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .collect()
}

fn longest_suffix(chars: &[char], width: usize) -> String {
    let mut used = 0;
    let mut tail: Vec<char> = chars
        .iter()
        .rev()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .copied()
        .collect();
    tail.reverse();
    tail.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELIEF: &str = "2020年中央自然灾害救灾资金";
    const RELIEF_TRAINING: &str = "2020年中央自然灾害救灾资金（培训演练）";
    const PREVENTION: &str = "2020年中央自然灾害防治体系建设补助资金";

    #[test]
    fn a_text_is_cut_at_its_end_with_an_ellipsis_within_its_width() {
        assert_eq!(cut_end("应急管理办公经费", 20), "应急管理办公经费");
        assert_eq!(cut_end("应急管理办公经费", 9), "应急管理…");
        assert_eq!(cut_end("social effect", 8), "social …");
        assert_eq!(cut_end("abc", 0), "");
        assert_eq!(cut_end("应急", 1), "…");
    }

    fn assert_distinct(names: &[&str], width: usize) -> Vec<String> {
        let shown = distinct_cuts(names, width);
        for (i, a) in shown.iter().enumerate() {
            assert!(a.width() <= width, "{a} wider than {width}");
            for (j, b) in shown.iter().enumerate() {
                if names[i] != names[j] {
                    assert_ne!(a, b, "{} and {} at {width}", names[i], names[j]);
                }
            }
        }
        shown
    }

    #[test]
    fn names_that_would_read_alike_show_where_they_differ() {
        let names = [RELIEF, RELIEF_TRAINING, PREVENTION];
        let shown = assert_distinct(&names, 18);
        assert_eq!(
            shown,
            [
                "2020…灾害救灾资金",
                "2020…（培训演练）",
                "2020年…防治体系建…"
            ]
        );
        for width in 8..40 {
            assert_distinct(&names, width);
        }
    }

    #[test]
    fn a_cut_name_that_could_be_another_whole_one_shows_what_follows() {
        // At 28 cells 救灾资金 fits whole; 救灾资… beside it would read as the same project.
        let shown = assert_distinct(&[RELIEF, RELIEF_TRAINING, PREVENTION], 28);
        assert_eq!(shown[0], RELIEF);
        assert_eq!(shown[1], "2020年中央自然…（培训演练）");
        assert_eq!(shown[2], "2020年中央自然灾害防治体系…");
    }

    #[test]
    fn the_same_name_on_several_rows_reads_the_same_and_unlike_names_are_cut_at_the_end() {
        let shown = distinct_cuts(
            &[
                "应急管理及安全生产专项工作",
                "应急管理及安全生产专项工作",
                "办公用房租赁费",
            ],
            10,
        );
        assert_eq!(shown, ["应急管理…", "应急管理…", "办公用房…"]);
    }

    #[test]
    fn names_alike_at_both_ends_differ_in_the_middle() {
        let names = [
            "某某项目第一批次专项资金",
            "某某项目第二批次专项资金",
            "某某项目第三批次专项资金",
        ];
        for width in 8..26 {
            assert_distinct(&names, width);
        }
    }
}
