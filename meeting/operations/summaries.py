"""Summaries: load a meeting's record, draft version 1 on close, correct, approve; and the case's
records for the progress chart. Flushes, never commits; approvals and corrections are audited."""

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import N_, Conflict, InvalidCommand, NotFound
from ..domain.kinds import MeetingStatus
from ..domain.roles import Role, require
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
    SummaryVersion,
    User,
    area_children,
)
from ..summary import record as r
from ..summary.corrections import apply_edits, clean_edits
from . import dispatch  # a module reference: dispatch imports decisions, which imports us
from .context import Changes, Ctx

DRAFT = "draft"
APPROVED = "approved"
CONTENT_FORMAT = 1


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


def _content(record: r.MeetingRecord, edits: dict[str, str]) -> dict:
    return {"format": CONTENT_FORMAT, "record": r.to_data(record), "edits": dict(edits)}


def record_of(version: SummaryVersion) -> r.MeetingRecord:
    """The record a summary version was built from, exactly as it was at the meeting's close."""
    return r.from_data(r.MeetingRecord, version.content["record"])


def edits_of(version: SummaryVersion) -> dict[str, str]:
    """The chair's corrections in a summary version."""
    return dict(version.content.get("edits", {}))


def corrected_record(version: SummaryVersion) -> r.MeetingRecord:
    """The record of a version with its corrections applied: what the summary now says."""
    return apply_edits(record_of(version), edits_of(version))


def draft_summary(ctx: Ctx) -> SummaryVersion:
    """Version 1 of the summary, a draft, made from the record as the meeting closes."""
    version = SummaryVersion(
        meeting_id=ctx.meeting.id,
        number=1,
        status=DRAFT,
        content=_content(load_record(ctx.session, ctx.meeting), {}),
        corrections="",
        created_at=ctx.now,
    )
    ctx.session.add(version)
    ctx.session.flush()
    return version


def versions(session: Session, meeting_id: int) -> list[SummaryVersion]:
    """Every version of a meeting's summary, newest first."""
    return list(
        session.scalars(
            select(SummaryVersion)
            .where(SummaryVersion.meeting_id == meeting_id)
            .order_by(SummaryVersion.number.desc())
        )
    )


def get_version(session: Session, meeting_id: int, number: int | None = None) -> SummaryVersion:
    """One version by number, or the newest; NotFound if the meeting has no summary yet."""
    query = select(SummaryVersion).where(SummaryVersion.meeting_id == meeting_id)
    if number is None:
        query = query.order_by(SummaryVersion.number.desc()).limit(1)
    else:
        query = query.where(SummaryVersion.number == number)
    version = session.scalar(query)
    if version is None:
        raise NotFound(N_("This meeting has no summary yet: it is made when the chair closes the meeting."))
    return version


def latest_approved(session: Session, meeting_id: int) -> SummaryVersion | None:
    """The newest approved version, if any."""
    return session.scalar(
        select(SummaryVersion)
        .where(SummaryVersion.meeting_id == meeting_id, SummaryVersion.status == APPROVED)
        .order_by(SummaryVersion.number.desc())
        .limit(1)
    )


def _audit(
    session: Session,
    meeting: Meeting,
    actor: Participant,
    name: str,
    payload: dict,
    result: dict,
    now: datetime,
    device: str,
) -> dict:
    return dispatch.audit(
        session,
        meeting,
        actor,
        f"{name}-{uuid.uuid4().hex}",
        name,
        payload,
        Changes(result=result),
        now,
        device,
    )


def correct_summary(
    session: Session,
    meeting_id: int,
    actor: Participant,
    submitted: dict[str, str],
    reason: str,
    now: datetime,
    device: str = "",
) -> SummaryVersion:
    """Correct the summary: the draft changes in place; an approved summary gets a new draft version."""
    require(actor.role, "edit_summary")
    meeting = dispatch.lock_meeting(session, meeting_id)
    if actor.meeting_id != meeting.id:
        raise NotFound(N_("No such person in this meeting."))
    if meeting.status != MeetingStatus.CLOSED:
        raise Conflict(N_("The summary is made when the meeting closes."), code="not_closed")
    latest = get_version(session, meeting.id)
    record = record_of(latest)
    edits = clean_edits(record, submitted)
    reason = (reason or "").strip()
    if len(reason) > 2000:
        raise InvalidCommand(N_("Say what you corrected in at most 2,000 characters."), code="too_long")
    if latest.status == DRAFT:
        version = latest
        version.content = _content(record, edits)
        if reason:
            version.corrections = reason
    else:
        if edits == edits_of(latest):
            raise Conflict(N_("Nothing was changed, so no new version was made."), code="no_change")
        version = SummaryVersion(
            meeting_id=meeting.id,
            number=latest.number + 1,
            status=DRAFT,
            content=_content(record, edits),
            corrections=reason,
            created_at=now,
        )
        session.add(version)
    session.flush()
    _audit(
        session,
        meeting,
        actor,
        "correct_summary",
        {"version": version.number, "fields": sorted(edits), "reason": reason},
        {"version": version.number},
        now,
        device,
    )
    return version


def approve_summary(
    session: Session, meeting_id: int, actor: Participant, number: int, now: datetime, device: str = ""
) -> SummaryVersion:
    """The chair approves a draft: that version is fixed for good."""
    require(actor.role, "approve_summary")
    meeting = dispatch.lock_meeting(session, meeting_id)
    if actor.meeting_id != meeting.id:
        raise NotFound(N_("No such person in this meeting."))
    version = get_version(session, meeting.id, number)
    if version.status != DRAFT:
        raise Conflict(
            N_("This version is already approved; correct it to make a new version."), code="approved"
        )
    newest = session.scalar(
        select(func.max(SummaryVersion.number)).where(SummaryVersion.meeting_id == meeting.id)
    )
    if version.number != newest:
        raise Conflict(N_("Only the newest version can be approved."), code="not_newest")
    version.status = APPROVED
    version.approved_at = now
    version.approved_by_user_id = actor.user_id
    session.flush()
    _audit(
        session,
        meeting,
        actor,
        "approve_summary",
        {"version": version.number},
        {"version": version.number},
        now,
        device,
    )
    return version


def case_meetings(session: Session, meeting: Meeting) -> list[Meeting]:
    """Every meeting of the case this one belongs to: back to the first, and on to the latest."""
    root = meeting
    seen = {root.id}
    while root.previous_meeting_id and root.previous_meeting_id not in seen:
        root = session.get(Meeting, root.previous_meeting_id)
        seen.add(root.id)
    found = {root.id: root}
    frontier = [root.id]
    while frontier:
        later = session.scalars(select(Meeting).where(Meeting.previous_meeting_id.in_(frontier))).all()
        frontier = [m.id for m in later if m.id not in found]
        found.update({m.id: m for m in later})
    return sorted(found.values(), key=lambda m: (m.meeting_date, m.id))


def case_records(session: Session, meeting: Meeting) -> list[r.MeetingRecord]:
    """The records of every meeting of the case, for the progress chart."""
    return [load_record(session, m) for m in case_meetings(session, meeting)]
