"""A meeting, its children and its people."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.kinds import Admission, Attendance, MeetingStatus
from ..domain.roles import is_family
from .base import Base


class Meeting(Base):
    """A Case Conference (initial or review) or a Core Group."""

    __tablename__ = "meetings"
    # Ids are never reused on SQLite either (AUTOINCREMENT), so a purged meeting's id in
    # purge_records can never come to name a newer meeting.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    case_reference: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(2), default="en")
    scale_min: Mapped[int] = mapped_column(default=1)
    scale_max: Mapped[int] = mapped_column(default=10)
    status: Mapped[str] = mapped_column(String(16), default=MeetingStatus.DRAFT)
    meeting_date: Mapped[date]
    strategy_discussion_date: Mapped[date | None]
    previous_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    chair_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The revision is bumped under a row lock by every command: the per-meeting order of events.
    revision: Mapped[int] = mapped_column(default=0)
    lobby_open: Mapped[bool] = mapped_column(default=False)
    join_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    screen_key: Mapped[str] = mapped_column(String(64))
    focus_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("areas.id", use_alter=True, ondelete="SET NULL")
    )
    undo_focus_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("areas.id", use_alter=True, ondelete="SET NULL")
    )
    created_at: Mapped[datetime]
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    children: Mapped[list["Child"]] = relationship(
        back_populates="meeting", order_by="Child.position", cascade="all, delete-orphan"
    )
    participants: Mapped[list["Participant"]] = relationship(
        back_populates="meeting", order_by="Participant.id", cascade="all, delete-orphan"
    )
    areas: Mapped[list["AreaOfChange"]] = relationship(  # noqa: F821
        back_populates="meeting",
        order_by="AreaOfChange.position",
        foreign_keys="AreaOfChange.meeting_id",
        cascade="all, delete-orphan",
    )
    previous_meeting: Mapped["Meeting | None"] = relationship(remote_side=[id])
    # Whether the focus is a practitioners-only area decides what family devices are told of it.
    focus_area: Mapped["AreaOfChange | None"] = relationship(  # noqa: F821
        foreign_keys=[focus_area_id], viewonly=True
    )


class Child(Base):
    """A child the meeting is about: first name and age only."""

    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    age_years: Mapped[int | None]
    age_months: Mapped[int | None]
    position: Mapped[int] = mapped_column(default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="children")


class Participant(Base):
    """A person in one meeting: expected, in the lobby, admitted, or recorded as absent."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(32))
    agency: Mapped[str | None] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(2), default="en")
    admission: Mapped[str] = mapped_column(String(16), default=Admission.EXPECTED)
    attendance: Mapped[str | None] = mapped_column(String(16))
    report_provided: Mapped[bool] = mapped_column(default=False)
    # Only a hash of the device token is stored: a leaked database admits nobody.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    online: Mapped[bool] = mapped_column(default=False)
    joined_at: Mapped[datetime | None]
    admitted_at: Mapped[datetime | None]
    left_at: Mapped[datetime | None]

    meeting: Mapped[Meeting] = relationship(back_populates="participants")

    @property
    def is_family(self) -> bool:
        """Family and their supporters: never sent practitioners-only material."""
        return is_family(self.role)

    @property
    def is_admitted(self) -> bool:
        """Admitted by the chair and not since removed."""
        return self.admission == Admission.ADMITTED

    @property
    def is_present(self) -> bool:
        """In the meeting now, for the attendance record."""
        return self.is_admitted and self.attendance in (None, Attendance.PRESENT)


class User(Base):
    """A staff account: chairs, social workers and administrators sign in; others join by code."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(32))
    agency: Mapped[str | None] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    # Set when an admin creates the account or resets its password: the temporary password works
    # only to choose a new one.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # Raised by signing out: the session cookie carries the value it signed in with, so every copy
    # of every session of the account stops working, however it was copied (meeting.identity).
    session_epoch: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
