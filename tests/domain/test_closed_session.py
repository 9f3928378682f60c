"""Closed sessions: one at a time, family paused, what is added is practitioners-only."""

import pytest

from meeting.domain import closed_session
from meeting.domain.errors import Conflict, NotFound
from meeting.domain.kinds import Visibility
from meeting.domain.roles import FAMILY_ROLES, Role

EVERYONE, PROS_ONLY = Visibility.EVERYONE, Visibility.PRACTITIONERS
PRACTITIONER_SIDE = [Role.CHAIR, Role.SOCIAL_WORKER, Role.PRACTITIONER, Role.MINUTE_TAKER, Role.OBSERVER]


def test_a_closed_session_starts_when_none_is_running():
    closed_session.check_start(False)


def test_only_one_closed_session_at_a_time():
    with pytest.raises(Conflict) as error:
        closed_session.check_start(True)
    assert error.value.code == "closed_session"


def test_a_running_closed_session_ends():
    closed_session.check_end(True)


def test_ending_without_a_closed_session_is_refused():
    with pytest.raises(Conflict) as error:
        closed_session.check_end(False)
    assert error.value.code == "no_closed_session"


@pytest.mark.parametrize("role", sorted(FAMILY_ROLES))
def test_family_are_paused_during_a_closed_session(role):
    with pytest.raises(Conflict) as error:
        closed_session.check_family_may_act(role, True)
    assert error.value.code == "closed_session"


@pytest.mark.parametrize("role", sorted(FAMILY_ROLES))
def test_family_act_freely_outside_a_closed_session(role):
    closed_session.check_family_may_act(role, False)


@pytest.mark.parametrize("role", PRACTITIONER_SIDE)
def test_practitioners_carry_on_during_a_closed_session(role):
    closed_session.check_family_may_act(role, True)


@pytest.mark.parametrize("requested", [EVERYONE, PROS_ONLY])
@pytest.mark.parametrize("role", PRACTITIONER_SIDE + sorted(FAMILY_ROLES))
def test_everything_added_in_a_closed_session_is_practitioners_only(role, requested):
    assert closed_session.visibility_for(requested, author_role=role, in_closed_session=True) is PROS_ONLY


@pytest.mark.parametrize("role", sorted(FAMILY_ROLES))
def test_family_items_are_always_for_everyone(role):
    assert closed_session.visibility_for(PROS_ONLY, author_role=role, in_closed_session=False) is EVERYONE


@pytest.mark.parametrize("requested", [EVERYONE, PROS_ONLY])
def test_practitioners_choose_outside_a_closed_session(requested):
    got = closed_session.visibility_for(requested, author_role=Role.PRACTITIONER, in_closed_session=False)
    assert got is requested


# --- areas of change added in a closed session ------------------------------------------------------


def test_an_area_added_in_a_closed_session_is_practitioners_only():
    assert closed_session.area_visibility(True) is PROS_ONLY


def test_an_area_added_with_the_family_present_is_for_everyone():
    assert closed_session.area_visibility(False) is EVERYONE


@pytest.mark.parametrize("requested", [EVERYONE, PROS_ONLY])
@pytest.mark.parametrize("role", PRACTITIONER_SIDE)
def test_items_on_a_practitioners_only_area_are_practitioners_only(role, requested):
    got = closed_session.visibility_for(
        requested, author_role=role, in_closed_session=False, area_private=True
    )
    assert got is PROS_ONLY


@pytest.mark.parametrize("role", sorted(FAMILY_ROLES))
def test_a_practitioners_only_area_does_not_exist_for_the_family(role):
    with pytest.raises(NotFound):
        closed_session.check_family_may_see(role, PROS_ONLY)


@pytest.mark.parametrize("role", PRACTITIONER_SIDE)
def test_practitioners_see_a_practitioners_only_area(role):
    closed_session.check_family_may_see(role, PROS_ONLY)


@pytest.mark.parametrize("role", sorted(FAMILY_ROLES))
def test_the_family_see_a_shared_area(role):
    closed_session.check_family_may_see(role, EVERYONE)


def test_an_area_the_family_see_is_not_reworded_while_they_are_out():
    with pytest.raises(Conflict) as error:
        closed_session.check_rewording(EVERYONE, True)
    assert error.value.code == "closed_session"


def test_an_area_the_family_see_is_reworded_with_them_present():
    closed_session.check_rewording(EVERYONE, False)


def test_a_practitioners_only_area_is_reworded_while_the_family_are_out():
    closed_session.check_rewording(PROS_ONLY, True)


def test_a_practitioners_only_area_is_shared_once_the_family_are_back():
    closed_session.check_share(PROS_ONLY, False)


def test_an_area_is_not_shared_while_the_family_are_out():
    with pytest.raises(Conflict) as error:
        closed_session.check_share(PROS_ONLY, True)
    assert error.value.code == "closed_session"


@pytest.mark.parametrize("active", [False, True])
def test_an_area_for_everyone_is_not_shared_again(active):
    with pytest.raises(Conflict) as error:
        closed_session.check_share(EVERYONE, active)
    assert error.value.code == "already_shared"
