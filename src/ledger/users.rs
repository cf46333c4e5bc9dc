//! Roles: who may read, log payments, or change budgets and users. The
//! user is the real Unix user (from the process, or from the kernel's peer
//! credentials when served over a socket), never what a client claims.

use super::LocalLedger;
use super::api::UserRole;
use crate::domain::role::Role;
use crate::domain::{Refusal, Vocabulary};
use crate::error::{Error, Result};
use crate::store::StoreError;

fn parse_role(user: &str, stored: &str) -> Result<Role> {
    Role::parse(stored).map_err(|_| {
        StoreError::Corrupt(format!("user '{user}' has an unreadable role '{stored}'")).into()
    })
}

impl LocalLedger {
    /// The same ledger acting for another user (a server's client).
    pub fn as_user(&self, actor: &str) -> LocalLedger {
        LocalLedger {
            store: self.store.clone(),
            actor: actor.to_string(),
            year: self.year,
        }
    }

    /// This user's role; a refusal naming the role needed if it is not enough.
    pub fn require(&self, needed: Role) -> Result<Role> {
        let stored = self.store.read(|r| r.role(&self.actor))?;
        let Some(stored) = stored else {
            return Err(Refusal::NoRole {
                user: self.actor.clone(),
            }
            .into());
        };
        let role = parse_role(&self.actor, &stored)?;
        if role.allows(needed) {
            Ok(role)
        } else {
            Err(Refusal::NeedsRole {
                user: self.actor.clone(),
                has: role.to_string(),
                needs: needed.to_string(),
            }
            .into())
        }
    }

    pub fn users(&self) -> Result<Vec<UserRole>> {
        let users = self.store.read(|r| r.users())?;
        users
            .into_iter()
            .map(|(user, role)| {
                Ok(UserRole {
                    role: parse_role(&user, &role)?,
                    user,
                })
            })
            .collect()
    }

    /// Gives a Unix user a role (replacing the one they had).
    pub fn grant(&self, user: String, role: Role) -> Result<()> {
        let user = user.trim().to_string();
        crate::domain::input::check_code("user", &user)?;
        self.store.write(|w| {
            w.set_role(&user, Some(role.code()))?;
            w.log(self.event("user.grant", &user, format!("{user} is now {role}")))?;
            Ok::<_, Error>(())
        })
    }

    /// Takes a user's role away. The last admin cannot be removed, or nobody
    /// could manage the ledger again.
    pub fn revoke(&self, user: String) -> Result<()> {
        let users = self.users()?;
        let Some(target) = users.iter().find(|u| u.user == user) else {
            return Err(Refusal::field_in(
                "user",
                format!("'{user}' has no role to revoke"),
                format!("“{user}”没有可撤销的角色"),
            )
            .into());
        };
        let admins = users.iter().filter(|u| u.role == Role::Admin).count();
        if target.role == Role::Admin && admins == 1 {
            return Err(Refusal::field_in(
                "user",
                format!("'{user}' is the last admin; grant another admin first"),
                format!("“{user}”是最后一位管理员；请先授权另一位管理员"),
            )
            .into());
        }
        self.store.write(|w| {
            w.set_role(&user, None)?;
            w.log(self.event("user.revoke", &user, format!("{user} no longer has a role")))?;
            Ok::<_, Error>(())
        })
    }
}
