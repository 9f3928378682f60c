"""Who is who in a meeting, and the one permission table (role x action) that every route and
socket command consults."""

from enum import StrEnum

from .errors import N_, NotAllowed


class Role(StrEnum):
    """A person's role in one meeting (participants) or in the service (staff accounts)."""

    CHAIR = "chair"
    SOCIAL_WORKER = "social_worker"
    PRACTITIONER = "practitioner"
    PARENT = "parent"
    CARER = "carer"
    CHILD = "child"
    ADVOCATE = "advocate"
    SUPPORTER = "supporter"
    MINUTE_TAKER = "minute_taker"
    OBSERVER = "observer"
    # Not meeting participants: the shared screen, and the service administrator.
    SCREEN = "screen"
    ADMIN = "admin"


FAMILY_ROLES = frozenset({Role.PARENT, Role.CARER, Role.CHILD, Role.ADVOCATE, Role.SUPPORTER})
PRACTITIONER_ROLES = frozenset({Role.CHAIR, Role.SOCIAL_WORKER, Role.PRACTITIONER})
PARTICIPANT_ROLES = frozenset(Role) - {Role.SCREEN, Role.ADMIN}
# Roles a person may pick for themselves on the join page; the chair is never self-declared.
JOINABLE_ROLES = PARTICIPANT_ROLES - {Role.CHAIR}
STAFF_ROLES = frozenset({Role.ADMIN, Role.CHAIR, Role.SOCIAL_WORKER})


class Audience(StrEnum):
    """Who a payload is built for; each is a separate Socket.IO room."""

    PRACTITIONERS = "practitioners"
    FAMILY = "family"
    SCREEN = "screen"


def is_family(role: str) -> bool:
    """Family members and those who support them: never sent practitioners-only material."""
    return role in FAMILY_ROLES


def audience_for(role: str) -> Audience:
    """The audience whose payloads a person in this role receives."""
    if role == Role.SCREEN:
        return Audience.SCREEN
    return Audience.FAMILY if is_family(role) else Audience.PRACTITIONERS


_CHAIR = {Role.CHAIR}
_PROS = {Role.CHAIR, Role.SOCIAL_WORKER, Role.PRACTITIONER}
_FAMILY = set(FAMILY_ROLES)
_SPEAKERS = _PROS | _FAMILY | {Role.MINUTE_TAKER}
_READERS = _SPEAKERS | {Role.OBSERVER, Role.SCREEN}

# The one permission table. Each action is a socket command or an HTTP action; its set is every
# role allowed to do it. Minute-takers tidy wording but never decide; observers only watch.
PERMISSIONS: dict[str, frozenset[Role]] = {
    action: frozenset(roles)
    for action, roles in {
        # reading
        "view_meeting": _READERS,
        "catch_up": _READERS,
        # preparing and running (the chair)
        "edit_meeting": _CHAIR,
        "add_expected_participant": _CHAIR,
        "record_attendance": _CHAIR,
        "open_lobby": _CHAIR,
        "close_lobby": _CHAIR,
        "admit_participant": _CHAIR,
        "decline_participant": _CHAIR,
        "remove_participant": _CHAIR,
        "add_area": _CHAIR,
        "reorder_areas": _CHAIR,
        "remove_area": _CHAIR,
        "share_area": _CHAIR,
        "set_focus": _CHAIR,
        "undo_focus": _CHAIR,
        "start_closed_session": _CHAIR,
        "end_closed_session": _CHAIR,
        "open_scaling_round": _CHAIR,
        "reveal_scaling_round": _CHAIR,
        "undo_reveal": _CHAIR,
        "agree_scaling_position": _CHAIR,
        "record_registration_decision": _CHAIR,
        "record_on_behalf": _CHAIR,
        "update_step": _CHAIR | {Role.SOCIAL_WORKER},
        "set_behaviour_status": _CHAIR,
        "close_meeting": _CHAIR,
        "approve_summary": _CHAIR,
        "edit_summary": _CHAIR | {Role.MINUTE_TAKER},
        "view_audit": _CHAIR | {Role.ADMIN},
        # tidying wording live
        "update_area": _CHAIR | {Role.MINUTE_TAKER},
        # contributing
        "add_contribution": _SPEAKERS - {Role.MINUTE_TAKER},
        "edit_contribution": _SPEAKERS,
        "propose_behaviour": _PROS | _FAMILY,
        "edit_behaviour": _PROS | {Role.MINUTE_TAKER},
        "respond_to_behaviour": _FAMILY,
        "place_position": _PROS | _FAMILY,
        "give_registration_view": _PROS | _FAMILY,
        # service administration
        "create_meeting": {Role.CHAIR, Role.ADMIN},
        "manage_accounts": {Role.ADMIN},
        "read_summary_full": _PROS | {Role.MINUTE_TAKER, Role.ADMIN},
        "read_summary_family": _READERS | {Role.ADMIN},
        "view_progress": _READERS | {Role.ADMIN},
    }.items()
}

ACTIONS = frozenset(PERMISSIONS)


def may(role: str, action: str) -> bool:
    """Whether a person in this role may do this action (unknown actions are never allowed)."""
    return role in PERMISSIONS.get(action, frozenset())


def require(role: str, action: str) -> None:
    """Refuse with NotAllowed unless the role may do the action."""
    if not may(role, action):
        raise NotAllowed(
            N_("A {role} may not {action}."),
            role=str(role).replace("_", " "),
            action=action.replace("_", " "),
        )
