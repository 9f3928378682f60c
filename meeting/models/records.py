"""The append-only audit log, and the versions of a meeting's summary."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class AuditEntry(Base):
    """One applied command: who, from which device, when, with what. Never updated or deleted."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        UniqueConstraint("meeting_id", "revision"),
        UniqueConstraint("meeting_id", "command_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    revision: Mapped[int]
    command_id: Mapped[str] = mapped_column(String(64))
    command: Mapped[str] = mapped_column(String(64))
    actor_participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_name: Mapped[str] = mapped_column(String(120), default="")
    actor_role: Mapped[str] = mapped_column(String(32), default="")
    device: Mapped[str] = mapped_column(String(200), default="")
    payload: Mapped[dict] = mapped_column(default=dict)
    result: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime]


@event.listens_for(AuditEntry, "before_update")
def _refuse_update(mapper, connection, target):  # noqa: ARG001
    raise RuntimeError("The audit log is append-only: entries are never updated.")


@event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(mapper, connection, target):  # noqa: ARG001
    # The one exception, a retention purge (meeting/retention.py), deletes with a Core statement
    # after writing a PurgeRecord; the database trigger checks that record exists.
    raise RuntimeError("The audit log is append-only: entries are never deleted.")


class SummaryVersion(Base):
    """A version of a meeting's summary: a draft, or approved and fixed."""

    __tablename__ = "summary_versions"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="draft")
    content: Mapped[dict] = mapped_column(default=dict)
    corrections: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    approved_at: Mapped[datetime | None]
    approved_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class PurgeRecord(Base):
    """That a meeting was purged after its retention period: kept when everything else goes.

    Written *before* the meeting's rows are deleted: the database lets audit entries of a meeting be
    deleted only while a purge record for that (closed) meeting exists, so no audit entry can go
    without leaving this trace. Never updated or deleted itself.
    """

    __tablename__ = "purge_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: the meeting row is gone once the purge has run.
    meeting_id: Mapped[int] = mapped_column(index=True)
    case_reference: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[datetime | None]
    purged_at: Mapped[datetime]
    retention_years: Mapped[int]
    # Who ran it (the CLI records the operating-system user) and how many rows of each table went.
    purged_by: Mapped[str] = mapped_column(String(120), default="")
    row_counts: Mapped[dict] = mapped_column(default=dict)
    audit_entries: Mapped[int] = mapped_column(default=0)


@event.listens_for(PurgeRecord, "before_update")
def _refuse_purge_update(mapper, connection, target):  # noqa: ARG001
    raise RuntimeError("Purge records are permanent: they are never updated.")


@event.listens_for(PurgeRecord, "before_delete")
def _refuse_purge_delete(mapper, connection, target):  # noqa: ARG001
    raise RuntimeError("Purge records are permanent: they are never deleted.")
