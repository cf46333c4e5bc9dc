//! `outlay serve` run for a test, and the CLI as its client, both in a clean
//! environment: no settings file, messages in English, no ledger or server
//! user from the caller's environment.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use outlay::Ledger;

pub const OUTLAY: &str = env!("CARGO_BIN_EXE_outlay");

/// Longest wait for a server to start listening.
const START_PATIENCE: Duration = Duration::from_secs(20);

/// An `outlay serve` process on a ledger; killed when dropped.
pub struct Server {
    pub child: Child,
    pub db: PathBuf,
    pub socket: PathBuf,
    /// Where its stderr goes, for a server started with [`Server::spawn_logged`].
    pub log: Option<PathBuf>,
}

impl Server {
    /// `outlay --db DB serve`, on its default socket `DB.sock`.
    pub fn start(db: &Path) -> Server {
        Server::start_with(db, &[])
    }

    /// The same with more `serve` arguments (limits, timeouts).
    pub fn start_with(db: &Path, serve_args: &[&str]) -> Server {
        let socket = db.with_extension("sock");
        Server::spawn(serve_command(db, None, serve_args), db, &socket)
    }

    /// On a socket named with `--socket`.
    pub fn start_on(db: &Path, socket: &Path, serve_args: &[&str]) -> Server {
        Server::spawn(serve_command(db, Some(socket), serve_args), db, socket)
    }

    /// Starts `command`, an `outlay serve` of `db` on `socket` however it is
    /// wrapped, and waits until it listens.
    pub fn spawn(command: Command, db: &Path, socket: &Path) -> Server {
        Server::spawn_to(command, db, socket, None)
    }

    /// The same, its stderr written to `DB.serve.log` (see [`Server::stderr`]).
    pub fn spawn_logged(command: Command, db: &Path, socket: &Path) -> Server {
        Server::spawn_to(command, db, socket, Some(db.with_extension("serve.log")))
    }

    fn spawn_to(mut command: Command, db: &Path, socket: &Path, log: Option<PathBuf>) -> Server {
        // A killed server's note is stale.
        let note = db.with_extension("redb.serving");
        let _ = std::fs::remove_file(&note);
        let stderr = match &log {
            Some(log) => Stdio::from(std::fs::File::create(log).expect("the log is created")),
            None => Stdio::null(),
        };
        let child = command.stderr(stderr).spawn().expect("outlay serve starts");
        let mut server = Server {
            child,
            db: db.to_path_buf(),
            socket: socket.to_path_buf(),
            log,
        };
        // Ready once its note is written: the socket is bound by then. (Not
        // by connecting: a probe would take a connection slot for a while.)
        let started = Instant::now();
        while !note.exists() {
            assert!(server.running(), "the server exited");
            assert!(
                started.elapsed() < START_PATIENCE,
                "the server did not start listening on {}",
                socket.display()
            );
            thread::sleep(Duration::from_millis(20));
        }
        server
    }

    /// A library client of this server.
    pub fn connect(&self) -> Ledger {
        Ledger::connect(&self.socket).expect("a client connects")
    }

    /// The settings file the server and its clients are given: none there.
    pub fn no_settings(&self) -> PathBuf {
        self.db.with_extension("no-settings")
    }

    /// `outlay --socket SOCKET ARGS` as the test's user (root).
    pub fn cli(&self, args: &[&str]) -> Output {
        cli_on_socket(&self.socket, &self.no_settings(), args)
    }

    /// The same as the Unix user `user`.
    pub fn cli_as(&self, user: &str, args: &[&str]) -> Output {
        let mut command = Command::new("runuser");
        command.args(["-u", user, "--", OUTLAY]);
        client_output(command, &self.socket, &self.no_settings(), args)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What a server started with [`Server::spawn_logged`] printed on stderr so far.
    pub fn stderr(&self) -> String {
        let log = self
            .log
            .as_ref()
            .expect("a server started with spawn_logged");
        std::fs::read_to_string(log).expect("the server's log is read")
    }

    /// Sends SIGTERM and waits for the process to end, at most `patience`
    /// (then it is killed and the test fails); its exit status.
    pub fn terminate(&mut self, patience: Duration) -> std::process::ExitStatus {
        self.stop_with("TERM", patience)
    }

    /// Sends `SIG<signal>` (`TERM`, `INT`) and waits as [`Server::terminate`] does.
    pub fn stop_with(&mut self, signal: &str, patience: Duration) -> std::process::ExitStatus {
        let pid = self.pid().to_string();
        assert!(
            Command::new("kill")
                .args([&format!("-{signal}"), &pid])
                .status()
                .unwrap()
                .success()
        );
        let sent = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if sent.elapsed() > patience {
                self.kill();
                panic!("outlay serve was still running {patience:?} after SIG{signal}");
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// SIGKILL, and waits for the process to go.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `outlay --db DB [--socket SOCKET] serve SERVE_ARGS`, not yet started.
pub fn serve_command(db: &Path, socket: Option<&Path>, serve_args: &[&str]) -> Command {
    let mut command = Command::new(OUTLAY);
    command.arg("--db").arg(db);
    if let Some(socket) = socket {
        command.arg("--socket").arg(socket);
    }
    command.arg("serve").args(serve_args);
    clean_env(&mut command, &db.with_extension("no-settings"));
    command
}

/// The same run as the Unix user `user` (with that user's groups), on `socket`.
pub fn serve_command_as(user: &str, db: &Path, socket: &Path, serve_args: &[&str]) -> Command {
    let mut command = Command::new("setpriv");
    command
        .args(["--reuid", user, "--regid", user, "--init-groups", OUTLAY])
        .arg("--db")
        .arg(db)
        .arg("--socket")
        .arg(socket)
        .arg("serve")
        .args(serve_args);
    clean_env(&mut command, &db.with_extension("no-settings"));
    command
}

/// `outlay --db DB ARGS`: the file opened directly, not through a server.
pub fn cli_on_file(db: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(OUTLAY);
    command.arg("--db").arg(db).args(args);
    clean_env(&mut command, &db.with_extension("no-settings"));
    command.output().expect("outlay runs")
}

/// `outlay --socket SOCKET ARGS` as the test's user, with the settings file
/// `config` (a path where there is none: no settings).
pub fn cli_on_socket(socket: &Path, config: &Path, args: &[&str]) -> Output {
    client_output(Command::new(OUTLAY), socket, config, args)
}

fn client_output(mut command: Command, socket: &Path, config: &Path, args: &[&str]) -> Output {
    command.arg("--socket").arg(socket).args(args);
    clean_env(&mut command, config);
    command.output().expect("outlay runs")
}

fn clean_env(command: &mut Command, config: &Path) {
    command
        .env("OUTLAY_CONFIG", config)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("OUTLAY_DB")
        .env_remove("OUTLAY_SOCKET")
        .env_remove("OUTLAY_SERVER_USER");
}
