"""Which sockets of this process belong to which meeting and person (presence, removal).

With several processes (SOCKETIO_MESSAGE_QUEUE set), a person's devices may be connected to any of
them: each process counts its devices of each person in Redis too, so a person is online while any
process holds one of their devices (a process that dies stops counting within HOST_TTL seconds);
and removing someone is published on the message queue and every process closes its own sockets of
that person (see `listen_for_removals`).
"""

import logging
import threading
import uuid
from collections import Counter
from dataclasses import dataclass

from flask import current_app, has_app_context, request
from flask_socketio import SocketIO

from .domain.roles import Audience


@dataclass(frozen=True)
class Entry:
    """One connected socket."""

    meeting_id: int
    participant_id: int | None
    audience: Audience
    # Whether this socket counts towards the person being online (admitted, not in the lobby).
    counted: bool = False


_lock = threading.Lock()
_sockets: dict[str, Entry] = {}
_devices: Counter[int] = Counter()


def remember(
    sid: str, meeting_id: int, participant_id: int | None, audience: Audience, counted: bool
) -> bool:
    """Record a new socket; true when it brings its person online (their first device)."""
    with _lock:
        _sockets[sid] = Entry(meeting_id, participant_id, audience, counted)
        if not counted or participant_id is None:
            return False
        _devices[participant_id] += 1
        first = _devices[participant_id] == 1
    shared = _shared_count(participant_id, +1)
    return first if shared is None else shared == 1


def lookup(sid: str) -> Entry | None:
    """The socket's meeting and person."""
    return _sockets.get(sid)


def forget(sid: str) -> tuple[Entry | None, bool]:
    """Drop a closed socket; true when it was its person's last device."""
    with _lock:
        entry = _sockets.pop(sid, None)
        if entry is None or not entry.counted or entry.participant_id is None:
            return entry, False
        _devices[entry.participant_id] -= 1
        last = _devices[entry.participant_id] <= 0
        if last:
            del _devices[entry.participant_id]
    shared = _shared_count(entry.participant_id, -1)
    return entry, last if shared is None else shared == 0


def disconnect_person(socketio: SocketIO, participant_id: int, notice: str | None = None) -> None:
    """Close every socket of a removed person at once, telling them `notice` first if given: on this
    process, and (through the message queue, when there is one) on every other process."""
    url = _queue_url()
    if url:
        # Every process, this one included, tells and closes its own sockets of that person: the
        # notice goes out on each just before its close, so it cannot arrive after it.
        _redis(url).publish(_channel(socketio), f"{participant_id} {notice or ''}")
    else:
        _disconnect_here(socketio, participant_id, notice)


def _disconnect_here(socketio: SocketIO, participant_id: int, notice: str | None = None) -> None:
    with _lock:
        sids = [sid for sid, e in _sockets.items() if e.participant_id == participant_id]
    for sid in sids:
        if notice:
            socketio.server.emit("notice", {"notice": notice}, to=sid, namespace="/", ignore_queue=True)
        socketio.server.disconnect(sid, namespace="/", ignore_queue=True)


_log = logging.getLogger(__name__)
_listening = threading.Event()
_clients: dict = {}


def _queue_url() -> str | None:
    return current_app.config.get("SOCKETIO_MESSAGE_QUEUE") if has_app_context() else None


def _redis(url: str):
    client = _clients.get(url)
    if client is None:
        import redis

        client = _clients[url] = redis.Redis.from_url(url)
    return client


def _channel(socketio: SocketIO) -> str:
    # Beside Flask-SocketIO's own channel, so that deployments sharing a Redis stay apart.
    return f"{getattr(socketio.server.manager, 'channel', 'flask-socketio')}:ecp-disconnect-person"


def listen_for_removals(socketio: SocketIO) -> None:
    """Once per process, when a message queue is configured: close this process's sockets of anyone
    removed on any process, and keep this process's device counts alive in Redis. Called on every
    connect; cheap after the first."""
    url = _queue_url()
    if not url or _listening.is_set():
        return
    _listening.set()
    _shared["prefix"] = _channel(socketio).rsplit(":", 1)[0] + ":ecp"
    _shared["url"] = url
    _heartbeat_once()
    socketio.start_background_task(_listen, socketio, url, _channel(socketio))
    socketio.start_background_task(_heartbeat, socketio)


# Device counts shared between processes: hash "<prefix>:devices:<participant>" of process -> count;
# a process's counts count only while its key "<prefix>:host:<process>" lives (refreshed every
# HEARTBEAT seconds, gone HOST_TTL seconds after the process dies).
HOST = uuid.uuid4().hex
HEARTBEAT = 10
HOST_TTL = 30
_shared: dict = {}


def _heartbeat_once() -> None:
    _redis(_shared["url"]).set(f"{_shared['prefix']}:host:{HOST}", 1, ex=HOST_TTL)


def _heartbeat(socketio: SocketIO) -> None:
    while True:
        socketio.sleep(HEARTBEAT)
        try:
            _heartbeat_once()
        except Exception:  # noqa: BLE001 - Redis went away: try again at the next beat
            _log.exception("presence heartbeat failed")


def _shared_count(participant_id: int, delta: int) -> int | None:
    """Add `delta` to this process's devices of the person in Redis; the person's devices on every
    live process afterwards. None when there is no message queue (this process alone counts)."""
    if not _shared:
        return None
    client = _redis(_shared["url"])
    key = f"{_shared['prefix']}:devices:{participant_id}"
    try:
        pipe = client.pipeline(transaction=True)  # add and read at once: two processes never both see 1
        pipe.hincrby(key, HOST, delta)
        pipe.hgetall(key)
        _, counts = pipe.execute()
        hosts = [h.decode() for h, n in counts.items() if int(n) > 0]
        alive = client.mget([f"{_shared['prefix']}:host:{h}" for h in hosts]) if hosts else []
        total = sum(int(counts[h.encode()]) for h, up in zip(hosts, alive, strict=True) if up is not None)
        # Fields of processes that died go; a live process's zero stays (it may be counting again).
        stale = [h.encode() for h, up in zip(hosts, alive, strict=True) if up is None]
        if stale:
            client.hdel(key, *stale)
        return total
    except Exception:  # noqa: BLE001 - without Redis, fall back on this process's own count
        _log.exception("presence count in Redis failed")
        return None


def _listen(socketio: SocketIO, url: str, channel: str) -> None:
    import redis

    while True:
        try:
            pubsub = redis.Redis.from_url(url).pubsub(ignore_subscribe_messages=True)
            pubsub.subscribe(channel)
            for message in pubsub.listen():
                if message.get("type") == "message":
                    participant_id, _, notice = message["data"].decode().partition(" ")
                    _disconnect_here(socketio, int(participant_id), notice or None)
        except Exception:  # noqa: BLE001 - Redis went away: log, wait, subscribe again
            _log.exception("removal listener lost its Redis connection; retrying")
            socketio.sleep(1)


def device() -> str:
    """A short description of the device, for the audit log."""
    agent = request.headers.get("User-Agent", "")[:150]
    return f"{request.remote_addr or '?'} {agent}".strip()


def reset_after_start(app) -> int:
    """A single process starting afresh holds no sockets: nobody can be online yet.

    A killed process never ran its disconnect handlers, so flags it left behind would show people
    online for good. With a message queue other processes may hold devices, so flags stay (the
    shared counts in Redis are the truth there). Returns how many flags were cleared."""
    if app.config.get("SOCKETIO_MESSAGE_QUEUE"):
        return 0
    from sqlalchemy import update

    from . import db
    from .models import Participant

    with app.app_context():
        session = db.session()
        cleared = session.execute(
            update(Participant).where(Participant.online.is_(True)).values(online=False)
        )
        session.commit()
        return cleared.rowcount
