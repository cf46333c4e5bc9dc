//! Roles hold through every path: always one admin, and the ledger file is
//! the server's alone.

mod common;

use common::Env;

fn me() -> String {
    outlay::identity::current_user()
}

#[test]
fn the_last_admin_cannot_grant_themselves_less_or_revoke_themselves() {
    let env = Env::new();
    env.small_year();
    let me = me();
    for args in [
        vec!["user", "grant", me.as_str(), "viewer"],
        vec!["user", "grant", me.as_str(), "clerk"],
        vec!["user", "revoke", me.as_str()],
    ] {
        let err = env.refused(&args);
        assert!(
            err.contains(&format!(
                "'{me}' is the last admin; grant another admin first"
            )),
            "{args:?}: {err}"
        );
    }
    let zh = env
        .outlay()
        .args(["--lang", "zh", "user", "revoke", me.as_str()])
        .assert()
        .code(1);
    let zh = String::from_utf8_lossy(&zh.get_output().stderr).to_string();
    assert!(zh.contains("是最后一位管理员"), "{zh}");
    let users = env.run(&["user", "list"]);
    assert!(users.contains(&format!("{me}\tadmin")), "{users}");
}
