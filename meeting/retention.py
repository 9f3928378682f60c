"""Retention: a meeting's record is kept RETENTION_YEARS after its case closes, then purged.

The purge is the one path that deletes audit entries, and it is explicit: `flask purge-expired`
(with `--dry-run` to list first). For each meeting it writes a PurgeRecord *first*; the database
trigger on audit_entries refuses any delete for a meeting without one, so no audit entry can go
without a permanent trace of when, by whom, under which retention period and how many rows.

A case closes when its last meeting closes: a meeting is due only when every meeting with its case
reference is closed, the last more than RETENTION_YEARS ago, and no meeting that is kept continues
it (a review or core group carries its areas and behaviours forward).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Table, delete, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from .domain.kinds import MeetingStatus
from .models import AreaOfChange, AuditEntry, Base, Behaviour, Meeting, PurgeRecord

# Never purged here: accounts, the purge records themselves; audit entries go first, explicitly.
_NOT_OWNED = {"users", "purge_records", "audit_entries", "meetings"}


@dataclass
class Review:
    """What a purge would do now: meetings due (newest first) and meetings kept, with why."""

    due: list[Meeting] = field(default_factory=list)
    kept: list[tuple[Meeting, str]] = field(default_factory=list)


def cutoff(now: datetime, years: int) -> datetime:
    """The moment `years` calendar years before now (29 February falls back to the 28th)."""
    now = now.astimezone(UTC)
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def review(session: Session, now: datetime, years: int) -> Review:
    """Which closed meetings are past retention, and which of those must still be kept."""
    limit = cutoff(now, years)
    closed_long_ago = session.scalars(
        select(Meeting)
        .where(
            Meeting.status == MeetingStatus.CLOSED, Meeting.closed_at.is_not(None), Meeting.closed_at < limit
        )
        .order_by(Meeting.id.desc())
    ).all()
    result = Review()
    due: dict[int, Meeting] = {}
    for meeting in closed_long_ago:
        newer = session.scalar(
            select(Meeting.id).where(
                Meeting.case_reference == meeting.case_reference,
                or_(
                    Meeting.status != MeetingStatus.CLOSED,
                    Meeting.closed_at.is_(None),
                    Meeting.closed_at >= limit,
                ),
            )
        )
        if newer is not None:
            result.kept.append(
                (meeting, f"case {meeting.case_reference} has meeting {newer} within retention")
            )
        else:
            due[meeting.id] = meeting
    # Keep anything a kept meeting refers to, until nothing changes.
    changed = True
    while changed:
        changed = False
        for meeting_id in list(due):
            user = _continued_by(session, meeting_id, exclude=set(due))
            if user is not None:
                result.kept.append((due.pop(meeting_id), f"continued by meeting {user}, which is kept"))
                changed = True
    result.due = sorted(due.values(), key=lambda m: m.id, reverse=True)
    return result


def _continued_by(session: Session, meeting_id: int, exclude: set[int]) -> int | None:
    """A meeting outside `exclude` that continues this one or carries its areas or behaviours."""
    outside = Meeting.id.not_in(exclude) if exclude else True
    direct = session.scalar(select(Meeting.id).where(Meeting.previous_meeting_id == meeting_id, outside))
    if direct is not None:
        return direct
    for model in (AreaOfChange, Behaviour):
        source = model.__table__.alias("source")
        found = session.scalar(
            select(model.meeting_id)
            .join(source, source.c.id == model.carried_from_id)
            .where(source.c.meeting_id == meeting_id, model.meeting_id.not_in(exclude | {meeting_id}))
        )
        if found is not None:
            return found
    return None


def _scopes(meeting_id: int) -> list[tuple[Table, ColumnElement]]:
    """Every table holding rows of one meeting, dependents first, with the condition selecting them.

    A table belongs to a meeting through its meeting_id, or through a foreign key that cascades
    from a table that does (a position through its round, an answer through its behaviour).
    References such as carried_from_id are not ownership and are not followed."""
    meetings = Meeting.__table__
    conditions: dict[str, ColumnElement] = {"meetings": meetings.c.id == meeting_id}
    for table in Base.metadata.sorted_tables:
        if table.name in _NOT_OWNED:
            continue
        owned = []
        for fk in table.foreign_keys:
            parent = fk.column.table
            if parent is table or parent.name not in conditions:
                continue
            if fk.parent.name == "meeting_id" or (fk.ondelete or "").upper() == "CASCADE":
                owned.append(fk.parent.in_(select(fk.column).where(conditions[parent.name])))
        if owned:
            conditions[table.name] = or_(*owned)
    ordered = [
        t for t in reversed(Base.metadata.sorted_tables) if t.name in conditions and t.name not in _NOT_OWNED
    ]
    return [(t, conditions[t.name]) for t in ordered] + [(meetings, conditions["meetings"])]


def count_rows(session: Session, meeting_id: int) -> dict[str, int]:
    """How many rows of each table the meeting has (its audit entries included)."""
    counts = {
        "audit_entries": session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.meeting_id == meeting_id)
        )
    }
    for table, condition in _scopes(meeting_id):
        counts[table.name] = session.scalar(select(func.count()).select_from(table).where(condition))
    return counts


def purge(session: Session, meeting: Meeting, now: datetime, years: int, by: str) -> PurgeRecord:
    """Delete a closed meeting and every row of it, recording the purge first. Flushes, never commits.

    Raises if the meeting is not due, or if any row would be left behind (the caller rolls back)."""
    if meeting.status != MeetingStatus.CLOSED or meeting.closed_at is None:
        raise ValueError(f"Meeting {meeting.id} is not closed; only closed meetings are purged.")
    closed = meeting.closed_at if meeting.closed_at.tzinfo else meeting.closed_at.replace(tzinfo=UTC)
    if closed >= cutoff(now, years):
        raise ValueError(f"Meeting {meeting.id} closed less than {years} years ago.")
    counts = count_rows(session, meeting.id)
    record = PurgeRecord(
        meeting_id=meeting.id,
        case_reference=meeting.case_reference,
        closed_at=meeting.closed_at,
        purged_at=now,
        retention_years=years,
        purged_by=by[:120],
        row_counts=counts,
        audit_entries=counts["audit_entries"],
    )
    session.add(record)
    session.flush()  # the trigger on audit_entries lets entries go only once this row exists
    deleted = {
        "audit_entries": session.execute(
            delete(AuditEntry).where(AuditEntry.meeting_id == meeting.id),
            execution_options={"synchronize_session": False},
        ).rowcount
    }
    for table, condition in _scopes(meeting.id):
        deleted[table.name] = session.execute(delete(table).where(condition)).rowcount
    if deleted != counts:
        raise RuntimeError(f"Purge of meeting {meeting.id} deleted {deleted}, expected {counts}.")
    session.expunge(meeting)
    return record
