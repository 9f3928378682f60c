"""Preparing meetings (before anyone joins) and joining one from the lobby."""

import secrets
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import lifecycle, scaling
from ..domain.errors import InvalidCommand, NotFound
from ..domain.kinds import CONFERENCES, Admission, MeetingKind
from ..domain.roles import Role
from ..models import Child, Meeting, Participant, User


def create_meeting(
    session: Session,
    chair: User,
    now: datetime,
    *,
    kind: MeetingKind,
    title: str,
    case_reference: str,
    meeting_date: date,
    language: str,
    scale_min: int,
    children: list[tuple[str, int | None, int | None]],
    strategy_discussion_date: date | None = None,
    previous_meeting_id: int | None = None,
) -> Meeting:
    """A draft meeting chaired by this user, with its children; the chair is its first participant."""
    scaling.check_scale(scale_min, 10)
    if not children:
        raise InvalidCommand("Add at least one child.", code="no_children")
    if kind == MeetingKind.INITIAL_CONFERENCE and strategy_discussion_date is None:
        raise InvalidCommand("Give the date of the strategy discussion.", code="missing_field")
    previous = None
    if kind != MeetingKind.INITIAL_CONFERENCE and previous_meeting_id is not None:
        previous = session.get(Meeting, previous_meeting_id)
        if previous is None:
            raise NotFound("No such previous meeting.")
    meeting = Meeting(
        kind=kind,
        title=title,
        case_reference=case_reference,
        meeting_date=meeting_date,
        language=language,
        scale_min=scale_min,
        scale_max=10,
        strategy_discussion_date=strategy_discussion_date if kind in CONFERENCES else None,
        previous_meeting_id=previous.id if previous else None,
        chair_user_id=chair.id,
        screen_key=secrets.token_urlsafe(24),
        created_at=now,
    )
    meeting.children = [
        Child(first_name=name, age_years=years, age_months=months, position=i)
        for i, (name, years, months) in enumerate(children, start=1)
    ]
    meeting.participants = [
        Participant(
            user_id=chair.id,
            name=chair.name,
            role=Role.CHAIR,
            agency=chair.agency,
            language=language,
            admission=Admission.ADMITTED,
            attendance="present",
            admitted_at=now,
        )
    ]
    session.add(meeting)
    session.flush()
    return meeting


def meeting_by_code(session: Session, code: str) -> Meeting:
    """The meeting a join code opens, if its lobby is open."""
    code = code.strip().upper().replace(" ", "").replace("-", "")
    meeting = session.scalar(select(Meeting).where(Meeting.join_code == code)) if code else None
    if meeting is None:
        raise NotFound("That join code does not match a meeting. Check it on the shared screen.")
    lifecycle.check_join(meeting.status, meeting.lobby_open)
    return meeting


def join_lobby(
    session: Session, meeting: Meeting, now: datetime, *, name: str, role: str, agency: str, language: str
) -> Participant:
    """A person asks to join: they wait in the lobby until the chair admits them."""
    lifecycle.check_join(meeting.status, meeting.lobby_open)
    person = Participant(
        meeting_id=meeting.id,
        name=name,
        role=role,
        agency=agency or None,
        language=language,
        admission=Admission.WAITING,
        joined_at=now,
    )
    session.add(person)
    session.flush()
    return person
