"""The Socket.IO edge: a foreign Origin is refused; oversized payloads are refused with a clear error
(or, past Engine.IO's cap, cost only their own connection); a removed participant's socket is
closed and its token dead; a deactivated or signed-out chair's socket stops."""

import threading
import time

import pytest
import socketio as socketio_client
import websocket
from sqlalchemy import select
from werkzeug.serving import make_server

from meeting import db
from meeting.models import Meeting, Participant
from tests.conftest import cmd, csrf, socket_for
from tests.security.conftest import admitted, join_code

FOREIGN = "https://evil.example"


@pytest.fixture
def screen_key(app, demo_meeting):
    with app.app_context():
        return db.session().get(Meeting, demo_meeting).screen_key


@pytest.fixture
def server(app):
    """The app served for real (werkzeug, threading mode) on a free port of 127.0.0.1."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(5)


def _screen(server, demo_meeting, screen_key, **options):
    client = socketio_client.Client(reconnection=False)
    client.connect(
        server, auth={"meeting": demo_meeting, "screen_key": screen_key}, wait_timeout=5, **options
    )
    return client


# --- Origin -----------------------------------------------------------------------------------


def test_a_foreign_origin_cannot_open_a_socket(client):
    response = client.get("/socket.io/?EIO=4&transport=polling", headers={"Origin": FOREIGN})
    assert response.status_code == 400
    assert b"Not an accepted origin" in response.data


def test_the_sites_own_origin_opens_a_socket(client):
    response = client.get("/socket.io/?EIO=4&transport=polling", headers={"Origin": "http://localhost"})
    assert response.status_code == 200
    assert response.data.startswith(b"0{")


def test_a_forwarded_host_header_from_the_client_is_not_trusted(client):
    """Without TRUSTED_PROXIES the origin check ignores X-Forwarded-Host (Engine.IO's own default
    would believe it)."""
    response = client.get(
        "/socket.io/?EIO=4&transport=polling",
        headers={"Origin": FOREIGN, "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"},
    )
    assert response.status_code == 400


def test_a_foreign_origin_websocket_is_refused_by_a_real_server(server):
    url = server.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(url, origin=FOREIGN, timeout=5)
    assert refused.value.status_code == 400
    same = websocket.create_connection(url, origin=server, timeout=5)
    assert same.recv().startswith("0{")
    same.close()


def test_a_foreign_origin_client_is_refused_and_the_own_origin_connects(server, demo_meeting, screen_key):
    with pytest.raises(socketio_client.exceptions.ConnectionError):
        _screen(server, demo_meeting, screen_key, headers={"Origin": FOREIGN}, transports=["polling"])
    ours = _screen(server, demo_meeting, screen_key, headers={"Origin": server}, transports=["polling"])
    assert ours.call("catch_up", {}, timeout=5)["ok"]
    ours.disconnect()


def test_a_configured_public_origin_is_allowed_besides_the_own_one(tmp_path, migrated_template, monkeypatch):
    import shutil

    from meeting import create_app
    from meeting.config import TestConfig

    monkeypatch.setenv("ECP_INSTANCE_DIR", str(tmp_path))
    shutil.copy(migrated_template, tmp_path / "ecp.db")
    app = create_app(
        TestConfig(
            f"sqlite:///{tmp_path / 'ecp.db'}", INSTANCE_DIR=tmp_path, PUBLIC_URL="https://ecp.example.gov.uk"
        )
    )
    c = app.test_client()
    for origin, status in (("https://ecp.example.gov.uk", 200), ("http://localhost", 200), (FOREIGN, 400)):
        assert c.get("/socket.io/?EIO=4&transport=polling", headers={"Origin": origin}).status_code == status
    app.extensions["db_engine"].dispose()


# --- Payload size -----------------------------------------------------------------------------


def test_a_command_over_the_cap_is_refused_with_a_clear_error(app, chair_client, demo_meeting):
    chair = socket_for(app, chair_client, demo_meeting)
    area = chair.emit("catch_up", {}, callback=True)["state"]["areas"][0]["id"]
    revision = chair.emit("catch_up", {}, callback=True)["state"]["revision"]
    big = cmd(
        "update_area",
        area_id=area,
        not_good_enough="x" * 3000,
        good_enough="y" * 3000,
        family_words="z" * 3000,
        agreed_wording="w" * 3000,
        title="é" * 9000,
    )
    ack = chair.emit("command", big, callback=True)
    assert ack["ok"] is False
    assert ack["code"] == "too_large"
    assert "the most is 24 KB" in ack["message"]
    # Nothing changed, and the same socket (and everyone else) is still served.
    state = chair.emit("catch_up", {}, callback=True)["state"]
    assert state["revision"] == revision
    ok = chair.emit("command", cmd("update_area", area_id=area, family_words="Shorter."), callback=True)
    assert ok["ok"], ok


def test_the_longest_valid_command_fits_under_the_cap(app, chair_client, demo_meeting):
    chair = socket_for(app, chair_client, demo_meeting)
    area = chair.emit("catch_up", {}, callback=True)["state"]["areas"][0]["id"]
    full = cmd(
        "update_area",
        area_id=area,
        title="t" * 200,
        not_good_enough="a" * 4000,
        good_enough="b" * 4000,
        family_words="c" * 4000,
        agreed_wording="d" * 4000,
    )
    assert chair.emit("command", full, callback=True)["ok"]


def test_an_over_long_text_field_is_refused_by_name(app, chair_client, demo_meeting):
    chair = socket_for(app, chair_client, demo_meeting)
    area = chair.emit("catch_up", {}, callback=True)["state"]["areas"][0]["id"]
    ack = chair.emit("command", cmd("update_area", area_id=area, good_enough="g" * 4001), callback=True)
    assert ack["code"] == "too_long"
    assert "good_enough is 4001 characters; the most allowed is 4000" in ack["message"]


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_a_message_past_the_engine_cap_costs_only_its_own_connection(
    server, demo_meeting, screen_key, transport
):
    """Past 32 KB Engine.IO drops the sender's connection (no ack is possible there); the server
    goes on serving everyone else, and the sender can reconnect."""
    sender = _screen(server, demo_meeting, screen_key, transports=[transport])
    bystander = _screen(server, demo_meeting, screen_key, transports=[transport])
    assert sender.call("catch_up", {}, timeout=5)["ok"]
    sender.emit("catch_up", {"junk": "x" * 40_000})
    deadline = time.monotonic() + 10
    while sender.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not sender.connected
    # The client leaves its side of a connection the server dropped open: close it here.
    if sender.eio.ws is not None:
        sender.eio.ws.shutdown()
    if sender.eio.http is not None:
        sender.eio.http.close()
    assert bystander.call("catch_up", {}, timeout=5)["ok"]
    again = _screen(server, demo_meeting, screen_key, transports=[transport])
    assert again.call("catch_up", {}, timeout=5)["ok"]
    for c in (bystander, again):
        c.disconnect()


# --- Removal and deactivation -------------------------------------------------------------------


def test_a_removed_participants_socket_is_closed_and_their_token_dead(app, chair_client, demo_meeting):
    chair = socket_for(app, chair_client, demo_meeting)
    code = join_code(app, demo_meeting)
    device, sock, person = admitted(app, chair, demo_meeting, code, "practitioner", "Pat Removed", "Health")
    assert sock.emit("catch_up", {}, callback=True)["ok"]
    ack = chair.emit("command", cmd("remove_participant", participant_id=person), callback=True)
    assert ack["ok"], ack
    assert not sock.is_connected()
    # The token is revoked: no socket, no device page, no command.
    assert not socket_for(app, device, demo_meeting).is_connected()
    assert device.get(f"/meetings/{demo_meeting}/live").status_code == 403
    with app.app_context():
        assert db.session().get(Participant, person).token_hash is None
    # Joining again by the same code puts them back in the lobby only, as a new person.
    again = device.post(
        f"/join/{code}",
        data={"name": "Pat Removed", "role": "practitioner", "agency": "Health", "csrf_token": csrf(device)},
    )
    assert again.status_code == 302
    with app.app_context():
        rows = db.session().scalars(select(Participant).where(Participant.name == "Pat Removed")).all()
        assert sorted(p.admission for p in rows) == ["removed", "waiting"]


def test_a_deactivated_chairs_socket_is_closed_and_cannot_reconnect(app, demo_meeting, make_user):
    from meeting.demo import CHAIR_EMAIL
    from tests.conftest import sign_in

    admin_id, admin_email = make_user("admin")
    chair_http = app.test_client()
    sign_in(chair_http, CHAIR_EMAIL)
    chair = socket_for(app, chair_http, demo_meeting)
    assert chair.is_connected()
    admin = app.test_client()
    sign_in(admin, admin_email)
    with app.app_context():
        from meeting.models import User

        chair_user = db.session().scalar(select(User.id).where(User.email == CHAIR_EMAIL))
    assert (
        admin.post(f"/admin/accounts/{chair_user}/deactivate", data={"csrf_token": csrf(admin)}).status_code
        == 302
    )
    assert not chair.is_connected()
    assert not socket_for(app, chair_http, demo_meeting).is_connected()
    assert chair_http.get(f"/meetings/{demo_meeting}/console").status_code == 302


def test_a_chairs_socket_stops_working_once_their_password_changed_elsewhere(app, chair_client, demo_meeting):
    """A socket opened before a password change (e.g. on a lost laptop) refuses the next command."""
    from meeting import accounts
    from meeting.demo import CHAIR_EMAIL
    from meeting.models import User
    from tests.conftest import PASSWORD

    chair = socket_for(app, chair_client, demo_meeting)
    state = chair.emit("catch_up", {}, callback=True)["state"]
    area, revision = state["areas"][1]["id"], state["revision"]
    with app.app_context():
        user = db.session().scalar(select(User).where(User.email == CHAIR_EMAIL))
        accounts.change_password(user, PASSWORD, "a brand new passphrase")
        db.session().commit()
    chair.emit("command", cmd("set_focus", area_id=area), callback=True)
    assert not chair.is_connected()
    with app.app_context():
        assert db.session().get(Meeting, demo_meeting).revision == revision


# --- Signing out --------------------------------------------------------------------------------


def _copy_of(app, browser):
    """Another browser holding a copy of this one's session cookie (a shared PC, a proxy log)."""
    thief = app.test_client()
    thief.set_cookie("ecp_session", browser.get_cookie("ecp_session").value)
    return thief


def test_signing_out_closes_the_sockets_of_a_copied_session(app, chair_client, demo_meeting):
    thief = socket_for(app, _copy_of(app, chair_client), demo_meeting)
    assert thief.is_connected()
    assert chair_client.post("/signout", data={"csrf_token": csrf(chair_client)}).status_code == 302
    assert not thief.is_connected()


def test_a_copied_session_cannot_open_a_socket_after_sign_out(app, chair_client, demo_meeting):
    thief = _copy_of(app, chair_client)
    chair_client.post("/signout", data={"csrf_token": csrf(chair_client)})
    assert not socket_for(app, thief, demo_meeting).is_connected()


def test_a_chairs_socket_command_is_refused_after_sign_out_in_another_browser(
    app, chair_client, demo_meeting, monkeypatch
):
    """A socket the sign-out could not close (on a process that missed the notice) refuses its next
    command: the check is on every command, not only at the close."""
    from meeting import presence
    from meeting.demo import CHAIR_EMAIL
    from tests.conftest import sign_in

    monkeypatch.setattr(presence, "disconnect_person", lambda *args, **kwargs: None)
    chair = socket_for(app, chair_client, demo_meeting)
    state = chair.emit("catch_up", {}, callback=True)["state"]
    area, revision = state["areas"][1]["id"], state["revision"]
    other = app.test_client()
    sign_in(other, CHAIR_EMAIL)
    assert other.post("/signout", data={"csrf_token": csrf(other)}).status_code == 302
    assert chair.is_connected()  # the close was missed
    ack = chair.emit("command", cmd("set_focus", area_id=area), callback=True)
    assert (ack["ok"], ack.get("code")) == (False, "signed_out")
    with app.app_context():
        assert db.session().get(Meeting, demo_meeting).revision == revision
