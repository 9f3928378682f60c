"""The summary as a document: its sections in order, as plain frozen dataclasses (no logic)."""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Header:
    """What meeting this is."""

    kind: str
    title: str
    case_reference: str
    meeting_date: date
    chair_name: str
    language: str
    scale_min: int
    scale_max: int
    opened_at: datetime | None
    closed_at: datetime | None
    previous_kind: str | None
    previous_date: date | None
    children: tuple[str, ...]


@dataclass(frozen=True)
class AttendanceLine:
    """One person and how they took part."""

    name: str
    role: str
    agency: str
    is_family: bool
    status: str  # present, apologies, report_only, left, removed, not_attended
    report_provided: bool
    left_at: datetime | None


@dataclass(frozen=True)
class Exclusion:
    """Someone the chair removed from the meeting, and when (full copy only)."""

    name: str
    role: str
    agency: str
    at: datetime | None


@dataclass(frozen=True)
class ClosedSessionLine:
    """A part of the meeting without the family (full copy only)."""

    started_at: datetime | None
    ended_at: datetime | None
    reason: str


@dataclass(frozen=True)
class ViewLine:
    """One person's view on registering a child."""

    name: str
    role: str
    agency: str
    is_family: bool
    view: str
    categories: tuple[str, ...]
    reason: str
    recorded_by_chair: bool
    ref: str  # the edit key prefix, e.g. "view.7"


@dataclass(frozen=True)
class ChildSection:
    """For one child: the registration decision and the views behind it."""

    name: str
    age: tuple[int | None, int | None]
    decision: str | None
    categories: tuple[str, ...]
    reasons: str
    dissent: str
    family_view: str
    practitioner_views: tuple[ViewLine, ...]
    family_views: tuple[ViewLine, ...]
    ref: str | None


@dataclass(frozen=True)
class EvidenceLine:
    """A worry, strength, piece of evidence or the family's words, with who said it."""

    kind: str
    text: str
    name: str
    role: str
    agency: str
    is_family: bool
    practitioners_only: bool
    in_closed_session: bool
    recorded_by_chair: bool
    ref: str


@dataclass(frozen=True)
class AnswerLine:
    """One family member's answer to a behaviour."""

    name: str
    answer: str


@dataclass(frozen=True)
class BehaviourLine:
    """A behaviour (and step): its status, the family's agreement, who helps, by when, progress."""

    text: str
    status: str
    agreement: str
    answers: tuple[AnswerLine, ...]
    proposed_by: str
    who: str
    by_when: date | None
    progress: str
    carried: bool
    practitioners_only: bool
    area_title: str
    ref: str


@dataclass(frozen=True)
class PositionLine:
    """Where one person placed the area on the scale, and why."""

    name: str
    role: str
    agency: str
    is_family: bool
    value: int
    reason: str
    recorded_by_chair: bool


@dataclass(frozen=True)
class RoundSection:
    """One scaling round: every position and the agreed position."""

    status: str
    agreed_value: int | None
    agreed_rationale: str
    positions: tuple[PositionLine, ...]
    ref: str


@dataclass(frozen=True)
class AreaSection:
    """One area of change, in full."""

    title: str
    children: tuple[str, ...]
    not_good_enough: str
    good_enough: str
    family_words: str
    agreed_wording: str
    evidence: tuple[EvidenceLine, ...]
    behaviours: tuple[BehaviourLine, ...]
    rounds: tuple[RoundSection, ...]
    agreed_value: int | None
    baseline_value: int | None
    carried: bool
    ref: str
    # Added in a closed session; not (yet) shared with the family. The family copy has neither.
    in_closed_session: bool = False
    practitioners_only: bool = False


@dataclass(frozen=True)
class Summary:
    """The summary of one meeting, for one copy, as sections in order."""

    copy: str
    header: Header
    attendance: tuple[AttendanceLine, ...]
    exclusions: tuple[Exclusion, ...]
    closed_sessions: tuple[ClosedSessionLine, ...]
    children: tuple[ChildSection, ...]
    areas: tuple[AreaSection, ...]
    steps: tuple[BehaviourLine, ...]
    dates: tuple[tuple[str, date], ...]
    notes: tuple[tuple[str, str], ...]  # (audience: "everyone" or "practitioners", Markdown)

    @property
    def is_conference(self) -> bool:
        """Conferences decide on registration; Core Groups do not."""
        return self.header.kind != "core_group"
