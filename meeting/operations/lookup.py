"""Loading rows of one meeting: anything of another meeting is treated as not found."""

from sqlalchemy import select

from ..domain.errors import NotFound
from ..models import ClosedSession, ScalingRound
from .context import Ctx


def get(ctx: Ctx, model, entity_id: int, label: str):
    """The row of this meeting with that id, or NotFound."""
    row = ctx.session.get(model, entity_id)
    meeting_id = getattr(row, "meeting_id", None)
    if row is None or meeting_id != ctx.meeting.id:
        raise NotFound(f"No such {label} in this meeting.")
    return row


def active_closed_session(ctx: Ctx) -> ClosedSession | None:
    """The closed session in progress, if any."""
    return ctx.session.scalar(
        select(ClosedSession).where(
            ClosedSession.meeting_id == ctx.meeting.id, ClosedSession.ended_at.is_(None)
        )
    )


def unfinished_round(ctx: Ctx, area_id: int | None = None) -> ScalingRound | None:
    """A round not yet agreed, on one area or anywhere in the meeting."""
    query = select(ScalingRound).where(
        ScalingRound.meeting_id == ctx.meeting.id, ScalingRound.status != "agreed"
    )
    if area_id is not None:
        query = query.where(ScalingRound.area_id == area_id)
    return ctx.session.scalars(query).first()
