"""A meeting's record as plain, frozen dataclasses: what the summary and the chart are built from.

An operation loads these from the database (``meeting.operations.records.load_record``); the pure
code here never touches a session or Flask. A record round-trips through JSON (``to_data`` /
``from_data``) so that each summary version keeps the exact record it was built from.
"""

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache, cached_property
from typing import Any

FAMILY_ROLES = frozenset({"parent", "carer", "child", "advocate", "supporter"})
PRACTITIONER_ROLES = frozenset({"chair", "social_worker", "practitioner"})


@dataclass(frozen=True)
class Person:
    """A participant as the record knows them."""

    id: int
    name: str
    role: str
    agency: str = ""
    language: str = "en"
    admission: str = "expected"
    attendance: str | None = None
    report_provided: bool = False
    admitted_at: datetime | None = None
    left_at: datetime | None = None
    user_id: int | None = None

    @property
    def is_family(self) -> bool:
        """Family members and those who support them."""
        return self.role in FAMILY_ROLES


@dataclass(frozen=True)
class ChildRecord:
    """A child the meeting is about."""

    id: int
    first_name: str
    age_years: int | None = None
    age_months: int | None = None


@dataclass(frozen=True)
class Area:
    """An area of change with its statements; ``baseline`` is the position carried from before."""

    id: int
    title: str
    not_good_enough: str = ""
    good_enough: str = ""
    family_words: str = ""
    agreed_wording: str = ""
    position: int = 0
    child_ids: tuple[int, ...] = ()
    carried_from_id: int | None = None
    baseline_value: int | None = None
    # Added in a closed session (practitioners-only until the chair shared it, if they did).
    visibility: str = "everyone"
    closed_session_id: int | None = None


@dataclass(frozen=True)
class Contribution:
    """A worry, strength, piece of evidence or the family's words."""

    id: int
    area_id: int
    participant_id: int
    kind: str
    text: str
    visibility: str = "everyone"
    closed_session_id: int | None = None
    recorded_by_chair: bool = False
    created_at: datetime | None = None


@dataclass(frozen=True)
class Answer:
    """One family member's answer to a behaviour."""

    participant_id: int
    answer: str


@dataclass(frozen=True)
class Behaviour:
    """A behaviour, and in a Core Group a step of the plan."""

    id: int
    area_id: int
    text: str
    proposed_by_id: int | None = None
    status: str = "proposed"
    visibility: str = "everyone"
    closed_session_id: int | None = None
    who: str = ""
    by_when: date | None = None
    progress: str = "not_started"
    carried_from_id: int | None = None
    answers: tuple[Answer, ...] = ()


@dataclass(frozen=True)
class Position:
    """One person's place on the scale in one round."""

    participant_id: int
    value: int
    reason: str = ""
    recorded_by_chair: bool = False
    placed_at: datetime | None = None


@dataclass(frozen=True)
class Round:
    """A scaling round on one area, with its positions and agreed position."""

    id: int
    area_id: int
    status: str
    agreed_value: int | None = None
    agreed_rationale: str = ""
    opened_at: datetime | None = None
    agreed_at: datetime | None = None
    positions: tuple[Position, ...] = ()
    # Practitioners-only when held on an area before it was shared with the family.
    visibility: str = "everyone"


@dataclass(frozen=True)
class View:
    """One person's view on registering one child."""

    id: int
    child_id: int
    participant_id: int
    view: str
    categories: tuple[str, ...] = ()
    reason: str = ""
    closed_session_id: int | None = None
    recorded_by_chair: bool = False


@dataclass(frozen=True)
class Decision:
    """The conference's registration decision for one child."""

    id: int
    child_id: int
    decision: str
    categories: tuple[str, ...] = ()
    reasons: str = ""
    dissent: str = ""
    family_view: str = ""


@dataclass(frozen=True)
class ClosedSession:
    """A part of the meeting without the family."""

    id: int
    reason: str = ""
    started_at: datetime | None = None
    ended_at: datetime | None = None


@dataclass(frozen=True)
class MeetingRecord:
    """Everything the summary of one meeting is built from."""

    id: int
    kind: str
    title: str
    case_reference: str
    meeting_date: date
    language: str = "en"
    scale_min: int = 1
    scale_max: int = 10
    status: str = "closed"
    chair_name: str = ""
    previous_meeting_id: int | None = None
    previous_meeting_date: date | None = None
    previous_meeting_kind: str | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    people: tuple[Person, ...] = ()
    children: tuple[ChildRecord, ...] = ()
    areas: tuple[Area, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    behaviours: tuple[Behaviour, ...] = ()
    rounds: tuple[Round, ...] = ()
    views: tuple[View, ...] = ()
    decisions: tuple[Decision, ...] = ()
    closed_sessions: tuple[ClosedSession, ...] = field(default=())

    def person(self, participant_id: int | None) -> Person | None:
        """The participant with that id, if in the record."""
        return self._people.get(participant_id)

    def people_by_id(self) -> dict[int, Person]:
        """Participants by id."""
        return self._people

    @cached_property
    def _people(self) -> dict[int, Person]:
        return {p.id: p for p in self.people}


# --- JSON round trip ------------------------------------------------------------------------------


def to_data(value: Any) -> Any:
    """A record (or any part of one) as JSON-ready data: dates as ISO strings, tuples as lists."""
    if dataclasses.is_dataclass(value):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@cache
def _converter(hint: Any):
    """A function turning JSON data into a value of ``hint`` (built once per type)."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        inner = _converter(next(a for a in typing.get_args(hint) if a is not type(None)))
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        item = _converter(typing.get_args(hint)[0])
        if item is _same:
            return tuple
        return lambda data: tuple(item(v) for v in data)
    if hint is datetime:
        return lambda data: aware(datetime.fromisoformat(data))
    if hint is date:
        return date.fromisoformat
    if dataclasses.is_dataclass(hint):
        return _dataclass_converter(hint)
    return _same


def _same(data):
    return data


@cache
def _dataclass_converter(cls):
    hints = typing.get_type_hints(cls)
    fields = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}

    def convert(data: dict):
        return cls(**{k: fields[k](v) for k, v in data.items() if k in fields})

    return convert


def from_data(cls, data: dict):
    """Rebuild a record (or a part of one) from ``to_data`` output; unknown keys are ignored."""
    return _dataclass_converter(cls)(data)


def aware(value: datetime | None) -> datetime | None:
    """Datetimes from SQLite come back naive; every time in a record is UTC-aware."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
