//! What can go wrong with the ledger file, in Chinese: a clerk whose
//! screen is in Chinese reads why the ledger cannot be opened in Chinese.

use crate::store::StoreError as S;

/// The sentence for a store error in Chinese.
pub fn store_error_zh(error: &S) -> String {
    match error {
        S::Busy { path } => format!(
            "{} 正被另一个 outlay 进程使用；请先关闭那个进程再试（outlay 不会等待被占用的账本）",
            path.display()
        ),
        S::NotFound { path } => format!(
            "{} 处没有账本；请用 `outlay init --year 年度 --department 单位名称` 新建（或 `outlay init --demo`）",
            path.display()
        ),
        S::AlreadyExists { path } => format!(
            "{} 已存在；outlay 从不覆盖账本（请换一个 --db 路径，或先把该文件移走）",
            path.display()
        ),
        S::NotYours { path, owner } => format!(
            "{} 属于 {owner}，须通过其服务器读取：请用 --socket 路径，或在设置文件（~/.config/outlay/config.toml）中设置 `socket`",
            path.display()
        ),
        S::NotALedger { path, reason } => {
            format!("{} 不是 outlay 账本（{reason}）", path.display())
        }
        S::NewerSchema { found, supported } => format!(
            "该账本由更新版本的 outlay 写入（结构版本 {found}，本版本最高支持 {supported}）；请升级 outlay"
        ),
        S::Corrupt(what) => format!("账本已损坏：{}", what.zh),
        S::OutOfBound(what) => {
            format!("{} 将超出 ±10^13 元，即每个金额和累计数的上限", what.zh)
        }
        S::Io { path, source } => format!("无法使用 {}：{source}", path.display()),
        S::Database(e) => format!("数据库错误：{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_ledger_is_explained_in_chinese() {
        let e = S::Busy {
            path: "/srv/ledger.redb".into(),
        };
        let text = store_error_zh(&e);
        assert!(
            text.starts_with("/srv/ledger.redb 正被另一个 outlay 进程使用"),
            "{text}"
        );
        assert!(!text.contains("another"), "{text}");
    }
}
