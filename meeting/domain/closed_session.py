"""Closed sessions: the family steps out; what is added meanwhile is practitioners-only."""

from .errors import N_, Conflict
from .kinds import Visibility
from .roles import is_family


def check_start(active: bool) -> None:
    """One closed session at a time."""
    if active:
        raise Conflict(N_("A closed session is already in progress."), code="closed_session")


def check_end(active: bool) -> None:
    """Only a running closed session can end."""
    if not active:
        raise Conflict(N_("There is no closed session to end."), code="no_closed_session")


def check_family_may_act(role: str, active: bool) -> None:
    """Family devices are paused during a closed session: they add nothing until it ends."""
    if active and is_family(role):
        raise Conflict(N_("The meeting is having a private discussion."), code="closed_session")


def visibility_for(requested: Visibility, *, author_role: str, in_closed_session: bool) -> Visibility:
    """Closed-session items are practitioners-only; family items are always for everyone."""
    if in_closed_session:
        return Visibility.PRACTITIONERS
    if is_family(author_role):
        return Visibility.EVERYONE
    return requested
