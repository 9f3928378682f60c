"""Malformed commands over the socket: refused with a code, nothing changes, the server keeps answering."""

import pytest

from tests.conftest import cmd


def area(live):
    return live.area_ids()[0]


CASES = [
    ("wrong type", lambda live: cmd("set_focus", area_id=str(area(live))), "invalid_type"),
    ("bool for int", lambda live: cmd("place_position", round_id=1, value=True), "invalid_type"),
    ("int for bool", lambda live: cmd("close_meeting", confirm=1), "invalid_type"),
    (
        "missing field",
        lambda live: cmd("add_contribution", area_id=area(live), kind="worry"),
        "missing_field",
    ),
    ("unknown field", lambda live: cmd("set_focus", area_id=area(live), colour="red"), "unknown_field"),
    (
        "oversize text",
        lambda live: cmd("add_contribution", area_id=area(live), kind="worry", text="x" * 10_000),
        "too_long",
    ),
    (
        "empty text",
        lambda live: cmd("add_contribution", area_id=area(live), kind="worry", text="   "),
        "empty_text",
    ),
    (
        "unknown enum",
        lambda live: cmd("add_contribution", area_id=area(live), kind="gossip", text="x"),
        "unknown_value",
    ),
    (
        "unknown category",
        lambda live: cmd("give_registration_view", child_id=1, view="register", categories=["x"]),
        "unknown_value",
    ),
    ("unknown command", lambda live: cmd("drop_database"), "unknown_command"),
    ("not a dict", lambda live: ["set_focus", area(live)], "invalid_type"),
    ("a string", lambda live: "set_focus", "invalid_type"),
    ("null", lambda live: None, "invalid_type"),
    ("args not a dict", lambda live: {**cmd("set_focus"), "args": [area(live)]}, "invalid_type"),
    ("garbage id", lambda live: {**cmd("set_focus", area_id=area(live)), "id": "<script>"}, "bad_id"),
    ("id with newline", lambda live: {**cmd("set_focus", area_id=area(live)), "id": "abcdefgh\n"}, "bad_id"),
    ("numeric id", lambda live: {**cmd("set_focus", area_id=area(live)), "id": 12345678}, "bad_id"),
    ("missing id", lambda live: {"name": "undo_focus", "args": {}}, "bad_id"),
    ("huge id", lambda live: cmd("set_focus", area_id=2**60), "out_of_range"),
    (
        "on behalf not allowed",
        lambda live: cmd("set_focus", area_id=area(live), on_behalf_of=1),
        "unknown_field",
    ),
    ("unknown area", lambda live: cmd("set_focus", area_id=99999), "not_found"),
    ("value off the scale", lambda live: cmd("agree_scaling_position", round_id=1, value=11), "out_of_range"),
]


@pytest.mark.parametrize("make, code", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_malformed_command_is_refused_with_its_code(live, make, code):
    ack = live.chair.emit("command", make(live), callback=True)
    assert (ack["ok"], ack["code"]) == (False, code)


@pytest.mark.parametrize("make", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_a_malformed_command_changes_nothing(live, make):
    before = live.state()
    live.chair.emit("command", make(live), callback=True)
    assert live.state() == before


@pytest.mark.parametrize("make", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_the_server_still_answers_after_a_malformed_command(live, make):
    live.chair.emit("command", make(live), callback=True)
    assert live.send(live.chair, "set_focus", area_id=live.area_ids()[1])["ok"]


@pytest.mark.parametrize("role", ["parent", "practitioner"])
def test_a_malformed_command_from_a_device_is_refused_too(live, role):
    sock = live.socket(role)
    ack = sock.emit("command", {"id": "x", "name": 5, "args": 5}, callback=True)
    assert (ack["ok"], ack["code"]) == (False, "bad_id")


def test_a_command_without_a_payload_gets_a_clean_error(live):
    ack = live.chair.emit("command", callback=True)
    assert ack["ok"] is False


def test_a_refused_command_is_not_broadcast(live):
    parent = live.socket("parent")
    parent.get_received()
    live.chair.emit(
        "command", cmd("add_contribution", area_id=area(live), kind="gossip", text="x"), callback=True
    )
    assert [m for m in parent.get_received() if m["name"] == "patch"] == []


def test_a_repeated_command_is_acknowledged_as_a_duplicate(live):
    raw = cmd("set_focus", area_id=live.area_ids()[1])
    first = live.chair.emit("command", raw, callback=True)
    assert live.chair.emit("command", raw, callback=True) == {**first, "duplicate": True}


def test_a_repeated_command_is_not_broadcast_again(live):
    parent = live.socket("parent")
    raw = cmd("set_focus", area_id=live.area_ids()[1])
    live.chair.emit("command", raw, callback=True)
    parent.get_received()
    live.chair.emit("command", raw, callback=True)
    assert [m for m in parent.get_received() if m["name"] == "patch"] == []
