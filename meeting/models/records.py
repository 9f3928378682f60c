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
    """That a meeting was purged after its retention period: kept when everything else goes."""

    __tablename__ = "purge_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int]
    case_reference: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[datetime | None]
    purged_at: Mapped[datetime]
    audit_entries: Mapped[int] = mapped_column(default=0)
