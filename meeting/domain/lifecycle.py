"""The life of a meeting: draft -> open -> closed, the lobby, focus, and closing."""

from .errors import N_, Conflict
from .kinds import MeetingStatus


def check_editable(status: str) -> None:
    """A closed meeting is a record: nothing in it changes any more."""
    if status == MeetingStatus.CLOSED:
        raise Conflict(N_("This meeting is closed; its record can no longer change."), code="closed")


def check_live(status: str) -> None:
    """Live-only commands (contributions, rounds, decisions) need the meeting to be open."""
    check_editable(status)
    if status != MeetingStatus.OPEN:
        raise Conflict(N_("The meeting has not started yet."), code="not_started")


def open_meeting(status: str) -> MeetingStatus:
    """Opening the lobby starts a draft meeting; an open meeting stays open."""
    check_editable(status)
    return MeetingStatus.OPEN


def check_join(status: str, lobby_open: bool) -> None:
    """A join code works only while the meeting is open and its lobby is open."""
    if status == MeetingStatus.CLOSED:
        raise Conflict(N_("This meeting has closed; its join code no longer works."), code="closed")
    if not lobby_open:
        raise Conflict(N_("The chair has not opened the lobby yet."), code="lobby_closed")


def check_close(*, status: str, closed_session_active: bool, open_round: bool) -> None:
    """Closing needs the closed session ended and no scaling round left hidden."""
    check_live(status)
    if closed_session_active:
        raise Conflict(N_("End the closed session before closing the meeting."), code="closed_session")
    if open_round:
        raise Conflict(N_("Reveal or agree the open scaling round before closing."), code="round_open")


def next_focus(current: int | None, target: int, area_ids: list[int]) -> tuple[int, int | None]:
    """Move the focus to target; return (new focus, the focus to return to on undo)."""
    if target not in area_ids:
        from .errors import NotFound

        raise NotFound(N_("That area of change is not on this meeting's agenda."))
    return target, current


def reorder(current: list[int], wanted: list[int]) -> list[int]:
    """A new agenda order must name exactly the areas already on the agenda."""
    if sorted(current) != sorted(wanted):
        from .errors import InvalidCommand

        raise InvalidCommand(N_("The new order must list every area of change once."), code="bad_order")
    return wanted


def check_on_behalf(admission: str) -> None:
    """The chair records for people in the room or sending reports, never for someone removed."""
    if admission in ("removed", "declined"):
        raise Conflict(N_("That person is no longer in this meeting."), code="not_in_meeting")
