"""Closed sessions, scaling rounds, registration decisions, and closing the meeting."""

from sqlalchemy import bindparam, select
from sqlalchemy.orm.attributes import set_committed_value

from ..domain import closed_session, lifecycle, registration, scaling
from ..domain.errors import N_, InvalidCommand
from ..domain.kinds import MeetingStatus, Visibility
from ..models import (
    AreaOfChange,
    Child,
    ClosedSession,
    RegistrationDecision,
    RegistrationView,
    ScalePosition,
    ScalingRound,
)
from . import summaries
from .context import Changes, Ctx
from .lookup import active_closed_session, get, unfinished_round
from .rows import insert_now, update_now


def start_closed_session(ctx: Ctx, reason: str = "") -> Changes:
    """The family steps out; family devices show the private-discussion screen."""
    lifecycle.check_live(ctx.meeting.status)
    closed_session.check_start(active_closed_session(ctx) is not None)
    session = ClosedSession(meeting_id=ctx.meeting.id, reason=reason, started_at=ctx.now)
    ctx.closed_session = session
    ctx.session.add(session)
    ctx.session.flush()
    return Changes(result={"closed_session_id": session.id}).add(session)


def end_closed_session(ctx: Ctx) -> Changes:
    """The family comes back; nothing said in the closed session is ever sent to them."""
    lifecycle.check_live(ctx.meeting.status)
    session = active_closed_session(ctx)
    closed_session.check_end(session is not None)
    ctx.closed_session = None
    session.ended_at = ctx.now
    return Changes().add(session)


def open_scaling_round(ctx: Ctx, area_id: int) -> Changes:
    """Open a blind round on an area: people place themselves, nobody sees anyone's value."""
    lifecycle.check_live(ctx.meeting.status)
    area = get(ctx, AreaOfChange, area_id, "area of change")
    status = scaling.check_open(unfinished_round(ctx, area.id) is not None)
    round_ = ScalingRound(
        meeting_id=ctx.meeting.id,
        area_id=area.id,
        status=status,
        opened_at=ctx.now,
        visibility=_round_visibility(ctx),
    )
    ctx.session.add(round_)
    ctx.session.flush()
    return Changes(result={"round_id": round_.id}).add(round_)


# Built once (it keeps its cache key): every placing asks it.
_OWN_POSITION = select(ScalePosition).where(
    ScalePosition.round_id == bindparam("round_id"),
    ScalePosition.participant_id == bindparam("participant_id"),
)


def place_position(ctx: Ctx, round_id: int, value: int, reason: str = "") -> Changes:
    """Place oneself on the scale (again, to change one's mind) while the round is open."""
    lifecycle.check_live(ctx.meeting.status)
    round_ = get(ctx, ScalingRound, round_id, "scaling round")
    # A family device that guesses a private round's id learns nothing, not even that it exists.
    closed_session.check_family_may_see(ctx.who.role, round_.area.visibility)
    scaling.check_place(round_.status)
    in_closed_session = active_closed_session(ctx)
    closed_session.check_family_may_act(ctx.who.role, in_closed_session is not None)
    value = scaling.check_value(value, ctx.meeting.scale_min, ctx.meeting.scale_max)
    # Only this person's position, not the round's whole collection: this runs for every placing.
    position = ctx.session.scalar(_OWN_POSITION, {"round_id": round_.id, "participant_id": ctx.who.id})
    changes = Changes()
    placed = {
        "value": value,
        "reason": reason,
        "recorded_by_chair": ctx.by_chair,
        "closed_session_id": in_closed_session.id if in_closed_session else None,
        "placed_at": ctx.now,
    }
    if position is None:
        position = ScalePosition(round_id=round_.id, participant_id=ctx.who.id, **placed)
        insert_now(ctx.session, position)
        changes.created.add(id(position))
    else:
        update_now(ctx.session, position, **placed)
    # The patch reads the round's status through the position: hand it the round already loaded
    # (the session holds it weakly, and it would otherwise be read again after the commit).
    set_committed_value(position, "round", round_)
    # The value goes back to its author in the acknowledgement only, never in a broadcast.
    changes.result = {"position_id": position.id, "value": value}
    return changes.add(position)


def reveal_scaling_round(ctx: Ctx, round_id: int) -> Changes:
    """Reveal every position of a round to everyone at once."""
    lifecycle.check_live(ctx.meeting.status)
    round_ = get(ctx, ScalingRound, round_id, "scaling round")
    round_.status = scaling.reveal(round_.status)
    round_.revealed_at = ctx.now
    return Changes().add(round_, *round_.positions)


def undo_reveal(ctx: Ctx, round_id: int) -> Changes:
    """Take back an accidental reveal: values are hidden again and the round takes positions."""
    lifecycle.check_live(ctx.meeting.status)
    round_ = get(ctx, ScalingRound, round_id, "scaling round")
    round_.status = scaling.undo_reveal(round_.status)
    round_.revealed_at = None
    return Changes().add(round_, *round_.positions)


def agree_scaling_position(ctx: Ctx, round_id: int, value: int, rationale: str = "") -> Changes:
    """Record the agreed position, with its rationale; this finishes the round."""
    lifecycle.check_live(ctx.meeting.status)
    round_ = get(ctx, ScalingRound, round_id, "scaling round")
    round_.status = scaling.agree(round_.status)
    round_.agreed_value = scaling.check_value(value, ctx.meeting.scale_min, ctx.meeting.scale_max)
    round_.agreed_rationale = rationale
    round_.agreed_at = ctx.now
    # Agreed while the family are out: the rationale was said in private, so the round becomes
    # practitioners-only (the family copy leaves it out too).
    if round_.visibility == Visibility.EVERYONE and _round_visibility(ctx) == Visibility.PRACTITIONERS:
        round_.visibility = Visibility.PRACTITIONERS
        return Changes().withdraw(round_, *round_.positions)
    return Changes().add(round_)


def _round_visibility(ctx: Ctx) -> str:
    """A round opened or agreed in a closed session is practitioners-only."""
    active = active_closed_session(ctx) is not None
    return Visibility.PRACTITIONERS if active else Visibility.EVERYONE


def give_registration_view(ctx: Ctx, child_id: int, view: str, categories=None, reason: str = "") -> Changes:
    """Give (or change) one's view on registering one child."""
    lifecycle.check_live(ctx.meeting.status)
    registration.check_conference(ctx.meeting.kind)
    child = get(ctx, Child, child_id, "child")
    session = active_closed_session(ctx)
    closed_session.check_family_may_act(ctx.who.role, session is not None)
    categories = registration.check_view(ctx.who.role, view, categories or [])
    row = ctx.session.scalar(
        select(RegistrationView).where(
            RegistrationView.child_id == child.id, RegistrationView.participant_id == ctx.who.id
        )
    )
    changes = Changes()
    if row is None:
        row = RegistrationView(meeting_id=ctx.meeting.id, child_id=child.id, participant_id=ctx.who.id)
        ctx.session.add(row)
        changes.created.add(id(row))
    row.view, row.categories, row.reason = view, [str(c) for c in categories], reason
    row.closed_session_id = session.id if session else None
    row.recorded_by_chair = ctx.by_chair
    row.given_at = ctx.now
    ctx.session.flush()
    return changes.add(row)


def record_registration_decision(
    ctx: Ctx,
    child_id: int,
    decision: str,
    reasons: str,
    categories=None,
    dissent: str = "",
    family_view: str = "",
) -> Changes:
    """Record the conference's decision for one child; practitioners who disagreed are dissent."""
    lifecycle.check_live(ctx.meeting.status)
    # Who may record the decision is the permission table's record_registration_decision, checked
    # by dispatch before this runs (the one place a role is checked).
    child = get(ctx, Child, child_id, "child")
    categories = categories or []
    registration.check_decision(ctx.meeting.kind, decision, categories, reasons)
    views = ctx.session.scalars(select(RegistrationView).where(RegistrationView.child_id == child.id)).all()
    dissenting = registration.dissenters(
        decision, {v.participant_id: (v.participant.role, v.view) for v in views}
    )
    auto = "; ".join(
        f"{v.participant.name} ({v.participant.agency or v.participant.role}): {v.reason or v.view}"
        for v in views
        if v.participant_id in dissenting
    )
    row = ctx.session.scalar(select(RegistrationDecision).where(RegistrationDecision.child_id == child.id))
    if row is None:
        row = RegistrationDecision(meeting_id=ctx.meeting.id, child_id=child.id)
        ctx.session.add(row)
    row.decision, row.categories, row.reasons = decision, [str(c) for c in categories], reasons
    row.dissent = dissent or auto
    row.family_view = family_view
    row.decided_at = ctx.now
    ctx.session.flush()
    return Changes(result={"dissenters": dissenting}).add(row)


def close_meeting(ctx: Ctx, confirm: bool) -> Changes:
    """Close the meeting for good: the join code dies and the summary is drafted."""
    if not confirm:
        raise InvalidCommand(N_("Confirm that you want to close the meeting."), code="not_confirmed")
    # Any round still hidden blocks closing, not only the first unfinished one (which may be revealed).
    hidden_round = ctx.session.scalar(
        select(ScalingRound.id).where(
            ScalingRound.meeting_id == ctx.meeting.id, ScalingRound.status == scaling.RoundStatus.OPEN
        )
    )
    lifecycle.check_close(
        status=ctx.meeting.status,
        closed_session_active=active_closed_session(ctx) is not None,
        open_round=hidden_round is not None,
    )
    meeting = ctx.meeting
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = ctx.now
    meeting.lobby_open = False
    meeting.join_code = None
    summaries.draft_summary(ctx)  # version 1 of the summary, a draft for the chair to check, exists at once
    return Changes().add(meeting)
