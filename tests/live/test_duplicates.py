"""Lost messages. A command re-sent with the same id (its acknowledgement lost, or simply sent
twice) is applied once, and the first answer comes back, even across a server restart. A device
that misses a broadcast notices the gap in revisions and catches up."""

import pytest

from .client import new_command_id, wait_until
from .conftest import Room

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def room(live_server):
    """The chair, a social worker, a parent and the screen, connected; one room per server."""
    room = Room(live_server)
    room.open_chair()
    room.open_screen()
    room.join("gareth", "Gareth Morgan", "social_worker", "Children's Services")
    room.join("sian", "Sian Hughes", "parent", language="cy")
    yield room
    room.close()


@pytest.fixture
def note(room):
    """A new contribution command (not yet sent) on the area in focus."""
    area = room.chair.store.snapshot()["meeting"]["focus_area_id"]
    return lambda text: {
        "id": new_command_id(),
        "name": "add_contribution",
        "args": {"area_id": area, "kind": "evidence", "text": text},
    }


def _count(room: Room, text: str) -> int:
    return sum(c["text"] == text for c in room.chair.catch_up()["state"]["contributions"])


def _patches_with(client, text: str) -> list[int]:
    return [
        p["revision"]
        for p in client.events("patch")
        if any(c["text"] == text for c in p["upsert"].get("contributions", []))
    ]


def test_the_same_id_sent_twice_is_applied_once_and_answered_alike(room, note):
    command = note("Sent twice by a double tap.")
    first = room.clients["gareth"].send(command)
    again = room.clients["gareth"].send(command)
    assert first["ok"] and again["duplicate"] is True
    assert (again["revision"], again["contribution_id"]) == (first["revision"], first["contribution_id"])
    assert room.settle() == first["revision"]
    assert _count(room, command["args"]["text"]) == 1


def test_a_repeated_command_is_not_broadcast_again(room, note):
    command = note("Broadcast once only.")
    first = room.clients["sian"].send(command)
    room.clients["sian"].send(command)
    room.settle()
    assert _patches_with(room.clients["screen"], command["args"]["text"]) == [first["revision"]]


def test_a_device_that_misses_a_patch_notices_the_gap_and_catches_up(room, note):
    sian = room.clients["sian"]
    gaps, catch_ups = sian.store.gaps, len(sian.catch_ups)
    sian.lose_patches = 1
    lost = room.clients["gareth"].send(note("This patch never reaches Sian's phone."))
    room.clients["gareth"].send(note("This one shows her something is missing."))
    room.settle()
    assert sian.store.gaps > gaps and len(sian.catch_ups) > catch_ups
    assert lost["contribution_id"] in {c["id"] for c in sian.store.snapshot()["contributions"]}


def test_a_command_resent_after_its_ack_was_lost_is_applied_once(room, note):
    gareth = room.clients["gareth"]
    command = note("Sent just as the wifi dropped.")
    gareth.emit_only(command)  # the acknowledgement is never read
    revision = wait_until(
        lambda: _patches_with(room.chair, command["args"]["text"]), message="the note to be applied"
    )[0]
    gareth.reconnect()
    ack = gareth.send(command)
    assert ack["duplicate"] is True and ack["revision"] == revision
    assert _count(room, command["args"]["text"]) == 1


def test_a_committed_command_resent_after_a_kill_9_gets_its_first_answer(room, note):
    gareth = room.clients["gareth"]
    command = note("Committed, then the server died before the ack was read.")
    gareth.emit_only(command)
    revision = wait_until(
        lambda: _patches_with(room.chair, command["args"]["text"]), message="the note to be applied"
    )[0]
    room.server.restart()  # SIGKILL, then start again on the same database and port
    ack = gareth.send(command)  # waits for the socket to come back by itself
    assert ack["duplicate"] is True and ack["revision"] == revision
    assert _count(room, command["args"]["text"]) == 1
    assert room.settle() == revision


def test_a_command_cut_off_by_a_kill_9_is_applied_once_when_resent(room, note):
    sian = room.clients["sian"]
    command = note("Sent the instant the server died.")
    sian.emit_only(command)
    room.server.restart()  # applied or not: nobody can tell, so the device re-sends
    ack = sian.send(command)
    assert ack["ok"]
    assert _count(room, command["args"]["text"]) == 1
    assert room.settle() == ack["revision"]
