"""Naming a co-chair: another staff account that may drive the meeting alongside its chair.

A co-chair is a participant with the chair role linked to that account. Naming one is audited like
any command; removing one is the ordinary remove_participant command.
"""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import lifecycle
from ..domain.errors import N_, Conflict, NotFound
from ..domain.kinds import Admission
from ..domain.roles import Role, may, require
from ..models import Meeting, Participant, User
from .context import Changes
from .dispatch import audit, lock_meeting


def eligible_co_chairs(session: Session, meeting: Meeting) -> list[User]:
    """Active accounts that may chair meetings and are not already chairing this one."""
    chairing = set(
        session.scalars(
            select(Participant.user_id).where(
                Participant.meeting_id == meeting.id,
                Participant.user_id.is_not(None),
                Participant.admission == Admission.ADMITTED,
            )
        )
    )
    users = session.scalars(select(User).where(User.active).order_by(User.name)).all()
    return [u for u in users if may(u.role, "create_meeting") and u.id not in chairing]


def co_chairs(session: Session, meeting: Meeting) -> list[Participant]:
    """The chair and every co-chair: admitted chair participants linked to an account."""
    return session.scalars(
        select(Participant)
        .where(
            Participant.meeting_id == meeting.id,
            Participant.user_id.is_not(None),
            Participant.role == Role.CHAIR,
            Participant.admission == Admission.ADMITTED,
        )
        .order_by(Participant.id)
    ).all()


def name_co_chair(
    session: Session, meeting_id: int, actor: Participant, user_id: int, now: datetime, device: str = ""
) -> tuple[Participant, Meeting, Changes]:
    """Name a staff account co-chair of the meeting; flushes, audits, never commits."""
    require(actor.role, "edit_meeting")
    meeting = lock_meeting(session, meeting_id)
    if actor.meeting_id != meeting.id or not actor.is_admitted:
        raise Conflict(N_("You are not chairing this meeting."), code="not_in_meeting")
    lifecycle.check_editable(meeting.status)
    user = session.get(User, user_id)
    if user is None or not user.active or not may(user.role, "create_meeting"):
        raise NotFound(N_("No such account of someone who can chair meetings."))
    person = session.scalar(
        select(Participant).where(Participant.meeting_id == meeting.id, Participant.user_id == user.id)
    )
    if person is not None and person.is_admitted:
        raise Conflict(N_("{name} is already chairing this meeting."), code="exists", name=user.name)
    if person is None:
        person = Participant(meeting_id=meeting.id, user_id=user.id)
        session.add(person)
    # A co-chair removed earlier and named again gets the same row back (one per account).
    person.name, person.role, person.agency = user.name, Role.CHAIR, user.agency
    person.language = person.language or meeting.language
    person.admission, person.admitted_at, person.left_at = Admission.ADMITTED, now, None
    person.attendance = None
    session.flush()
    changes = Changes(result={"participant_id": person.id}).add(person)
    audit(
        session,
        meeting,
        actor,
        f"co-chair-{uuid.uuid4().hex[:20]}",
        "name_co_chair",
        {"user_id": user.id, "name": user.name},
        changes,
        now,
        device,
    )
    return person, meeting, changes
