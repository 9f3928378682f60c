"""Applying one command: idempotency, permission, the operation, the revision and the audit entry.

Everything here flushes and never commits: the edge (a socket handler or a route) commits, and
only then broadcasts and acknowledges.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import commands, lifecycle
from ..domain.errors import N_, Conflict, NotAllowed, NotFound
from ..domain.roles import require
from ..models import AuditEntry, Meeting, Participant
from . import agenda, decisions, people
from .context import Changes, Ctx

OPERATIONS = {
    name: getattr(module, name)
    for module in (people, agenda, decisions)
    for name in commands.COMMANDS
    if hasattr(module, name)
}
assert set(OPERATIONS) == set(commands.COMMANDS), set(commands.COMMANDS) - set(OPERATIONS)


@dataclass
class Applied:
    """The outcome of a command: its acknowledgement and, unless a repeat, what changed."""

    ack: dict
    changes: Changes | None
    meeting: Meeting | None


def previous_answer(session: Session, meeting_id: int, command_id: str, actor: Participant) -> dict | None:
    """The acknowledgement already given for this command id, if it was applied before."""
    # Two columns, not the whole entry: this runs for every command and the answer is almost always
    # "not seen before" (performance: bench/README.md).
    entry = session.execute(
        select(AuditEntry.actor_participant_id, AuditEntry.result).where(
            AuditEntry.meeting_id == meeting_id, AuditEntry.command_id == command_id
        )
    ).first()
    if entry is None:
        return None
    # An ack can hold what only its sender may see (a hidden scale value): never hand it to another.
    if entry.actor_participant_id != actor.id:
        raise Conflict(N_("That command id has already been used."), code="duplicate_id")
    return {**entry.result, "duplicate": True}


def lock_meeting(session: Session, meeting_id: int) -> Meeting:
    """Load the meeting under a row lock, so revisions stay strictly ordered across processes."""
    meeting = session.scalar(select(Meeting).where(Meeting.id == meeting_id).with_for_update())
    if meeting is None:
        raise NotFound(N_("No such meeting."))
    return meeting


def _subject(session: Session, meeting: Meeting, actor: Participant, command) -> Participant | None:
    if command.on_behalf_of is None:
        return None
    require(actor.role, "record_on_behalf")
    subject = session.get(Participant, command.on_behalf_of)
    if subject is None or subject.meeting_id != meeting.id:
        raise NotFound(N_("No such person in this meeting."))
    lifecycle.check_on_behalf(subject.admission)
    return subject


def apply_command(
    session: Session, meeting_id: int, actor: Participant, raw: dict, now: datetime, device: str = ""
) -> Applied:
    """Check, apply and audit one command from a client; a repeated id returns the first answer."""
    command = commands.parse(raw)
    answered = previous_answer(session, meeting_id, command.id, actor)
    if answered is not None:
        return Applied(answered, None, None)
    if actor.meeting_id != meeting_id or not actor.is_admitted:
        raise NotAllowed(N_("You are not in this meeting."))
    meeting = lock_meeting(session, meeting_id)
    # Another process may have applied the same command while we waited for the lock. (Not on
    # SQLite: its BEGIN IMMEDIATE took the database's write lock before the first check above.)
    if session.get_bind().dialect.name != "sqlite":
        answered = previous_answer(session, meeting_id, command.id, actor)
        if answered is not None:
            return Applied(answered, None, None)
    subject = _subject(session, meeting, actor, command)
    require((subject or actor).role, command.spec.action)
    ctx = Ctx(session=session, meeting=meeting, actor=actor, now=now, subject=subject)
    changes = OPERATIONS[command.name](ctx, **command.args)
    ack = audit(session, meeting, actor, command.id, command.name, raw.get("args", {}), changes, now, device)
    return Applied(ack, changes, meeting)


def audit(
    session: Session,
    meeting: Meeting,
    actor: Participant | None,
    command_id: str,
    name: str,
    payload: dict,
    changes: Changes,
    now: datetime,
    device: str = "",
) -> dict:
    """Give the change the meeting's next revision and append it to the audit log; return the ack."""
    meeting.revision += 1
    ack = {"ok": True, "revision": meeting.revision, **changes.result}
    session.add(
        AuditEntry(
            meeting_id=meeting.id,
            revision=meeting.revision,
            command_id=command_id,
            command=name,
            actor_participant_id=actor.id if actor else None,
            actor_user_id=actor.user_id if actor else None,
            actor_name=actor.name if actor else "",
            actor_role=actor.role if actor else "",
            device=device[:200],
            payload=dict(payload),
            result=ack,
            created_at=now,
        )
    )
    session.flush()
    return ack
