"""Starting the next meeting of a case from an approved summary: a Core Group (or a review
conference) that carries the areas of change, the good-enough statements, the agreed behaviours and
steps, the children, the people expected, and the last agreed positions as its baseline."""

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import working_days
from ..domain.errors import N_, Conflict, InvalidCommand
from ..domain.kinds import CONFERENCES, Admission, MeetingKind, MeetingStatus
from ..domain.roles import may, require
from ..models import AreaOfChange, Behaviour, BehaviourAnswer, Meeting, Participant, User
from ..summary import build
from ..summary.record import MeetingRecord
from . import summaries
from .context import Changes
from .dispatch import audit, lock_meeting
from .setup import create_meeting

NEXT_KINDS = (MeetingKind.CORE_GROUP, MeetingKind.REVIEW_CONFERENCE)


def _last_conference(session: Session, meeting: Meeting) -> Meeting | None:
    current: Meeting | None = meeting
    while current is not None:
        if current.kind in CONFERENCES:
            return current
        current = session.get(Meeting, current.previous_meeting_id) if current.previous_meeting_id else None
    return None


def due_by(session: Session, source: Meeting, kind: str) -> date:
    """When the next meeting of this kind is due (Wales timescales, in working days)."""
    if kind == MeetingKind.CORE_GROUP:
        if source.kind in CONFERENCES:
            return working_days.first_core_group_due(source.meeting_date)
        return working_days.next_core_group_due(source.meeting_date)
    conference = _last_conference(session, source) or source
    if conference.kind == MeetingKind.INITIAL_CONFERENCE:
        return working_days.first_review_due(conference.meeting_date)
    return working_days.next_review_due(conference.meeting_date)


def check_can_follow(record: MeetingRecord, approved: bool, kind: str) -> None:
    """A following meeting starts from a closed meeting with an approved summary and a registered child."""
    if kind not in NEXT_KINDS:
        raise InvalidCommand(
            N_("The next meeting is a core group or a review conference."), code="unknown_value"
        )
    if record.status != MeetingStatus.CLOSED or not approved:
        raise Conflict(
            N_("Approve this meeting's summary before starting the next meeting."), code="not_approved"
        )
    if kind == MeetingKind.CORE_GROUP and not build.registered(record):
        raise Conflict(
            N_("No child was registered at this conference, so there is no core group."),
            code="not_registered",
        )


def start_next_meeting(
    session: Session,
    chair: User,
    source_id: int,
    now: datetime,
    *,
    kind: str = MeetingKind.CORE_GROUP,
    meeting_date: date | None = None,
    device: str = "",
) -> Meeting:
    """A new draft meeting following ``source_id``, carrying what the Core Group works from."""
    require(chair.role, "create_meeting")
    source = lock_meeting(session, source_id)
    approved = summaries.latest_approved(session, source.id)
    record = summaries.record_of(approved) if approved else summaries.load_record(session, source)
    check_can_follow(record, approved is not None, kind)
    starter = session.scalar(
        select(Participant).where(Participant.meeting_id == source.id, Participant.user_id == chair.id)
    )
    # The permission table, for the chair's role in the meeting being continued (and still admitted:
    # a co-chair who was removed starts nothing).
    if starter is None or not starter.is_admitted or not may(starter.role, "edit_meeting"):
        raise Conflict(N_("Only the chair of this meeting can start the next one."), code="not_chair")
    due = due_by(session, source, kind)
    when = meeting_date or due
    if when < source.meeting_date:
        raise InvalidCommand(N_("The next meeting cannot be before this one."), code="bad_date")
    label = "Core group" if kind == MeetingKind.CORE_GROUP else "Review child protection conference"
    title = f"{label} - {source.title.split(' - ', 1)[-1]}"[:200]
    meeting = create_meeting(
        session,
        chair,
        now,
        kind=MeetingKind(kind),
        title=title,
        case_reference=source.case_reference,
        meeting_date=when,
        language=source.language,
        scale_min=source.scale_min,
        children=[(c.first_name, c.age_years, c.age_months) for c in record.children],
        strategy_discussion_date=source.strategy_discussion_date,
        previous_meeting_id=source.id,
    )
    child_map = {old.id: new for old, new in zip(record.children, meeting.children, strict=True)}
    person_map = _carry_people(session, meeting, record)
    area_map = _carry_areas(session, meeting, record, child_map, now)
    _carry_behaviours(session, meeting, record, area_map, person_map, now)
    new_chair = meeting.participants[0]
    payload = {
        "from_meeting_id": source.id,
        "kind": str(kind),
        "meeting_date": when.isoformat(),
        "due_by": due.isoformat(),
    }
    audit(
        session,
        meeting,
        new_chair,
        f"start-{meeting.id}",
        "start_from_summary",
        payload,
        Changes(result={"meeting_id": meeting.id, "due_by": due.isoformat()}),
        now,
        device,
    )
    audit(
        session,
        source,
        starter,
        f"next-{meeting.id}",
        "start_next_meeting",
        payload,
        Changes(result={"meeting_id": meeting.id}),
        now,
        device,
    )
    return meeting


def _carry_people(session: Session, meeting: Meeting, record: MeetingRecord) -> dict[int, Participant]:
    mapping = {}
    for person in build.expected_people(record):
        new = Participant(
            meeting_id=meeting.id,
            name=person.name,
            role=person.role,
            agency=person.agency or None,
            language=person.language,
            admission=Admission.EXPECTED,
        )
        session.add(new)
        mapping[person.id] = new
    session.flush()
    return mapping


def _carry_areas(session, meeting, record, child_map, now) -> dict[int, AreaOfChange]:
    mapping = {}
    for position, area in enumerate(build.carried_areas(record), start=1):
        new = AreaOfChange(
            meeting_id=meeting.id,
            title=area.title,
            not_good_enough=area.not_good_enough,
            good_enough=area.good_enough,
            family_words=area.family_words,
            agreed_wording=area.agreed_wording,
            position=position,
            carried_from_id=area.id,
            baseline_value=build.last_agreed(record, area.id),
            # An area never shared with the family stays practitioners-only until the chair shares
            # it; the closed session it came from belongs to the meeting before.
            visibility=area.visibility,
            created_at=now,
        )
        new.children = [child_map[c] for c in area.child_ids if c in child_map]
        session.add(new)
        mapping[area.id] = new
    session.flush()
    if mapping and meeting.focus_area_id is None:
        meeting.focus_area_id = min(mapping.values(), key=lambda a: a.position).id
    return mapping


def _carry_behaviours(session, meeting, record, area_map, person_map, now) -> None:
    for b in build.carried_behaviours(record):
        if b.area_id not in area_map:
            continue
        area = area_map[b.area_id]
        proposer = person_map.get(b.proposed_by_id)
        new = Behaviour(
            meeting_id=meeting.id,
            area_id=area.id,
            text=b.text,
            proposed_by_id=proposer.id if proposer else None,
            status=b.status,
            # What was practitioners-only (or said in a closed session, or recorded on an area the
            # family were not told of) stays practitioners-only.
            visibility="everyone"
            if b.visibility == "everyone" and b.closed_session_id is None and area.visibility == "everyone"
            else "practitioners",
            who=b.who,
            by_when=b.by_when,
            progress=b.progress,
            carried_from_id=b.id,
            created_at=now,
        )
        for answer in b.answers:
            person = person_map.get(answer.participant_id)
            if person is not None:
                new.answers.append(
                    BehaviourAnswer(participant_id=person.id, answer=answer.answer, answered_at=now)
                )
        session.add(new)
    session.flush()
