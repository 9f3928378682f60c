"""Who an item is for: closed sessions, family items, and what the chair records for someone."""

import pytest

from meeting.models import Behaviour, BehaviourAnswer, Contribution, RegistrationView, ScalePosition

FAMILY = ["parent", "carer", "child", "advocate", "supporter"]
PRACTITIONER_SIDE = ["chair", "social_worker", "practitioner"]


def contribute(room, actor, **extra) -> Contribution:
    ack = room.run(
        actor, "add_contribution", area_id=room.area_ids()[0], kind="worry", text="Said here", **extra
    )
    return room.session.get(Contribution, ack["contribution_id"])


@pytest.mark.parametrize("practitioners_only", [False, True])
@pytest.mark.parametrize("role", PRACTITIONER_SIDE)
def test_contributions_in_a_closed_session_are_practitioners_only(room, role, practitioners_only):
    actor = room.person(role)
    room.run(room.chair, "start_closed_session", reason="Police information")
    item = contribute(room, actor, practitioners_only=practitioners_only)
    assert (item.visibility, item.closed_session_id is not None) == ("practitioners", True)


def test_behaviours_proposed_in_a_closed_session_are_practitioners_only(room):
    room.run(room.chair, "start_closed_session")
    ack = room.run(
        room.person("practitioner"), "propose_behaviour", area_id=room.area_ids()[0], text="Sober carer"
    )
    assert room.session.get(Behaviour, ack["behaviour_id"]).visibility == "practitioners"


def test_registration_views_in_a_closed_session_are_marked(room):
    room.run(room.chair, "start_closed_session")
    room.run(
        room.person("practitioner"),
        "give_registration_view",
        child_id=room.child_ids()[0],
        view="do_not_register",
    )
    view = room.session.query(RegistrationView).one()
    assert view.closed_session_id is not None


def test_closed_session_items_stay_practitioners_only_after_it_ends(room):
    actor = room.person("social_worker")
    room.run(room.chair, "start_closed_session")
    item = contribute(room, actor)
    room.run(room.chair, "end_closed_session")
    room.run(actor, "edit_contribution", contribution_id=item.id, text="Corrected", practitioners_only=False)
    room.session.refresh(item)
    assert (item.text, item.visibility) == ("Corrected", "practitioners")


def test_after_a_closed_session_practitioners_choose_again(room):
    room.run(room.chair, "start_closed_session")
    room.run(room.chair, "end_closed_session")
    assert contribute(room, room.person("practitioner")).visibility == "everyone"


@pytest.mark.parametrize("role", FAMILY)
def test_family_items_are_always_for_everyone(room, role):
    assert contribute(room, room.person(role), practitioners_only=True).visibility == "everyone"


def test_a_family_item_cannot_be_hidden_by_an_edit(room):
    item = contribute(room, room.person("parent"))
    room.run(room.chair, "edit_contribution", contribution_id=item.id, text="Tidied", practitioners_only=True)
    room.session.refresh(item)
    assert item.visibility == "everyone"


def test_a_practitioner_may_mark_an_item_practitioners_only(room):
    assert (
        contribute(room, room.person("practitioner"), practitioners_only=True).visibility == "practitioners"
    )


@pytest.mark.parametrize(
    "name, args",
    [
        ("add_contribution", {"kind": "strength", "text": "We love them"}),
        ("propose_behaviour", {"text": "We will tidy"}),
    ],
)
def test_family_are_paused_during_a_closed_session(room, name, args):
    parent = room.person("parent")
    room.run(room.chair, "start_closed_session")
    assert room.refused(parent, name, area_id=room.area_ids()[0], **args).code == "closed_session"


def test_family_cannot_place_themselves_during_a_closed_session(room):
    parent = room.person("parent")
    round_id = room.run(room.chair, "open_scaling_round", area_id=room.area_ids()[0])["round_id"]
    room.run(room.chair, "start_closed_session")
    assert room.refused(parent, "place_position", round_id=round_id, value=4).code == "closed_session"


def test_the_family_is_not_asked_about_a_closed_session_behaviour(room):
    parent = room.person("parent")
    room.run(room.chair, "start_closed_session")
    behaviour_id = room.run(room.chair, "propose_behaviour", area_id=room.area_ids()[0], text="x")[
        "behaviour_id"
    ]
    room.run(room.chair, "end_closed_session")
    assert (
        room.refused(parent, "respond_to_behaviour", behaviour_id=behaviour_id, answer="agreed").code
        == "forbidden"
    )


# --- recorded by the chair on someone's behalf ---------------------------------


def test_a_contribution_recorded_for_a_family_member_is_theirs(room):
    parent = room.person("parent")
    item = contribute(room, room.chair, on_behalf_of=parent.id)
    assert (item.participant_id, item.recorded_by_chair) == (parent.id, True)


def test_a_contribution_of_ones_own_is_not_recorded_by_the_chair(room):
    assert contribute(room, room.chair).recorded_by_chair is False


def test_a_position_recorded_for_a_family_member(room):
    parent = room.person("parent")
    round_id = room.run(room.chair, "open_scaling_round", area_id=room.area_ids()[0])["round_id"]
    room.run(room.chair, "place_position", round_id=round_id, value=6, on_behalf_of=parent.id)
    position = room.session.query(ScalePosition).one()
    assert (position.participant_id, position.value, position.recorded_by_chair) == (parent.id, 6, True)


def test_an_answer_recorded_for_a_family_member(room):
    carer = room.person("carer")
    behaviour_id = room.run(room.chair, "propose_behaviour", area_id=room.area_ids()[0], text="x")[
        "behaviour_id"
    ]
    room.run(
        room.chair, "respond_to_behaviour", behaviour_id=behaviour_id, answer="agreed", on_behalf_of=carer.id
    )
    answer = room.session.query(BehaviourAnswer).one()
    assert (answer.participant_id, answer.recorded_by_chair) == (carer.id, True)


def test_a_family_view_recorded_for_them(room):
    parent = room.person("parent")
    room.run(
        room.chair,
        "give_registration_view",
        child_id=room.child_ids()[0],
        view="unsure",
        on_behalf_of=parent.id,
    )
    view = room.session.query(RegistrationView).one()
    assert (view.participant_id, view.view, view.recorded_by_chair) == (parent.id, "unsure", True)


def test_a_behaviour_proposed_for_a_family_member_is_theirs(room):
    parent = room.person("parent")
    ack = room.run(
        room.chair, "propose_behaviour", area_id=room.area_ids()[0], text="x", on_behalf_of=parent.id
    )
    assert room.session.get(Behaviour, ack["behaviour_id"]).proposed_by_id == parent.id


@pytest.mark.parametrize("role", ["social_worker", "practitioner", "minute_taker", "parent"])
def test_only_the_chair_records_on_someones_behalf(room, role):
    parent = room.person("parent") if role != "parent" else room.person("carer")
    error = room.refused(
        room.person(role),
        "add_contribution",
        area_id=room.area_ids()[0],
        kind="worry",
        text="x",
        on_behalf_of=parent.id,
    )
    assert error.code == "forbidden"


def test_on_behalf_of_someone_not_in_the_meeting_is_refused(room):
    error = room.refused(
        room.chair, "add_contribution", area_id=room.area_ids()[0], kind="worry", text="x", on_behalf_of=99999
    )
    assert error.code == "not_found"


def test_the_family_still_answer_only_for_themselves(room):
    """The subject's role is what the permission table is asked about: a chair cannot answer as a chair."""
    behaviour_id = room.run(room.chair, "propose_behaviour", area_id=room.area_ids()[0], text="x")[
        "behaviour_id"
    ]
    assert (
        room.refused(room.chair, "respond_to_behaviour", behaviour_id=behaviour_id, answer="agreed").code
        == "forbidden"
    )


def test_recording_for_a_family_member_respects_the_closed_session(room):
    parent = room.person("parent")
    room.run(room.chair, "start_closed_session")
    error = room.refused(
        room.chair,
        "add_contribution",
        area_id=room.area_ids()[0],
        kind="worry",
        text="x",
        on_behalf_of=parent.id,
    )
    assert error.code == "closed_session"
