"""Scaling rounds: open -> positions hidden -> revealed -> agreed. Blind until the chair reveals."""

from enum import StrEnum

from .errors import N_, Conflict, InvalidCommand


class RoundStatus(StrEnum):
    """Open rounds hide every value; revealed rounds show them; agreed rounds are finished."""

    OPEN = "open"
    REVEALED = "revealed"
    AGREED = "agreed"


def check_scale(low: int, high: int) -> None:
    """A meeting's scale is 1-10 ("steps to change") or 0-10."""
    if low not in (0, 1) or high != 10:
        raise InvalidCommand(N_("The scale must run from 0 or 1 to 10."), code="bad_scale")


def check_value(value: int, low: int, high: int) -> int:
    """A position or agreed value on the meeting's scale."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidCommand(
            N_("Choose a whole number from {low} to {high}."), code="out_of_range", low=low, high=high
        )
    return value


def check_open(area_has_unfinished_round: bool) -> RoundStatus:
    """Only one unfinished round per area at a time."""
    if area_has_unfinished_round:
        raise Conflict(N_("This area already has a scaling round in progress."), code="round_open")
    return RoundStatus.OPEN


def check_place(status: str) -> None:
    """People place themselves while the round is open (hidden) only."""
    if status != RoundStatus.OPEN:
        raise Conflict(N_("This scaling round is no longer taking positions."), code="round_not_open")


def reveal(status: str) -> RoundStatus:
    """The chair reveals an open round; from now on everyone sees every value."""
    if status != RoundStatus.OPEN:
        raise Conflict(N_("Only an open round can be revealed."), code="round_not_open")
    return RoundStatus.REVEALED


def undo_reveal(status: str) -> RoundStatus:
    """An accidental reveal is taken back: values are hidden again and people may still place."""
    if status != RoundStatus.REVEALED:
        raise Conflict(N_("Only a revealed round can be hidden again."), code="round_not_revealed")
    return RoundStatus.OPEN


def agree(status: str) -> RoundStatus:
    """The agreed position closes a revealed round."""
    if status != RoundStatus.REVEALED:
        raise Conflict(N_("Reveal the positions before recording the agreed one."), code="round_not_revealed")
    return RoundStatus.AGREED


def values_visible(status: str) -> bool:
    """Whether a round's values may leave the server towards anyone but their author."""
    return status in (RoundStatus.REVEALED, RoundStatus.AGREED)
