# A raw outlay protocol client run as another Unix user by tests/serve_attacks.rs:
# python3 client.py MODE SOCKET PROTOCOL [ARG]. It prints one JSON line per thing
# the test waits for, then (where it says so) holds its connections until killed.
import json
import resource
import socket
import struct
import sys
import time


def send(s, message):
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    s.sendall(struct.pack(">I", len(body)) + body)


def read_exactly(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def receive(s):
    head = read_exactly(s, 4)
    if head is None:
        return None
    body = read_exactly(s, struct.unpack(">I", head)[0])
    return None if body is None else json.loads(body)


def hello(path, protocol):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    send(s, {"type": "hello", "protocol": protocol, "client": "client.py"})
    return s, receive(s)


def say(**what):
    print(json.dumps(what), flush=True)


def hold(path, protocol, count):
    """Opens `count` connections, each through the handshake, and keeps the welcomed ones."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    held, refused, other = [], [], []
    for _ in range(count):
        try:
            s, answer = hello(path, protocol)
        except OSError as e:
            other.append(str(e))
            continue
        kind = answer and answer.get("type")
        if kind == "welcome":
            held.append(s)
        elif kind == "refused":
            refused.append(answer)
            s.close()
        else:
            other.append(repr(answer))
            s.close()
    say(
        welcomed=len(held),
        refused=len(refused),
        messages=sorted({r["message"] for r in refused}),
        messages_zh=sorted({r.get("message_zh") or "" for r in refused}),
        other=other[:5],
    )
    time.sleep(3600)


def subscribe(path, protocol):
    """Subscribes; reports the refusal, or the first change, then how each connection ends."""
    calls, welcome = hello(path, protocol)
    notices, _ = hello(path, protocol)
    send(notices, {"type": "subscribe"})
    while True:
        message = receive(notices)
        if message is None:
            say(subscription="closed")
            break
        if message["type"] == "refused":
            say(refused=message)
            return
        if message["type"] == "changed":
            say(changed=message["call"])
    # The call connection, idle all along, is ended too.
    calls.settimeout(60)
    say(calls="closed" if calls.recv(1) == b"" else "open")


def big_call(path, protocol, size):
    """Sends one call padded to `size` bytes and reports the answer."""
    s, _ = hello(path, protocol)
    call = {"type": "call", "call": {"call": "info", "args": {}}, "pad": ""}
    call["pad"] = "x" * (size - len(json.dumps(call)))
    try:
        send(s, json.dumps(call).encode())
    except BrokenPipeError:
        pass  # refused before it was all sent; the refusal is there to read
    say(answer=receive(s))


mode, path, protocol = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "hold":
    hold(path, protocol, int(sys.argv[4]))
elif mode == "subscribe":
    subscribe(path, protocol)
elif mode == "big-call":
    big_call(path, protocol, int(sys.argv[4]))
