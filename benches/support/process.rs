//! One child process's wall time and peak RSS. `wait4` reports the rusage of
//! that child alone; `getrusage(RUSAGE_CHILDREN)` would report the largest
//! child ever waited for, so a small `report` after a big import would read
//! as big.

use std::process::Command;
use std::time::{Duration, Instant};

/// What one whole process cost.
#[derive(Clone, Copy, Debug)]
pub struct Cost {
    pub wall: Duration,
    /// The resident set's high-water mark, in bytes.
    pub peak_rss: u64,
}

/// Runs `command` to its end; panics when it fails, since a figure of a
/// failed run would mislead.
pub fn measure(command: &mut Command) -> Cost {
    let started = Instant::now();
    let child = command.spawn().expect("the command starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain old data; wait4 fills it for the child we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    // The child is reaped here, so `child` must not be waited for again.
    drop(child);
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed (wait status {status})"
    );
    Cost {
        wall,
        // Linux reports ru_maxrss in KiB.
        peak_rss: usage.ru_maxrss as u64 * 1024,
    }
}

/// The median wall time and median peak RSS of `runs` runs.
pub fn median_of(runs: usize, mut command: impl FnMut() -> Command) -> Cost {
    let mut costs: Vec<Cost> = (0..runs).map(|_| measure(&mut command())).collect();
    costs.sort_by_key(|c| c.wall);
    let wall = costs[costs.len() / 2].wall;
    costs.sort_by_key(|c| c.peak_rss);
    Cost {
        wall,
        peak_rss: costs[costs.len() / 2].peak_rss,
    }
}
