"""Real clients of a live server: a requests session for the pages and a python-socketio client
that behaves like the browser's socket module (docs/protocol.md).

Every event a client receives is recorded raw, as it came off the wire, so tests can assert on
exactly what reached each device. A small store applies `patch` events, notices revision gaps and
calls `catch_up` then, and on every (re)connect. Commands carry a client-made id and are re-sent,
with the same id, until acknowledged (the browser's outbox).

python-socketio runs each incoming event's handler in a thread of its own, so two patches can be
applied out of order; the store sees that as a gap and catches up, as the browser would after a
lost message.
"""

import itertools
import re
import threading
import time
import uuid
from dataclasses import dataclass, field

import requests
import socketio

from .server import Demo, LiveServer
from .store import Store

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
WAIT = 20.0


class Disconnected(Exception):
    """The socket dropped while waiting for an acknowledgement."""


def csrf_from(html: str) -> str:
    """The CSRF token of a form page."""
    match = _CSRF.search(html)
    assert match, "no csrf_token in the page"
    return match.group(1)


def new_command_id() -> str:
    """A client-generated command id (8-64 of [A-Za-z0-9_-])."""
    return f"live-{uuid.uuid4().hex[:20]}"


def wait_until(predicate, timeout: float = WAIT, interval: float = 0.02, message: str = "condition"):
    """Poll until predicate() is truthy; return its value or fail the test with a message."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


@dataclass
class Received:
    """One event as it arrived: its name, raw payload and when."""

    seq: int
    event: str
    payload: object
    at: float = field(default_factory=time.monotonic)


class LiveClient:
    """One device: an HTTP session and a Socket.IO connection to the meeting."""

    def __init__(
        self,
        server: LiveServer,
        name: str,
        http: requests.Session | None = None,
        screen_key: str | None = None,
        admitted: bool = True,
        transports=None,
    ):
        self.server = server
        self.name = name
        self.http = http or requests.Session()
        self.screen_key = screen_key
        self.admitted = admitted
        self.transports = transports or ["websocket"]
        self.me: int | None = None
        self.store = Store()
        self.received: list[Received] = []
        self.catch_ups: list[dict] = []  # every catch_up answer, raw
        self.acks: list[tuple[dict, dict]] = []  # (command, ack)
        self.notices: list[str] = []
        self.online = False  # whether the device means to be connected (it reconnects by itself)
        self.lose_patches = 0  # patches to drop on arrival, as a flaky network would
        self.connects = 0
        self.resent = 0  # commands that had to be sent more than once
        self.pending: dict | None = None  # the command being sent, until acknowledged
        self._websockets: list = []
        self.disconnects = 0
        self.connect_errors: list = []
        self._seq = itertools.count()
        self._emit_lock = threading.Lock()
        self._waiters: set[threading.Event] = set()
        self._waiters_lock = threading.Lock()
        self._sync_needed = threading.Event()
        self._epoch_lock = threading.Lock()
        self.synced_connect = 0  # the connection (by count) the store last caught up on
        self._closed = False
        self.sio = socketio.Client(
            reconnection=True,
            reconnection_delay=0.2,
            reconnection_delay_max=1.0,
            randomization_factor=0.1,
        )
        self._register_handlers()
        self._syncer = threading.Thread(target=self._sync_loop, name=f"sync-{name}", daemon=True)
        self._syncer.start()

    # --- connection ----------------------------------------------------------------------------

    @property
    def meeting_id(self) -> int:
        """The demo meeting's id."""
        return self.server.demo.meeting_id

    @property
    def connected(self) -> bool:
        """Whether the socket is in the meeting's namespace (true already inside the connect handler)."""
        return "/" in self.sio.namespaces

    def cookie_header(self) -> str:
        """The browser's cookies (the ecp_session cookie) as a Cookie header."""
        return "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)

    def auth(self) -> dict:
        """What io({auth}) sends: the meeting, and the screen key for the shared screen."""
        auth = {"meeting": self.meeting_id}
        if self.screen_key is not None:
            auth["screen_key"] = self.screen_key
        return auth

    def connect(self) -> "LiveClient":
        """Open the socket (cookie and auth as the browser sends them); catch up if admitted."""
        self.online = True
        self.sio.connect(
            self.server.url,
            headers={"Cookie": self.cookie_header()},
            auth=self.auth(),
            transports=self.transports,
            wait_timeout=10,
        )
        if self.admitted:
            self.wait_synced()
        return self

    def _quick_close(self) -> None:
        # websocket-client waits up to 3 s for the server's answering close frame; Werkzeug's
        # dev server (threading mode) has already ended the session on Engine.IO's CLOSE packet
        # and never answers, so every deliberate disconnect would cost 3 s.
        ws = getattr(self.sio.eio, "ws", None)
        if ws is not None and not getattr(ws, "_quick", False):
            close = ws.close
            ws.close = lambda *args, **kwargs: close(timeout=0.2)
            ws._quick = True

    def disconnect(self) -> None:
        """Close the socket on purpose (the device goes away; no automatic reconnection)."""
        self.online = False
        self._quick_close()
        self.sio.disconnect()
        wait_until(lambda: not self.connected, message=f"{self.name} to disconnect")

    def reconnect(self) -> None:
        """Close and open the socket again (what the page does after being admitted)."""
        self.disconnect()
        self.connect()

    def close(self) -> None:
        """Drop everything this client holds (the device is gone for good)."""
        self._closed = True
        self.online = False
        self._sync_needed.set()
        # No new reconnection may start, even one the transport's own failure was about to start
        # while we close (that raced here: a "gone for good" device came back after a restart).
        self.sio.reconnection = False
        # That is not enough: when the transport failed a moment earlier, python-socketio may have
        # marked the client disconnected but not yet registered its reconnection task, so shutdown()
        # below sees nothing to stop, and the task then reconnects to a restarted server (seen once
        # in CI). Whatever such a task tries goes nowhere, and it gives up after one try.
        self.sio.connection_url = "http://127.0.0.1:9"
        self.sio.reconnection_attempts = 1
        self._quick_close()
        self.sio.shutdown()
        for ws in self._websockets:
            ws.shutdown()  # sockets of connections the server dropped are never closed by the client
        self.http.close()
        self._syncer.join(timeout=5)

    def _register_handlers(self) -> None:
        sio = self.sio

        @sio.event
        def connect():
            with self._epoch_lock:
                self.connects += 1
            ws = getattr(self.sio.eio, "ws", None)
            if ws is not None:
                self._websockets.append(ws)
            if self.admitted:
                self._sync_needed.set()

        @sio.event
        def connect_error(data):
            self.connect_errors.append(data)

        @sio.event
        def disconnect(reason=None):
            self.disconnects += 1
            with self._waiters_lock:
                for waiter in self._waiters:
                    waiter.set()

        @sio.on("*")
        def any_event(event, *args):
            payload = args[0] if len(args) == 1 else list(args)
            self.received.append(Received(next(self._seq), event, payload))
            if event == "patch":
                with self._epoch_lock:
                    lost = self.lose_patches > 0
                    self.lose_patches -= lost
                if not lost and not self.store.apply(payload):
                    self._sync_needed.set()
            elif event == "presence":
                self.store.presence(payload)
            elif event == "notice":
                self.notices.append(payload.get("notice"))

    def _sync_loop(self) -> None:
        while not self._closed:
            self._sync_needed.wait()
            if self._closed:
                return
            self._sync_needed.clear()
            with self._epoch_lock:
                epoch = self.connects
            try:
                answer = self.call("catch_up", {}, timeout=5)
            except (Disconnected, socketio.exceptions.SocketIOError, TimeoutError):
                if self.connected:
                    self._sync_needed.set()  # try again; otherwise the next connect sets the flag
                time.sleep(0.05)
                continue
            if answer.get("ok"):
                self.catch_ups.append(answer)
                self.me = answer.get("me")
                self.store.load(answer["state"])
                self.synced_connect = max(self.synced_connect, epoch)

    def wait_synced(self, revision: int | None = None, timeout: float = WAIT) -> None:
        """Wait until the store has caught up on this connection (and to a revision, if given)."""
        wait_until(
            lambda: (
                self.connected
                and self.synced_connect == self.connects
                and self.store.revision >= (0 if revision is None else revision)
            ),
            timeout=timeout,
            message=f"{self.name} to reach revision {revision}",
        )

    # --- emitting ------------------------------------------------------------------------------

    def call(self, event: str, data, timeout: float = 5.0):
        """Emit and wait for the acknowledgement; raise Disconnected if the socket drops meanwhile."""
        done = threading.Event()
        answer = []
        with self._waiters_lock:
            self._waiters.add(done)
        try:
            with self._emit_lock:
                if not self.connected:
                    raise Disconnected(self.name)
                self.sio.emit(
                    event, data, callback=lambda *args: (answer.append(args[0] if args else None), done.set())
                )
            if not done.wait(timeout):
                raise TimeoutError(f"{self.name}: no ack for {event}")
            if not answer:
                raise Disconnected(self.name)
            return answer[0]
        finally:
            with self._waiters_lock:
                self._waiters.discard(done)

    def send(self, command: dict, timeout: float = WAIT) -> dict:
        """Send one command and re-send it (same id) after any drop, until it is acknowledged."""
        deadline = time.monotonic() + timeout
        attempts = 0
        self.pending = command
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._closed:
                raise AssertionError(f"{self.name}: command {command['name']} never acknowledged")
            if not self.connected:
                time.sleep(0.05)
                continue
            attempts += 1
            try:
                ack = self.call("command", command, timeout=min(5.0, remaining))
            except (Disconnected, TimeoutError, socketio.exceptions.SocketIOError):
                continue
            self.pending = None
            self.resent += attempts > 1
            self.acks.append((command, ack))
            if ack.get("ok") and command["name"] == "place_position":
                args = command["args"]
                self.store.remember_mine(args["round_id"], ack["value"], args.get("reason", ""))
            return ack

    def emit_only(self, command: dict) -> None:
        """Send a command without waiting for (or ever reading) its acknowledgement."""
        wait_until(lambda: self.connected, message=f"{self.name} to be connected")
        with self._emit_lock:
            self.sio.emit("command", command)

    def command(self, name: str, **args) -> dict:
        """A new command; returns its acknowledgement."""
        return self.send({"id": new_command_id(), "name": name, "args": args})

    def do(self, name: str, **args) -> dict:
        """A command that must succeed."""
        ack = self.command(name, **args)
        assert ack.get("ok"), f"{self.name}: {name} {args} -> {ack}"
        return ack

    def catch_up(self) -> dict:
        """A fresh catch_up answer (recorded like every other)."""
        deadline = time.monotonic() + WAIT
        while True:
            wait_until(lambda: self.connected, message=f"{self.name} to be connected")
            try:
                answer = self.call("catch_up", {})
                break
            except (Disconnected, TimeoutError, socketio.exceptions.SocketIOError):
                if time.monotonic() > deadline:
                    raise
        assert answer.get("ok"), answer
        self.catch_ups.append(answer)
        return answer

    # --- what arrived ------------------------------------------------------------------------

    def events(self, name: str) -> list:
        """Raw payloads of one event, in arrival order."""
        return [r.payload for r in list(self.received) if r.event == name]

    def payloads(self) -> list[tuple[int | None, object]]:
        """Everything received from the server about the meeting, with the revision it is at:
        broadcasts (patch, presence, notice) and catch_up states. The viewer's own hidden
        positions (`mine`) and command acks are for this device alone and left out."""
        out: list[tuple[int | None, object]] = []
        for r in list(self.received):
            revision = r.payload.get("revision") if isinstance(r.payload, dict) else None
            out.append((revision, r.payload))
        for answer in list(self.catch_ups):
            state = {k: v for k, v in answer["state"].items() if k != "mine"}
            out.append((state["revision"], state))
        return out


# --- people ----------------------------------------------------------------------------------


def sign_in_chair(server: LiveServer, demo: Demo) -> requests.Session:
    """A browser signed in as the demo chair through the real sign-in form."""
    http = requests.Session()
    page = http.get(server.url + "/signin", timeout=10)
    assert page.status_code == 200
    response = http.post(
        server.url + "/signin",
        data={"email": demo.chair_email, "password": demo.chair_password, "csrf_token": csrf_from(page.text)},
        timeout=10,
    )
    assert response.status_code == 200 and "ecp_session" in http.cookies, response.status_code
    return http


def join(
    server: LiveServer, demo: Demo, name: str, role: str, agency: str = "", language: str = "en"
) -> requests.Session:
    """A phone joining with the code: the details form, then the lobby page."""
    http = requests.Session()
    url = f"{server.url}/join/{demo.join_code}"
    page = http.get(url, timeout=10)
    assert page.status_code == 200, page.status_code
    response = http.post(
        url,
        data={
            "name": name,
            "role": role,
            "agency": agency,
            "language": language,
            "csrf_token": csrf_from(page.text),
        },
        timeout=10,
    )
    assert response.status_code == 200 and response.url.endswith(f"/meetings/{demo.meeting_id}/live"), (
        response.status_code,
        response.url,
    )
    return http
