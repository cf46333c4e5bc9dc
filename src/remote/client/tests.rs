//! The reconnect and retry rules against a scripted server in this process.

use std::os::unix::net::UnixListener;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use super::*;
use crate::i18n::Lang;
use crate::remote::Notice;

/// What the scripted server does with the nth call it reads (over all connections).
#[derive(Clone, Copy, Debug)]
enum Reply {
    Answer,
    /// Answers, then closes the connection (a restart while the client is idle).
    AnswerThenClose,
    /// Closes without answering: the call may have been carried out.
    HangUp,
    /// A heartbeat first, then the answer.
    HeartbeatFirst,
    /// Never answers (a stopped server), until the client hangs up.
    Silent,
}

struct Scripted {
    _dir: tempfile::TempDir,
    endpoint: Endpoint,
    /// The name of every call read, in order.
    seen: Arc<Mutex<Vec<String>>>,
    /// One message each time the server has closed a connection.
    closed: Receiver<()>,
}

impl Scripted {
    fn start(script: &'static [Reply]) -> Scripted {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("scripted.sock");
        let listener = UnixListener::bind(&socket).unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (closed_tx, closed) = mpsc::channel();
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                let (log, closed) = (Arc::clone(&log), closed_tx.clone());
                std::thread::spawn(move || {
                    serve_one(stream.unwrap(), n, script, &log);
                    let _ = closed.send(());
                });
            }
        });
        Scripted {
            _dir: dir,
            endpoint: Endpoint::new(&socket, None),
            seen,
            closed,
        }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    fn client(&self) -> Client {
        Client::connect(&self.endpoint).unwrap()
    }
}

/// One connection: the handshake, then calls as scripted, or, subscribed,
/// a heartbeat and a notice naming the connection, closed after the first subscription.
fn serve_one(stream: UnixStream, connection: usize, script: &[Reply], seen: &Mutex<Vec<String>>) {
    let Ok(Some(ClientMessage::Hello { .. })) = frame::read::<ClientMessage>(&stream) else {
        return;
    };
    let welcome = ServerMessage::Welcome {
        protocol: PROTOCOL,
        server: "scripted".into(),
        user: "tester".into(),
    };
    frame::write(&stream, &welcome).unwrap();
    while let Ok(Some(message)) = frame::read::<serde_json::Value>(&stream) {
        if message["type"] == "subscribe" {
            frame::write(&stream, &ServerMessage::Heartbeat).unwrap();
            let notice = ServerMessage::Changed {
                seq: connection as u64,
                call: "pay".into(),
                by: "other".into(),
            };
            frame::write(&stream, &notice).unwrap();
            if seen.lock().unwrap().iter().any(|c| c == "subscribed") {
                std::thread::sleep(Duration::from_secs(60));
            }
            seen.lock().unwrap().push("subscribed".into());
            return;
        }
        let reply = {
            let mut seen = seen.lock().unwrap();
            let n = seen.iter().filter(|c| *c != "subscribed").count();
            seen.push(message["call"]["call"].as_str().unwrap().to_string());
            script.get(n).copied().unwrap_or(Reply::Answer)
        };
        match reply {
            Reply::HangUp => return,
            Reply::Silent => {
                let _ = frame::read::<serde_json::Value>(&stream);
                return;
            }
            Reply::HeartbeatFirst => frame::write(&stream, &ServerMessage::Heartbeat).unwrap(),
            Reply::Answer | Reply::AnswerThenClose => {}
        }
        let answer = ServerMessage::Answer {
            result: Ok(serde_json::json!("done")),
        };
        frame::write(&stream, &answer).unwrap();
        if matches!(reply, Reply::AnswerThenClose) {
            return;
        }
    }
}

fn read() -> Call {
    Call::info {}
}

fn change() -> Call {
    Call::close_month { month: 6 }
}

fn not_saved(e: &Error) -> bool {
    matches!(e, Error::Connection(ConnectionError::NotSaved { .. }))
}

#[test]
fn a_read_whose_answer_is_lost_is_asked_again_once_on_a_new_connection() {
    let server = Scripted::start(&[Reply::HangUp, Reply::Answer]);
    let client = server.client();
    let answer: String = client.call(&read()).unwrap();
    assert_eq!(answer, "done");
    assert_eq!(server.seen(), ["info", "info"]);
}

#[test]
fn a_heartbeat_before_the_answer_is_passed_over() {
    let server = Scripted::start(&[Reply::HeartbeatFirst, Reply::Answer]);
    let client = server.client();
    let answer: String = client.call(&change()).unwrap();
    assert_eq!(answer, "done");
    let _: String = client.call(&read()).unwrap();
    assert_eq!(server.seen(), ["close_month", "info"], "each sent once");
}

#[test]
fn a_read_lost_twice_fails_without_a_third_try() {
    let server = Scripted::start(&[Reply::HangUp, Reply::HangUp]);
    let client = server.client();
    let e = client.call::<String>(&read()).unwrap_err();
    assert!(
        matches!(e, Error::Connection(ConnectionError::Lost { .. })),
        "{e:?}"
    );
    assert_eq!(server.seen(), ["info", "info"]);
}

#[test]
fn a_change_whose_answer_is_lost_is_not_sent_again_until_saved_again() {
    let server = Scripted::start(&[Reply::HangUp, Reply::Answer]);
    let client = server.client();
    let e = client.call::<String>(&change()).unwrap_err();
    assert!(not_saved(&e), "{e:?}");
    assert_eq!(server.seen(), ["close_month"], "sent once, not repeated");
    assert!(
        Lang::Zh
            .error(&e)
            .starts_with("未保存：与服务器断开，重新连接后请再保存一次"),
        "{}",
        Lang::Zh.error(&e)
    );
    assert!(
        Lang::En
            .error(&e)
            .starts_with("not saved: disconnected from the server; save again once reconnected")
    );
    // The user saves again: a new connection carries it.
    let answer: String = client.call(&change()).unwrap();
    assert_eq!(answer, "done");
    assert_eq!(server.seen(), ["close_month", "close_month"]);
}

#[test]
fn a_change_after_the_server_closed_an_idle_connection_goes_on_a_new_one() {
    let server = Scripted::start(&[Reply::AnswerThenClose]);
    let client = server.client();
    let _: String = client.call(&read()).unwrap();
    server.closed.recv().unwrap();
    // The closed connection is noticed before the change is written: it is sent once, and saved.
    let answer: String = client.call(&change()).unwrap();
    assert_eq!(answer, "done");
    assert_eq!(server.seen(), ["info", "close_month"]);
}

#[test]
fn with_the_server_gone_a_change_is_not_saved_and_a_read_cannot_reach_it() {
    let server = Scripted::start(&[Reply::AnswerThenClose]);
    let client = server.client();
    let _: String = client.call(&read()).unwrap();
    server.closed.recv().unwrap();
    std::fs::remove_file(&server.endpoint.socket).unwrap();
    let e = client.call::<String>(&change()).unwrap_err();
    assert!(not_saved(&e), "{e:?}");
    assert!(
        Lang::Zh.error(&e).contains("套接字不存在"),
        "{}",
        Lang::Zh.error(&e)
    );
    let e = client.call::<String>(&read()).unwrap_err();
    assert!(
        matches!(e, Error::Connection(ConnectionError::Unreachable { .. })),
        "{e:?}"
    );
    assert!(
        Lang::Zh.error(&e).starts_with("无法连接"),
        "{}",
        Lang::Zh.error(&e)
    );
    assert_eq!(server.seen(), ["info"], "nothing reached a server");
}

fn timed_out(e: &Error) -> bool {
    let cause = match e {
        Error::Connection(ConnectionError::Lost { cause, .. })
        | Error::Connection(ConnectionError::NotSaved { cause, .. }) => cause,
        _ => return false,
    };
    matches!(cause, Cause::Io { kind, .. } if *kind == io::ErrorKind::TimedOut)
}

#[test]
fn a_read_never_answered_times_out_and_is_asked_once_more_on_a_new_connection() {
    let server = Scripted::start(&[Reply::Silent, Reply::Silent, Reply::Answer]);
    let client = server.client().waiting(Duration::from_millis(200));
    let e = client.call::<String>(&read()).unwrap_err();
    assert!(
        matches!(e, Error::Connection(ConnectionError::Lost { .. })) && timed_out(&e),
        "{e:?}"
    );
    assert!(
        Lang::En.error(&e).contains("did not answer within 0.2 s"),
        "{}",
        Lang::En.error(&e)
    );
    assert!(Lang::Zh.error(&e).contains("服务器未及时应答"));
    assert_eq!(
        server.seen(),
        ["info", "info"],
        "asked once more, no third time"
    );
    // Both silent connections were dropped: the next call goes on a new one.
    server.closed.recv().unwrap();
    server.closed.recv().unwrap();
    let answer: String = client.call(&read()).unwrap();
    assert_eq!(answer, "done");
}

#[test]
fn a_change_never_answered_times_out_as_not_saved_and_is_not_sent_again() {
    let server = Scripted::start(&[Reply::Silent, Reply::Answer]);
    let client = server.client().waiting(Duration::from_millis(200));
    let e = client.call::<String>(&change()).unwrap_err();
    assert!(not_saved(&e) && timed_out(&e), "{e:?}");
    assert!(
        Lang::En
            .error(&e)
            .starts_with("not saved: disconnected from the server; save again once reconnected"),
        "{}",
        Lang::En.error(&e)
    );
    assert_eq!(server.seen(), ["close_month"], "sent once, not repeated");
    server.closed.recv().unwrap();
    // The user saves again: a new connection carries it.
    let answer: String = client.call(&change()).unwrap();
    assert_eq!(answer, "done");
    assert_eq!(server.seen(), ["close_month", "close_month"]);
}

fn next(notices: &Receiver<Notice>) -> Notice {
    notices
        .recv_timeout(Duration::from_secs(30))
        .expect("a notice arrives")
}

#[test]
fn the_subscription_skips_heartbeats_and_subscribes_again_when_dropped() {
    let server = Scripted::start(&[]);
    let client = server.client();
    let notices = client.subscribe().unwrap();
    let changed = |n: &Notice| match n {
        Notice::Changed(c) => Some((c.call.clone(), c.by.clone())),
        _ => None,
    };
    assert_eq!(
        changed(&next(&notices)),
        Some(("pay".into(), "other".into()))
    );
    assert_eq!(next(&notices), Notice::Lost);
    assert_eq!(next(&notices), Notice::Back);
    // The new subscription carries notices again.
    assert_eq!(
        changed(&next(&notices)),
        Some(("pay".into(), "other".into()))
    );
    // Calls still work after the watcher reconnected them.
    let _: String = client.call(&read()).unwrap();
}
