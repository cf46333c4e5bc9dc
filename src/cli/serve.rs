//! `outlay serve` and `outlay user …`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Subcommand};

use super::{Context, output, word};
use crate::domain::role::Role;
use crate::error::Error;
use crate::i18n::Lang;
use crate::remote::server::{STOP_PATIENCE, Stopped};

#[derive(Args, Debug)]
#[command(after_long_help = SERVE_HELP)]
pub struct ServeArgs {
    /// Connections served at once, from all users together; one more is refused with a message
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..))]
    max_connections: u32,
    /// Connections one Unix user may hold at once, so that one user cannot lock the others out
    #[arg(long, value_name = "N", default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..))]
    max_per_user: u32,
    /// Seconds between heartbeats to a quiet subscriber (for tests)
    #[arg(long, hide = true, default_value_t = 25, value_parser = clap::value_parser!(u64).range(1..))]
    heartbeat_secs: u64,
    /// Seconds a connection has to finish its handshake (for tests)
    #[arg(long, hide = true, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    handshake_secs: u64,
    /// Seconds a begun frame has to arrive whole (for tests)
    #[arg(long, hide = true, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    frame_secs: u64,
}

const SERVE_HELP: &str = "\
Before serving, the server checks (like OpenSSH's StrictModes) that no one but its own user
can change what it serves, and refuses to start otherwise, saying which command fixes it:
the ledger file must belong to the server's user (or root), be writable by no one else and
not readable by others (chmod 600); the file's directory and the socket's directory must be
writable by the server's user only (chmod go-w). The socket is created mode 0660 with its
directory's group (a setgid directory, e.g. chmod 2750, gives it that group whatever the
server's own; otherwise the server sets it when its user is in that group, and warns when it
cannot): that group is who may connect. While serving, FILE.serving beside the ledger names
the socket.

SIGTERM or SIGINT stops the server: it removes the socket, finishes the calls it is
answering (waiting up to 10 s), closes the ledger and prints one line saying how many
connections it served; a second signal meanwhile ends it at once.

Limits: a connection must finish its handshake within 5 s, and a message before the
handshake is at most 4 KiB; afterwards a viewer (or a user with no role) may send messages
of up to 64 KiB, a clerk or admin up to 256 MiB (imports). A message once begun must arrive
whole within 30 s; an idle connection is never dropped, and subscribers receive a heartbeat
every 25 s. Subscribing needs a role; a user whose role is revoked is disconnected.";

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Give a Unix user a role: viewer, clerk or admin (admin only)
    Grant {
        /// The Unix login name
        user: String,
        /// viewer (reads), clerk (also writes entries) or admin (also users, months, settings)
        role: String,
    },
    /// Take a user's role away (admin only)
    Revoke {
        /// The Unix login name
        user: String,
    },
    /// Every user with a role
    List,
}

/// Serves `--db` on `--socket` (default: the ledger's path with `.sock`).
pub fn serve(args: &ServeArgs, cx: &Context) -> Result<(), Error> {
    let socket: PathBuf = cx
        .socket
        .clone()
        .unwrap_or_else(|| crate::remote::server::default_socket(&cx.db));
    let db = cx.db.clone();
    let limits = crate::remote::Limits {
        max_connections: args.max_connections as usize,
        max_per_user: args.max_per_user as usize,
        handshake: Duration::from_secs(args.handshake_secs),
        frame: Duration::from_secs(args.frame_secs),
        heartbeat: Duration::from_secs(args.heartbeat_secs),
    };
    let lang = cx.lang;
    let stopped = crate::remote::serve(&db, &socket, limits, lang, |socket| {
        eprintln!("{}", serving_line(lang, &db, socket));
    })?;
    eprintln!("{}", stopped_line(lang, &stopped));
    Ok(())
}

/// The line `serve` starts with, on stderr.
fn serving_line(lang: Lang, db: &Path, socket: &Path) -> String {
    let (db, socket) = (db.display(), socket.display());
    match lang {
        Lang::Zh => {
            format!("outlay serve: 正在 {socket} 上提供 {db}（按 Ctrl-C 或发送 SIGTERM 停止）")
        }
        Lang::En => {
            format!("outlay serve: serving {db} on {socket} (stop with Ctrl-C or SIGTERM)")
        }
    }
}

/// The line `serve` ends with when a signal stops it, on stderr.
fn stopped_line(lang: Lang, stopped: &Stopped) -> String {
    let Stopped {
        signal,
        served,
        cut_off,
    } = *stopped;
    match (lang, cut_off) {
        (Lang::Zh, 0) => format!("outlay serve: 已停止（{signal}），共服务 {served} 个连接"),
        (Lang::Zh, n) => format!(
            "outlay serve: 已停止（{signal}），共服务 {served} 个连接；{n} 个连接的请求 {patience} 秒后仍未完成，已中断（未提交的写入已回滚）",
            patience = STOP_PATIENCE.as_secs()
        ),
        (Lang::En, 0) => format!(
            "outlay serve: stopped ({signal}), {served} {} served",
            connections(served)
        ),
        (Lang::En, n) => format!(
            "outlay serve: stopped ({signal}), {served} {} served; {n} still answering a call after {patience} s {} cut off (what they had not committed is rolled back)",
            connections(served),
            if n == 1 { "was" } else { "were" },
            patience = STOP_PATIENCE.as_secs()
        ),
    }
}

fn connections(n: u64) -> &'static str {
    if n == 1 { "connection" } else { "connections" }
}

pub fn user(command: UserCommand, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    match command {
        UserCommand::Grant { user, role } => {
            let role: Role = word(&role)?;
            ledger.grant(user.clone(), role)?;
            output::line(&format!("{user}: {role}"))
        }
        UserCommand::Revoke { user } => {
            ledger.revoke(user.clone())?;
            output::line(&format!("{user}: {}", cx.lang.pick("已撤销", "revoked")))
        }
        UserCommand::List => {
            for u in ledger.users()? {
                output::line(&format!("{}\t{}", u.user, u.role))?;
            }
            Ok(())
        }
    }
}
