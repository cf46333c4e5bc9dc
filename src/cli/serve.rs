//! `outlay serve` and `outlay user …`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, output, word};
use crate::domain::role::Role;
use crate::error::Error;

#[derive(Args, Debug)]
pub struct ServeArgs {}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Give a Unix user a role: viewer, clerk or admin (admin only)
    Grant { user: String, role: String },
    /// Take a user's role away (admin only)
    Revoke { user: String },
    /// Every user with a role
    List,
}

/// Serves `--db` on `--socket` (default: the ledger's path with `.sock`).
pub fn serve(_args: &ServeArgs, cx: &Context) -> Result<(), Error> {
    let socket: PathBuf = cx
        .socket
        .clone()
        .unwrap_or_else(|| crate::remote::server::default_socket(&cx.db));
    let db = cx.db.clone();
    crate::remote::serve(&db, &socket, |socket| {
        eprintln!(
            "outlay serve: serving {} on {} (stop with Ctrl-C or SIGTERM)",
            db.display(),
            socket.display()
        );
    })
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
