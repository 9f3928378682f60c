"""Summaries: draft version 1 on close from the meeting's record (operations/records.py), correct,
approve; and the case's records for the progress chart. Flushes, never commits; approvals and
corrections are audited."""

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.errors import N_, Conflict, InvalidCommand, NotFound
from ..domain.kinds import MeetingStatus
from ..domain.roles import require
from ..models import Meeting, Participant, SummaryVersion
from ..summary import record as r
from ..summary.corrections import apply_edits, clean_edits
from . import dispatch  # a module reference: dispatch imports decisions, which imports us
from .context import Changes, Ctx
from .records import load_record

DRAFT = "draft"
APPROVED = "approved"
CONTENT_FORMAT = 1


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
