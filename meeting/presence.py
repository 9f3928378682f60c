"""Which sockets of this process belong to which meeting and person (presence, removal)."""

import threading
from collections import Counter
from dataclasses import dataclass

from flask import request
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


def remember(sid: str, meeting_id: int, participant_id: int | None, audience: Audience, counted: bool) -> bool:
    """Record a new socket; true when it brings its person online (their first device)."""
    with _lock:
        _sockets[sid] = Entry(meeting_id, participant_id, audience, counted)
        if not counted or participant_id is None:
            return False
        _devices[participant_id] += 1
        return _devices[participant_id] == 1


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
        if _devices[entry.participant_id] <= 0:
            del _devices[entry.participant_id]
            return entry, True
        return entry, False


def disconnect_person(socketio: SocketIO, participant_id: int) -> None:
    """Close every socket of a removed person on this process at once."""
    with _lock:
        sids = [sid for sid, e in _sockets.items() if e.participant_id == participant_id]
    for sid in sids:
        socketio.server.disconnect(sid, namespace="/")


def device() -> str:
    """A short description of the device, for the audit log."""
    agent = request.headers.get("User-Agent", "")[:150]
    return f"{request.remote_addr or '?'} {agent}".strip()
