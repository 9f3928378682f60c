"""apply_command: one revision and one audit entry per change; repeats and refusals change nothing."""

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import DBAPIError

from meeting.domain.errors import MeetingError
from meeting.models import AreaOfChange, AuditEntry, Contribution
from tests.conftest import cmd


def test_an_applied_command_adds_exactly_one_revision(room):
    before = room.revision
    ack = room.run(room.chair, "add_area", title="Money for food")
    assert (ack["revision"], room.revision) == (before + 1, before + 1)


def test_consecutive_commands_get_consecutive_revisions(room):
    before = room.revision
    acks = [room.run(room.chair, "add_area", title=f"Area {i}") for i in range(3)]
    assert [a["revision"] for a in acks] == [before + 1, before + 2, before + 3]


def test_an_applied_command_is_audited_with_its_id_and_author(room):
    raw = cmd("add_area", title="Money for food")
    ack = room.send(room.chair, raw)
    (entry,) = room.audit(raw["id"])
    assert (entry.revision, entry.command, entry.actor_participant_id) == (
        ack["revision"],
        "add_area",
        room.chair.id,
    )


def test_the_audit_entry_keeps_the_payload_and_the_answer(room):
    raw = cmd("add_area", title="Money for food")
    ack = room.send(room.chair, raw)
    (entry,) = room.audit(raw["id"])
    assert (entry.payload, entry.result) == ({"title": "Money for food"}, ack)


def test_a_repeated_command_returns_the_first_answer_marked_duplicate(room):
    raw = cmd("add_area", title="Money for food")
    first = room.send(room.chair, raw)
    assert room.send(room.chair, raw) == {**first, "duplicate": True}


def test_a_repeated_command_is_applied_once(room):
    raw = cmd(
        "add_contribution", area_id=room.area_ids()[0], kind="strength", text="Mali is happy at nursery"
    )
    room.send(room.chair, raw)
    revision, count = room.revision, room.count(Contribution)
    room.send(room.chair, raw)
    assert (room.revision, room.count(Contribution), len(room.audit(raw["id"]))) == (revision, count, 1)


def test_a_repeated_command_is_answered_even_with_different_args(room):
    raw = cmd("add_area", title="Money for food")
    first = room.send(room.chair, raw)
    again = {**raw, "args": {"title": "Something else"}}
    assert room.send(room.chair, again)["area_id"] == first["area_id"]


def test_another_persons_command_id_is_not_answered_with_their_ack(room):
    parent = room.person("parent")
    round_id = room.run(room.chair, "open_scaling_round", area_id=room.area_ids()[0])["round_id"]
    raw = cmd("place_position", round_id=round_id, value=3, reason="hidden until revealed")
    room.send(room.chair, raw)
    with pytest.raises(MeetingError) as error:
        room.send(parent, raw)
    assert error.value.code == "duplicate_id"


def area_id(room):
    return room.area_ids()[0]


REFUSALS = [
    ("parent", "add_area", {"title": "Not yours to add"}, "forbidden"),
    ("minute_taker", "add_contribution", {"area_id": area_id, "kind": "worry", "text": "x"}, "forbidden"),
    ("chair", "add_contribution", {"area_id": area_id, "kind": "gossip", "text": "x"}, "unknown_value"),
    ("chair", "add_contribution", {"area_id": area_id, "kind": "worry", "text": "x" * 10_000}, "too_long"),
    ("chair", "add_contribution", {"area_id": 99999, "kind": "worry", "text": "x"}, "not_found"),
    ("chair", "set_focus", {"area_id": 99999}, "not_found"),
    ("chair", "undo_focus", {}, "nothing_to_undo"),
    ("chair", "end_closed_session", {}, "no_closed_session"),
    ("chair", "close_meeting", {"confirm": False}, "not_confirmed"),
    ("chair", "reorder_areas", {"area_ids": [1]}, "bad_order"),
]


@pytest.mark.parametrize("role, name, args, code", REFUSALS, ids=[f"{r[1]}-{r[3]}" for r in REFUSALS])
def test_a_refused_command_changes_nothing(room, role, name, args, code):
    actor = room.person(role)
    args = {k: (v(room) if callable(v) else v) for k, v in args.items()}
    raw = cmd(name, **args)
    revision, areas, contributions = room.revision, room.count(AreaOfChange), room.count(Contribution)
    with pytest.raises(MeetingError) as error:
        room.send(actor, raw)
    assert error.value.code == code
    assert (room.revision, room.count(AreaOfChange), room.count(Contribution)) == (
        revision,
        areas,
        contributions,
    )
    assert room.audit(raw["id"]) == []


def test_a_refused_agreement_leaves_the_round_revealed(room):
    round_id = room.run(room.chair, "open_scaling_round", area_id=room.area_ids()[0])["round_id"]
    room.run(room.chair, "reveal_scaling_round", round_id=round_id)
    error = room.refused(room.chair, "agree_scaling_position", round_id=round_id, value=0)
    assert error.code == "out_of_range"
    assert room.run(room.chair, "agree_scaling_position", round_id=round_id, value=4)["ok"]


def test_a_refused_command_can_be_sent_again_with_its_id(room):
    raw = cmd("undo_focus")
    with pytest.raises(MeetingError):
        room.send(room.chair, raw)
    room.run(room.chair, "set_focus", area_id=room.area_ids()[1])
    assert room.send(room.chair, raw)["ok"]


def test_a_person_still_in_the_lobby_cannot_send_commands(room):
    waiting = room.waiting("parent", "Wyn Hughes")
    assert (
        room.refused(waiting, "add_contribution", area_id=room.area_ids()[0], kind="worry", text="x").code
        == "forbidden"
    )


def test_a_removed_person_cannot_send_commands(room):
    parent = room.person("parent")
    room.run(room.chair, "remove_participant", participant_id=parent.id)
    assert (
        room.refused(parent, "add_contribution", area_id=room.area_ids()[0], kind="worry", text="x").code
        == "forbidden"
    )


def first_entry(room) -> AuditEntry:
    return room.session.scalars(select(AuditEntry).where(AuditEntry.meeting_id == room.meeting_id)).first()


def test_the_orm_refuses_to_update_an_audit_entry(room):
    entry = first_entry(room)
    entry.command = "rewritten"
    with pytest.raises(RuntimeError, match="append-only"):
        room.session.flush()
    room.session.rollback()


def test_the_orm_refuses_to_delete_an_audit_entry(room):
    room.session.delete(first_entry(room))
    with pytest.raises(RuntimeError, match="append-only"):
        room.session.flush()
    room.session.rollback()


def test_the_database_refuses_to_update_an_audit_entry(room):
    with pytest.raises(DBAPIError, match="append-only"):
        room.session.execute(text("UPDATE audit_entries SET command = 'rewritten'"))
    room.session.rollback()
    assert "rewritten" not in room.session.scalars(select(AuditEntry.command)).all()


def test_a_repeat_that_would_now_be_refused_still_gets_its_first_answer(room):
    area = room.run(room.chair, "add_area", title="Money for food")["area_id"]
    raw = cmd("set_focus", area_id=area)
    first = room.send(room.chair, raw)
    room.run(room.chair, "remove_area", area_id=area)
    assert room.send(room.chair, raw) == {**first, "duplicate": True}


def test_a_new_command_does_not_read_the_audit_log(room):
    # The repeat check runs only when a command fails: an applied one only appends to the log.
    seen: list[str] = []
    engine = room.session.get_bind()

    def record(_conn, _cursor, statement, *_rest):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        room.run(room.chair, "add_contribution", area_id=room.area_ids()[0], kind="worry", text="x")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    reads = [s for s in seen if s.lstrip().upper().startswith("SELECT") and "audit_entries" in s]
    assert (reads, sum("INSERT INTO audit_entries" in s for s in seen)) == ([], 1)


def test_a_refused_repeat_of_someone_elses_command_id_is_still_refused_as_a_duplicate(room):
    raw = cmd("add_area", title="Money for food")
    room.send(room.chair, raw)
    with pytest.raises(MeetingError) as error:
        room.send(room.person("parent"), raw)  # a parent may not add areas, and the id is taken
    assert error.value.code == "duplicate_id"
