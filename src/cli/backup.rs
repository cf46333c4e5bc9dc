//! `outlay backup FILE`: a verified copy of the ledger in a new file.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{Context, output};
use crate::error::Error;
use crate::i18n::Lang;

#[derive(Args, Debug)]
pub struct BackupArgs {
    /// The new file to write (mode 0600; an existing file is never overwritten)
    pub file: PathBuf,
}

pub fn run(args: &BackupArgs, cx: &Context) -> Result<(), Error> {
    let started = Instant::now();
    let done = cx.open()?.backup(&args.file)?;
    let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
    let size = size(done.bytes);
    let (paid, adjusted) = (done.rows("disbursements"), done.rows("adjustments"));
    let file = done.path.display();
    output::line(&match cx.lang {
        Lang::Zh => format!(
            "已备份到 {file}：{size}，支付 {} 笔、调整 {} 笔，核对一致，用时 {seconds} 秒",
            count(paid),
            count(adjusted)
        ),
        Lang::En => format!(
            "Backed up to {file}: {size}, {} and {}, checked consistent, in {seconds} s",
            counted(paid, "disbursement"),
            counted(adjusted, "adjustment")
        ),
    })
}

fn count(n: u64) -> String {
    crate::domain::money::group_thousands(&n.to_string())
}

/// `1 adjustment`, `1,204 disbursements`.
fn counted(n: u64, noun: &str) -> String {
    format!("{} {noun}{}", count(n), if n == 1 { "" } else { "s" })
}

/// A file size as people read it: `812 B`, `4.0 KiB`, `2.3 MiB`.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(super::size(812), "812 B");
        assert_eq!(super::size(4096), "4.0 KiB");
        assert_eq!(super::size(2_411_725), "2.3 MiB");
        assert_eq!(super::counted(1, "adjustment"), "1 adjustment");
        assert_eq!(super::counted(1204, "disbursement"), "1,204 disbursements");
    }
}
