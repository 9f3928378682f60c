"""On PostgreSQL, two processes can receive the same command at once (a device that reconnected to
the other process and resent it): the second waits for the meeting's row lock and must then get the
first answer, not apply the command again. The audit log's unique command id is what catches it."""

import threading

import pytest
from sqlalchemy import func, select

from meeting import db, migrate
from meeting.models import AreaOfChange, AuditEntry, Contribution, Participant
from meeting.operations.dispatch import apply_command
from tests.conftest import NOW, app_with_demo, cmd
from tests.postgres import postgres_schema


@pytest.fixture
def pg_app(tmp_path):
    """The app on a private schema of the machine's PostgreSQL, with the demo meeting in it."""
    with postgres_schema("rep") as url:
        migrate.upgrade(url)
        with app_with_demo(url, tmp_path) as app:
            yield app


def test_the_same_command_at_once_on_two_connections_is_applied_once(pg_app):
    meeting_id = pg_app.config["DEMO_MEETING"]
    with pg_app.app_context():
        session = db.session()
        chair = session.scalar(
            select(Participant).where(Participant.meeting_id == meeting_id, Participant.role == "chair")
        )
        area_id = session.scalar(
            select(AreaOfChange.id).where(AreaOfChange.meeting_id == meeting_id).limit(1)
        )
        before = session.scalar(select(func.count()).select_from(Contribution))
        session.commit()
        raw = cmd("add_contribution", area_id=area_id, kind="strength", text="Nursery every day this week")
        first = apply_command(session, meeting_id, chair, raw, NOW)  # holds the meeting's row lock
        second: dict = {}

        def resend():
            with pg_app.app_context():
                other = db.session()
                person = other.get(Participant, chair.id)
                second["ack"] = apply_command(other, meeting_id, person, raw, NOW).ack
                other.commit()

        racer = threading.Thread(target=resend)
        racer.start()
        racer.join(0.5)
        assert racer.is_alive()  # waiting for the lock, not answered from a stale read
        session.commit()
        racer.join(10)
        count = session.scalar(select(func.count()).select_from(Contribution))
        audited = session.scalar(select(func.count()).where(AuditEntry.command_id == raw["id"]))
    assert (second["ack"], count, audited) == ({**first.ack, "duplicate": True}, before + 1, 1)
