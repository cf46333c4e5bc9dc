//! Who may do what in a ledger.

use super::vocabulary::vocabulary;

vocabulary! {
    /// A user's role. Each includes what the ones below it may do.
    Role, "role" {
        Viewer => "viewer", "查看", "viewer", ["查看员", "只读"];
        Clerk => "clerk", "记账", "clerk", ["记账员", "出纳"];
        Admin => "admin", "管理员", "admin", ["管理"];
    }
}

impl Role {
    /// Whether this role may do what `needed` may.
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}
