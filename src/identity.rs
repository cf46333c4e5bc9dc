//! Who is running outlay, as the operating system knows them.

/// The real Unix user's name; their uid as text when the account has no
/// passwd entry (containers), so an entry is never anonymous.
pub fn current_user() -> String {
    let uid = nix::unistd::getuid();
    match nix::unistd::User::from_uid(uid) {
        Ok(Some(user)) => user.name,
        _ => format!("uid {uid}"),
    }
}
