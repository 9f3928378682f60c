"""Building the summary of a meeting from its record: pure code, no Flask, no database, no clock.

Two copies come out of one record. The **full copy** is built from the record as it is. The **family
copy** is built from ``family_record(record)``: a record from which every practitioners-only item,
every area not shared with the family (with all that was recorded against it), everything from a
closed session, the closed sessions themselves, practitioners' registration views and dissent have
already been taken out. The family builder never sees what the family may not, so
no later template or renderer can leak it.

The chair's corrections are an edited field set (``edits``: ``"area.12.good_enough" -> new text``),
applied to the record before either copy is built, so a corrected practitioners-only item stays
practitioners-only.
"""

import dataclasses
from datetime import date, datetime

from ..domain.behaviours import family_agreement
from ..domain.working_days import due_dates
from .corrections import (
    NOTE_EVERYONE,
    NOTE_PRACTITIONERS,
    apply_edits,
)
from .record import (
    Area,
    Behaviour,
    ClosedSession,
    Contribution,
    Decision,
    MeetingRecord,
    Person,
    Round,
    View,
)
from .sections import (
    AnswerLine,
    AreaSection,
    AttendanceLine,
    BehaviourLine,
    ChildSection,
    ClosedSessionLine,
    EvidenceLine,
    Exclusion,
    Header,
    PositionLine,
    RoundSection,
    Summary,
    ViewLine,
)

FULL = "full"
FAMILY = "family"
COPIES = (FULL, FAMILY)


# --- the family's record --------------------------------------------------------------------------


def _during(moment: datetime | None, sessions: tuple[ClosedSession, ...]) -> bool:
    if moment is None:
        return False
    return any(
        s.started_at is not None and s.started_at <= moment and (s.ended_at is None or moment <= s.ended_at)
        for s in sessions
    )


def _for_everyone(item: Contribution | Behaviour) -> bool:
    return item.visibility == "everyone" and item.closed_session_id is None


def family_record(record: MeetingRecord) -> MeetingRecord:
    """The record as the family may see it: nothing practitioners-only, nothing from a closed session."""
    sessions = record.closed_sessions
    people = record.people_by_id()

    def family_view(v: View) -> bool:
        person = people.get(v.participant_id)
        return person is not None and person.is_family and v.closed_session_id is None

    areas = tuple(a for a in record.areas if a.visibility == "everyone")
    shared = {a.id for a in areas}
    rounds = tuple(
        dataclasses.replace(r, positions=tuple(p for p in r.positions if not _during(p.placed_at, sessions)))
        for r in record.rounds
        if r.area_id in shared
        and r.visibility == "everyone"
        and not _during(r.opened_at, sessions)
        and not _during(r.agreed_at, sessions)
    )
    return dataclasses.replace(
        record,
        case_reference="",
        people=tuple(p for p in record.people if p.admission not in ("waiting", "declined")),
        areas=areas,
        contributions=tuple(c for c in record.contributions if c.area_id in shared and _for_everyone(c)),
        behaviours=tuple(b for b in record.behaviours if b.area_id in shared and _for_everyone(b)),
        rounds=rounds,
        views=tuple(v for v in record.views if family_view(v)),
        decisions=tuple(dataclasses.replace(d, dissent="") for d in record.decisions),
        closed_sessions=(),
    )


# --- building -------------------------------------------------------------------------------------


def summary_for(record: MeetingRecord, copy: str, edits: dict[str, str] | None = None) -> Summary:
    """The summary of a record for one copy, with the chair's corrections applied."""
    edits = edits or {}
    corrected = apply_edits(record, edits)
    if copy == FAMILY:
        return build(family_record(corrected), FAMILY, notes=(("everyone", edits.get(NOTE_EVERYONE, "")),))
    if copy == FULL:
        notes = (
            ("everyone", edits.get(NOTE_EVERYONE, "")),
            ("practitioners", edits.get(NOTE_PRACTITIONERS, "")),
        )
        return build(corrected, FULL, notes=notes)
    raise ValueError(f"unknown copy {copy!r}")


def _attendance_status(p: Person) -> str:
    if p.admission == "removed":
        return "removed"
    if p.attendance:
        return p.attendance
    if p.admission == "admitted":
        return "present"
    return "not_attended"


_STATUS_ORDER = {"present": 0, "left": 1, "removed": 2, "report_only": 3, "apologies": 4, "not_attended": 5}


def _attendance(record: MeetingRecord, copy: str) -> tuple[AttendanceLine, ...]:
    lines = []
    for p in record.people:
        if p.admission in ("waiting", "declined"):
            continue
        status = _attendance_status(p)
        if copy == FAMILY and status == "removed":
            status = "left"
        lines.append(
            AttendanceLine(p.name, p.role, p.agency, p.is_family, status, p.report_provided, p.left_at)
        )
    chair_first = {"chair": 0}
    return tuple(sorted(lines, key=lambda a: (_STATUS_ORDER.get(a.status, 9), chair_first.get(a.role, 1))))


def _who(record: MeetingRecord, participant_id: int | None) -> Person:
    return record.person(participant_id) or Person(id=0, name="", role="")


def _view_line(record: MeetingRecord, v: View) -> ViewLine:
    p = _who(record, v.participant_id)
    return ViewLine(
        p.name,
        p.role,
        p.agency,
        p.is_family,
        v.view,
        tuple(v.categories),
        v.reason,
        v.recorded_by_chair,
        f"view.{v.id}",
    )


def _children(record: MeetingRecord) -> tuple[ChildSection, ...]:
    decisions: dict[int, Decision] = {d.child_id: d for d in record.decisions}
    sections = []
    for child in record.children:
        d = decisions.get(child.id)
        views = [_view_line(record, v) for v in record.views if v.child_id == child.id]
        sections.append(
            ChildSection(
                name=child.first_name,
                age=(child.age_years, child.age_months),
                decision=d.decision if d else None,
                categories=tuple(d.categories) if d else (),
                reasons=d.reasons if d else "",
                dissent=d.dissent if d else "",
                family_view=d.family_view if d else "",
                practitioner_views=tuple(v for v in views if not v.is_family),
                family_views=tuple(v for v in views if v.is_family),
                ref=f"decision.{d.id}" if d else None,
            )
        )
    return tuple(sections)


def _behaviour_line(record: MeetingRecord, b: Behaviour, area_title: str) -> BehaviourLine:
    people = record.people_by_id()
    answers = tuple(
        AnswerLine(people[a.participant_id].name if a.participant_id in people else "", a.answer)
        for a in b.answers
    )
    return BehaviourLine(
        text=b.text,
        status=b.status,
        agreement=family_agreement([a.answer for a in b.answers]),
        answers=answers,
        proposed_by=_who(record, b.proposed_by_id).name,
        who=b.who,
        by_when=b.by_when,
        progress=b.progress,
        carried=b.carried_from_id is not None,
        practitioners_only=b.visibility != "everyone" or b.closed_session_id is not None,
        area_title=area_title,
        ref=f"behaviour.{b.id}",
    )


def _evidence_line(record: MeetingRecord, c: Contribution) -> EvidenceLine:
    p = _who(record, c.participant_id)
    return EvidenceLine(
        kind=c.kind,
        text=c.text,
        name=p.name,
        role=p.role,
        agency=p.agency,
        is_family=p.is_family,
        practitioners_only=c.visibility != "everyone",
        in_closed_session=c.closed_session_id is not None,
        recorded_by_chair=c.recorded_by_chair,
        ref=f"contribution.{c.id}",
    )


def _round_section(record: MeetingRecord, r: Round) -> RoundSection:
    positions = []
    for pos in sorted(
        r.positions, key=lambda p: (not _who(record, p.participant_id).is_family, p.participant_id)
    ):
        p = _who(record, pos.participant_id)
        positions.append(
            PositionLine(p.name, p.role, p.agency, p.is_family, pos.value, pos.reason, pos.recorded_by_chair)
        )
    return RoundSection(r.status, r.agreed_value, r.agreed_rationale, tuple(positions), f"round.{r.id}")


_EVIDENCE_ORDER = {"worry": 0, "evidence": 1, "strength": 2, "family_words": 3}


def _areas(record: MeetingRecord) -> tuple[AreaSection, ...]:
    children = {c.id: c.first_name for c in record.children}
    by_area: dict[int, dict[str, list]] = {a.id: {"c": [], "b": [], "r": []} for a in record.areas}
    for c in record.contributions:
        by_area.get(c.area_id, {}).get("c", []).append(c)
    for b in record.behaviours:
        by_area.get(b.area_id, {}).get("b", []).append(b)
    for r in record.rounds:
        if r.status in ("revealed", "agreed"):
            by_area.get(r.area_id, {}).get("r", []).append(r)
    sections = []
    for area in sorted(record.areas, key=lambda a: (a.position, a.id)):
        items = by_area[area.id]
        evidence = sorted(items["c"], key=lambda c: (_EVIDENCE_ORDER.get(c.kind, 9), c.id))
        behaviours = [b for b in sorted(items["b"], key=lambda b: b.id) if b.status != "withdrawn"]
        behaviours.sort(key=lambda b: b.status != "agreed")
        rounds = sorted(items["r"], key=lambda r: r.id)
        agreed = [r.agreed_value for r in rounds if r.status == "agreed" and r.agreed_value is not None]
        sections.append(
            AreaSection(
                title=area.title,
                children=tuple(children[c] for c in area.child_ids if c in children),
                not_good_enough=area.not_good_enough,
                good_enough=area.good_enough,
                family_words=area.family_words,
                agreed_wording=area.agreed_wording,
                evidence=tuple(_evidence_line(record, c) for c in evidence),
                behaviours=tuple(_behaviour_line(record, b, area.title) for b in behaviours),
                rounds=tuple(_round_section(record, r) for r in rounds),
                agreed_value=agreed[-1] if agreed else None,
                baseline_value=area.baseline_value,
                carried=area.carried_from_id is not None,
                ref=f"area.{area.id}",
                in_closed_session=area.closed_session_id is not None,
                practitioners_only=area.visibility != "everyone",
            )
        )
    return tuple(sections)


def registered(record: MeetingRecord) -> bool:
    """Whether any child's name goes on (or stays on) the register at this meeting."""
    if record.kind == "core_group":
        return True
    return any(d.decision == "register" for d in record.decisions)


def follow_on_dates(record: MeetingRecord) -> tuple[tuple[str, date], ...]:
    """The dates that follow from the meeting, in working days (Wales timescales)."""
    return tuple(due_dates(record.kind, record.meeting_date, registered(record)).items())


def build(record: MeetingRecord, copy: str, notes: tuple[tuple[str, str], ...] = ()) -> Summary:
    """The structured summary of this record; for the family copy, pass ``family_record(record)``."""
    children_names = tuple(c.first_name for c in record.children)
    header = Header(
        kind=record.kind,
        title=record.title,
        case_reference=record.case_reference,
        meeting_date=record.meeting_date,
        chair_name=record.chair_name,
        language=record.language,
        scale_min=record.scale_min,
        scale_max=record.scale_max,
        opened_at=record.opened_at,
        closed_at=record.closed_at,
        previous_kind=record.previous_meeting_kind,
        previous_date=record.previous_meeting_date,
        children=children_names,
    )
    exclusions = tuple(
        Exclusion(p.name, p.role, p.agency, p.left_at) for p in record.people if p.admission == "removed"
    )
    sessions = tuple(ClosedSessionLine(s.started_at, s.ended_at, s.reason) for s in record.closed_sessions)
    areas = _areas(record)
    steps = tuple(b for a in areas for b in a.behaviours if b.status == "agreed")
    return Summary(
        copy=copy,
        header=header,
        attendance=_attendance(record, copy),
        exclusions=exclusions if copy == FULL else (),
        closed_sessions=sessions,
        children=_children(record) if record.kind != "core_group" else (),
        areas=areas,
        steps=steps,
        dates=follow_on_dates(record),
        notes=tuple(
            (audience, text) for audience, text in notes if text and (copy == FULL or audience == "everyone")
        ),
    )


# --- carrying a meeting forward -------------------------------------------------------------------


def last_agreed(record: MeetingRecord, area_id: int) -> int | None:
    """The last agreed position on an area in this meeting, or its baseline if it was not re-scaled."""
    agreed = [
        r
        for r in record.rounds
        if r.area_id == area_id and r.status == "agreed" and r.agreed_value is not None
    ]
    if agreed:
        return max(agreed, key=lambda r: r.id).agreed_value
    area = next((a for a in record.areas if a.id == area_id), None)
    return area.baseline_value if area else None


def carried_areas(record: MeetingRecord) -> list[Area]:
    """The areas a following meeting carries, in agenda order."""
    return sorted(record.areas, key=lambda a: (a.position, a.id))


def carried_behaviours(record: MeetingRecord) -> list[Behaviour]:
    """The agreed behaviours and steps a following meeting carries (withdrawn and proposed ones stay)."""
    return [b for b in sorted(record.behaviours, key=lambda b: b.id) if b.status == "agreed"]


def expected_people(record: MeetingRecord) -> list[Person]:
    """Who a following meeting expects: everyone who took part or sent apologies, but the chair."""
    return [
        p
        for p in record.people
        if p.role != "chair" and p.admission not in ("waiting", "declined", "removed")
    ]
