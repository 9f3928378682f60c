"""A meeting's record loaded from its tables: everything a summary is built from, as the plain
dataclasses of meeting/summary/record.py (one query per table)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.roles import Role
from ..models import (
    AreaOfChange,
    Behaviour,
    BehaviourAnswer,
    Child,
    ClosedSession,
    Contribution,
    Meeting,
    Participant,
    RegistrationDecision,
    RegistrationView,
    ScalePosition,
    ScalingRound,
    User,
    area_children,
)
from ..summary import record as r


def _rows(session: Session, model, meeting_id: int):
    return session.scalars(select(model).where(model.meeting_id == meeting_id).order_by(model.id)).all()


def load_record(session: Session, meeting: Meeting) -> r.MeetingRecord:
    """Everything the summary is built from, as plain dataclasses (one query per table)."""
    mid = meeting.id
    people = _rows(session, Participant, mid)
    chair = next((p for p in people if p.role == Role.CHAIR), None)
    chair_name = chair.name if chair else ""
    if not chair_name and meeting.chair_user_id:
        user = session.get(User, meeting.chair_user_id)
        chair_name = user.name if user else ""
    area_kids: dict[int, list[int]] = {}
    for area_id, child_id in session.execute(
        select(area_children.c.area_id, area_children.c.child_id)
        .join(AreaOfChange, AreaOfChange.id == area_children.c.area_id)
        .join(Child, Child.id == area_children.c.child_id)
        .where(AreaOfChange.meeting_id == mid)
        .order_by(Child.position, Child.id)
    ):
        area_kids.setdefault(area_id, []).append(child_id)
    answers: dict[int, list[r.Answer]] = {}
    for a in session.scalars(
        select(BehaviourAnswer)
        .join(Behaviour)
        .where(Behaviour.meeting_id == mid)
        .order_by(BehaviourAnswer.id)
    ):
        answers.setdefault(a.behaviour_id, []).append(r.Answer(a.participant_id, a.answer))
    positions: dict[int, list[r.Position]] = {}
    for p in session.scalars(
        select(ScalePosition)
        .join(ScalingRound)
        .where(ScalingRound.meeting_id == mid)
        .order_by(ScalePosition.id)
    ):
        positions.setdefault(p.round_id, []).append(
            r.Position(p.participant_id, p.value, p.reason, p.recorded_by_chair, r.aware(p.placed_at))
        )
    previous = session.get(Meeting, meeting.previous_meeting_id) if meeting.previous_meeting_id else None
    return r.MeetingRecord(
        id=mid,
        kind=meeting.kind,
        title=meeting.title,
        case_reference=meeting.case_reference,
        meeting_date=meeting.meeting_date,
        language=meeting.language,
        scale_min=meeting.scale_min,
        scale_max=meeting.scale_max,
        status=meeting.status,
        chair_name=chair_name,
        previous_meeting_id=meeting.previous_meeting_id,
        previous_meeting_date=previous.meeting_date if previous else None,
        previous_meeting_kind=previous.kind if previous else None,
        opened_at=r.aware(meeting.opened_at),
        closed_at=r.aware(meeting.closed_at),
        people=tuple(
            r.Person(
                p.id,
                p.name,
                p.role,
                p.agency or "",
                p.language,
                p.admission,
                p.attendance,
                p.report_provided,
                r.aware(p.admitted_at),
                r.aware(p.left_at),
                p.user_id,
            )
            for p in people
        ),
        children=tuple(
            r.ChildRecord(c.id, c.first_name, c.age_years, c.age_months)
            for c in sorted(_rows(session, Child, mid), key=lambda c: (c.position, c.id))
        ),
        areas=tuple(
            r.Area(
                a.id,
                a.title,
                a.not_good_enough,
                a.good_enough,
                a.family_words,
                a.agreed_wording,
                a.position,
                tuple(area_kids.get(a.id, ())),
                a.carried_from_id,
                a.baseline_value,
                a.visibility,
                a.closed_session_id,
            )
            for a in _rows(session, AreaOfChange, mid)
        ),
        contributions=tuple(
            r.Contribution(
                c.id,
                c.area_id,
                c.participant_id,
                c.kind,
                c.text,
                c.visibility,
                c.closed_session_id,
                c.recorded_by_chair,
                r.aware(c.created_at),
            )
            for c in _rows(session, Contribution, mid)
        ),
        behaviours=tuple(
            r.Behaviour(
                b.id,
                b.area_id,
                b.text,
                b.proposed_by_id,
                b.status,
                b.visibility,
                b.closed_session_id,
                b.who,
                b.by_when,
                b.progress,
                b.carried_from_id,
                tuple(answers.get(b.id, ())),
            )
            for b in _rows(session, Behaviour, mid)
        ),
        rounds=tuple(
            r.Round(
                x.id,
                x.area_id,
                x.status,
                x.agreed_value,
                x.agreed_rationale,
                r.aware(x.opened_at),
                r.aware(x.agreed_at),
                tuple(positions.get(x.id, ())),
                x.visibility,
            )
            for x in _rows(session, ScalingRound, mid)
        ),
        views=tuple(
            r.View(
                v.id,
                v.child_id,
                v.participant_id,
                v.view,
                tuple(v.categories or ()),
                v.reason,
                v.closed_session_id,
                v.recorded_by_chair,
            )
            for v in _rows(session, RegistrationView, mid)
        ),
        decisions=tuple(
            r.Decision(
                d.id, d.child_id, d.decision, tuple(d.categories or ()), d.reasons, d.dissent, d.family_view
            )
            for d in _rows(session, RegistrationDecision, mid)
        ),
        closed_sessions=tuple(
            r.ClosedSession(s.id, s.reason, r.aware(s.started_at), r.aware(s.ended_at))
            for s in _rows(session, ClosedSession, mid)
        ),
    )
