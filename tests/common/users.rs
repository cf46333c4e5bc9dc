//! Unix users the tests create. These tests run as root (CI does); anywhere
//! else they fail, saying so, rather than skip.

use super::succeeds;

/// Creates the Unix user `name` (no home, no login shell) unless it exists.
pub fn unix_user(name: &str) -> String {
    let there =
        succeeds("id", &[name]) || succeeds("useradd", &["-M", "-s", "/usr/sbin/nologin", name]);
    assert!(
        there,
        "this test creates the Unix user {name} and must run as root (CI does)"
    );
    name.to_string()
}

/// The same, and a member of `group` (created if need be): the way staff
/// reach a server's socket.
pub fn unix_user_in(name: &str, group: &str) -> String {
    assert!(
        succeeds("groupadd", &["-f", group]),
        "this test creates the group {group} and must run as root (CI does)"
    );
    let user = unix_user(name);
    assert!(
        succeeds("usermod", &["-aG", group, name]),
        "this test adds {name} to the group {group} and must run as root (CI does)"
    );
    user
}
