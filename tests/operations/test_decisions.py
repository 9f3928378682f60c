"""Scaling rounds, registration decisions and closing the meeting, through apply_command."""

import pytest
from sqlalchemy import select

from meeting.domain.errors import MeetingError
from meeting.models import Meeting, RegistrationDecision, ScalePosition, ScalingRound
from meeting.operations.setup import join_lobby, meeting_by_code
from tests.conftest import NOW


def open_round(room, area_index: int = 0) -> int:
    return room.run(room.chair, "open_scaling_round", area_id=room.area_ids()[area_index])["round_id"]


def status(room, round_id: int) -> str:
    return room.session.scalar(select(ScalingRound.status).where(ScalingRound.id == round_id))


# --- scaling -------------------------------------------------------------------


def test_placing_answers_the_author_with_their_own_value(room):
    round_id = open_round(room)
    assert room.run(room.person("parent"), "place_position", round_id=round_id, value=7)["value"] == 7


def test_placing_again_changes_ones_position_instead_of_adding_one(room):
    parent, round_id = room.person("parent"), open_round(room)
    room.run(parent, "place_position", round_id=round_id, value=3)
    room.run(parent, "place_position", round_id=round_id, value=5, reason="Better this week")
    (position,) = room.session.scalars(select(ScalePosition)).all()
    assert (position.value, position.reason) == (5, "Better this week")


def test_a_round_goes_open_revealed_agreed(room):
    round_id = open_round(room)
    room.run(room.chair, "reveal_scaling_round", round_id=round_id)
    room.run(room.chair, "agree_scaling_position", round_id=round_id, value=4, rationale="Some progress")
    round_ = room.session.get(ScalingRound, round_id)
    assert (round_.status, round_.agreed_value, round_.agreed_rationale) == ("agreed", 4, "Some progress")


def test_undo_reveal_reopens_the_round_for_positions(room):
    round_id = open_round(room)
    room.run(room.chair, "reveal_scaling_round", round_id=round_id)
    room.run(room.chair, "undo_reveal", round_id=round_id)
    assert room.run(room.person("practitioner"), "place_position", round_id=round_id, value=2)["ok"]


def test_positions_are_refused_after_the_reveal(room):
    round_id = open_round(room)
    room.run(room.chair, "reveal_scaling_round", round_id=round_id)
    assert (
        room.refused(room.person("parent"), "place_position", round_id=round_id, value=3).code
        == "round_not_open"
    )


def test_a_second_round_on_the_same_area_waits_for_the_first(room):
    open_round(room)
    assert room.refused(room.chair, "open_scaling_round", area_id=room.area_ids()[0]).code == "round_open"


def test_a_new_round_on_an_area_once_the_last_is_agreed(room):
    round_id = open_round(room)
    room.run(room.chair, "reveal_scaling_round", round_id=round_id)
    room.run(room.chair, "agree_scaling_position", round_id=round_id, value=4)
    assert open_round(room) != round_id


def test_zero_is_outside_a_one_to_ten_meeting(room):
    round_id = open_round(room)
    assert (
        room.refused(room.person("parent"), "place_position", round_id=round_id, value=0).code
        == "out_of_range"
    )


def test_zero_is_a_place_on_a_zero_to_ten_meeting(room):
    room.meeting.scale_min = 0
    room.session.commit()
    round_id = open_round(room)
    assert room.run(room.person("parent"), "place_position", round_id=round_id, value=0)["value"] == 0


@pytest.mark.parametrize("name", ["reveal_scaling_round", "undo_reveal", "place_position"])
def test_rounds_of_other_meetings_are_not_found(room, name):
    args = {"value": 3} if name == "place_position" else {}
    assert room.refused(room.chair, name, round_id=99999, **args).code == "not_found"


# --- registration --------------------------------------------------------------


def views_then_decide(room, decision="register", **extra) -> dict:
    child = room.child_ids()[0]
    room.run(
        room.person("social_worker"),
        "give_registration_view",
        child_id=child,
        view="register",
        categories=["neglect"],
    )
    room.run(
        room.person("practitioner"),
        "give_registration_view",
        child_id=child,
        view="do_not_register",
        reason="Improving",
    )
    room.run(room.person("parent"), "give_registration_view", child_id=child, view="do_not_register")
    categories = ["neglect"] if decision == "register" else []
    return room.run(
        room.chair,
        "record_registration_decision",
        child_id=child,
        decision=decision,
        reasons="Risk of neglect",
        categories=categories,
        **extra,
    )


def test_practitioners_who_disagree_are_the_dissenters(room):
    assert views_then_decide(room)["dissenters"] == [room.person("practitioner").id]


def test_the_family_disagreeing_is_not_dissent(room):
    assert room.person("parent").id not in views_then_decide(room)["dissenters"]


def test_the_dissent_is_written_with_name_agency_and_reason(room):
    views_then_decide(room)
    assert (
        room.session.scalars(select(RegistrationDecision.dissent)).one()
        == "Nia Williams (Health Visiting): Improving"
    )


def test_the_chairs_own_words_for_the_dissent_are_kept(room):
    views_then_decide(room, dissent="Health visitor disagreed: progress since September.")
    assert room.session.scalars(select(RegistrationDecision.dissent)).one().startswith("Health visitor")


def test_deciding_the_other_way_makes_the_other_practitioner_dissent(room):
    assert views_then_decide(room, decision="do_not_register")["dissenters"] == [
        room.person("social_worker").id
    ]


def test_a_decision_per_child(room):
    for child in room.child_ids():
        room.run(
            room.chair,
            "record_registration_decision",
            child_id=child,
            decision="do_not_register",
            reasons="r",
        )
    assert len(room.session.scalars(select(RegistrationDecision)).all()) == 2


def test_a_core_group_makes_no_registration_decision(room):
    room.meeting.kind = "core_group"
    room.session.commit()
    error = room.refused(
        room.chair,
        "record_registration_decision",
        child_id=room.child_ids()[0],
        decision="do_not_register",
        reasons="r",
    )
    assert error.code == "not_conference"


def test_a_practitioner_view_to_register_needs_a_category(room):
    error = room.refused(
        room.person("practitioner"), "give_registration_view", child_id=room.child_ids()[0], view="register"
    )
    assert error.code == "no_category"


def test_the_family_may_be_unsure(room):
    ack = room.run(
        room.person("parent"), "give_registration_view", child_id=room.child_ids()[0], view="unsure"
    )
    assert ack["ok"]


# --- closing -------------------------------------------------------------------


def close(room) -> dict:
    return room.run(room.chair, "close_meeting", confirm=True)


def test_closing_kills_the_join_code(room):
    code = room.meeting.join_code
    close(room)
    with pytest.raises(MeetingError) as error:
        meeting_by_code(room.session, code)
    assert error.value.code == "not_found"


def test_a_closed_meeting_has_no_join_code_and_no_lobby(room):
    close(room)
    meeting = room.session.get(Meeting, room.meeting_id)
    assert (meeting.status, meeting.join_code, meeting.lobby_open) == ("closed", None, False)


def test_nobody_joins_a_closed_meeting(room):
    close(room)
    with pytest.raises(MeetingError) as error:
        join_lobby(room.session, room.meeting_id, NOW, name="Late", role="parent", agency="", language="en")
    assert error.value.code == "closed"


@pytest.mark.parametrize(
    "name, args",
    [("add_area", {"title": "Late"}), ("open_lobby", {}), ("close_meeting", {"confirm": True})],
)
def test_a_closed_meeting_is_read_only(room, name, args):
    close(room)
    assert room.refused(room.chair, name, **args).code == "closed"


def test_closing_during_a_closed_session_is_refused(room):
    room.run(room.chair, "start_closed_session")
    assert room.refused(room.chair, "close_meeting", confirm=True).code == "closed_session"


def test_closing_with_a_hidden_round_is_refused(room):
    open_round(room)
    assert room.refused(room.chair, "close_meeting", confirm=True).code == "round_open"


def test_closing_with_a_hidden_round_behind_a_revealed_one_is_refused(room):
    room.run(room.chair, "reveal_scaling_round", round_id=open_round(room, 0))
    open_round(room, 1)
    assert room.refused(room.chair, "close_meeting", confirm=True).code == "round_open"


def test_closing_with_a_revealed_round_is_allowed(room):
    room.run(room.chair, "reveal_scaling_round", round_id=open_round(room))
    assert close(room)["ok"]
