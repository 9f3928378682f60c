"""The agenda of areas of change, the focus, contributions and behaviours."""

from sqlalchemy import func, select

from ..domain import behaviours as rules
from ..domain import closed_session, lifecycle
from ..domain.agenda import Agenda, slots
from ..domain.errors import N_, Conflict, NotAllowed
from ..domain.kinds import Visibility
from ..domain.roles import may
from ..models import AreaOfChange, Behaviour, BehaviourAnswer, Child, Contribution, ScalingRound
from .context import Changes, Ctx, Removal
from .lookup import active_closed_session, get
from .rows import insert_now, update_now


def _children(ctx: Ctx, child_ids: list[int]) -> list[Child]:
    return [get(ctx, Child, cid, "child") for cid in child_ids]


def add_area(ctx: Ctx, title: str, child_ids: list[int] | None = None, **fields) -> Changes:
    """Add an area of change at the end of the agenda; added in a closed session, it is
    practitioners-only until the chair shares it."""
    lifecycle.check_editable(ctx.meeting.status)
    areas = ctx.meeting.areas
    before = slots(areas)
    session = active_closed_session(ctx)
    area = AreaOfChange(
        meeting_id=ctx.meeting.id,
        title=title,
        position=max((a.position for a in areas), default=0) + 1,
        visibility=closed_session.area_visibility(session is not None),
        closed_session_id=session.id if session else None,
        created_at=ctx.now,
        **fields,
    )
    area.children = _children(ctx, child_ids or [c.id for c in ctx.meeting.children])
    ctx.session.add(area)
    areas.append(area)
    ctx.session.flush()
    changes = Changes(result={"area_id": area.id}).add_new(area).add(Agenda(tuple(areas), before))
    if ctx.meeting.focus_area_id is None:
        ctx.meeting.focus_area_id = area.id
        changes.add(ctx.meeting)
    return changes


def update_area(ctx: Ctx, area_id: int, child_ids: list[int] | None = None, **fields) -> Changes:
    """Change an area's wording: statements, the family's words, the agreed wording.

    Not, during a closed session, the wording of an area the family can see: their devices show the
    area as it is, and a change would reach them at once. (Keeping the family's wording aside while
    practitioners draft a new one would mean two versions of every statement, in the live state and
    in both copies of the summary; a practitioners-only area may be reworded at any time.)"""
    lifecycle.check_editable(ctx.meeting.status)
    area = get(ctx, AreaOfChange, area_id, "area of change")
    closed_session.check_rewording(area.visibility, active_closed_session(ctx) is not None)
    for name, value in fields.items():
        setattr(area, name, value)
    if child_ids is not None:
        area.children = _children(ctx, child_ids)
    # Its place is unchanged, but told as a place among the areas each audience sees.
    areas = ctx.meeting.areas
    return Changes().add(area, Agenda(tuple(areas), slots(areas)))


def reorder_areas(ctx: Ctx, area_ids: list[int]) -> Changes:
    """Put the agenda in a new order."""
    lifecycle.check_editable(ctx.meeting.status)
    areas = {a.id: a for a in ctx.meeting.areas}
    before = slots(areas.values())
    for position, area_id in enumerate(lifecycle.reorder(list(areas), area_ids), start=1):
        areas[area_id].position = position
    # Only what moved for an audience reaches it: the family are not told a private area moved.
    return Changes().add(Agenda(tuple(areas.values()), before))


def remove_area(ctx: Ctx, area_id: int) -> Changes:
    """Take an area off the agenda while nothing has been recorded against it."""
    lifecycle.check_editable(ctx.meeting.status)
    area = get(ctx, AreaOfChange, area_id, "area of change")
    # Scaling rounds count too: deleting the area would cascade its rounds and everyone's positions away.
    recorded = sum(
        ctx.session.scalar(select(func.count()).select_from(model).where(model.area_id == area.id))
        for model in (Contribution, Behaviour, ScalingRound)
    )
    if recorded:
        raise Conflict(
            N_("Things have been recorded against this area; it stays on the record."), code="in_use"
        )
    # The family were never told of a practitioners-only area: nor are they of its removal (and the
    # places of the areas after it move up only for those who saw it).
    changes = Changes(removes=[Removal("areas", area.id, area.visibility)])
    before = slots(ctx.meeting.areas)
    if ctx.meeting.focus_area_id == area.id or ctx.meeting.undo_focus_area_id == area.id:
        ctx.meeting.focus_area_id = next((a.id for a in ctx.meeting.areas if a.id != area.id), None)
        ctx.meeting.undo_focus_area_id = None
        changes.add(ctx.meeting)
    ctx.meeting.areas.remove(area)
    ctx.session.flush()
    return changes.add(Agenda(tuple(ctx.meeting.areas), before))


def set_focus(ctx: Ctx, area_id: int) -> Changes:
    """Move everyone's focus to an area; the previous focus is kept for undo."""
    lifecycle.check_editable(ctx.meeting.status)
    meeting = ctx.meeting
    focus, undo = lifecycle.next_focus(meeting.focus_area_id, area_id, [a.id for a in meeting.areas])
    update_now(ctx.session, meeting, focus_area_id=focus, undo_focus_area_id=undo)
    return Changes().add(meeting)


def share_area(ctx: Ctx, area_id: int) -> Changes:
    """Share a practitioners-only area with everyone, once the family are back: they see its title and
    statements from now on. What was recorded against it before stays practitioners-only."""
    lifecycle.check_editable(ctx.meeting.status)
    area = get(ctx, AreaOfChange, area_id, "area of change")
    closed_session.check_share(area.visibility, active_closed_session(ctx) is not None)
    before = slots(ctx.meeting.areas)
    area.visibility = Visibility.EVERYONE
    # Rounds have no visibility of their own until now: they were hidden with their area.
    rounds = ctx.session.scalars(select(ScalingRound).where(ScalingRound.area_id == area.id)).all()
    for round_ in rounds:
        round_.visibility = Visibility.PRACTITIONERS
    # The family see the areas after it move down a place.
    changes = Changes().add(area, *rounds, Agenda(tuple(ctx.meeting.areas), before))
    if ctx.meeting.focus_area_id == area.id:
        changes.add(ctx.meeting)  # the family's focus was withheld while the area was private
    return changes


def undo_focus(ctx: Ctx) -> Changes:
    """Return the focus to where it was before the last move."""
    lifecycle.check_editable(ctx.meeting.status)
    meeting = ctx.meeting
    if meeting.undo_focus_area_id is None:
        raise Conflict(N_("There is no focus move to undo."), code="nothing_to_undo")
    meeting.focus_area_id, meeting.undo_focus_area_id = meeting.undo_focus_area_id, meeting.focus_area_id
    return Changes().add(meeting)


def _new_item_visibility(ctx: Ctx, area: AreaOfChange, practitioners_only: bool) -> tuple[str, int | None]:
    session = active_closed_session(ctx)
    closed_session.check_family_may_act(ctx.who.role, session is not None)
    closed_session.check_family_may_see(ctx.who.role, area.visibility)
    requested = Visibility.PRACTITIONERS if practitioners_only else Visibility.EVERYONE
    visibility = closed_session.visibility_for(
        requested,
        author_role=ctx.who.role,
        in_closed_session=session is not None,
        area_private=area.visibility != Visibility.EVERYONE,
    )
    return visibility, session.id if session else None


def add_contribution(
    ctx: Ctx, area_id: int, kind: str, text: str, practitioners_only: bool = False
) -> Changes:
    """Add a worry, strength, evidence or the family's own words to an area."""
    lifecycle.check_live(ctx.meeting.status)
    area = get(ctx, AreaOfChange, area_id, "area of change")
    visibility, session_id = _new_item_visibility(ctx, area, practitioners_only)
    item = Contribution(
        meeting_id=ctx.meeting.id,
        area_id=area.id,
        participant_id=ctx.who.id,
        kind=kind,
        text=text,
        visibility=visibility,
        closed_session_id=session_id,
        recorded_by_chair=ctx.by_chair,
        created_at=ctx.now,
    )
    insert_now(ctx.session, item)
    return Changes(result={"contribution_id": item.id}).add_new(item)


def edit_contribution(
    ctx: Ctx, contribution_id: int, text: str, practitioners_only: bool | None = None
) -> Changes:
    """Correct a contribution: its author, or the chair or minute-taker tidying wording."""
    lifecycle.check_live(ctx.meeting.status)
    item = get(ctx, Contribution, contribution_id, "contribution")
    if item.participant_id != ctx.actor.id and not may(ctx.actor.role, "update_area"):
        raise NotAllowed(N_("Only its author, the chair or the minute-taker can change a contribution."))
    closed_session.check_family_may_act(ctx.actor.role, active_closed_session(ctx) is not None)
    item.text = text
    item.edited_at = ctx.now
    # Closed-session items stay practitioners-only; family items stay for everyone; an item on an
    # area the family cannot see stays practitioners-only (it may be opened up once the area is shared).
    if (
        practitioners_only is not None
        and item.closed_session_id is None
        and not item.author.is_family
        and item.area.visibility == Visibility.EVERYONE
    ):
        item.visibility = Visibility.PRACTITIONERS if practitioners_only else Visibility.EVERYONE
    return Changes().add(item)


def propose_behaviour(ctx: Ctx, area_id: int, text: str, who: str = "", by_when=None) -> Changes:
    """Propose a behaviour that would show care is good enough."""
    lifecycle.check_live(ctx.meeting.status)
    area = get(ctx, AreaOfChange, area_id, "area of change")
    visibility, session_id = _new_item_visibility(ctx, area, False)
    behaviour = Behaviour(
        meeting_id=ctx.meeting.id,
        area_id=area.id,
        text=text,
        proposed_by_id=ctx.who.id,
        visibility=visibility,
        closed_session_id=session_id,
        who=who,
        by_when=by_when,
        created_at=ctx.now,
    )
    ctx.session.add(behaviour)
    ctx.session.flush()
    return Changes(result={"behaviour_id": behaviour.id}).add_new(behaviour)


def edit_behaviour(ctx: Ctx, behaviour_id: int, **fields) -> Changes:
    """Change a behaviour's wording, who helps, or by when: its proposer correcting their own until
    the meeting agrees it, or the chair or minute-taker tidying any. Another agency's practitioner
    does not reword it."""
    lifecycle.check_live(ctx.meeting.status)
    behaviour = get(ctx, Behaviour, behaviour_id, "behaviour")
    rules.check_reword(behaviour.status, ctx.actor.role, proposer=behaviour.proposed_by_id == ctx.actor.id)
    for name, value in fields.items():
        setattr(behaviour, name, value)
    behaviour.edited_at = ctx.now
    return Changes().add(behaviour)


def set_behaviour_status(ctx: Ctx, behaviour_id: int, status: str) -> Changes:
    """The chair records a behaviour as agreed by the meeting, back to proposed, or withdrawn."""
    lifecycle.check_live(ctx.meeting.status)
    behaviour = get(ctx, Behaviour, behaviour_id, "behaviour")
    behaviour.status = status
    return Changes().add(behaviour)


def update_step(ctx: Ctx, behaviour_id: int, **fields) -> Changes:
    """Update a step of the plan: progress, who will do it, by when."""
    lifecycle.check_live(ctx.meeting.status)
    behaviour = get(ctx, Behaviour, behaviour_id, "step")
    rules.check_edit(behaviour.status)
    for name, value in fields.items():
        setattr(behaviour, name, value)
    return Changes().add(behaviour)


def respond_to_behaviour(ctx: Ctx, behaviour_id: int, answer: str) -> Changes:
    """A family member agrees, or does not agree yet, with a behaviour."""
    lifecycle.check_live(ctx.meeting.status)
    behaviour = get(ctx, Behaviour, behaviour_id, "behaviour")
    rules.check_respond(behaviour.status)
    closed_session.check_family_may_act(ctx.who.role, active_closed_session(ctx) is not None)
    if behaviour.visibility != Visibility.EVERYONE:
        raise NotAllowed(N_("That behaviour is not one the family has been asked about."))
    row = next((a for a in behaviour.answers if a.participant_id == ctx.who.id), None)
    if row is None:
        row = BehaviourAnswer(participant_id=ctx.who.id, answered_at=ctx.now)
        behaviour.answers.append(row)
    row.answer = answer
    row.recorded_by_chair = ctx.by_chair
    row.answered_at = ctx.now
    return Changes().add(behaviour)
