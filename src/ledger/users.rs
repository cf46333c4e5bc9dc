//! Roles: who may read, log payments, or change budgets and users. The
//! user is the real Unix user (from the process, or from the kernel's peer
//! credentials when served over a socket), never what a client claims.

use super::LocalLedger;
use super::api::UserRole;
use crate::domain::role::Role;
use crate::domain::{Refusal, Vocabulary};
use crate::error::{Error, Result};
use crate::store::Damage;
use crate::store::{StoreError, Writer};

fn parse_role(user: &str, stored: &str) -> Result<Role> {
    Role::parse(stored).map_err(|_| {
        StoreError::Corrupt(Damage::new(
            format!("user '{user}' has an unreadable role '{stored}'"),
            format!("用户“{user}”的角色“{stored}”无法识别"),
        ))
        .into()
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

    /// Gives a Unix user a role (replacing the one they had). The last
    /// admin cannot step down to a lesser role.
    pub fn grant(&self, user: String, role: Role) -> Result<()> {
        let user = user.trim().to_string();
        crate::domain::input::check_code("user", &user)?;
        self.store.write(|w| {
            self.require_admin_in(w)?;
            if role != Role::Admin {
                refuse_last_admin(w, &user)?;
            }
            w.set_role(&user, Some(role.code()))?;
            w.log(self.event("user.grant", &user, format!("{user} is now {role}")))?;
            Ok::<_, Error>(())
        })
    }

    /// Takes a user's role away. The last admin cannot be removed, or nobody
    /// could manage the ledger again.
    pub fn revoke(&self, user: String) -> Result<()> {
        self.store.write(|w| {
            self.require_admin_in(w)?;
            if w.role(&user)?.is_none() {
                return Err(Refusal::field_in(
                    "user",
                    format!("'{user}' has no role to revoke"),
                    format!("“{user}”没有可撤销的角色"),
                )
                .into());
            }
            refuse_last_admin(w, &user)?;
            w.set_role(&user, None)?;
            w.log(self.event("user.revoke", &user, format!("{user} no longer has a role")))?;
            Ok::<_, Error>(())
        })
    }

    /// [`LocalLedger::require`] again inside a write: an admin whose role
    /// another admin took away a moment ago changes nothing.
    fn require_admin_in(&self, w: &Writer) -> Result<()> {
        match w.role(&self.actor)? {
            Some(stored) if parse_role(&self.actor, &stored)? == Role::Admin => Ok(()),
            Some(stored) => Err(Refusal::NeedsRole {
                user: self.actor.clone(),
                has: stored,
                needs: Role::Admin.to_string(),
            }
            .into()),
            None => Err(Refusal::NoRole {
                user: self.actor.clone(),
            }
            .into()),
        }
    }
}

/// Refuses to take the admin role from `user` when they hold the last one.
/// The count is read in the write transaction that changes it, and redb runs
/// one write transaction at a time, so two admins revoking each other at
/// once cannot both succeed.
fn refuse_last_admin(w: &Writer, user: &str) -> Result<()> {
    let mut admins = 0;
    let mut is_admin = false;
    for (name, stored) in w.users()? {
        if parse_role(&name, &stored)? == Role::Admin {
            admins += 1;
            is_admin |= name == user;
        }
    }
    if is_admin && admins == 1 {
        return Err(Refusal::field_in(
            "user",
            format!("'{user}' is the last admin; grant another admin first"),
            format!("“{user}”是最后一位管理员；请先授权另一位管理员"),
        )
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Barrier};

    use super::*;
    use crate::domain::FiscalYear;

    fn ledger(dir: &std::path::Path, admin: &str) -> LocalLedger {
        let year = FiscalYear::new(2021).unwrap();
        LocalLedger::create(&dir.join("l.redb"), year, "测试局", admin).unwrap()
    }

    #[test]
    fn the_last_admin_can_neither_step_down_nor_be_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let a = ledger(dir.path(), "obd-a");
        for refused in [
            a.grant("obd-a".into(), Role::Viewer),
            a.grant("obd-a".into(), Role::Clerk),
            a.revoke("obd-a".into()),
        ] {
            let e = refused.unwrap_err();
            assert_eq!(
                e.to_string(),
                "user: 'obd-a' is the last admin; grant another admin first"
            );
        }
        assert_eq!(a.require(Role::Admin).unwrap(), Role::Admin);
        // with a second admin, either may step down
        a.grant("obd-b".into(), Role::Admin).unwrap();
        a.grant("obd-a".into(), Role::Viewer).unwrap();
        let b = a.as_user("obd-b");
        let e = b.revoke("obd-b".into()).unwrap_err();
        assert!(e.to_string().contains("last admin"), "{e}");
        // and one who is no longer admin changes nothing
        let e = a.grant("obd-a".into(), Role::Admin).unwrap_err();
        assert!(e.to_string().contains("needs the admin role"), "{e}");
    }

    #[test]
    fn two_admins_revoking_each_other_at_once_leave_one() {
        let dir = tempfile::tempdir().unwrap();
        let a = ledger(dir.path(), "obd-a");
        let b = a.as_user("obd-b");
        for round in 0..200 {
            a.grant("obd-b".into(), Role::Admin).unwrap();
            let start = Arc::new(Barrier::new(2));
            let race = |me: LocalLedger, other: &'static str| {
                let start = start.clone();
                std::thread::spawn(move || {
                    start.wait();
                    me.revoke(other.into()).is_ok()
                })
            };
            let by_a = race(a.as_user("obd-a"), "obd-b");
            let by_b = race(b.as_user("obd-b"), "obd-a");
            let (a_won, b_won) = (by_a.join().unwrap(), by_b.join().unwrap());
            let admins: Vec<String> = a
                .users()
                .unwrap()
                .into_iter()
                .filter(|u| u.role == Role::Admin)
                .map(|u| u.user)
                .collect();
            assert_eq!(admins.len(), 1, "round {round}: {admins:?}");
            assert!(a_won != b_won, "round {round}: exactly one revoke succeeds");
            if b_won {
                // put the ledger back as it started: obd-a the admin
                b.grant("obd-a".into(), Role::Admin).unwrap();
                a.revoke("obd-b".into()).unwrap();
            }
        }
    }
}
