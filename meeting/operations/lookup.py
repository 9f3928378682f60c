"""Loading rows of one meeting: anything of another meeting is treated as not found."""

from sqlalchemy import bindparam, select

from ..domain.errors import N_, NotFound
from ..models import ClosedSession, ScalingRound
from .context import NOT_LOADED, Ctx

# Whole sentences, so each translates naturally.
_MISSING = {
    "area of change": N_("No such area of change in this meeting."),
    "behaviour": N_("No such behaviour in this meeting."),
    "child": N_("No such child in this meeting."),
    "contribution": N_("No such contribution in this meeting."),
    "person": N_("No such person in this meeting."),
    "scaling round": N_("No such scaling round in this meeting."),
    "step": N_("No such step in this meeting."),
}


def get(ctx: Ctx, model, entity_id: int, label: str):
    """The row of this meeting with that id, or NotFound."""
    row = ctx.session.get(model, entity_id)
    meeting_id = getattr(row, "meeting_id", None)
    if row is None or meeting_id != ctx.meeting.id:
        raise NotFound(_MISSING.get(label, N_("No such item in this meeting.")))
    return row


# Built once (it keeps its cache key): most commands ask this.
_ACTIVE_CLOSED_SESSION = select(ClosedSession).where(
    ClosedSession.meeting_id == bindparam("meeting_id"), ClosedSession.ended_at.is_(None)
)


def active_closed_session(ctx: Ctx) -> ClosedSession | None:
    """The closed session in progress, if any."""
    if ctx.closed_session is NOT_LOADED:
        ctx.closed_session = ctx.session.scalar(_ACTIVE_CLOSED_SESSION, {"meeting_id": ctx.meeting.id})
    return ctx.closed_session


def unfinished_round(ctx: Ctx, area_id: int | None = None) -> ScalingRound | None:
    """A round not yet agreed, on one area or anywhere in the meeting."""
    query = select(ScalingRound).where(
        ScalingRound.meeting_id == ctx.meeting.id, ScalingRound.status != "agreed"
    )
    if area_id is not None:
        query = query.where(ScalingRound.area_id == area_id)
    return ctx.session.scalars(query).first()
