"""An area's position as each audience is told it: its place among the areas that audience may see.
A practitioners-only area between two shared ones leaves no gap in the family's numbering, and every
patch re-sends exactly the areas whose place changed for that audience (read from the raw payloads
broadcast() builds, and from the catch-up)."""

import pytest

from meeting.domain.roles import Audience
from meeting.live import broadcast
from meeting.live import room as room_name
from meeting.operations.dispatch import apply_command
from meeting.payloads import snapshot
from tests.conftest import NOW, cmd

OUTSIDERS = [Audience.FAMILY, Audience.SCREEN]


class Recorder:
    """Stands in for Socket.IO: keeps what broadcast() emits to each room."""

    def __init__(self):
        self.sent: dict[str, dict] = {}

    def emit(self, event, body, to):
        self.sent[to] = body


def patches(room, name: str, /, **args) -> dict[Audience, dict]:
    """Apply one chair command as the socket edge does; the patch each audience is sent."""
    applied = apply_command(room.session, room.meeting_id, room.chair, cmd(name, **args), NOW, device="tests")
    room.session.commit()
    recorder = Recorder()
    broadcast(recorder, applied.meeting, applied.changes)
    return {audience: recorder.sent[room_name(room.meeting_id, audience)] for audience in Audience}


def places(areas: list[dict]) -> dict[int, int]:
    """Area id -> the position sent."""
    return {a["id"]: a["position"] for a in areas}


def catch_up(room, audience: Audience) -> dict[int, int]:
    """The positions a fresh catch-up gives this audience."""
    room.session.expire_all()
    return places(snapshot(room.session, room.meeting, audience)["areas"])


def apply(state: dict[int, dict], body: dict) -> dict[int, dict]:
    """A patch applied to a device's areas as static/js/state.js does (upsert by id, then remove)."""
    state = {**state, **{a["id"]: a for a in body["upsert"].get("areas", [])}}
    return {i: a for i, a in state.items() if i not in body["remove"].get("areas", [])}


def shown(state: dict[int, dict]) -> list[tuple[int, int]]:
    """(position, id) in the order a device lists the agenda (static/js/view.js sorts so)."""
    return sorted((a["position"], a["id"]) for a in state.values())


@pytest.fixture
def agenda(room) -> tuple[int, int, int]:
    """Shared area A, then a practitioners-only area P (added while the family were out), then shared
    area B; stored positions 1, 2, 3. Returns (A, P, B)."""
    first, second, *others = room.area_ids()
    for area_id in others:
        room.run(room.chair, "remove_area", area_id=area_id)
    room.run(room.chair, "start_closed_session", reason="Police information")
    private = room.run(room.chair, "add_area", title="Risk from a visitor")["area_id"]
    room.run(room.chair, "end_closed_session")
    room.run(room.chair, "reorder_areas", area_ids=[first, private, second])
    return first, private, second


# --- the catch-up --------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", OUTSIDERS)
def test_their_catch_up_numbers_the_areas_they_see_without_a_gap(room, agenda, audience):
    a, _p, b = agenda
    assert catch_up(room, audience) == {a: 1, b: 2}


def test_practitioners_catch_up_keeps_the_true_order(room, agenda):
    a, p, b = agenda
    assert catch_up(room, Audience.PRACTITIONERS) == {a: 1, p: 2, b: 3}


def test_practitioners_are_numbered_without_the_gap_a_removal_leaves(room, agenda):
    a, p, b = agenda
    room.run(room.chair, "remove_area", area_id=p)
    assert catch_up(room, Audience.PRACTITIONERS) == {a: 1, b: 2}


# --- patches ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", OUTSIDERS)
def test_adding_a_private_area_sends_them_no_area_at_all(room, agenda, audience):
    room.run(room.chair, "start_closed_session")
    body = patches(room, "add_area", title="Another risk")[audience]
    assert ("areas" in body["upsert"], "areas" in body["remove"]) == (False, False)


def test_practitioners_get_a_new_area_at_the_end(room, agenda):
    room.run(room.chair, "start_closed_session")
    body = patches(room, "add_area", title="Another risk")[Audience.PRACTITIONERS]
    assert [a["position"] for a in body["upsert"]["areas"]] == [4]


@pytest.mark.parametrize("audience", OUTSIDERS)
def test_rewording_an_area_sends_its_place_not_its_stored_position(room, agenda, audience):
    _a, _p, b = agenda
    body = patches(room, "update_area", area_id=b, good_enough="Said with them")[audience]
    assert places(body["upsert"]["areas"]) == {b: 2}


@pytest.mark.parametrize("audience", OUTSIDERS)
def test_sharing_sends_the_shared_area_and_those_after_it_at_their_new_places(room, agenda, audience):
    _a, p, b = agenda
    body = patches(room, "share_area", area_id=p)[audience]
    assert places(body["upsert"]["areas"]) == {p: 2, b: 3}


@pytest.mark.parametrize("audience", OUTSIDERS)
def test_once_shared_it_is_listed_between_the_other_two(room, agenda, audience):
    a, p, b = agenda
    before = {x["id"]: x for x in snapshot(room.session, room.meeting, audience)["areas"]}
    after = apply(before, patches(room, "share_area", area_id=p)[audience])
    assert shown(after) == [(1, a), (2, p), (3, b)]


@pytest.mark.parametrize("audience", OUTSIDERS)
def test_moving_only_the_private_area_sends_them_no_area(room, agenda, audience):
    a, p, b = agenda
    body = patches(room, "reorder_areas", area_ids=[a, b, p])[audience]
    assert ("areas" in body["upsert"], "areas" in body["remove"]) == (False, False)


@pytest.mark.parametrize("audience", OUTSIDERS)
def test_moving_shared_areas_sends_them_their_new_places(room, agenda, audience):
    a, p, b = agenda
    body = patches(room, "reorder_areas", area_ids=[b, p, a])[audience]
    assert places(body["upsert"]["areas"]) == {b: 1, a: 2}


def test_practitioners_get_the_areas_that_moved_and_only_those(room, agenda):
    a, p, b = agenda
    body = patches(room, "reorder_areas", area_ids=[p, a, b])[Audience.PRACTITIONERS]
    assert places(body["upsert"]["areas"]) == {p: 1, a: 2}


@pytest.mark.parametrize("audience", OUTSIDERS)
def test_removing_a_shared_area_moves_the_next_one_up(room, agenda, audience):
    a, _p, b = agenda
    body = patches(room, "remove_area", area_id=a)[audience]
    assert (body["remove"]["areas"], places(body["upsert"]["areas"])) == ([a], {b: 1})


@pytest.mark.parametrize("audience", OUTSIDERS)
def test_removing_the_private_area_sends_them_no_area(room, agenda, audience):
    _a, p, _b = agenda
    body = patches(room, "remove_area", area_id=p)[audience]
    assert ("areas" in body["upsert"], "areas" in body["remove"]) == (False, False)


def test_practitioners_see_the_next_area_move_up_when_the_private_one_goes(room, agenda):
    _a, p, b = agenda
    body = patches(room, "remove_area", area_id=p)[Audience.PRACTITIONERS]
    assert places(body["upsert"]["areas"]) == {b: 2}


@pytest.mark.parametrize("audience", list(Audience))
def test_a_device_kept_up_by_patches_agrees_with_a_fresh_catch_up(room, agenda, audience):
    a, p, b = agenda
    state = {x["id"]: x for x in snapshot(room.session, room.meeting, audience)["areas"]}
    room.run(room.chair, "start_closed_session")
    state = apply(state, patches(room, "add_area", title="Another risk")[audience])
    new = room.area_ids()[-1]
    state = apply(state, patches(room, "end_closed_session")[audience])
    state = apply(state, patches(room, "reorder_areas", area_ids=[b, new, p, a])[audience])
    state = apply(state, patches(room, "share_area", area_id=p)[audience])
    state = apply(state, patches(room, "remove_area", area_id=b)[audience])
    assert {i: x["position"] for i, x in state.items()} == catch_up(room, audience)
