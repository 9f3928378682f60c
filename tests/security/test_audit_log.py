"""The audit log records every command of a played conference, in order, and nothing can change or
delete an entry: no code path does (checked over the source), the ORM refuses, the database refuses."""

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from meeting import db
from meeting.domain.commands import COMMANDS
from meeting.models import AuditEntry, Meeting, PurgeRecord
from tests.conftest import NOW, cmd, socket_for
from tests.security.conftest import admitted, join, join_code

MEETING_DIR = Path(__file__).resolve().parents[2] / "meeting"


class Played:
    """A conference played over sockets, every acknowledged command remembered."""

    def __init__(self, app, chair_client, meeting_id):
        self.app, self.meeting_id = app, meeting_id
        self.chair = socket_for(app, chair_client, meeting_id)
        self.ids: dict[int, int] = {}  # socket id -> participant id
        self.applied: list[tuple[str, str, int, int]] = []  # (command id, name, revision, sender)
        self.refused: list[str] = []
        state = self.state()
        self.chair_id = state["me"]
        self.ids[id(self.chair)] = self.chair_id

    def state(self, sock=None):
        return (sock or self.chair).emit("catch_up", {}, callback=True)

    def send(self, sock, name, /, **args):
        command = cmd(name, **args)
        ack = sock.emit("command", command, callback=True)
        if ack["ok"]:
            self.applied.append((command["id"], name, ack["revision"], self.ids[id(sock)]))
        else:
            self.refused.append(command["id"])
        return ack

    def ok(self, sock, name, /, **args):
        ack = self.send(sock, name, **args)
        assert ack["ok"], (name, ack)
        return ack


def play(app, chair_client, meeting_id) -> Played:
    """Every command of the protocol at least once, by the people who may send it."""
    p = Played(app, chair_client, meeting_id)
    chair = p.chair
    code = join_code(app, meeting_id)
    _, pro, pro_id = admitted(app, chair, meeting_id, code, "practitioner", "Nia Williams", "Health Visiting")
    _, parent, parent_id = admitted(app, chair, meeting_id, code, "parent", "Sian Hughes", "")
    _, minute, minute_id = admitted(
        app, chair, meeting_id, code, "minute_taker", "Lowri Davies", "Safeguarding"
    )
    p.ids.update({id(pro): pro_id, id(parent): parent_id, id(minute): minute_id})
    _, declined = join(app, meeting_id, code, "observer", "Someone Unknown")
    _, removed = join(app, meeting_id, code, "supporter", "Bethan Jones")
    state = p.state()["state"]
    areas = [a["id"] for a in state["areas"]]
    children = [c["id"] for c in state["children"]]

    p.ok(chair, "close_lobby")
    p.ok(chair, "open_lobby")
    p.ok(chair, "add_expected_participant", name="Dr Jane Roberts", role="practitioner", agency="CAMHS")
    p.ok(chair, "record_attendance", attendance="apologies", name="Housing Officer", role="practitioner")
    p.ok(chair, "decline_participant", participant_id=declined)
    p.ok(chair, "admit_participant", participant_id=removed)
    p.ok(chair, "remove_participant", participant_id=removed)
    extra = p.ok(chair, "add_area", title="An area added by mistake")["area_id"]
    p.ok(chair, "update_area", area_id=areas[0], family_words="We want a clean, safe home.")
    p.ok(chair, "reorder_areas", area_ids=[areas[1], areas[0], areas[2], extra])
    p.ok(chair, "remove_area", area_id=extra)
    p.ok(chair, "set_focus", area_id=areas[1])
    p.ok(chair, "undo_focus")
    worry = p.ok(pro, "add_contribution", area_id=areas[0], kind="worry", text="Rubbish at 4 of 6 visits.")
    p.ok(
        pro,
        "edit_contribution",
        contribution_id=worry["contribution_id"],
        text="Rubbish at 4 of 6 home visits.",
    )
    p.ok(parent, "add_contribution", area_id=areas[0], kind="strength", text="We cleaned the kitchen.")
    behaviour = p.ok(pro, "propose_behaviour", area_id=areas[0], text="Osian sleeps in his cot every night.")
    b_id = behaviour["behaviour_id"]
    p.ok(minute, "edit_behaviour", behaviour_id=b_id, text="Osian sleeps in his own cot, on his back.")
    p.ok(parent, "respond_to_behaviour", behaviour_id=b_id, answer="agreed")
    p.ok(chair, "set_behaviour_status", behaviour_id=b_id, status="agreed")
    p.ok(chair, "update_step", behaviour_id=b_id, progress="in_progress", who="Health visitor")
    round_id = p.ok(chair, "open_scaling_round", area_id=areas[0])["round_id"]
    p.ok(pro, "place_position", round_id=round_id, value=3, reason="Still unsafe.")
    p.ok(parent, "place_position", round_id=round_id, value=6, reason="Much better now.")
    p.ok(chair, "place_position", round_id=round_id, value=4, on_behalf_of=parent_id)
    p.ok(chair, "reveal_scaling_round", round_id=round_id)
    p.ok(chair, "undo_reveal", round_id=round_id)
    p.ok(chair, "reveal_scaling_round", round_id=round_id)
    p.ok(chair, "agree_scaling_position", round_id=round_id, value=4, rationale="Some change.")
    p.ok(chair, "start_closed_session", reason="Police information")
    p.ok(
        pro,
        "give_registration_view",
        child_id=children[0],
        view="register",
        categories=["neglect"],
        reason="x",
    )
    private = p.ok(chair, "add_area", title="Risk from a visitor")["area_id"]
    p.ok(chair, "end_closed_session")
    p.ok(chair, "share_area", area_id=private)
    p.ok(parent, "give_registration_view", child_id=children[0], view="do_not_register")
    for child in children:
        p.ok(
            chair,
            "record_registration_decision",
            child_id=child,
            decision="register",
            categories=["neglect"],
            reasons="Neglect of basic care.",
        )
    # Refused commands leave no entry and take no revision.
    assert not p.send(parent, "set_focus", area_id=areas[2])["ok"]
    assert not p.send(
        minute,
        "record_registration_decision",
        child_id=children[0],
        decision="register",
        categories=["neglect"],
        reasons="x",
    )["ok"]
    # A command sent twice (a lost ack) is applied once.
    again = cmd("set_focus", area_id=areas[2])
    first = chair.emit("command", again, callback=True)
    p.applied.append((again["id"], "set_focus", first["revision"], p.chair_id))
    assert chair.emit("command", again, callback=True)["duplicate"] is True
    p.ok(chair, "close_meeting", confirm=True)
    return p


@pytest.fixture
def played(app, chair_client, demo_meeting):
    return play(app, chair_client, demo_meeting)


def test_the_played_conference_uses_every_command(played):
    names = {name for _, name, _, _ in played.applied}
    assert names == set(COMMANDS), f"add to the played conference: {sorted(set(COMMANDS) - names)}"


def test_every_applied_command_has_exactly_one_entry_with_its_revision_sender_and_device(app, played):
    with app.app_context():
        session = db.session()
        for command_id, name, revision, sender in played.applied:
            entries = session.scalars(
                select(AuditEntry).where(
                    AuditEntry.meeting_id == played.meeting_id, AuditEntry.command_id == command_id
                )
            ).all()
            assert len(entries) == 1, (name, command_id)
            entry = entries[0]
            assert (entry.command, entry.revision, entry.actor_participant_id) == (name, revision, sender)
            assert entry.device  # address and browser, for "from which device"
            assert entry.actor_name and entry.actor_role


def test_refused_commands_leave_no_entry(app, played):
    with app.app_context():
        found = db.session().scalars(
            select(AuditEntry.command_id).where(AuditEntry.command_id.in_(played.refused))
        )
        assert list(found) == []


def test_the_log_has_no_gap_every_revision_is_one_entry(app, played):
    with app.app_context():
        session = db.session()
        meeting = session.get(Meeting, played.meeting_id)
        revisions = session.scalars(
            select(AuditEntry.revision)
            .where(AuditEntry.meeting_id == meeting.id)
            .order_by(AuditEntry.revision)
        ).all()
        assert revisions == list(range(1, meeting.revision + 1))
        commands = set(session.scalars(select(AuditEntry.command).where(AuditEntry.meeting_id == meeting.id)))
        # Besides the commands: the demo's set-up and each person joining through the lobby.
        assert commands - set(COMMANDS) == {"join_lobby"}


def test_the_chair_and_the_admin_see_every_entry_in_the_audit_view(app, played, chair_client, make_user):
    from tests.conftest import sign_in

    _, email = make_user("admin")
    admin = app.test_client()
    sign_in(admin, email)
    with app.app_context():
        count = db.session().get(Meeting, played.meeting_id).revision
    for client in (chair_client, admin):
        page = client.get(f"/meetings/{played.meeting_id}/audit").get_data(as_text=True)
        assert page.count("<tr>") == count + 1  # the header row and one per revision
        csv = client.get(f"/meetings/{played.meeting_id}/audit.csv").get_data(as_text=True)
        assert len(csv.strip().splitlines()) == count + 1


# --- nothing changes an entry ------------------------------------------------------------------

# Python that would update or delete audit entries (or purge records): ORM or Core statements on
# the model or table, and SQL text naming the table.
_WRITES = [
    re.compile(r"\b(update|delete)\(\s*(AuditEntry|PurgeRecord)\b"),
    re.compile(r"\b(AuditEntry|PurgeRecord)\.__table__\.(update|delete)\b"),
    re.compile(r"\b(UPDATE|DELETE\s+FROM)\s+\"?(audit_entries|purge_records)\b", re.IGNORECASE),
    re.compile(r"\b(audit_entries|purge_records)\b.*\.(update|delete)\(", re.IGNORECASE),
]


def _writes_in(path: Path) -> list[tuple[str, str]]:
    where = path.relative_to(MEETING_DIR.parent).as_posix()
    return [
        (where, line.strip())
        for line in path.read_text().splitlines()
        if any(p.search(line) for p in _WRITES)
    ]


def test_no_code_path_updates_or_deletes_an_audit_entry_but_the_recorded_purge():
    found = [hit for path in sorted(MEETING_DIR.rglob("*.py")) for hit in _writes_in(path)]
    assert found == [
        ("meeting/retention.py", "delete(AuditEntry).where(AuditEntry.meeting_id == meeting.id),")
    ]


def test_the_source_scan_would_see_a_delete():
    assert any(p.search("session.execute(delete(AuditEntry).where(AuditEntry.id == 1))") for p in _WRITES)
    assert any(p.search('connection.exec_driver_sql("DELETE FROM audit_entries")') for p in _WRITES)
    assert any(p.search("session.execute(update(AuditEntry).values(command='x'))") for p in _WRITES)


def test_the_orm_refuses_to_update_an_entry(app, demo_meeting):
    with app.app_context():
        session = db.session()
        entry = session.scalars(select(AuditEntry).where(AuditEntry.meeting_id == demo_meeting)).first()
        entry.command = "something_else"
        with pytest.raises(RuntimeError, match="append-only"):
            session.flush()
        session.rollback()


def test_the_orm_refuses_to_delete_an_entry(app, demo_meeting):
    with app.app_context():
        session = db.session()
        entry = session.scalars(select(AuditEntry).where(AuditEntry.meeting_id == demo_meeting)).first()
        session.delete(entry)
        with pytest.raises(RuntimeError, match="append-only"):
            session.flush()
        session.rollback()


def test_the_orm_refuses_to_change_a_purge_record(app):
    with app.app_context():
        session = db.session()
        record = PurgeRecord(meeting_id=999, case_reference="X", purged_at=NOW, retention_years=35)
        session.add(record)
        session.flush()
        record.case_reference = "Y"
        with pytest.raises(RuntimeError, match="permanent"):
            session.flush()
        session.rollback()
