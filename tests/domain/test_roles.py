"""Roles, audiences and the one permission table."""

import pytest

from meeting.domain.errors import NotAllowed
from meeting.domain.roles import (
    ACTIONS,
    FAMILY_ROLES,
    JOINABLE_ROLES,
    PERMISSIONS,
    Audience,
    Role,
    audience_for,
    is_family,
    may,
    require,
)

R = Role
FAMILY = {R.PARENT, R.CARER, R.CHILD, R.ADVOCATE, R.SUPPORTER}
PROS = {R.CHAIR, R.SOCIAL_WORKER, R.PRACTITIONER}
CHAIR = {R.CHAIR}
SPEAKERS = PROS | FAMILY | {R.MINUTE_TAKER}
READERS = SPEAKERS | {R.OBSERVER, R.SCREEN}

# Written out from the design, independently of the table in the code.
EXPECTED: dict[str, set[Role]] = {
    "view_meeting": READERS,
    "catch_up": READERS,
    "edit_meeting": CHAIR,
    "add_expected_participant": CHAIR,
    "record_attendance": CHAIR,
    "open_lobby": CHAIR,
    "close_lobby": CHAIR,
    "admit_participant": CHAIR,
    "decline_participant": CHAIR,
    "remove_participant": CHAIR,
    "add_area": CHAIR,
    "reorder_areas": CHAIR,
    "remove_area": CHAIR,
    "share_area": CHAIR,
    "set_focus": CHAIR,
    "undo_focus": CHAIR,
    "start_closed_session": CHAIR,
    "end_closed_session": CHAIR,
    "open_scaling_round": CHAIR,
    "reveal_scaling_round": CHAIR,
    "undo_reveal": CHAIR,
    "agree_scaling_position": CHAIR,
    "record_registration_decision": CHAIR,
    "record_on_behalf": CHAIR,
    "update_step": CHAIR | {R.SOCIAL_WORKER},
    "set_behaviour_status": CHAIR,
    "close_meeting": CHAIR,
    "approve_summary": CHAIR,
    "edit_summary": CHAIR | {R.MINUTE_TAKER},
    "view_audit": CHAIR | {R.ADMIN},
    "update_area": CHAIR | {R.MINUTE_TAKER},
    "add_contribution": PROS | FAMILY,
    "edit_contribution": SPEAKERS,
    "propose_behaviour": PROS | FAMILY,
    "edit_behaviour": PROS | {R.MINUTE_TAKER},
    "respond_to_behaviour": FAMILY,
    "place_position": PROS | FAMILY,
    "give_registration_view": PROS | FAMILY,
    "create_meeting": {R.CHAIR, R.ADMIN},
    "manage_accounts": {R.ADMIN},
    "read_summary_full": PROS | {R.MINUTE_TAKER, R.ADMIN},
    "read_summary_family": READERS | {R.ADMIN},
    "view_progress": READERS | {R.ADMIN},
}
PAIRS = [(action, role) for action in sorted(EXPECTED) for role in Role]


def test_the_table_lists_exactly_the_expected_actions():
    assert ACTIONS == set(EXPECTED)


@pytest.mark.parametrize("action, role", PAIRS)
def test_may_follows_the_table(action, role):
    assert may(role, action) is (role in EXPECTED[action])


@pytest.mark.parametrize("action, role", PAIRS)
def test_require_refuses_exactly_the_roles_not_allowed(action, role):
    if role in EXPECTED[action]:
        require(role, action)
    else:
        with pytest.raises(NotAllowed) as refused:
            require(role, action)
        assert refused.value.code == "forbidden"


@pytest.mark.parametrize("role", list(Role) + ["nobody"])
def test_an_unknown_action_is_never_allowed(role):
    assert not may(role, "launch_rockets")


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_an_unknown_role_may_do_nothing(action):
    assert not may("stranger", action)


def test_the_table_is_immutable():
    assert all(isinstance(roles, frozenset) for roles in PERMISSIONS.values())


@pytest.mark.parametrize("role", list(Role))
def test_is_family_only_for_family_and_their_supporters(role):
    assert is_family(role) is (role in FAMILY)


def test_family_roles_constant_matches_design():
    assert FAMILY_ROLES == FAMILY


@pytest.mark.parametrize(
    "role, audience",
    [(r, Audience.FAMILY) for r in sorted(FAMILY)]
    + [(r, Audience.PRACTITIONERS) for r in sorted(PROS | {R.MINUTE_TAKER, R.OBSERVER})]
    + [(R.SCREEN, Audience.SCREEN)],
)
def test_audience_for(role, audience):
    assert audience_for(role) == audience


@pytest.mark.parametrize("role", [R.CHAIR, R.SCREEN, R.ADMIN])
def test_nobody_declares_themselves_chair_screen_or_admin(role):
    assert role not in JOINABLE_ROLES


def test_every_other_participant_role_is_joinable():
    assert JOINABLE_ROLES == set(Role) - {R.CHAIR, R.SCREEN, R.ADMIN}
