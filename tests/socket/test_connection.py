"""Who may open a socket, the lobby's notices, and what removal does to a device."""

import pytest

from meeting.extensions import socketio
from tests.socket.conftest import received

EVIL = {"Origin": "http://evil.example"}


def test_a_foreign_origin_is_refused(app, chair_client, demo_meeting):
    sock = socketio.test_client(
        app, flask_test_client=chair_client, auth={"meeting": demo_meeting}, headers=EVIL
    )
    assert not sock.is_connected()


def test_a_foreign_origin_is_refused_for_the_screen_too(live):
    sock = socketio.test_client(
        live.app, auth={"meeting": live.meeting_id, "screen_key": live.row().screen_key}, headers=EVIL
    )
    assert not sock.is_connected()


def test_the_pages_own_origin_is_accepted(app, chair_client, demo_meeting):
    headers = {"Origin": "http://localhost"}
    sock = socketio.test_client(
        app, flask_test_client=chair_client, auth={"meeting": demo_meeting}, headers=headers
    )
    assert sock.is_connected()


@pytest.mark.parametrize("auth", [None, {}, {"meeting": "1"}, {"meeting": True}, {"meeting": 99999}])
def test_a_socket_must_name_a_real_meeting(app, chair_client, demo_meeting, auth):
    sock = socketio.test_client(app, flask_test_client=chair_client, auth=auth)
    assert not sock.is_connected()


def test_a_stranger_without_a_token_is_refused(live):
    assert not live.connect(live.app.test_client()).is_connected()


@pytest.mark.parametrize("key", ["wrong", "", None])
def test_a_screen_with_a_bad_key_is_refused(live, key):
    assert not live.connect(live.app.test_client(), screen_key=key).is_connected()


def test_the_shared_screen_sends_no_commands(live):
    ack = live.send(live.socket("screen"), "set_focus", area_id=live.area_ids()[1])
    assert (ack["ok"], ack["code"]) == (False, "forbidden")


# --- the lobby ---------------------------------------------------------------------


def waiting(live, role="parent", name="Wyn Hughes"):
    client, person_id = live.join(role, name)
    return client, person_id, live.connect(client)


def test_a_waiting_device_is_connected(live):
    assert waiting(live)[2].is_connected()


def test_a_waiting_device_receives_no_meeting_traffic(live):
    _, _, sock = waiting(live)
    sock.get_received()
    live.run("set_focus", area_id=live.area_ids()[1])
    assert received(sock, "patch") == []


def test_a_waiting_person_is_told_they_are_admitted(live):
    _, person_id, sock = waiting(live)
    live.admit(person_id)
    assert {"notice": "admitted"} in received(sock, "notice")


def test_an_admitted_person_reconnects_into_the_meeting(live):
    client, person_id, sock = waiting(live)
    live.admit(person_id)
    sock.disconnect()
    assert live.state(live.connect(client))["revision"] == live.revision


def test_a_waiting_device_asking_for_the_state_is_refused_but_stays_connected(live):
    _, _, sock = waiting(live)
    ack = sock.emit("catch_up", {}, callback=True)
    assert (ack["ok"], sock.is_connected()) == (False, True)


def test_a_waiting_device_that_asked_for_the_state_still_hears_it_is_admitted(live):
    _, person_id, sock = waiting(live)
    sock.emit("catch_up", {}, callback=True)
    live.admit(person_id)
    assert {"notice": "admitted"} in received(sock, "notice")


def test_a_declined_person_is_told_and_disconnected(live):
    _, person_id, sock = waiting(live)
    live.run("decline_participant", participant_id=person_id)
    assert ({"notice": "declined"} in received(sock, "notice"), sock.is_connected()) == (True, False)


def test_a_declined_device_cannot_reconnect(live):
    client, person_id, _ = waiting(live)
    live.run("decline_participant", participant_id=person_id)
    assert not live.connect(client).is_connected()


# --- removal -------------------------------------------------------------------------


def removed(live, role="parent"):
    sock = live.socket(role)
    client = next(s for s in live.sockets if s is sock).flask_test_client
    live.run("remove_participant", participant_id=live.ids[role])
    return client, sock


def test_a_removed_persons_socket_is_disconnected(live):
    _, sock = removed(live)
    assert not sock.is_connected()


def test_a_removed_person_is_told_why(live):
    sock = live.socket("parent")
    live.run("remove_participant", participant_id=live.ids["parent"])
    assert {"notice": "removed"} in received(sock, "notice")


def test_a_removed_persons_token_no_longer_connects(live):
    client, _ = removed(live)
    assert not live.connect(client).is_connected()


def test_a_removed_persons_page_is_refused(live):
    client, _ = removed(live)
    assert client.get(f"/meetings/{live.meeting_id}/live").status_code == 403


def test_a_removed_person_is_gone_from_everyones_list(live):
    watcher = live.socket("carer")
    removed(live, "parent")
    people = {p["id"] for p in live.state(watcher)["participants"]}
    assert live.ids["parent"] not in people


def test_other_devices_carry_on_after_a_removal(live):
    carer = live.socket("carer")
    removed(live, "parent")
    assert (carer.is_connected(), live.state(carer)["revision"]) == (True, live.revision)


def test_every_device_of_a_removed_person_is_disconnected(live):
    sock = live.socket("parent")
    second = live.connect(sock.flask_test_client)
    live.run("remove_participant", participant_id=live.ids["parent"])
    assert (sock.is_connected(), second.is_connected()) == (False, False)
