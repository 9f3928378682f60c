"""Writing one row now (operations/rows.py): the row is in the database, the object is an ordinary
loaded one, and the flush before the commit has nothing left to write for it."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from meeting.models import Contribution, Meeting
from meeting.operations.rows import insert_now, update_now
from tests.conftest import NOW


@contextmanager
def statements(session):
    """The SQL statements run inside the block."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_rest):
        seen.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _contribution(room, **fields) -> Contribution:
    area_id = room.area_ids()[0]
    values = {
        "meeting_id": room.meeting_id,
        "area_id": area_id,
        "participant_id": room.chair.id,
        "kind": "worry",
        "text": "The pram was in the hall again.",
        "closed_session_id": None,
        "created_at": NOW,
        "edited_at": None,
    } | fields
    return Contribution(**values)


def test_insert_now_writes_the_row_and_gives_the_object_its_id(room):
    item = _contribution(room)
    insert_now(room.session, item)
    room.session.commit()
    stored = room.session.execute(select(Contribution.text).where(Contribution.id == item.id)).scalar_one()
    assert stored == "The pram was in the hall again."


def test_insert_now_leaves_nothing_for_the_flush(room):
    item = _contribution(room)
    insert_now(room.session, item)
    with statements(room.session) as seen:
        room.session.flush()
    assert seen == []


def test_insert_now_fills_plain_defaults_so_reading_them_costs_no_query(room):
    item = _contribution(room)  # visibility and recorded_by_chair left to their defaults
    insert_now(room.session, item)
    with statements(room.session) as seen:
        assert (item.visibility, item.recorded_by_chair) == ("everyone", False)
    assert seen == []


def test_insert_now_makes_the_object_persistent_in_the_session(room):
    item = _contribution(room)
    insert_now(room.session, item)
    assert room.session.get(Contribution, item.id) is item


def test_insert_now_refuses_a_column_left_to_a_computed_default(room, monkeypatch):
    column = Contribution.__table__.c.text
    monkeypatch.setattr(column, "default", type("Computed", (), {"is_scalar": False, "arg": None})())
    item = _contribution(room)
    del item.text
    with pytest.raises(ValueError, match="text"):
        insert_now(room.session, item)


def test_update_now_writes_the_columns(room):
    area_id = room.area_ids()[1]
    meeting = room.session.get(Meeting, room.meeting_id)
    update_now(room.session, meeting, focus_area_id=area_id)
    room.session.commit()
    room.session.expire_all()
    assert room.session.get(Meeting, room.meeting_id).focus_area_id == area_id


def test_update_now_leaves_nothing_for_the_flush(room):
    meeting = room.session.get(Meeting, room.meeting_id)
    update_now(room.session, meeting, focus_area_id=room.area_ids()[1], undo_focus_area_id=None)
    with statements(room.session) as seen:
        room.session.flush()
    assert seen == []
