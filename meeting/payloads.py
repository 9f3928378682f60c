"""Payloads built for each audience. Practitioners-only items and unrevealed values are never
serialised for the family or the shared screen: a serialiser returns None and the item is
left out (or removed from the client's state).

A practitioners-only area of change (added in a closed session) is left out with everything in it:
its contributions and behaviours are practitioners-only themselves (operations/agenda.py makes them
so), and its rounds and their positions are left out here with it. Not even its id is sent: the
family's focus is withheld while it is there, and nothing of it is ever "removed" for them. Nor is
its place betrayed: an area's ``position`` is its place among the areas the audience may see
(domain/agenda.py), so the family's agenda runs 1, 2, 3 with no gap where it stands."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from .domain import agenda
from .domain.behaviours import family_agreement
from .domain.kinds import Admission, Attendance, Visibility, visible_to
from .domain.roles import Audience
from .domain.scaling import values_visible
from .models import (
    AreaOfChange,
    Behaviour,
    Child,
    ClosedSession,
    Contribution,
    Meeting,
    Participant,
    RegistrationDecision,
    RegistrationView,
    ScalePosition,
    ScalingRound,
)


def _iso(value):
    return value.isoformat() if value is not None else None


def meeting_payload(m: Meeting, audience: Audience) -> dict:
    """The meeting's header and live state."""
    data = {
        "id": m.id,
        "kind": m.kind,
        "title": m.title,
        "language": m.language,
        "scale_min": m.scale_min,
        "scale_max": m.scale_max,
        "status": m.status,
        "meeting_date": _iso(m.meeting_date),
        "revision": m.revision,
        "lobby_open": m.lobby_open,
        "join_code": m.join_code if m.lobby_open else None,
        "focus_area_id": m.focus_area_id,
        "can_undo_focus": m.undo_focus_area_id is not None,
    }
    if m.focus_area_id is not None and not visible_to(m.focus_area.visibility, audience):
        data["focus_area_id"] = None  # their devices show "nothing in focus", as before any area
    if audience == Audience.PRACTITIONERS:
        data["case_reference"] = m.case_reference
    return data


def participant_payload(p: Participant, audience: Audience) -> dict | None:
    """A person: everyone sees who is in the meeting; only practitioners see the lobby."""
    # Someone the chair recorded as present without a device is in the room too (the chair may
    # record their words and scale position): the screen labels their marker.
    in_room = p.admission == Admission.ADMITTED or (
        p.admission == Admission.EXPECTED and p.attendance == Attendance.PRESENT
    )
    if audience != Audience.PRACTITIONERS and not in_room:
        return None
    return {
        "id": p.id,
        "name": p.name,
        "role": p.role,
        "agency": p.agency,
        "language": p.language,
        "admission": p.admission,
        "attendance": p.attendance,
        "report_provided": p.report_provided,
        "online": p.online,
        "is_family": p.is_family,
    }


def child_payload(c: Child, audience: Audience) -> dict:
    """A child: first name and age."""
    return {"id": c.id, "first_name": c.first_name, "age_years": c.age_years, "age_months": c.age_months}


def area_payload(a: AreaOfChange, audience: Audience, ranks: dict[int, int]) -> dict | None:
    """An area of change: its statements are said in front of the family, unless it was added
    without them (a closed session) and the chair has not shared it yet. ``ranks`` are the places of
    the areas this audience sees (agenda.ranks over all the meeting's areas): its position is one."""
    if not visible_to(a.visibility, audience):
        return None
    data = {
        "id": a.id,
        "title": a.title,
        "not_good_enough": a.not_good_enough,
        "good_enough": a.good_enough,
        "family_words": a.family_words,
        "agreed_wording": a.agreed_wording,
        "position": ranks[a.id],
        "child_ids": [c.id for c in a.children],
        "carried_from_id": a.carried_from_id,
        "baseline_value": a.baseline_value,
    }
    if audience == Audience.PRACTITIONERS:
        data["visibility"] = a.visibility
        data["in_closed_session"] = a.closed_session_id is not None
    return data


def contribution_payload(c: Contribution, audience: Audience) -> dict | None:
    """A contribution, unless practitioners-only and the audience is not practitioners."""
    if not visible_to(c.visibility, audience):
        return None
    return {
        "id": c.id,
        "area_id": c.area_id,
        "participant_id": c.participant_id,
        "kind": c.kind,
        "text": c.text,
        "visibility": c.visibility,
        "in_closed_session": c.closed_session_id is not None,
        "recorded_by_chair": c.recorded_by_chair,
        "created_at": _iso(c.created_at),
        "edited": c.edited_at is not None,
    }


def behaviour_payload(b: Behaviour, audience: Audience) -> dict | None:
    """A behaviour with each family member's answer."""
    if not visible_to(b.visibility, audience):
        return None
    return {
        "id": b.id,
        "area_id": b.area_id,
        "text": b.text,
        "proposed_by_id": b.proposed_by_id,
        "status": b.status,
        "visibility": b.visibility,
        "who": b.who,
        "by_when": _iso(b.by_when),
        "progress": b.progress,
        "carried": b.carried_from_id is not None,
        "edited": b.edited_at is not None,
        "answers": [
            {"participant_id": a.participant_id, "answer": a.answer, "recorded_by_chair": a.recorded_by_chair}
            for a in b.answers
        ],
        "family_agreement": family_agreement([a.answer for a in b.answers]),
    }


def _round_visible(r: ScalingRound, audience: Audience) -> bool:
    return visible_to(r.visibility, audience) and visible_to(r.area.visibility, audience)


def round_payload(r: ScalingRound, audience: Audience) -> dict | None:
    """A scaling round; the agreed value is public once agreed. A round held on a practitioners-only
    area is practitioners-only, and stays so once the area is shared."""
    if not _round_visible(r, audience):
        return None
    return {
        "id": r.id,
        "area_id": r.area_id,
        "status": r.status,
        "visibility": r.visibility,
        "agreed_value": r.agreed_value,
        "agreed_rationale": r.agreed_rationale,
        "opened_at": _iso(r.opened_at),
    }


def position_payload(p: ScalePosition, audience: Audience, round_status: str | None = None) -> dict | None:
    """A position: before the reveal, only that the person has placed themselves."""
    if audience != Audience.PRACTITIONERS and (
        p.closed_session_id is not None or not _round_visible(p.round, audience)
    ):
        return None
    status = round_status or p.round.status
    data = {
        "id": p.id,
        "round_id": p.round_id,
        "participant_id": p.participant_id,
        "placed": True,
        "recorded_by_chair": p.recorded_by_chair,
    }
    if values_visible(status):
        data["value"] = p.value
        data["reason"] = p.reason
    return data


def view_payload(v: RegistrationView, audience: Audience) -> dict | None:
    """A registration view: practitioners see all; the family see the family's own views."""
    if audience != Audience.PRACTITIONERS and (not v.participant.is_family or v.closed_session_id):
        return None
    return {
        "id": v.id,
        "child_id": v.child_id,
        "participant_id": v.participant_id,
        "view": v.view,
        "categories": v.categories,
        "reason": v.reason,
        "recorded_by_chair": v.recorded_by_chair,
    }


def decision_payload(d: RegistrationDecision, audience: Audience) -> dict:
    """A registration decision, told to everyone."""
    data = {
        "id": d.id,
        "child_id": d.child_id,
        "decision": d.decision,
        "categories": d.categories,
        "reasons": d.reasons,
        "family_view": d.family_view,
    }
    if audience == Audience.PRACTITIONERS:
        data["dissent"] = d.dissent
    return data


def closed_session_payload(s: ClosedSession, audience: Audience) -> dict:
    """That a closed session is (or was) happening; its reason stays with practitioners."""
    data = {"id": s.id, "active": s.ended_at is None}
    if audience == Audience.PRACTITIONERS:
        data["reason"] = s.reason
    return data


SERIALISERS = {
    Meeting: ("meeting", meeting_payload),
    Participant: ("participants", participant_payload),
    Child: ("children", child_payload),
    AreaOfChange: ("areas", area_payload),
    Contribution: ("contributions", contribution_payload),
    Behaviour: ("behaviours", behaviour_payload),
    ScalingRound: ("rounds", round_payload),
    ScalePosition: ("positions", position_payload),
    RegistrationView: ("views", view_payload),
    RegistrationDecision: ("decisions", decision_payload),
    ClosedSession: ("closed_sessions", closed_session_payload),
}


def _never_shown(entity, audience: Audience) -> bool:
    """Whether an item this audience may not see now was never sent to it either, so that removing
    it would only betray that it exists. An area is hidden only until it is shared, a round only with
    its area (or for having been held on it before), and a behaviour's visibility never changes; a
    contribution may be hidden by an edit, unless it was said in a closed session or belongs to an
    area the family have never seen."""
    if isinstance(entity, AreaOfChange | ScalingRound | Behaviour):
        return True
    if isinstance(entity, Contribution):
        return entity.closed_session_id is not None or entity.area.visibility != Visibility.EVERYONE
    if isinstance(entity, ScalePosition):
        return not _round_visible(entity.round, audience)
    return False


def patch(
    entities,
    removes,
    audience: Audience,
    revision: int,
    created: set[int] = frozenset(),
    withdrawn: set[int] = frozenset(),
) -> dict:
    """What one audience receives after a command: upserts and removals, with the revision.

    An item this audience may not see is removed from its state if it may have been sent before (its
    visibility changed, or ``withdrawn`` says so); one created by this very command, or never sent,
    is simply not mentioned.
    ``removes`` are (kind, id) or (kind, id, visibility): a practitioners-only deletion is theirs.
    A command that touches an area sends an ``agenda.Agenda`` among the entities: its areas whose
    place changed for this audience are sent too, each at its place (and nothing for the others)."""
    upsert: dict[str, list] = {}
    remove: dict[str, list] = {}
    meeting = None
    order = next((e for e in entities if isinstance(e, agenda.Agenda)), None)
    ranks = agenda.ranks(order.areas, audience) if order else {}
    # Each entity once, in order: an area both changed and moved is sent once.
    entities = {id(e): e for e in [*entities, *(order.moved(audience) if order else ())]}
    for entity in entities.values():
        if isinstance(entity, agenda.Agenda):
            continue
        kind, serialise = SERIALISERS[type(entity)]
        data = area_payload(entity, audience, ranks) if kind == "areas" else serialise(entity, audience)
        if kind == "meeting":
            meeting = data
        elif data is None:
            if id(entity) in withdrawn or (id(entity) not in created and not _never_shown(entity, audience)):
                remove.setdefault(kind, []).append(entity.id)
        else:
            upsert.setdefault(kind, []).append(data)
    for kind, entity_id, visibility in ((*r, Visibility.EVERYONE)[:3] for r in removes):
        if visible_to(visibility, audience):
            remove.setdefault(kind, []).append(entity_id)
    return {"revision": revision, "meeting": meeting, "upsert": upsert, "remove": remove}


def snapshot(session: Session, meeting: Meeting, audience: Audience, viewer_id: int | None = None) -> dict:
    """The whole state of a meeting for one audience (and the viewer's own hidden positions)."""
    mid = meeting.id

    def rows(model):
        return session.scalars(select(model).where(model.meeting_id == mid).order_by(model.id)).all()

    # Areas first: the meeting's payload asks whether its focus is practitioners-only.
    areas = rows(AreaOfChange)
    ranks = agenda.ranks(areas, audience)
    rounds = rows(ScalingRound)
    status = {r.id: r.status for r in rounds}
    positions = session.scalars(
        select(ScalePosition)
        .join(ScalingRound)
        .where(ScalingRound.meeting_id == mid)
        .order_by(ScalePosition.id)
    ).all()
    data = {
        "revision": meeting.revision,
        "meeting": meeting_payload(meeting, audience),
        "participants": [participant_payload(p, audience) for p in rows(Participant)],
        "children": [child_payload(c, audience) for c in rows(Child)],
        "areas": [area_payload(a, audience, ranks) for a in areas],
        "contributions": [contribution_payload(c, audience) for c in rows(Contribution)],
        "behaviours": [behaviour_payload(b, audience) for b in rows(Behaviour)],
        "rounds": [round_payload(r, audience) for r in rounds],
        "positions": [position_payload(p, audience, status[p.round_id]) for p in positions],
        "views": [view_payload(v, audience) for v in rows(RegistrationView)],
        "decisions": [decision_payload(d, audience) for d in rows(RegistrationDecision)],
        "closed_sessions": [closed_session_payload(s, audience) for s in rows(ClosedSession)],
    }
    for key, value in data.items():
        if isinstance(value, list):
            data[key] = [item for item in value if item is not None]
    data["mine"] = {
        "positions": [
            {"round_id": p.round_id, "value": p.value, "reason": p.reason}
            for p in positions
            if viewer_id is not None and p.participant_id == viewer_id and _round_visible(p.round, audience)
        ]
    }
    return data
