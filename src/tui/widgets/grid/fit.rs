//! Which columns of a table show in a width, and how wide each is.

/// What a column asks of the width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ask {
    /// The cells it cannot do with less of: an identifier's widest cell, a
    /// name's or a text's reserve.
    pub need: u16,
    /// A name or a text takes a share of the room left, up to `widest`;
    /// an identifier is exactly `need` wide.
    pub flexible: bool,
    pub weight: u16,
    pub widest: u16,
    /// How long it stays as the width shrinks: the lowest goes first, of
    /// equals the rightmost.
    pub keep: u8,
}

/// The width of each column, `None` for those that give way: they go in
/// the order of [`Ask::keep`] until the rest fit in `width` with one cell
/// between columns. The column kept longest always shows, cut by the
/// terminal if it alone is too wide.
pub fn widths(asks: &[Ask], width: u16) -> Vec<Option<u16>> {
    let mut by_keep: Vec<usize> = (0..asks.len()).collect();
    by_keep.sort_by_key(|&i| (std::cmp::Reverse(asks[i].keep), i));
    let mut shown = vec![false; asks.len()];
    let mut used: u16 = 0;
    for (n, &i) in by_keep.iter().enumerate() {
        let need = asks[i].need.saturating_add(u16::from(n > 0));
        if n > 0 && used.saturating_add(need) > width {
            // Strictly by keep: a narrower column kept less long does not take its place.
            break;
        }
        used = used.saturating_add(need);
        shown[i] = true;
    }
    let mut out: Vec<Option<u16>> = asks
        .iter()
        .zip(&shown)
        .map(|(a, &s)| s.then_some(a.need.min(width)))
        .collect();
    share_the_rest(asks, &mut out, width.saturating_sub(used));
    out
}

/// Gives the room left to the names and texts shown, by weight, each up
/// to its widest cell; what none can use stays blank at the right.
fn share_the_rest(asks: &[Ask], out: &mut [Option<u16>], mut rest: u16) {
    loop {
        let growing: Vec<usize> = (0..asks.len())
            .filter(|&i| asks[i].flexible && out[i].is_some_and(|w| w < asks[i].widest))
            .collect();
        let weights: u32 = growing
            .iter()
            .map(|&i| u32::from(asks[i].weight.max(1)))
            .sum();
        if rest == 0 || growing.is_empty() {
            return;
        }
        for i in growing {
            let share = (u32::from(rest) * u32::from(asks[i].weight.max(1)) / weights).max(1);
            let width = out[i].unwrap_or(0);
            let grow = (share as u16).min(asks[i].widest - width).min(rest);
            out[i] = Some(width + grow);
            rest -= grow;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(need: u16, keep: u8) -> Ask {
        Ask {
            need,
            flexible: false,
            weight: 0,
            widest: need,
            keep,
        }
    }

    fn name(need: u16, widest: u16, keep: u8) -> Ask {
        Ask {
            need,
            flexible: true,
            weight: 1,
            widest,
            keep,
        }
    }

    #[test]
    fn columns_give_way_by_keep_and_of_equals_the_rightmost_first() {
        let asks = [name(10, 30, 9), whole(5, 1), whole(5, 1), whole(5, 8)];
        // 10 + 6 + 6 + 6
        assert_eq!(widths(&asks, 28), [Some(10), Some(5), Some(5), Some(5)]);
        assert_eq!(widths(&asks, 27), [Some(15), Some(5), None, Some(5)]);
        assert_eq!(widths(&asks, 21), [Some(15), None, None, Some(5)]);
        assert_eq!(widths(&asks, 15), [Some(15), None, None, None]);
        // the one kept longest shows even alone too wide
        assert_eq!(widths(&asks, 4), [Some(4), None, None, None]);
    }

    #[test]
    fn a_narrower_column_kept_less_long_does_not_jump_the_queue() {
        let asks = [whole(4, 3), whole(10, 2), whole(2, 1)];
        assert_eq!(widths(&asks, 12), [Some(4), None, None]);
    }

    #[test]
    fn the_room_left_goes_to_names_and_texts_up_to_their_widest_cell() {
        let asks = [name(12, 20, 3), whole(6, 2), name(4, 40, 1)];
        let out = widths(&asks, 60);
        assert_eq!(out[0], Some(20));
        assert_eq!(out[1], Some(6));
        assert_eq!(out[2], Some(32)); // 60 - 20 - 6 - 2 spaces
        let out = widths(&[whole(6, 1)], 60);
        assert_eq!(out, [Some(6)]);
    }
}
