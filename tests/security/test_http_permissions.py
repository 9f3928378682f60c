"""Every staff role against every HTTP action: the allowed ones work, every other is refused and
changes nothing. Socket commands per participant role are in tests/socket/test_permissions.py."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from meeting import db
from meeting.models import Meeting, Participant, User
from meeting.operations.chairs import name_co_chair
from tests.conftest import NOW, csrf
from tests.security.conftest import STAFF, Staff, fingerprint


@dataclass
class Case:
    """One HTTP action: how to call it, who may, and what success looks like."""

    method: str
    url: Callable[[Staff], str]
    allowed: set[str]
    ok: int = 200
    form: Callable[[Staff], dict] = field(default=lambda staff: {})
    prepare: Callable[[Staff], None] = field(default=lambda staff: None)


def _co_chair(staff: Staff) -> int:
    """Name a third chair co-chair of the demo meeting; return their participant id."""
    from meeting import accounts

    with staff.app.app_context():
        session = db.session()
        user = accounts.create_user(
            session, NOW, email="co.chair@example.org", name="Co Chair", role="chair", password="x" * 16
        )
        chair = session.scalar(
            select(Participant).where(
                Participant.meeting_id == staff.meeting_id, Participant.user_id == staff.ids["chair"]
            )
        )
        person, _, _ = name_co_chair(session, staff.meeting_id, chair, user.id, NOW)
        session.commit()
        return person.id


def _co_chair_id(staff: Staff) -> int:
    with staff.app.app_context():
        return db.session().scalar(select(Participant.id).where(Participant.name == "Co Chair"))


def _target(staff: Staff) -> int:
    """A fresh account for the admin actions to act on."""
    from meeting import accounts

    with staff.app.app_context():
        user = accounts.create_user(
            db.session(), NOW, email="target@example.org", name="Target", role="chair", password="y" * 16
        )
        db.session().commit()
        staff.ids["target"] = user.id
        return user.id


def _deactivated_target(staff: Staff) -> None:
    _target(staff)
    with staff.app.app_context():
        db.session().get(User, staff.ids["target"]).active = False
        db.session().commit()


NEW_MEETING = {
    "kind": "core_group",
    "title": "Core group - Jones family",
    "case_reference": "CP-2026-0999",
    "meeting_date": "2026-12-14",
    "language": "en",
    "scale_min": "1",
    "child_name_0": "Ela",
    "child_age_0": "6",
}
MEETING = lambda path: lambda s: f"/meetings/{s.meeting_id}{path}"  # noqa: E731

CASES: dict[str, Case] = {
    "list own meetings": Case("GET", lambda s: "/", {"admin", "chair", "other_chair", "social_worker"}),
    "password page": Case("GET", lambda s: "/password", {"admin", "chair", "other_chair", "social_worker"}),
    "create_meeting (page)": Case("GET", lambda s: "/meetings/new", {"admin", "chair", "other_chair"}),
    "create_meeting": Case(
        "POST",
        lambda s: "/meetings/new",
        {"admin", "chair", "other_chair"},
        ok=302,
        form=lambda s: NEW_MEETING,
    ),
    "edit_meeting: console": Case("GET", MEETING("/console"), {"chair"}),
    "edit_meeting: chairs page": Case("GET", MEETING("/chairs"), {"chair"}),
    "edit_meeting: name co-chair": Case(
        "POST", MEETING("/chairs"), {"chair"}, ok=302, form=lambda s: {"user_id": str(s.ids["other_chair"])}
    ),
    "remove_participant: remove co-chair": Case(
        "POST",
        lambda s: f"/meetings/{s.meeting_id}/chairs/{_co_chair_id(s)}/remove",
        {"chair"},
        ok=302,
        prepare=_co_chair,
    ),
    "view_audit": Case("GET", MEETING("/audit"), {"chair", "admin"}),
    "view_audit: csv": Case("GET", MEETING("/audit.csv"), {"chair", "admin"}),
    "manage_accounts: home": Case("GET", lambda s: "/admin/", {"admin"}, ok=302),
    "manage_accounts: list": Case("GET", lambda s: "/admin/accounts", {"admin"}),
    "manage_accounts: all meetings": Case("GET", lambda s: "/admin/meetings", {"admin"}),
    "manage_accounts: create": Case(
        "POST",
        lambda s: "/admin/accounts",
        {"admin"},
        ok=201,
        form=lambda s: {"email": "new.sw@example.org", "name": "New Worker", "role": "social_worker"},
    ),
    "manage_accounts: deactivate": Case(
        "POST", lambda s: f"/admin/accounts/{s.ids['target']}/deactivate", {"admin"}, ok=302, prepare=_target
    ),
    "manage_accounts: reactivate": Case(
        "POST",
        lambda s: f"/admin/accounts/{s.ids['target']}/reactivate",
        {"admin"},
        ok=302,
        prepare=_deactivated_target,
    ),
    "manage_accounts: reset password": Case(
        "POST", lambda s: f"/admin/accounts/{s.ids['target']}/reset-password", {"admin"}, prepare=_target
    ),
}
PAIRS = [(name, who) for name in CASES for who in STAFF]


def _call(staff: Staff, case: Case, who: str):
    client = staff.client(who)
    url = case.url(staff)
    if case.method == "GET":
        return client.get(url)
    return client.post(url, data={**case.form(staff), "csrf_token": csrf(client)})


@pytest.mark.parametrize("name, who", PAIRS)
def test_allowed_roles_succeed_and_every_other_is_refused_without_change(staff, name, who):
    case = CASES[name]
    case.prepare(staff)
    before = fingerprint(staff.app)
    response = _call(staff, case, who)
    if who in case.allowed:
        assert response.status_code == case.ok, response.data[:400]
        if case.method == "POST":
            assert fingerprint(staff.app) != before, "an allowed action changed nothing"
    elif who == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/signin")
        assert fingerprint(staff.app) == before
    else:
        assert response.status_code == 403, response.data[:400]
        assert fingerprint(staff.app) == before


def test_every_staff_route_is_in_the_matrix_or_public(app):
    """A new route must be added to the matrix above, or be a public/own-session page."""
    covered = {
        "auth.password",
        "meetings.index",
        "meetings.new",
        "meetings.console",
        "meetings.chairs",
        "meetings.remove_chair",
        "audit.view",
        "audit.export",
        "admin.index",
        "admin.accounts",
        "admin.meetings",
        "admin.deactivate",
        "admin.reactivate",
        "admin.reset_password",
    }
    # Public: sign-in, joining by code, the device page (its token), the screen (its key), language.
    public = {
        "static",
        "auth.signin",
        "auth.signout",
        "join.enter",
        "join.details",
        "join.device",
        "meetings.screen",
        "meetings.join_qr",
        "i18n.choose",
    }
    others = {r.endpoint for r in app.url_map.iter_rules()} - covered - public
    # The summary pages have their own role tests (tests/summary); the generic tests below cover them too.
    assert {e for e in others if not e.startswith("summaries.")} == set()


def _meeting_routes(app):
    """Every route with a meeting id, as a URL of the demo meeting with any other id set to 1."""
    routes = []
    for rule in app.url_map.iter_rules():
        if "meeting_id" not in rule.arguments:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule, method))
    return routes


def _url(app, rule, meeting_id):
    values = {arg: (meeting_id if arg == "meeting_id" else 1) for arg in rule.arguments}
    for arg, converter in rule._converters.items():  # noqa: SLF001
        if arg != "meeting_id" and converter.__class__.__name__ == "UnicodeConverter":
            values[arg] = "x"
    with app.test_request_context():
        return app.url_map.bind("localhost").build(rule.endpoint, values)


@pytest.mark.parametrize("who", ["anonymous", "other_chair", "social_worker"])
def test_no_meeting_page_of_any_blueprint_opens_to_someone_outside_the_meeting(staff, who):
    """Whatever its blueprint: no key, no token, no place in the meeting -> refused, nothing changed."""
    keyed = {"meetings.screen", "meetings.join_qr", "join.device"}
    before = fingerprint(staff.app)
    for rule, method in _meeting_routes(staff.app):
        client = staff.client(who)
        url = _url(staff.app, rule, staff.meeting_id)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": csrf(client)})
        assert response.status_code in (302, 400, 403, 404), (rule.endpoint, method, response.status_code)
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/signin"), (
                rule.endpoint,
                response.headers["Location"],
            )
        if rule.endpoint in keyed:
            assert response.status_code in (403, 404)
    assert fingerprint(staff.app) == before


def test_admin_is_not_a_chair_of_any_meeting(staff):
    """The admin reads the audit log but cannot drive a meeting or open its console."""
    client = staff.client("admin")
    assert client.get(f"/meetings/{staff.meeting_id}/console").status_code == 403
    assert client.get(f"/meetings/{staff.meeting_id}/audit").status_code == 200


def test_a_chair_lists_only_the_meetings_they_chair(staff):
    other = staff.client("other_chair")
    with staff.app.app_context():
        title = db.session().get(Meeting, staff.meeting_id).title
    assert title.encode() not in other.get("/").data
    assert title.encode() in staff.client("chair").get("/").data


@pytest.mark.parametrize("who", ["admin", "other_chair", "social_worker", "anonymous"])
def test_a_staff_account_outside_the_meeting_cannot_open_its_socket(staff, who):
    from tests.conftest import socket_for

    sock = socket_for(staff.app, staff.client(who), staff.meeting_id)
    assert not sock.is_connected()


def test_the_chair_opens_the_meetings_socket(staff):
    from tests.conftest import socket_for

    assert socket_for(staff.app, staff.client("chair"), staff.meeting_id).is_connected()
