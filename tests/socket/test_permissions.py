"""Every command over the socket: each allowed role succeeds, every other role is refused unchanged."""

import pytest

from meeting.catalogue import compile_catalogues
from meeting.domain.commands import COMMANDS
from meeting.domain.roles import PERMISSIONS
from tests.socket.conftest import ROLES, received


def area(live, index=0):
    return live.area_ids()[index]


def waiting_person(live, role="carer", name="Ffion Waiting"):
    return live.join(role, name)[1]


def expected_person(live):
    return next(p["id"] for p in live.state()["participants"] if p["admission"] == "expected")


def own_contribution(live, sock, role):
    """A contribution the actor may edit: their own if they may add one, else the chair's."""
    author = sock if PERMISSIONS["add_contribution"] & {role} else live.chair
    ack = live.send(author, "add_contribution", area_id=area(live), kind="worry", text="Said in the room")
    assert ack["ok"], ack
    return ack["contribution_id"]


def private_area(live):
    """An area added in a closed session, not yet shared; the family are back."""
    live.run("start_closed_session")
    area_id = live.run("add_area", title="Said without the family")["area_id"]
    live.run("end_closed_session")
    return area_id


def behaviour(live):
    return live.run("propose_behaviour", area_id=area(live), text="Osian sleeps in his cot")["behaviour_id"]


def own_behaviour(live, sock, role):
    """A behaviour the actor proposed if they may propose one, else the chair's (tidied by others)."""
    proposer = sock if PERMISSIONS["propose_behaviour"] & {role} else live.chair
    ack = live.send(proposer, "propose_behaviour", area_id=area(live), text="Osian sleeps in his cot")
    assert ack["ok"], ack
    return ack["behaviour_id"]


def round_(live, reveal=False):
    round_id = live.run("open_scaling_round", area_id=area(live))["round_id"]
    if reveal:
        live.run("reveal_scaling_round", round_id=round_id)
    return round_id


# For each command: the arguments, made after any preparation the chair does first.
PREPARE = {
    "open_lobby": lambda live, sock, role: {},
    "close_lobby": lambda live, sock, role: {},
    "admit_participant": lambda live, sock, role: {"participant_id": waiting_person(live)},
    "decline_participant": lambda live, sock, role: {"participant_id": waiting_person(live)},
    "remove_participant": lambda live, sock, role: {"participant_id": waiting_person(live)},
    "add_expected_participant": lambda live, sock, role: {"name": "PC Jones", "role": "practitioner"},
    "record_attendance": lambda live, sock, role: {
        "participant_id": expected_person(live),
        "attendance": "apologies",
    },
    "add_area": lambda live, sock, role: {"title": "Money for food"},
    "update_area": lambda live, sock, role: {"area_id": area(live), "agreed_wording": "A clean, safe home"},
    "reorder_areas": lambda live, sock, role: {"area_ids": list(reversed(live.area_ids()))},
    "remove_area": lambda live, sock, role: {"area_id": area(live, 2)},
    "share_area": lambda live, sock, role: {"area_id": private_area(live)},
    "set_focus": lambda live, sock, role: {"area_id": area(live, 1)},
    "undo_focus": lambda live, sock, role: live.run("set_focus", area_id=area(live, 1)) and {},
    "start_closed_session": lambda live, sock, role: {"reason": "Police information"},
    "end_closed_session": lambda live, sock, role: live.run("start_closed_session") and {},
    "open_scaling_round": lambda live, sock, role: {"area_id": area(live)},
    "reveal_scaling_round": lambda live, sock, role: {"round_id": round_(live)},
    "undo_reveal": lambda live, sock, role: {"round_id": round_(live, reveal=True)},
    "agree_scaling_position": lambda live, sock, role: {"round_id": round_(live, reveal=True), "value": 4},
    "record_registration_decision": lambda live, sock, role: {
        "child_id": live.child_ids()[0],
        "decision": "do_not_register",
        "reasons": "Safe with support",
    },
    "close_meeting": lambda live, sock, role: {"confirm": True},
    "set_behaviour_status": lambda live, sock, role: {"behaviour_id": behaviour(live), "status": "agreed"},
    "update_step": lambda live, sock, role: {"behaviour_id": behaviour(live), "progress": "in_progress"},
    "add_contribution": lambda live, sock, role: {
        "area_id": area(live),
        "kind": "strength",
        "text": "We love them",
    },
    "edit_contribution": lambda live, sock, role: {
        "contribution_id": own_contribution(live, sock, role),
        "text": "Tidied wording",
    },
    "propose_behaviour": lambda live, sock, role: {"area_id": area(live), "text": "Dad stays sober"},
    "edit_behaviour": lambda live, sock, role: {
        "behaviour_id": own_behaviour(live, sock, role),
        "text": "Dad stays sober",
    },
    "respond_to_behaviour": lambda live, sock, role: {"behaviour_id": behaviour(live), "answer": "agreed"},
    "place_position": lambda live, sock, role: {"round_id": round_(live), "value": 5, "reason": "Trying"},
    "give_registration_view": lambda live, sock, role: {
        "child_id": live.child_ids()[0],
        "view": "do_not_register",
    },
}
ALLOWED = [
    (name, role) for name in sorted(COMMANDS) for role in ROLES if role in PERMISSIONS[COMMANDS[name].action]
]
REFUSED = [
    (name, role)
    for name in sorted(COMMANDS)
    for role in ROLES
    if role not in PERMISSIONS[COMMANDS[name].action]
]


def test_every_command_is_prepared():
    assert set(PREPARE) == set(COMMANDS)


def test_every_command_is_allowed_to_someone():
    assert {name for name, _ in ALLOWED} == set(COMMANDS)


@pytest.mark.parametrize("name, role", ALLOWED)
def test_an_allowed_role_succeeds(live, name, role):
    sock = live.socket(role)
    args = PREPARE[name](live, sock, role)
    before = live.revision
    ack = live.send(sock, name, **args)
    assert ack["ok"] and ack["revision"] == before + 1, ack


@pytest.mark.parametrize("name, role", REFUSED)
def test_every_other_role_is_refused_and_nothing_changes(live, name, role):
    sock = live.socket(role)
    args = PREPARE[name](live, sock, role)
    before = live.revision
    ack = live.send(sock, name, **args)
    assert (ack["ok"], ack["code"], live.revision) == (False, "forbidden", before)


# Beyond the role: whose item it is. The table lets every practitioner edit a behaviour; the
# operation lets them edit only their own, and the chair and minute-taker tidy anyone's.


@pytest.mark.parametrize("proposer, editor", [("practitioner", "social_worker"), ("chair", "practitioner")])
def test_a_practitioner_may_not_reword_someone_elses_behaviour(live, proposer, editor):
    compile_catalogues()  # the refusal is read in Welsh (as `make test` compiles the catalogues first)
    author = live.socket(proposer, name="Dr Ana Price")
    other = live.socket(editor, name="Gwen Morris", language="cy")
    behaviour_id = live.send(author, "propose_behaviour", area_id=area(live), text="Osian sleeps in his cot")[
        "behaviour_id"
    ]
    before = live.revision
    ack = live.send(other, "edit_behaviour", behaviour_id=behaviour_id, text="Reworded")
    assert (ack["ok"], ack["code"], live.revision) == (False, "forbidden", before)
    assert (
        ack["message"]
        == "Dim ond y sawl a'i cynigiodd, y cadeirydd neu'r cofnodwr sy'n gallu newid ymddygiad."
    )
    [behaviour] = [b for b in live.state()["behaviours"] if b["id"] == behaviour_id]
    assert behaviour["text"] == "Osian sleeps in his cot"


@pytest.mark.parametrize("role", ["chair", "minute_taker"])
def test_the_chair_and_minute_taker_tidy_a_practitioners_behaviour(live, role):
    author = live.socket("practitioner")
    behaviour_id = live.send(author, "propose_behaviour", area_id=area(live), text="Osian sleeps in his cot")[
        "behaviour_id"
    ]
    ack = live.send(
        live.socket(role), "edit_behaviour", behaviour_id=behaviour_id, text="Osian sleeps in his own cot"
    )
    assert ack["ok"], ack
    [behaviour] = [b for b in live.state(author)["behaviours"] if b["id"] == behaviour_id]
    assert behaviour["text"] == "Osian sleeps in his own cot"


# Once the meeting has agreed a behaviour, its proposer no longer rewords it: the chair (or a
# co-chair) and the minute-taker correct it.

AGREED_REFUSAL = {
    "en": "The meeting has agreed this behaviour: only the chair or the minute-taker can change it now.",
    "cy": "Mae'r cyfarfod wedi cytuno ar yr ymddygiad hwn: dim ond y cadeirydd neu'r cofnodwr sy'n gallu"
    " ei newid nawr.",
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_proposer_may_not_reword_their_behaviour_once_agreed(live, language):
    compile_catalogues()  # the refusal is read in Welsh (as `make test` compiles the catalogues first)
    proposer = live.socket("practitioner", name="Dr Ana Price", language=language)
    behaviour_id = live.send(
        proposer, "propose_behaviour", area_id=area(live), text="Osian sleeps in his cot"
    )["behaviour_id"]
    live.run("set_behaviour_status", behaviour_id=behaviour_id, status="agreed")
    before = live.revision
    ack = live.send(proposer, "edit_behaviour", behaviour_id=behaviour_id, text="Reworded", who="Me")
    assert (ack["ok"], ack["code"], ack["message"], live.revision) == (
        False,
        "agreed",
        AGREED_REFUSAL[language],
        before,
    )
    [behaviour] = [b for b in live.state(proposer)["behaviours"] if b["id"] == behaviour_id]
    assert (behaviour["text"], behaviour["who"], behaviour["edited"]) == (
        "Osian sleeps in his cot",
        "",
        False,
    )


def test_everyone_is_told_the_chair_reworded_an_agreed_behaviour(live):
    author, parent, screen = live.socket("practitioner"), live.socket("parent"), live.socket("screen")
    behaviour_id = live.send(author, "propose_behaviour", area_id=area(live), text="Osian sleeps in his cot")[
        "behaviour_id"
    ]
    live.run("set_behaviour_status", behaviour_id=behaviour_id, status="agreed")
    for sock in (author, parent, screen):
        received(sock)
    live.run("edit_behaviour", behaviour_id=behaviour_id, text="Osian sleeps in his own cot")
    patches = [received(sock, "patch") for sock in (author, parent, screen)]
    seen = [
        [(b["text"], b["edited"]) for p in got for b in p["upsert"].get("behaviours", [])] for got in patches
    ]
    assert seen == [[("Osian sleeps in his own cot", True)]] * 3
