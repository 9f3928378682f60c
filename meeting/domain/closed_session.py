"""Closed sessions: the family steps out; what is added meanwhile is practitioners-only.

An area of change added in a closed session is practitioners-only too, and so is everything recorded
against an area while it is: the family never learn of it until the chair shares the area with them
once they are back (``share_area``), and what was recorded before then stays practitioners-only.
"""

from .errors import N_, Conflict, NotFound
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


def visibility_for(
    requested: Visibility, *, author_role: str, in_closed_session: bool, area_private: bool = False
) -> Visibility:
    """Closed-session items, and items on a practitioners-only area, are practitioners-only;
    otherwise family items are always for everyone."""
    if in_closed_session or area_private:
        return Visibility.PRACTITIONERS
    if is_family(author_role):
        return Visibility.EVERYONE
    return requested


def area_visibility(in_closed_session: bool) -> Visibility:
    """An area added while the family are out is practitioners-only until the chair shares it."""
    return Visibility.PRACTITIONERS if in_closed_session else Visibility.EVERYONE


def check_family_may_see(role: str, visibility: str) -> None:
    """A practitioners-only area does not exist as far as the family are concerned: the same answer
    as for an id that names nothing, so that guessing ids betrays nothing."""
    if is_family(role) and visibility != Visibility.EVERYONE:
        raise NotFound(N_("No such area of change in this meeting."))


def check_rewording(visibility: str, active: bool) -> None:
    """An area the family can see keeps the wording they saw while they are out: a change made in a
    closed session would otherwise reach their devices (and their copy) as soon as it is saved."""
    if active and visibility == Visibility.EVERYONE:
        raise Conflict(
            N_(
                "The family can see this area: change its wording once they are back, "
                "or add what is for practitioners only as evidence."
            ),
            code="closed_session",
        )


def check_share(visibility: str, active: bool) -> None:
    """An area is shared once, in front of the family: not while they are out."""
    if visibility == Visibility.EVERYONE:
        raise Conflict(N_("This area is already shared with everyone."), code="already_shared")
    if active:
        raise Conflict(
            N_("End the closed session before sharing an area with the family."), code="closed_session"
        )
