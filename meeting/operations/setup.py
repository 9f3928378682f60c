"""Preparing meetings (before anyone joins) and joining one from the lobby."""

import secrets
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import lifecycle, scaling
from ..domain.errors import N_, InvalidCommand, NotFound
from ..domain.kinds import CONFERENCES, Admission, MeetingKind
from ..domain.roles import Audience, Role, audience_for
from ..models import Child, Meeting, Participant, User
from .context import Changes


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
        raise InvalidCommand(N_("Add at least one child."), code="no_children")
    if kind == MeetingKind.INITIAL_CONFERENCE and strategy_discussion_date is None:
        raise InvalidCommand(N_("Give the date of the strategy discussion."), code="missing_field")
    previous = None
    if kind != MeetingKind.INITIAL_CONFERENCE and previous_meeting_id is not None:
        previous = session.get(Meeting, previous_meeting_id)
        if previous is None:
            raise NotFound(N_("No such previous meeting."))
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
        raise NotFound(N_("That join code does not match a meeting. Check it on the shared screen."))
    lifecycle.check_join(meeting.status, meeting.lobby_open)
    return meeting


def _expected(session: Session, meeting_id: int, name: str, role: str) -> Participant | None:
    """The person the chair listed as expected under this name and role, if they have no device yet.

    Matching keeps one record per person (no "Sian Hughes" twice); the chair still admits them.
    """
    candidates = session.scalars(
        select(Participant).where(
            Participant.meeting_id == meeting_id,
            Participant.role == role,
            Participant.admission == Admission.EXPECTED,
            Participant.token_hash.is_(None),
        )
    )
    wanted = " ".join(name.split()).casefold()
    return next((p for p in candidates if " ".join(p.name.split()).casefold() == wanted), None)


def join_lobby(
    session: Session,
    meeting_id: int,
    now: datetime,
    *,
    name: str,
    role: str,
    agency: str,
    language: str,
    device: str = "",
) -> tuple[Participant, Meeting, Changes]:
    """A person asks to join: they wait in the lobby until the chair admits them (audited)."""
    from .dispatch import audit, lock_meeting

    meeting = lock_meeting(session, meeting_id)
    lifecycle.check_join(meeting.status, meeting.lobby_open)
    if audience_for(role) == Audience.PRACTITIONERS and not agency:
        raise InvalidCommand(N_("Say which agency you are from."), code="empty_text")
    person = _expected(session, meeting.id, name, role)
    if person is None:
        person = Participant(meeting_id=meeting.id, name=name, role=role)
        session.add(person)
    person.agency = agency or person.agency
    person.language = language
    person.admission = Admission.WAITING
    person.joined_at = now
    session.flush()
    changes = Changes(result={"participant_id": person.id}).add(person)
    payload = {"name": name, "role": role, "agency": agency, "language": language}
    command_id = f"join-{person.id}-{meeting.revision + 1}"
    audit(session, meeting, person, command_id, "join_lobby", payload, changes, now, device)
    return person, meeting, changes
