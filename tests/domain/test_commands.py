"""commands.parse: nothing malformed or unknown gets through."""

import pytest

from meeting.domain.commands import COMMANDS, parse
from meeting.domain.errors import InvalidCommand
from meeting.domain.roles import ACTIONS

ID = "cmd-0123456789"
ON_BEHALF = {
    "add_contribution",
    "propose_behaviour",
    "respond_to_behaviour",
    "place_position",
    "give_registration_view",
}


def raw(command: str, /, *, _id: object = ID, **args) -> dict:
    return {"id": _id, "name": command, "args": args}


def code_of(payload) -> str:
    with pytest.raises(InvalidCommand) as error:
        parse(payload)
    return error.value.code


def test_a_good_command_is_parsed():
    command = parse(raw("add_contribution", area_id=3, kind="worry", text=" mess on the floor "))
    assert (command.id, command.name) == (ID, "add_contribution")
    assert command.args == {"area_id": 3, "kind": "worry", "text": "mess on the floor"}


def test_args_may_be_left_out_when_nothing_is_required():
    assert parse({"id": ID, "name": "undo_focus"}).args == {}


def test_optional_fields_are_kept_only_when_given():
    assert parse(raw("add_area", title="Safe sleep")).args == {"title": "Safe sleep"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_names_an_action_in_the_permission_table(name):
    assert COMMANDS[name].action in ACTIONS


@pytest.mark.parametrize("payload", [None, "set_focus", 7, ["set_focus"], True])
def test_a_command_must_be_an_object(payload):
    assert code_of(payload) == "invalid_type"


@pytest.mark.parametrize(
    "command_id",
    [None, 12345678, "short", "x" * 65, "has space in it", "semi;colon;", "é" * 10, "abcdefgh\n", ""],
)
def test_a_bad_id_is_refused(command_id):
    assert code_of(raw("undo_focus", _id=command_id)) == "bad_id"


@pytest.mark.parametrize("command_id", ["a" * 8, "A-b_9" * 12 + "abcd"])
def test_ids_of_8_to_64_safe_characters_are_accepted(command_id):
    assert parse(raw("undo_focus", _id=command_id)).id == command_id


@pytest.mark.parametrize("name", ["launch_rockets", "", None, 5, "__init__", "catch_up", "join_lobby"])
def test_an_unknown_command_is_refused(name):
    assert code_of(raw(name)) == "unknown_command"


@pytest.mark.parametrize("args", [None, [], "area_id=1", 5])
def test_args_must_be_an_object(args):
    assert code_of({"id": ID, "name": "set_focus", "args": args}) == "invalid_type"


def test_an_unknown_field_is_refused():
    assert code_of(raw("set_focus", area_id=1, colour="red")) == "unknown_field"


def test_a_missing_field_is_refused():
    assert code_of(raw("set_focus")) == "missing_field"


@pytest.mark.parametrize(
    "name, args, code",
    [
        ("set_focus", {"area_id": "1"}, "invalid_type"),
        ("set_focus", {"area_id": 0}, "out_of_range"),
        ("add_contribution", {"area_id": 1, "kind": "gossip", "text": "x"}, "unknown_value"),
        ("add_contribution", {"area_id": 1, "kind": "worry", "text": ""}, "empty_text"),
        ("add_contribution", {"area_id": 1, "kind": "worry", "text": "x" * 10_000}, "too_long"),
        (
            "add_contribution",
            {"area_id": 1, "kind": "worry", "text": "x", "practitioners_only": 1},
            "invalid_type",
        ),
        ("add_area", {"title": "x" * 201}, "too_long"),
        ("propose_behaviour", {"area_id": 1, "text": "x" * 1001}, "too_long"),
        ("place_position", {"round_id": 1, "value": 11}, "out_of_range"),
        ("place_position", {"round_id": 1, "value": True}, "invalid_type"),
        ("close_meeting", {"confirm": "yes"}, "invalid_type"),
        ("add_expected_participant", {"name": "Ann", "role": "chair"}, "unknown_value"),
        ("add_expected_participant", {"name": "Ann", "role": "screen"}, "unknown_value"),
        ("add_expected_participant", {"name": "Ann", "role": "parent", "language": "fr"}, "unknown_value"),
        ("give_registration_view", {"child_id": 1, "view": "maybe"}, "unknown_value"),
        (
            "give_registration_view",
            {"child_id": 1, "view": "register", "categories": ["spiritual"]},
            "unknown_value",
        ),
        ("update_step", {"behaviour_id": 1, "by_when": "next week"}, "invalid_date"),
        ("reorder_areas", {"area_ids": [1, 1]}, "duplicate"),
    ],
)
def test_bad_values_are_refused_with_their_code(name, args, code):
    assert code_of(raw(name, **args)) == code


@pytest.mark.parametrize("name", sorted(ON_BEHALF))
def test_on_behalf_of_is_accepted_for_the_recording_commands(name):
    spec = COMMANDS[name]
    assert spec.on_behalf


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - ON_BEHALF))
def test_on_behalf_of_is_refused_for_every_other_command(name):
    assert code_of(raw(name, on_behalf_of=5)) == "unknown_field"


def test_on_behalf_of_is_taken_out_of_the_args():
    command = parse(raw("place_position", round_id=2, value=4, on_behalf_of=9))
    assert command.on_behalf_of == 9
    assert "on_behalf_of" not in command.args


@pytest.mark.parametrize("value", ["9", 0, True, 9.5])
def test_on_behalf_of_must_be_an_id(value):
    assert code_of(raw("place_position", round_id=2, value=4, on_behalf_of=value)) in (
        "invalid_type",
        "out_of_range",
    )


def test_the_command_knows_its_spec():
    assert parse(raw("undo_focus")).spec is COMMANDS["undo_focus"]
