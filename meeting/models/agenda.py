"""The agenda: areas of change, contributions to them, and behaviours with the family's answers."""

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.behaviours import BehaviourStatus, FamilyAgreement, StepProgress
from ..domain.kinds import Visibility
from .base import Base
from .meeting import Child, Meeting, Participant

area_children = Table(
    "area_children",
    Base.metadata,
    Column("area_id", ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True),
    Column("child_id", ForeignKey("children.id", ondelete="CASCADE"), primary_key=True),
)


class AreaOfChange(Base):
    """One area of change: what is not good enough, what good enough looks like, in whose words."""

    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    not_good_enough: Mapped[str] = mapped_column(Text, default="")
    good_enough: Mapped[str] = mapped_column(Text, default="")
    family_words: Mapped[str] = mapped_column(Text, default="")
    agreed_wording: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    # The area of the previous meeting this one continues, so scales chart across meetings.
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    # The last agreed position carried from the previous meeting: where this meeting starts from.
    baseline_value: Mapped[int | None]
    # Added in a closed session (or carried as such): practitioners-only until the chair shares it.
    # Everything recorded against it meanwhile is practitioners-only for good (operations/agenda.py).
    visibility: Mapped[str] = mapped_column(String(16), default=Visibility.EVERYONE)
    closed_session_id: Mapped[int | None] = mapped_column(ForeignKey("closed_sessions.id"))
    created_at: Mapped[datetime]

    meeting: Mapped[Meeting] = relationship(back_populates="areas", foreign_keys=[meeting_id])
    children: Mapped[list[Child]] = relationship(secondary=area_children, order_by=Child.position)


class Contribution(Base):
    """A worry, strength, piece of evidence or the family's own words, added to an area."""

    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(16), default=Visibility.EVERYONE)
    closed_session_id: Mapped[int | None] = mapped_column(ForeignKey("closed_sessions.id"))
    recorded_by_chair: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    edited_at: Mapped[datetime | None]

    author: Mapped[Participant] = relationship()
    area: Mapped[AreaOfChange] = relationship(viewonly=True)


class Behaviour(Base):
    """A behaviour that would show care is good enough; in a Core Group, also a step of the plan."""

    __tablename__ = "behaviours"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    status: Mapped[str] = mapped_column(String(16), default=BehaviourStatus.PROPOSED)
    visibility: Mapped[str] = mapped_column(String(16), default=Visibility.EVERYONE)
    closed_session_id: Mapped[int | None] = mapped_column(ForeignKey("closed_sessions.id"))
    who: Mapped[str] = mapped_column(String(200), default="")
    by_when: Mapped[date | None]
    progress: Mapped[str] = mapped_column(String(16), default=StepProgress.NOT_STARTED)
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("behaviours.id"))
    created_at: Mapped[datetime]
    # When its wording, who helps or by when was last changed (edit_behaviour): devices say "edited".
    edited_at: Mapped[datetime | None]

    proposed_by: Mapped[Participant | None] = relationship()
    answers: Mapped[list["BehaviourAnswer"]] = relationship(
        back_populates="behaviour", order_by="BehaviourAnswer.id", cascade="all, delete-orphan"
    )


class BehaviourAnswer(Base):
    """One family member's agreement with one behaviour."""

    __tablename__ = "behaviour_answers"
    __table_args__ = (UniqueConstraint("behaviour_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    behaviour_id: Mapped[int] = mapped_column(ForeignKey("behaviours.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    answer: Mapped[str] = mapped_column(String(16), default=FamilyAgreement.NOT_ASKED)
    recorded_by_chair: Mapped[bool] = mapped_column(default=False)
    answered_at: Mapped[datetime]

    behaviour: Mapped[Behaviour] = relationship(back_populates="answers")
    participant: Mapped[Participant] = relationship()
