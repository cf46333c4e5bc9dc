//! How long to wait between reconnection attempts: soon after a restart,
//! without hammering a server that stays down.

use std::time::Duration;

pub const FIRST: Duration = Duration::from_millis(200);
pub const LONGEST: Duration = Duration::from_secs(5);

/// 0.2 s, doubling up to 5 s; back to 0.2 s once a connection has held.
#[derive(Debug)]
pub struct Backoff {
    next: Duration,
}

impl Default for Backoff {
    fn default() -> Backoff {
        Backoff { next: FIRST }
    }
}

impl Backoff {
    /// The wait before the next attempt.
    pub fn next_delay(&mut self) -> Duration {
        let delay = self.next;
        self.next = (self.next * 2).min(LONGEST);
        delay
    }

    /// A connection worked: the next loss is retried quickly again.
    pub fn reset(&mut self) {
        self.next = FIRST;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_from_a_fifth_of_a_second_to_five_seconds_and_resets() {
        let mut backoff = Backoff::default();
        let delays: Vec<u128> = (0..8).map(|_| backoff.next_delay().as_millis()).collect();
        assert_eq!(delays, [200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
        backoff.reset();
        assert_eq!(backoff.next_delay(), FIRST);
    }
}
