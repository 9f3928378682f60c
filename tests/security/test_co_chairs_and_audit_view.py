"""Only the meeting's chair or a named co-chair drives it; the audit view shows every change without
leaking a hidden scale value, and its CSV cannot smuggle a formula into a spreadsheet."""

import csv
import io

from sqlalchemy import select

from meeting import db
from meeting.models import AuditEntry, Participant
from tests.conftest import cmd, csrf, socket_for
from tests.security.conftest import admitted, join_code


def _name_co_chair(staff, user_id: int):
    chair = staff.client("chair")
    return chair, chair.post(
        f"/meetings/{staff.meeting_id}/chairs", data={"user_id": str(user_id), "csrf_token": csrf(chair)}
    )


def test_a_named_co_chair_drives_the_meeting(staff):
    chair_http, response = _name_co_chair(staff, staff.ids["other_chair"])
    assert response.status_code == 302
    co = staff.client("other_chair")
    assert co.get(f"/meetings/{staff.meeting_id}/console").status_code == 200
    assert f"/meetings/{staff.meeting_id}/console".encode() in co.get("/").data
    sock = socket_for(staff.app, co, staff.meeting_id)
    assert sock.is_connected()
    area = sock.emit("catch_up", {}, callback=True)["state"]["areas"][1]["id"]
    assert sock.emit("command", cmd("set_focus", area_id=area), callback=True)["ok"]
    with staff.app.app_context():
        entry = (
            db.session()
            .scalars(select(AuditEntry).where(AuditEntry.command == "name_co_chair").order_by(AuditEntry.id))
            .one()
        )
        assert entry.actor_user_id == staff.ids["chair"]
        assert entry.payload["user_id"] == staff.ids["other_chair"]


def test_the_chairs_console_hears_of_the_new_co_chair_at_once(staff):
    chair = staff.client("chair")
    sock = socket_for(staff.app, chair, staff.meeting_id)
    sock.get_received()
    chair.post(
        f"/meetings/{staff.meeting_id}/chairs",
        data={"user_id": str(staff.ids["other_chair"]), "csrf_token": csrf(chair)},
    )
    patches = [m["args"][0] for m in sock.get_received() if m["name"] == "patch"]
    people = [p for patch in patches for p in patch["upsert"].get("participants", [])]
    assert [(p["role"], p["admission"]) for p in people] == [("chair", "admitted")]


def test_only_an_account_that_can_chair_may_be_named(staff):
    _, response = _name_co_chair(staff, staff.ids["social_worker"])
    assert response.status_code == 404
    assert b"No such account of someone who can chair meetings." in response.data
    assert staff.client("social_worker").get(f"/meetings/{staff.meeting_id}/console").status_code == 403


def test_a_removed_co_chair_loses_the_console_the_socket_and_the_list(staff):
    _name_co_chair(staff, staff.ids["other_chair"])
    co = staff.client("other_chair")
    sock = socket_for(staff.app, co, staff.meeting_id)
    assert sock.is_connected()
    with staff.app.app_context():
        person = db.session().scalar(
            select(Participant.id).where(Participant.user_id == staff.ids["other_chair"])
        )
    chair = staff.client("chair")
    removed = chair.post(
        f"/meetings/{staff.meeting_id}/chairs/{person}/remove", data={"csrf_token": csrf(chair)}
    )
    assert removed.status_code == 302
    assert not sock.is_connected()
    assert co.get(f"/meetings/{staff.meeting_id}/console").status_code == 403
    assert not socket_for(staff.app, co, staff.meeting_id).is_connected()
    assert f"/meetings/{staff.meeting_id}/console".encode() not in co.get("/").data


def test_the_chair_cannot_remove_themselves_or_an_ordinary_participant_from_the_chairs_page(staff):
    chair = staff.client("chair")
    with staff.app.app_context():
        me = db.session().scalar(select(Participant.id).where(Participant.user_id == staff.ids["chair"]))
        other = db.session().scalar(
            select(Participant.id).where(
                Participant.meeting_id == staff.meeting_id, Participant.role == "parent"
            )
        )
    for target in (me, other):
        response = chair.post(
            f"/meetings/{staff.meeting_id}/chairs/{target}/remove", data={"csrf_token": csrf(chair)}
        )
        assert response.status_code in (404, 409)


def test_a_co_chair_cannot_be_named_once_the_meeting_is_closed(app, staff):
    chair = socket_for(app, staff.client("chair"), staff.meeting_id)
    assert chair.emit("command", cmd("close_meeting", confirm=True), callback=True)["ok"]
    _, response = _name_co_chair(staff, staff.ids["other_chair"])
    assert response.status_code == 409


# --- the audit view -----------------------------------------------------------------------------


def _round_with_positions(app, chair_client, meeting_id):
    chair = socket_for(app, chair_client, meeting_id)
    code = join_code(app, meeting_id)
    _, parent, _ = admitted(app, chair, meeting_id, code, "parent", "Sian Hughes", "")
    area = chair.emit("catch_up", {}, callback=True)["state"]["areas"][0]["id"]
    round_id = chair.emit("command", cmd("open_scaling_round", area_id=area), callback=True)["round_id"]
    ack = parent.emit(
        "command", cmd("place_position", round_id=round_id, value=7, reason="SECRET-REASON"), callback=True
    )
    assert ack["ok"], ack
    return chair, round_id


def _audit(client, meeting_id):
    page = client.get(f"/meetings/{meeting_id}/audit").get_data(as_text=True)
    export = client.get(f"/meetings/{meeting_id}/audit.csv").get_data(as_text=True)
    return page, export


def test_a_hidden_position_stays_hidden_in_the_audit_log_until_the_reveal(app, chair_client, demo_meeting):
    chair, round_id = _round_with_positions(app, chair_client, demo_meeting)
    for text in _audit(chair_client, demo_meeting):
        assert "SECRET-REASON" not in text
        assert "hidden until the round is revealed" in text
        assert "value: 7" not in text and '"value": 7' not in text
    assert chair.emit("command", cmd("reveal_scaling_round", round_id=round_id), callback=True)["ok"]
    page, export = _audit(chair_client, demo_meeting)
    assert "value: 7" in page and "SECRET-REASON" in page
    assert '""value"": 7' in export and "SECRET-REASON" in export
    # An accidental reveal taken back hides the values again.
    assert chair.emit("command", cmd("undo_reveal", round_id=round_id), callback=True)["ok"]
    for text in _audit(chair_client, demo_meeting):
        assert "SECRET-REASON" not in text


def test_the_audit_view_shows_who_when_from_which_device_and_what(app, chair_client, demo_meeting):
    chair = socket_for(app, chair_client, demo_meeting)
    area = chair.emit("catch_up", {}, callback=True)["state"]["areas"][1]["id"]
    chair.emit("command", cmd("set_focus", area_id=area), callback=True)
    page = chair_client.get(f"/meetings/{demo_meeting}/audit", headers={"User-Agent": "Firefox/140"})
    assert page.status_code == 200
    rows = list(
        csv.DictReader(
            io.StringIO(
                chair_client.get(f"/meetings/{demo_meeting}/audit.csv").get_data(True).lstrip("\ufeff")
            )
        )
    )
    last = rows[-1]
    assert last["command"] == "set_focus"
    assert last["who"] == "Rhian Evans" and last["role"] == "chair"
    assert last["time_utc"].endswith("Z")
    assert last["device"]
    assert f'"area_id": {area}' in last["payload"]
    assert [int(r["revision"]) for r in rows] == list(range(1, len(rows) + 1))


def test_the_csv_export_cannot_carry_a_spreadsheet_formula(app, chair_client, demo_meeting):
    from tests.security.conftest import join

    join(app, demo_meeting, join_code(app, demo_meeting), "parent", '=HYPERLINK("https://evil.example","x")')
    export = chair_client.get(f"/meetings/{demo_meeting}/audit.csv")
    assert export.headers["Content-Disposition"].startswith('attachment; filename="audit-')
    assert export.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff"))))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)


def test_the_audit_page_escapes_what_people_typed(app, chair_client, demo_meeting):
    from tests.security.conftest import join

    join(app, demo_meeting, join_code(app, demo_meeting), "parent", "<script>alert(1)</script>")
    page = chair_client.get(f"/meetings/{demo_meeting}/audit").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
