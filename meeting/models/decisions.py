"""Scaling rounds and positions, registration views and decisions, and closed sessions."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.kinds import Visibility
from ..domain.scaling import RoundStatus
from .agenda import AreaOfChange
from .base import Base
from .meeting import Child, Participant


class ScalingRound(Base):
    """One round of scaling on one area: blind until the chair reveals it."""

    __tablename__ = "scaling_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=RoundStatus.OPEN)
    # Practitioners-only when held on an area before it was shared with the family (share_area).
    visibility: Mapped[str] = mapped_column(String(16), default=Visibility.EVERYONE)
    agreed_value: Mapped[int | None]
    agreed_rationale: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime]
    revealed_at: Mapped[datetime | None]
    agreed_at: Mapped[datetime | None]

    positions: Mapped[list["ScalePosition"]] = relationship(
        back_populates="round", order_by="ScalePosition.id", cascade="all, delete-orphan"
    )
    # Loaded with the round: whether its area is practitioners-only decides who is sent the round
    # and its positions, and the payloads are built after the commit.
    area: Mapped[AreaOfChange] = relationship(viewonly=True, lazy="joined", innerjoin=True)


class ScalePosition(Base):
    """Where one person places the area on the scale, and why."""

    __tablename__ = "scale_positions"
    __table_args__ = (UniqueConstraint("round_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("scaling_rounds.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    value: Mapped[int]
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_by_chair: Mapped[bool] = mapped_column(default=False)
    # Placed during a closed session: never shown to the family, even once revealed.
    closed_session_id: Mapped[int | None] = mapped_column(ForeignKey("closed_sessions.id"))
    placed_at: Mapped[datetime]

    round: Mapped[ScalingRound] = relationship(back_populates="positions")
    participant: Mapped[Participant] = relationship()


class RegistrationView(Base):
    """One person's view on registering one child: practitioners' views, and the family's."""

    __tablename__ = "registration_views"
    __table_args__ = (UniqueConstraint("child_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    view: Mapped[str] = mapped_column(String(16))
    categories: Mapped[list] = mapped_column(default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
    closed_session_id: Mapped[int | None] = mapped_column(ForeignKey("closed_sessions.id"))
    recorded_by_chair: Mapped[bool] = mapped_column(default=False)
    given_at: Mapped[datetime]

    child: Mapped[Child] = relationship()
    participant: Mapped[Participant] = relationship()


class RegistrationDecision(Base):
    """The conference's decision for one child, with categories, reasons and any dissent."""

    __tablename__ = "registration_decisions"
    __table_args__ = (UniqueConstraint("child_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    decision: Mapped[str] = mapped_column(String(16))
    categories: Mapped[list] = mapped_column(default=list)
    reasons: Mapped[str] = mapped_column(Text)
    dissent: Mapped[str] = mapped_column(Text, default="")
    family_view: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime]

    child: Mapped[Child] = relationship()


class ClosedSession(Base):
    """A part of the meeting without the family; all that is added in it is practitioners-only."""

    __tablename__ = "closed_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
