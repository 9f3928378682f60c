"""Areas of change added in a closed session: practitioners-only, with all that is recorded on them,
until the chair shares them once the family are back."""

import pytest

from meeting.models import AreaOfChange, Behaviour, Contribution, ScalingRound

FAMILY = ["parent", "carer", "child", "advocate", "supporter"]


def private_area(room, title: str = "Risk from a visitor") -> int:
    """An area added while the family were out; the closed session has ended since."""
    room.run(room.chair, "start_closed_session", reason="Police information")
    area_id = room.run(room.chair, "add_area", title=title)["area_id"]
    room.run(room.chair, "end_closed_session")
    return area_id


def area(room, area_id: int) -> AreaOfChange:
    room.session.expire_all()
    return room.session.get(AreaOfChange, area_id)


def contribute(room, actor, area_id: int, **extra) -> Contribution:
    ack = room.run(actor, "add_contribution", area_id=area_id, kind="worry", text="Said", **extra)
    return room.session.get(Contribution, ack["contribution_id"])


# --- adding --------------------------------------------------------------------------------------


def test_an_area_added_in_a_closed_session_is_practitioners_only(room):
    assert area(room, private_area(room)).visibility == "practitioners"


def test_it_records_the_closed_session_it_was_added_in(room):
    session_id = room.run(room.chair, "start_closed_session")["closed_session_id"]
    area_id = room.run(room.chair, "add_area", title="Risk from a visitor")["area_id"]
    assert area(room, area_id).closed_session_id == session_id


def test_an_area_added_with_the_family_present_is_for_everyone(room):
    area_id = room.run(room.chair, "add_area", title="Money for food")["area_id"]
    assert (area(room, area_id).visibility, area(room, area_id).closed_session_id) == ("everyone", None)


def test_it_stays_practitioners_only_once_the_family_are_back(room):
    area_id = private_area(room)
    room.run(room.chair, "set_focus", area_id=area_id)
    assert area(room, area_id).visibility == "practitioners"


# --- what is recorded on it ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["chair", "social_worker", "practitioner"])
def test_a_contribution_to_it_is_practitioners_only_even_when_asked_for_everyone(room, role):
    item = contribute(room, room.person(role), private_area(room), practitioners_only=False)
    assert (item.visibility, item.closed_session_id) == ("practitioners", None)


def test_a_behaviour_proposed_on_it_is_practitioners_only(room):
    ack = room.run(room.person("practitioner"), "propose_behaviour", area_id=private_area(room), text="Safe")
    assert room.session.get(Behaviour, ack["behaviour_id"]).visibility == "practitioners"


def test_an_edit_cannot_open_up_an_item_on_it(room):
    item = contribute(room, room.person("practitioner"), private_area(room))
    room.run(room.chair, "edit_contribution", contribution_id=item.id, text="Tidy", practitioners_only=False)
    room.session.refresh(item)
    assert (item.text, item.visibility) == ("Tidy", "practitioners")


@pytest.mark.parametrize("role", FAMILY)
def test_a_family_member_cannot_add_to_it(room, role):
    refusal = room.refused(
        room.person(role), "add_contribution", area_id=private_area(room), kind="worry", text="Mine"
    )
    assert refusal.code == "not_found"


def test_the_family_are_told_it_does_not_exist_as_for_an_id_that_names_nothing(room):
    parent = room.person("parent")
    hidden = room.refused(parent, "propose_behaviour", area_id=private_area(room), text="x")
    missing = room.refused(parent, "propose_behaviour", area_id=999_999, text="x")
    assert (hidden.code, hidden.message) == (missing.code, missing.message)


def test_the_chair_cannot_record_for_a_family_member_on_it(room):
    refusal = room.refused(
        room.chair,
        "add_contribution",
        area_id=private_area(room),
        kind="strength",
        text="Theirs",
        on_behalf_of=room.person("parent").id,
    )
    assert refusal.code == "not_found"


def test_nothing_is_added_when_the_family_are_refused(room):
    area_id = private_area(room)
    room.refused(room.person("parent"), "add_contribution", area_id=area_id, kind="worry", text="Mine")
    assert room.count(Contribution) == 0


# --- rewording -----------------------------------------------------------------------------------


def test_an_area_the_family_see_is_not_reworded_in_a_closed_session(room):
    area_id = room.area_ids()[0]
    room.run(room.chair, "start_closed_session")
    refusal = room.refused(room.chair, "update_area", area_id=area_id, title="Said without them")
    assert refusal.code == "closed_session"


def test_its_wording_is_unchanged_after_the_refusal(room):
    area_id = room.area_ids()[0]
    before = area(room, area_id).good_enough
    room.run(room.chair, "start_closed_session")
    room.refused(room.person("minute_taker"), "update_area", area_id=area_id, good_enough="Said without them")
    assert area(room, area_id).good_enough == before


def test_it_is_reworded_freely_once_the_family_are_back(room):
    area_id = room.area_ids()[0]
    room.run(room.chair, "start_closed_session")
    room.run(room.chair, "end_closed_session")
    room.run(room.chair, "update_area", area_id=area_id, good_enough="Said with them")
    assert area(room, area_id).good_enough == "Said with them"


def test_a_practitioners_only_area_is_reworded_in_a_closed_session(room):
    area_id = private_area(room)
    room.run(room.chair, "start_closed_session")
    room.run(room.chair, "update_area", area_id=area_id, title="Risk from a visitor (police)")
    assert area(room, area_id).title == "Risk from a visitor (police)"


# --- sharing -------------------------------------------------------------------------------------


def test_the_chair_shares_it_once_the_family_are_back(room):
    area_id = private_area(room)
    room.run(room.chair, "share_area", area_id=area_id)
    assert area(room, area_id).visibility == "everyone"


def test_sharing_is_audited(room):
    area_id = private_area(room)
    raw_id = "share-area-0001"
    room.send(room.chair, {"id": raw_id, "name": "share_area", "args": {"area_id": area_id}})
    [entry] = room.audit(raw_id)
    assert (entry.command, entry.payload, entry.actor_role) == ("share_area", {"area_id": area_id}, "chair")


def test_it_is_not_shared_while_the_family_are_out(room):
    area_id = private_area(room)
    room.run(room.chair, "start_closed_session")
    assert room.refused(room.chair, "share_area", area_id=area_id).code == "closed_session"


def test_an_area_is_shared_only_once(room):
    assert room.refused(room.chair, "share_area", area_id=room.area_ids()[0]).code == "already_shared"


@pytest.mark.parametrize("role", ["social_worker", "practitioner", "minute_taker", "parent"])
def test_only_the_chair_shares_an_area(room, role):
    assert room.refused(room.person(role), "share_area", area_id=private_area(room)).code == "forbidden"


def test_what_was_recorded_before_it_was_shared_stays_practitioners_only(room):
    area_id = private_area(room)
    item = contribute(room, room.person("practitioner"), area_id)
    room.run(room.chair, "share_area", area_id=area_id)
    room.session.refresh(item)
    assert item.visibility == "practitioners"


def test_a_round_held_before_it_was_shared_stays_practitioners_only(room):
    area_id = private_area(room)
    round_id = room.run(room.chair, "open_scaling_round", area_id=area_id)["round_id"]
    room.run(room.chair, "share_area", area_id=area_id)
    room.session.expire_all()
    assert room.session.get(ScalingRound, round_id).visibility == "practitioners"


def test_once_shared_it_takes_contributions_like_any_area(room):
    area_id = private_area(room)
    room.run(room.chair, "share_area", area_id=area_id)
    assert contribute(room, room.person("parent"), area_id).visibility == "everyone"


def test_once_shared_an_earlier_item_may_be_opened_up_by_an_edit(room):
    area_id = private_area(room)
    item = contribute(room, room.person("practitioner"), area_id)
    room.run(room.chair, "share_area", area_id=area_id)
    room.run(room.chair, "edit_contribution", contribution_id=item.id, text="Said", practitioners_only=False)
    room.session.refresh(item)
    assert item.visibility == "everyone"


def test_a_practitioners_only_area_with_nothing_recorded_can_be_removed(room):
    area_id = private_area(room)
    room.run(room.chair, "remove_area", area_id=area_id)
    assert area_id not in room.area_ids()
