//! Who is connected to the server: connections are capped in total and per
//! Unix user (so one user, however many windows or scripts they open, cannot
//! lock the others out), and each is kept by user so that a user whose role
//! is taken away can be disconnected at once.

use std::collections::HashMap;
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How many connections the server holds at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    /// From all users together.
    pub total: usize,
    /// From one Unix user.
    pub per_user: usize,
}

/// Why a connection was not admitted, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Full {
    Server { cap: usize },
    User { user: String, cap: usize },
}

impl Full {
    pub fn message(&self) -> String {
        match self {
            Full::Server { cap } => format!(
                "the outlay server has too many connections already ({cap}, its limit); try again later, or ask its administrator to raise `outlay serve --max-connections`"
            ),
            Full::User { user, cap } => format!(
                "too many connections from {user} ({cap}, the most one user may hold); close some outlay windows or scripts, or ask the server's administrator to raise `outlay serve --max-per-user`"
            ),
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            Full::Server { cap } => format!(
                "outlay 服务器的连接已满（上限 {cap} 个）；请稍后再试，或请管理员调高 `outlay serve --max-connections`"
            ),
            Full::User { user, cap } => format!(
                "来自 {user} 的连接过多（每位用户最多 {cap} 个）；请关闭一些 outlay 窗口或脚本，或请服务器管理员调高 `outlay serve --max-per-user`"
            ),
        }
    }
}

#[derive(Debug, Default)]
struct Live {
    next_id: u64,
    total: usize,
    /// Each user's connections: an id and a handle to shut it down.
    by_user: HashMap<String, Vec<(u64, UnixStream)>>,
}

#[derive(Debug)]
pub struct Registry {
    caps: Caps,
    live: Mutex<Live>,
    /// Told whenever a connection leaves (see [`Registry::wait_until_empty`]).
    left: Condvar,
}

/// A connection's place in the registry; leaving it frees the place.
#[derive(Debug)]
pub struct Slot {
    registry: Arc<Registry>,
    user: String,
    id: u64,
}

impl Registry {
    pub fn new(caps: Caps) -> Arc<Registry> {
        Arc::new(Registry {
            caps,
            live: Mutex::new(Live::default()),
            left: Condvar::new(),
        })
    }

    fn live(&self) -> MutexGuard<'_, Live> {
        self.live.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Admits `stream` of `user` if neither cap is reached; `handle` is a
    /// clone of it the registry keeps to end it.
    pub fn admit(self: &Arc<Self>, user: &str, handle: UnixStream) -> Result<Slot, Full> {
        let mut live = self.live();
        let held = live.by_user.get(user).map_or(0, Vec::len);
        if held >= self.caps.per_user {
            return Err(Full::User {
                user: user.to_string(),
                cap: self.caps.per_user,
            });
        }
        if live.total >= self.caps.total {
            return Err(Full::Server {
                cap: self.caps.total,
            });
        }
        live.next_id += 1;
        live.total += 1;
        let id = live.next_id;
        live.by_user
            .entry(user.to_string())
            .or_default()
            .push((id, handle));
        Ok(Slot {
            registry: Arc::clone(self),
            user: user.to_string(),
            id,
        })
    }

    /// The users with at least one connection.
    pub fn users(&self) -> Vec<String> {
        self.live().by_user.keys().cloned().collect()
    }

    /// Ends every connection of `user`: their reads see the end at once,
    /// their threads finish and free their slots.
    pub fn disconnect(&self, user: &str) {
        if let Some(connections) = self.live().by_user.get(user) {
            for (_, stream) in connections {
                let _ = stream.shutdown(Shutdown::Both);
            }
        }
    }

    /// How many connections were ever admitted.
    pub fn admitted(&self) -> u64 {
        self.live().next_id
    }

    /// How many connections are held now.
    pub fn held(&self) -> usize {
        self.live().total
    }

    /// Shuts `how` every connection held: with [`Shutdown::Read`] a
    /// connection waiting for its client's next call sees the end at once,
    /// while one answering a call can still send its answer.
    pub fn shutdown_all(&self, how: Shutdown) {
        for (_, stream) in self.live().by_user.values().flatten() {
            let _ = stream.shutdown(how);
        }
    }

    /// Waits until every connection has left, or `patience` has passed;
    /// whether they all left.
    pub fn wait_until_empty(&self, patience: Duration) -> bool {
        let deadline = Instant::now() + patience;
        let mut live = self.live();
        while live.total > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            live = self
                .left
                .wait_timeout(live, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        true
    }

    fn leave(&self, user: &str, id: u64) {
        let mut live = self.live();
        if let Some(connections) = live.by_user.get_mut(user) {
            connections.retain(|(i, _)| *i != id);
            if connections.is_empty() {
                live.by_user.remove(user);
            }
            live.total -= 1;
        }
        self.left.notify_all();
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.registry.leave(&self.user, self.id);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn stream() -> UnixStream {
        UnixStream::pair().unwrap().0
    }

    #[test]
    fn one_user_is_held_to_their_cap_and_the_others_still_get_in() {
        let registry = Registry::new(Caps {
            total: 5,
            per_user: 2,
        });
        let a1 = registry.admit("alice", stream()).unwrap();
        let _a2 = registry.admit("alice", stream()).unwrap();
        let full = registry.admit("alice", stream()).unwrap_err();
        assert_eq!(
            full,
            Full::User {
                user: "alice".into(),
                cap: 2
            }
        );
        assert!(full.message().contains("too many connections from alice"));
        assert!(full.message_zh().contains("来自 alice 的连接过多"));
        let _b = registry.admit("bob", stream()).unwrap();
        drop(a1);
        let _a3 = registry.admit("alice", stream()).unwrap();
    }

    #[test]
    fn the_total_cap_holds_across_users_and_frees_on_leaving() {
        let registry = Registry::new(Caps {
            total: 2,
            per_user: 2,
        });
        let a = registry.admit("alice", stream()).unwrap();
        let _b = registry.admit("bob", stream()).unwrap();
        assert_eq!(
            registry.admit("carol", stream()).unwrap_err(),
            Full::Server { cap: 2 }
        );
        drop(a);
        assert_eq!(registry.users(), ["bob"]);
        let _c = registry.admit("carol", stream()).unwrap();
    }

    #[test]
    fn shutting_reads_down_wakes_the_waiting_and_the_registry_is_waited_empty() {
        let registry = Registry::new(Caps {
            total: 9,
            per_user: 9,
        });
        let (mut client, server) = UnixStream::pair().unwrap();
        let slot = registry
            .admit("alice", server.try_clone().unwrap())
            .unwrap();
        assert_eq!(registry.admitted(), 1);
        assert!(!registry.wait_until_empty(Duration::from_millis(10)));
        let reader = std::thread::spawn(move || {
            // Waits for the next call; the shutdown ends the wait, not the answer.
            let read = (&server).read(&mut [0u8; 1]).unwrap();
            std::io::Write::write_all(&mut &server, b"answer").unwrap();
            drop(slot);
            read
        });
        registry.shutdown_all(Shutdown::Read);
        assert!(registry.wait_until_empty(Duration::from_secs(30)));
        assert_eq!(reader.join().unwrap(), 0, "the read saw the end");
        let mut answer = String::new();
        client.read_to_string(&mut answer).unwrap();
        assert_eq!(answer, "answer", "the answer still got out");
        assert_eq!((registry.held(), registry.admitted()), (0, 1));
    }

    #[test]
    fn disconnecting_a_user_ends_their_connections_only() {
        let registry = Registry::new(Caps {
            total: 9,
            per_user: 9,
        });
        let (mut alice, alice_server) = UnixStream::pair().unwrap();
        let (bob, bob_server) = UnixStream::pair().unwrap();
        let _a = registry.admit("alice", alice_server).unwrap();
        let _b = registry.admit("bob", bob_server).unwrap();
        registry.disconnect("alice");
        let mut rest = Vec::new();
        assert_eq!(
            alice.read_to_end(&mut rest).unwrap(),
            0,
            "alice sees the end"
        );
        bob.set_nonblocking(true).unwrap();
        assert_eq!(
            (&bob).read(&mut [0u8; 1]).unwrap_err().kind(),
            std::io::ErrorKind::WouldBlock,
            "bob's connection is still open"
        );
    }
}
