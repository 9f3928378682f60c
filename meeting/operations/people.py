"""The lobby and the people of a meeting: admission, removal, attendance, apologies."""

import secrets

from ..domain import lifecycle
from ..domain.errors import N_, Conflict
from ..domain.kinds import Admission, Attendance
from ..models import Participant
from .context import Changes, Ctx
from .lookup import get

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud in a room
JOIN_CODE_LENGTH = 8  # 32**8 = 1.1e12 codes; at 10 tries per 5 minutes per address, hopeless


def new_join_code() -> str:
    """A short random code that people can type from the shared screen."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def open_lobby(ctx: Ctx) -> Changes:
    """Open the lobby (and the meeting, if still a draft); the screen shows the join code."""
    meeting = ctx.meeting
    meeting.status = lifecycle.open_meeting(meeting.status)
    meeting.opened_at = meeting.opened_at or ctx.now
    meeting.lobby_open = True
    meeting.join_code = meeting.join_code or new_join_code()
    return Changes().add(meeting)


def close_lobby(ctx: Ctx) -> Changes:
    """Close the lobby: the join code stops admitting new people until reopened."""
    lifecycle.check_editable(ctx.meeting.status)
    ctx.meeting.lobby_open = False
    return Changes().add(ctx.meeting)


def _waiting(ctx: Ctx, participant_id: int) -> Participant:
    person = get(ctx, Participant, participant_id, "person")
    if person.admission not in (Admission.WAITING, Admission.DECLINED):
        raise Conflict(N_("{name} is not waiting in the lobby."), code="not_waiting", name=person.name)
    return person


def admit_participant(ctx: Ctx, participant_id: int) -> Changes:
    """Admit a person from the lobby into the meeting."""
    lifecycle.check_editable(ctx.meeting.status)
    person = _waiting(ctx, participant_id)
    person.admission = Admission.ADMITTED
    person.attendance = Attendance.PRESENT
    person.admitted_at = ctx.now
    return Changes(notices=[(person.id, "admitted")]).add(person)


def decline_participant(ctx: Ctx, participant_id: int) -> Changes:
    """Decline a person waiting in the lobby; their device token stops working."""
    lifecycle.check_editable(ctx.meeting.status)
    person = _waiting(ctx, participant_id)
    person.admission = Admission.DECLINED
    person.token_hash = None
    return Changes(notices=[(person.id, "declined")]).add(person)


def remove_participant(ctx: Ctx, participant_id: int) -> Changes:
    """Remove a person: their token is revoked and their devices are disconnected at once."""
    lifecycle.check_editable(ctx.meeting.status)
    person = get(ctx, Participant, participant_id, "person")
    if person.id == ctx.actor.id:
        raise Conflict(N_("The chair cannot remove themselves."), code="self")
    if person.admission == Admission.REMOVED:
        raise Conflict(N_("{name} has already been removed."), code="removed", name=person.name)
    person.admission = Admission.REMOVED
    person.attendance = Attendance.LEFT
    person.left_at = ctx.now
    person.token_hash = None
    person.online = False
    return Changes(notices=[(person.id, "removed")]).add(person)


def add_expected_participant(
    ctx: Ctx, name: str, role: str, agency: str = "", language: str = "en"
) -> Changes:
    """List a person the chair expects, before or during the meeting."""
    lifecycle.check_editable(ctx.meeting.status)
    person = Participant(
        meeting_id=ctx.meeting.id, name=name, role=role, agency=agency or None, language=language
    )
    ctx.session.add(person)
    ctx.session.flush()
    return Changes(result={"participant_id": person.id}).add(person)


def record_attendance(
    ctx: Ctx,
    attendance: str,
    participant_id: int | None = None,
    name: str = "",
    role: str = "practitioner",
    agency: str = "",
    report_provided: bool | None = None,
) -> Changes:
    """Record apologies, a report received, someone present without a device, or someone leaving."""
    lifecycle.check_editable(ctx.meeting.status)
    if participant_id is not None:
        person = get(ctx, Participant, participant_id, "person")
    elif name:
        person = Participant(meeting_id=ctx.meeting.id, name=name, role=role, agency=agency or None)
        ctx.session.add(person)
    else:
        from ..domain.errors import InvalidCommand

        raise InvalidCommand(N_("Name the person, or choose them from the list."), code="missing_field")
    person.attendance = attendance
    if attendance == Attendance.LEFT:
        person.left_at = ctx.now
    if report_provided is not None:
        person.report_provided = report_provided
    elif attendance == Attendance.REPORT_ONLY:
        person.report_provided = True
    ctx.session.flush()
    return Changes(result={"participant_id": person.id}).add(person)
