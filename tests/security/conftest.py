"""Staff accounts of every kind around the demo meeting, people joined by code, and a fingerprint
of the whole database (to show that a refused request changed nothing)."""

import hashlib
import itertools
from dataclasses import dataclass

import pytest
from sqlalchemy import select, text

from meeting import db
from meeting.models import Base, Participant
from tests.conftest import PASSWORD, cmd, csrf, sign_in, socket_for

STAFF = ["admin", "chair", "other_chair", "social_worker", "anonymous"]
_addresses = itertools.count(10)


@dataclass
class Staff:
    """The demo meeting with one account of each kind: its chair, another chair, a social worker and
    an admin (none of the last three in the meeting)."""

    app: object
    meeting_id: int
    ids: dict[str, int]
    emails: dict[str, str]

    def client(self, who: str):
        """An HTTP client signed in as one of them (or nobody, for 'anonymous')."""
        c = self.app.test_client()
        if who != "anonymous":
            response = sign_in(c, self.emails[who])
            assert response.status_code == 302, response.data[:300]
        return c


@pytest.fixture
def staff(app, demo_meeting, make_user):
    """Staff accounts around the demo meeting."""
    from meeting.demo import CHAIR_EMAIL
    from meeting.models import User

    ids, emails = {}, {"chair": CHAIR_EMAIL}
    for who, role in (("admin", "admin"), ("other_chair", "chair"), ("social_worker", "social_worker")):
        ids[who], emails[who] = make_user(role)
    with app.app_context():
        ids["chair"] = db.session().scalar(select(User.id).where(User.email == CHAIR_EMAIL))
    return Staff(app, demo_meeting, ids, emails)


def fingerprint(app) -> str:
    """A hash of every row of every table: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    with app.app_context():
        session = db.session()
        for table in Base.metadata.sorted_tables:
            for row in session.execute(text(f"SELECT * FROM {table.name} ORDER BY 1")).all():
                digest.update(repr(tuple(row)).encode())
        session.rollback()
    return digest.hexdigest()


def join(app, meeting_id: int, code: str, role: str, name: str, agency: str = "Agency"):
    """A device joins by code (from its own address); returns its HTTP client and participant id."""
    c = app.test_client()
    c.environ_base["REMOTE_ADDR"] = f"10.0.0.{next(_addresses) % 250}"
    response = c.post(
        f"/join/{code}",
        data={"name": name, "role": role, "agency": agency, "language": "en", "csrf_token": csrf(c)},
    )
    assert response.status_code == 302, response.data[:400]
    with app.app_context():
        person_id = db.session().scalar(
            select(Participant.id).where(Participant.meeting_id == meeting_id, Participant.name == name)
        )
    return c, person_id


def admitted(app, chair_sock, meeting_id: int, code: str, role: str, name: str, agency: str = "Agency"):
    """Join by code and be admitted by the chair; returns the device's HTTP client, socket and id."""
    c, person_id = join(app, meeting_id, code, role, name, agency)
    ack = chair_sock.emit("command", cmd("admit_participant", participant_id=person_id), callback=True)
    assert ack["ok"], ack
    sock = socket_for(app, c, meeting_id)
    assert sock.is_connected()
    return c, sock, person_id


def join_code(app, meeting_id: int) -> str:
    """The demo meeting's join code."""
    from meeting.models import Meeting

    with app.app_context():
        return db.session().get(Meeting, meeting_id).join_code


__all__ = ["PASSWORD", "STAFF", "Staff", "admitted", "fingerprint", "join", "join_code"]
