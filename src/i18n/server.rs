//! What went wrong in `outlay serve`, in both languages side by side, so an
//! administrator reading Chinese learns in Chinese why the server will not
//! start, and a clerk learns why the server could not answer.

use super::Lang;
use crate::remote::{Damage, Exposed as X, Holds, ServeLog as L, ServerError as S};

impl Lang {
    /// A server error as a sentence in this language.
    pub fn server_error(self, e: &S) -> String {
        let zh = self == Lang::Zh;
        match e {
            S::Exposed(u) if zh => format!("拒绝提供服务：{}", self.exposure(u)),
            S::Exposed(u) => format!("refusing to serve: {}", self.exposure(u)),
            S::AlreadyListening { socket } if zh => {
                format!("已有 outlay 服务器在 {} 上监听", socket.display())
            }
            S::AlreadyListening { socket } => format!(
                "another outlay server is already listening on {}",
                socket.display()
            ),
            S::StaleSocket { socket, cause } if zh => {
                format!("无法删除遗留的套接字 {}：{cause}", socket.display())
            }
            S::StaleSocket { socket, cause } => format!(
                "cannot remove the stale socket {}: {cause}",
                socket.display()
            ),
            S::Listen { socket, cause } if zh => {
                format!("无法在 {} 上监听：{cause}", socket.display())
            }
            S::Listen { socket, cause } => {
                format!("cannot listen on {}: {cause}", socket.display())
            }
            S::Permissions { socket, cause } if zh => {
                format!("无法设置 {} 的权限：{cause}", socket.display())
            }
            S::Permissions { socket, cause } => format!(
                "cannot set the permissions of {}: {cause}",
                socket.display()
            ),
            S::Socket { cause } if zh => format!("无法设置套接字：{cause}"),
            S::Socket { cause } => format!("cannot set up the socket: {cause}"),
            S::Signals { cause } if zh => format!("无法监听停止信号：{cause}"),
            S::Signals { cause } => format!("cannot watch for signals: {cause}"),
            S::Scratch { cause } if zh => format!("服务器无法创建临时文件：{cause}"),
            S::Scratch { cause } => format!("the server cannot make a scratch file: {cause}"),
            S::BackupDamaged {
                received,
                announced,
                why,
            } => {
                let why = match why {
                    Damage::TooLong => {
                        self.pick("字节数超过服务器所报", "more bytes than announced")
                    }
                    Damage::Differs => self.pick(
                        "长度或哈希与服务器的不符",
                        "its length or hash differs from the server's",
                    ),
                    Damage::EndMissing => self.pick("缺少结尾", "the end of it is missing"),
                };
                if zh {
                    format!(
                        "备份传输中损坏（收到 {received} / {announced} 字节；{why}）；未写入任何内容，请重试"
                    )
                } else {
                    format!(
                        "the backup arrived damaged ({received} of {announced} bytes; {why}); nothing was written, try again"
                    )
                }
            }
            S::Served { db, socket } if zh => format!(
                "{} 由 `outlay serve` 提供；请用 --socket {}（或 OUTLAY_SOCKET）",
                db.display(),
                socket.display()
            ),
            S::Served { db, socket } => format!(
                "{} is served by `outlay serve`; use --socket {} (or OUTLAY_SOCKET)",
                db.display(),
                socket.display()
            ),
            S::CallTooLarge { bytes, limit } if zh => {
                format!("未发送：此请求有 {bytes} 字节，超过 {limit} 字节的上限")
            }
            S::CallTooLarge { bytes, limit } => {
                format!("not sent: a message of {bytes} bytes is over the {limit}-byte limit")
            }
            S::CallNotEncoded { cause } if zh => format!("未发送：无法编码此请求（{cause}）"),
            S::CallNotEncoded { cause } => {
                format!("not sent: the call cannot be encoded ({cause})")
            }
            S::Remote { zh: Some(text), .. } if zh => text.clone(),
            S::Remote { message, .. } => message.clone(),
        }
    }

    /// What another user could change of what would be served, and the
    /// command that fixes it.
    pub fn exposure(self, x: &X) -> String {
        let zh = self == Lang::Zh;
        let holds = |h: &Holds| match h {
            Holds::Ledger => self.pick("账本", "the ledger"),
            Holds::Socket => self.pick("套接字", "the socket"),
        };
        let harm = |h: &Holds| match h {
            Holds::Ledger => self.pick("替换或删除账本", "replace or remove the ledger"),
            Holds::Socket => self.pick(
                "用假服务器顶替套接字",
                "put a fake server in the socket's place",
            ),
        };
        match x {
            X::LedgerOwned {
                file,
                owner,
                server,
            } => {
                let file = file.display();
                if zh {
                    format!(
                        "账本 {file} 属于 {owner}，其可绕过服务器改写账本；请运行 `chown {server} {file}`（或以其所有者身份提供服务）"
                    )
                } else {
                    format!(
                        "the ledger {file} belongs to {owner}, who could rewrite it behind the server's back; run `chown {server} {file}` (or serve it as its owner)"
                    )
                }
            }
            X::LedgerWritable { file } => {
                let file = file.display();
                if zh {
                    format!(
                        "账本 {file} 可被其用户组或他人写入，他们可改写角色和审计日志；请运行 `chmod 600 {file}`"
                    )
                } else {
                    format!(
                        "the ledger {file} is writable by its group or others, who could rewrite roles and the audit log; run `chmod 600 {file}`"
                    )
                }
            }
            X::LedgerReadable { file } => {
                let file = file.display();
                if zh {
                    format!(
                        "账本 {file} 可被其用户组或他人读取，收款人等一览无余（没有角色的用户也能复制）；请运行 `chmod 600 {file}`"
                    )
                } else {
                    format!(
                        "the ledger {file} is readable by its group or others, payees and all (a user without a role could copy it); run `chmod 600 {file}`"
                    )
                }
            }
            X::DirectoryOwned {
                dir,
                holds: h,
                owner,
                server,
            } => {
                let (dir, harm, holds) = (dir.display(), harm(h), holds(h));
                if zh {
                    format!(
                        "存放{holds}的目录 {dir} 属于 {owner}，其可{harm}；请运行 `chown {server} {dir}`，或把{holds}移到服务器用户的目录"
                    )
                } else {
                    format!(
                        "the directory {dir} holding {holds} belongs to {owner}, who could {harm}; run `chown {server} {dir}` or move {holds} to a directory of the server's user"
                    )
                }
            }
            X::DirectoryShared { dir, holds: h } => {
                let (dir, harm, holds) = (dir.display(), harm(h), holds(h));
                if zh {
                    format!(
                        "存放{holds}的目录 {dir} 为所有用户共用，任何人都可{harm}；请把{holds}移到服务器用户的目录（如 /run/outlay）"
                    )
                } else {
                    format!(
                        "the directory {dir} holding {holds} is shared with every user, who could {harm}; move {holds} to a directory of the server's user (e.g. /run/outlay)"
                    )
                }
            }
            X::DirectoryWritable { dir, holds: h } => {
                let (dir, harm, holds) = (dir.display(), harm(h), holds(h));
                if zh {
                    format!(
                        "存放{holds}的目录 {dir} 可被其用户组或他人写入，他们可{harm}；请运行 `chmod go-w {dir}`"
                    )
                } else {
                    format!(
                        "the directory {dir} holding {holds} is writable by its group or others, who could {harm}; run `chmod go-w {dir}`"
                    )
                }
            }
            X::AncestorChangeable {
                above,
                holds: h,
                owner,
                server,
            } => {
                let (above, harm, holds) = (above.display(), harm(h), holds(h));
                if zh {
                    format!(
                        "{holds}上层的目录 {above} 可被 {owner} 或他人更改，他们可改名其下的目录并{harm}；请把{holds}移到只有 root 和 {server} 能更改的路径（如 /srv/outlay、/run/outlay）"
                    )
                } else {
                    format!(
                        "the directory {above} above {holds} can be changed by {owner} or others, who could rename what is below it and {harm}; move {holds} to a path only root and {server} can change (e.g. /srv/outlay, /run/outlay)"
                    )
                }
            }
        }
    }

    /// A line of the server's log, in this language.
    pub fn serve_log(self, line: &L) -> String {
        let zh = self == Lang::Zh;
        match line {
            L::GroupNotTaken {
                socket,
                dir,
                had,
                wanted,
                server,
                cause,
            } => {
                let (socket, dir) = (socket.display(), dir.display());
                if zh {
                    format!(
                        "套接字 {socket} 仍属用户组 {had}，而非其目录的用户组 {wanted}（{cause}）：{wanted} 的成员无法连接；请 root 把目录设为 setgid（`chmod g+s {dir}`），使其中的套接字取得该组，或把 {server} 加入用户组 {wanted}"
                    )
                } else {
                    format!(
                        "the socket {socket} keeps the group {had} instead of its directory's group {wanted} ({cause}): members of {wanted} cannot connect; have root make the directory setgid (`chmod g+s {dir}`), so that sockets made in it take its group, or add {server} to the group {wanted}"
                    )
                }
            }
            L::GroupUnreadable { path, cause } if zh => {
                format!("无法读取 {} 的用户组：{cause}", path.display())
            }
            L::GroupUnreadable { path, cause } => {
                format!("cannot read the group of {}: {cause}", path.display())
            }
            L::NoteNotWritten { path, cause } if zh => {
                format!("无法写入 {}（照常提供服务）：{cause}", path.display())
            }
            L::NoteNotWritten { path, cause } => format!(
                "cannot write {} (serving all the same): {cause}",
                path.display()
            ),
            L::FileLimit { soft, hard, cause } if zh => {
                format!("无法把可打开文件数上限从 {soft} 提高到 {hard}：{cause}")
            }
            L::FileLimit { soft, hard, cause } => {
                format!("cannot raise the open-file limit from {soft} to {hard}: {cause}")
            }
            L::PollFailed { cause } if zh => format!("等待连接失败：{cause}"),
            L::PollFailed { cause } => format!("waiting for connections failed: {cause}"),
            L::AcceptFailed { cause } if zh => format!("接受连接失败（服务器继续运行）：{cause}"),
            L::AcceptFailed { cause } => {
                format!("accepting a connection failed (the server goes on): {cause}")
            }
            L::SetupFailed { cause } if zh => format!("无法建立新连接：{cause}"),
            L::SetupFailed { cause } => format!("a new connection could not be set up: {cause}"),
            L::ConnectionEnded { user, cause } if zh => format!("{user} 的一个连接中断：{cause}"),
            L::ConnectionEnded { user, cause } => {
                format!("a connection of {user} ended: {cause}")
            }
            L::NoThread { cause } if zh => format!("无法为新连接启动线程（已关闭该连接）：{cause}"),
            L::NoThread { cause } => {
                format!("no thread for a new connection (it is closed): {cause}")
            }
        }
    }
}
