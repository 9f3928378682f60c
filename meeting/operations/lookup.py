"""Loading rows of one meeting: anything of another meeting is treated as not found."""

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm.util import identity_key

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


# One statement per model, built once: Session.get builds and keys a new SELECT on every call, and
# every command looks up at least one row (bench/README.md, "Where the time goes").
_BY_ID: dict[type, Select] = {}


def _by_id(model) -> Select:
    statement = _BY_ID.get(model)
    if statement is None:
        statement = _BY_ID[model] = select(model).where(model.id == bindparam("id"))
    return statement


def get(ctx: Ctx, model, entity_id: int, label: str):
    """The row of this meeting with that id, or NotFound."""
    # A row this session already holds is used as is (as Session.get would), without a query.
    row = ctx.session.identity_map.get(identity_key(model, entity_id))
    if row is None:
        row = ctx.session.scalar(_by_id(model), {"id": entity_id})
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
