//! The machine a run measured: figures mean little without it.

use std::path::Path;

/// One line: date, cores, CPU, memory, load, and the disk under `dir`.
pub fn describe(dir: &Path) -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = field("cpuinfo", "model name").unwrap_or_else(|| "unknown CPU".into());
    let memory = field("meminfo", "MemTotal")
        .and_then(|kb| kb.trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or("? GB".into(), |kb| format!("{:.1} GB", kb * 1024.0 / 1e9));
    // The load says whether others shared the cores during the run.
    let load = proc_file("loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    format!(
        "{} · {cores} cores ({cpu}) · {memory} RAM · load {load} at start · ledgers on {}",
        chrono::Local::now().format("%Y-%m-%d %H:%M %Z"),
        disk(dir)
    )
}

/// Where the kernel tells about the machine (not a fixture: every Linux has it).
const PROC: &str = "/proc";

fn proc_file(name: &str) -> std::io::Result<String> {
    std::fs::read_to_string(Path::new(PROC).join(name))
}

/// The first `name : value` line of a /proc file.
fn field(file: &str, name: &str) -> Option<String> {
    let text = proc_file(file).ok()?;
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim() == name)
        .map(|(_, v)| v.trim().to_string())
}

/// The filesystem holding `dir`: the longest mount point above it in
/// /proc/mounts, with its device and type, and whether the device spins.
fn disk(dir: &Path) -> String {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mounts = proc_file("mounts").unwrap_or_default();
    let mount = mounts
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            Some((f.next()?, f.next()?, f.next()?))
        })
        .filter(|(_, at, _)| dir.starts_with(at))
        .max_by_key(|(_, at, _)| at.len());
    match mount {
        Some((device, at, fstype)) => {
            format!(
                "{} ({fstype} on {device}{}, mounted at {at})",
                dir.display(),
                spins(device)
            )
        }
        None => format!("{} (mount unknown)", dir.display()),
    }
}

/// What the kernel says of the device's rotation; a VM's virtio disk often
/// says rotational whatever backs it, so this is the kernel's word, not a fact.
fn spins(device: &str) -> &'static str {
    let Some(name) = device.strip_prefix("/dev/") else {
        return "";
    };
    // A partition's queue is its disk's: try the name, then the disk's.
    let disk = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let disk = disk
        .strip_suffix('p')
        .filter(|d| d.starts_with("nvme"))
        .unwrap_or(disk);
    for candidate in [name, disk] {
        let flag = format!("/sys/block/{candidate}/queue/rotational");
        if let Ok(v) = std::fs::read_to_string(flag) {
            return if v.trim() == "1" {
                ", kernel: rotational"
            } else {
                ", kernel: non-rotational"
            };
        }
    }
    ""
}
