"""Closed sessions: one at a time, family paused, what is added is practitioners-only."""

import pytest

from meeting.domain import closed_session
from meeting.domain.errors import Conflict
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
