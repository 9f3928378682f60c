"""Applying one command: idempotency, permission, the operation, the revision and the audit entry.

Everything here flushes and never commits: the edge (a socket handler or a route) commits, and
only then broadcasts and acknowledges. A command that fails is rolled back here, though, to look up
whether it is a repeat of one already applied.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..domain import commands, lifecycle
from ..domain.errors import N_, Conflict, MeetingError, NotAllowed, NotFound
from ..domain.roles import require
from ..identity import Actor
from ..models import AuditEntry, ClosedSession, Meeting, Participant
from . import agenda, decisions, people
from .context import NOT_LOADED, Changes, Ctx

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


# The statements every command runs are Core statements on the tables, not ORM queries: the
# ORM's compile, load and unit-of-work machinery was about half of a command's CPU and the answer
# here is almost always "not seen before" (bench/README.md, "Where the time goes").
_audit = AuditEntry.__table__
_meetings = Meeting.__table__
_PREVIOUS = select(_audit.c.actor_participant_id, _audit.c.result).where(
    _audit.c.meeting_id == bindparam("meeting_id"), _audit.c.command_id == bindparam("command_id")
)
_BUMP = update(_meetings).where(_meetings.c.id == bindparam("meeting")).values(revision=bindparam("next"))
_APPEND = insert(_audit)
# Built once: a statement object keeps its cache key, so the ORM need not work it out per command.
_LOCK = select(Meeting).where(Meeting.id == bindparam("meeting_id")).with_for_update()
# A command's meeting comes with whether a closed session is in progress, in the same statement. Only
# the id: loading a second entity costs the ORM as much again, and there is rarely one to load.
_LOCK_FOR_COMMAND = (
    select(Meeting, ClosedSession.id)
    .outerjoin(
        ClosedSession, and_(ClosedSession.meeting_id == Meeting.id, ClosedSession.ended_at.is_(None))
    )
    .where(Meeting.id == bindparam("meeting_id"))
    .with_for_update(of=Meeting.__table__)
)

Person = Participant | Actor


def previous_answer(session: Session, meeting_id: int, command_id: str, actor: Person) -> dict | None:
    """The acknowledgement already given for this command id, if it was applied before."""
    entry = (
        session.connection()
        .execute(_PREVIOUS, {"meeting_id": meeting_id, "command_id": command_id})
        .first()
    )
    if entry is None:
        return None
    # An ack can hold what only its sender may see (a hidden scale value): never hand it to another.
    if entry.actor_participant_id != actor.id:
        raise Conflict(N_("That command id has already been used."), code="duplicate_id")
    return {**entry.result, "duplicate": True}


def lock_meeting(session: Session, meeting_id: int) -> Meeting:
    """Load the meeting under a row lock, so revisions stay strictly ordered across processes."""
    meeting = session.scalar(_LOCK, {"meeting_id": meeting_id})
    if meeting is None:
        raise NotFound(N_("No such meeting."))
    return meeting


def _subject(session: Session, meeting: Meeting, actor: Person, command) -> Participant | None:
    if command.on_behalf_of is None:
        return None
    require(actor.role, "record_on_behalf")
    subject = session.get(Participant, command.on_behalf_of)
    if subject is None or subject.meeting_id != meeting.id:
        raise NotFound(N_("No such person in this meeting."))
    lifecycle.check_on_behalf(subject.admission)
    return subject


def apply_command(
    session: Session, meeting_id: int, actor: Person, raw: dict, now: datetime, device: str = ""
) -> Applied:
    """Check, apply and audit one command from a client; a repeated id returns the first answer."""
    command = commands.parse(raw)
    try:
        return _apply(session, meeting_id, actor, command, raw, now, device)
    except (MeetingError, IntegrityError):
        # A repeat is recognised only when it fails: at the audit log's unique (meeting, command id)
        # if it got that far, or earlier if the meeting has moved on since (an area removed, say).
        # Asking first cost every command a statement, for the few that are repeats (bench/README.md).
        session.rollback()
        answered = previous_answer(session, meeting_id, command.id, actor)
        if answered is not None:
            return Applied(answered, None, None)
        raise


def _apply(
    session: Session,
    meeting_id: int,
    actor: Person,
    command: commands.Command,
    raw: dict,
    now: datetime,
    device: str,
) -> Applied:
    if actor.meeting_id != meeting_id or not actor.is_admitted:
        raise NotAllowed(N_("You are not in this meeting."))
    # The row lock orders revisions across processes; on SQLite, BEGIN IMMEDIATE already holds the
    # database's write lock. A process that applied the same command while this one waited is
    # caught by the audit log's unique command id.
    locked = session.execute(_LOCK_FOR_COMMAND, {"meeting_id": meeting_id}).first()
    if locked is None:
        raise NotFound(N_("No such meeting."))
    meeting, closed_session_id = locked
    subject = _subject(session, meeting, actor, command)
    require((subject or actor).role, command.spec.action)
    # With none in progress the operation need not ask; with one, it loads it if it needs it.
    ctx = Ctx(session, meeting, actor, now, subject, None if closed_session_id is None else NOT_LOADED)
    changes = OPERATIONS[command.name](ctx, **command.args)
    ack = audit(session, meeting, actor, command.id, command.name, raw.get("args", {}), changes, now, device)
    return Applied(ack, changes, meeting)


def audit(
    session: Session,
    meeting: Meeting,
    actor: Person | None,
    command_id: str,
    name: str,
    payload: dict,
    changes: Changes,
    now: datetime,
    device: str = "",
) -> dict:
    """Give the change the meeting's next revision and append it to the audit log; return the ack."""
    # What the operation changed goes first (a new meeting needs its id); usually nothing is left.
    session.flush()
    revision = meeting.revision + 1
    ack = {"ok": True, "revision": revision, **changes.result}
    connection = session.connection()
    connection.execute(_BUMP, {"meeting": meeting.id, "next": revision})
    # The row now holds the revision: the session must not write it again.
    set_committed_value(meeting, "revision", revision)
    connection.execute(
        _APPEND,
        {
            "meeting_id": meeting.id,
            "revision": revision,
            "command_id": command_id,
            "command": name,
            "actor_participant_id": actor.id if actor else None,
            "actor_user_id": actor.user_id if actor else None,
            "actor_name": actor.name if actor else "",
            "actor_role": actor.role if actor else "",
            "device": device[:200],
            "payload": dict(payload),
            "result": ack,
            "created_at": now,
        },
    )
    return ack
