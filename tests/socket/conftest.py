"""A live demo meeting over Socket.IO: the chair's socket, and a socket per role joined by code."""

import itertools
import json

import pytest
from sqlalchemy import select

from meeting import db
from meeting.models import Meeting, Participant
from tests.conftest import PEOPLE, cmd, csrf, socket_for

ROLES = ["chair", *PEOPLE, "screen"]
FAMILY = ["parent", "carer", "child", "advocate", "supporter"]
_addresses = itertools.count(1)


def received(sock, event: str | None = None) -> list:
    """What a socket has received since last asked, optionally only one event's arguments.

    Read from the test client's queue, so that what arrived just before the server disconnected a
    socket (the "removed" notice) can still be inspected: get_received() refuses once disconnected.
    """
    messages, sock.queue = sock.queue, []
    return [m["args"][0] for m in messages if event is None or m["name"] == event]


def raw_text(messages) -> str:
    """Everything received, as one string, to search for text that must never arrive."""
    return json.dumps(messages, ensure_ascii=False)


class Live:
    """The demo meeting driven from sockets: the chair's, and one per person who joins."""

    def __init__(self, app, chair_client, meeting_id: int):
        self.app, self.meeting_id = app, meeting_id
        self.chair = self.connect(chair_client)
        self.sockets = [self.chair]
        self.ids: dict[str, int] = {}

    def row(self) -> Meeting:
        with self.app.app_context():
            return db.session().get(Meeting, self.meeting_id)

    def connect(self, http_client, **kwargs):
        """A socket for an HTTP client's cookies."""
        sock = socket_for(self.app, http_client, self.meeting_id, **kwargs)
        getattr(self, "sockets", []).append(sock)
        return sock

    def join(self, role: str, name: str | None = None, language: str = "en"):
        """Join through the join page as a new device; return its HTTP client and participant id."""
        client = self.app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{next(_addresses) % 250 + 1}"
        default_name, agency = PEOPLE[role]
        name = name or default_name
        response = client.post(
            f"/join/{self.row().join_code}",
            data={
                "name": name,
                "role": role,
                "language": language,
                "agency": agency,
                "csrf_token": csrf(client),
            },
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        with self.app.app_context():
            person_id = db.session().scalar(
                select(Participant.id)
                .where(Participant.meeting_id == self.meeting_id, Participant.name == name)
                .order_by(Participant.id.desc())
            )
        return client, person_id

    def send(self, sock, name: str, /, **args) -> dict:
        """Send a fresh command from a socket; return its acknowledgement."""
        return sock.emit("command", cmd(name, **args), callback=True)

    def run(self, name: str, /, **args) -> dict:
        """The chair sends a command that must succeed."""
        ack = self.send(self.chair, name, **args)
        assert ack["ok"], ack
        return ack

    def admit(self, person_id: int) -> None:
        self.run("admit_participant", participant_id=person_id)

    def socket(self, role: str, name: str | None = None, language: str = "en"):
        """An admitted socket for a role (the chair's own for "chair", the shared screen for "screen")."""
        if role == "chair":
            return self.chair
        if role == "screen":
            return self.connect(self.app.test_client(), screen_key=self.row().screen_key)
        client, person_id = self.join(role, name, language)
        self.admit(person_id)
        self.ids[role] = person_id
        return self.connect(client)

    def state(self, sock=None) -> dict:
        """The meeting as a socket's audience sees it."""
        ack = (sock or self.chair).emit("catch_up", {}, callback=True)
        assert ack["ok"], ack
        return ack["state"]

    @property
    def revision(self) -> int:
        """The meeting's revision as stored: what every applied command moves on by one."""
        return self.row().revision

    def area_ids(self) -> list[int]:
        """The agenda's area ids in order."""
        with self.app.app_context():
            return [a.id for a in db.session().get(Meeting, self.meeting_id).areas]

    def child_ids(self) -> list[int]:
        """The children's ids."""
        with self.app.app_context():
            return [c.id for c in db.session().get(Meeting, self.meeting_id).children]

    def close(self) -> None:
        for sock in self.sockets:
            if sock.is_connected():
                sock.disconnect()


@pytest.fixture
def live(app, chair_client, demo_meeting):
    """The demo conference with the chair's socket connected."""
    room = Live(app, chair_client, demo_meeting)
    yield room
    room.close()
