"""A whole initial conference played against a real server: one chair, three practitioners, two
parents and the shared screen, each on their own real client. The tests then read what each
device actually received off the wire."""

import json
from dataclasses import dataclass, field

import pytest

from .client import LiveClient
from .conftest import Room
from .store import normalised

pytestmark = pytest.mark.live

FAMILY_AND_SCREEN = ["sian", "dean", "screen"]
EVERYONE = ["chair", "gareth", "nia", "tom", "sian", "dean", "screen"]
PARENTS = ["sian", "dean"]

# Texts that only practitioners may ever receive.
PRACTITIONERS_ONLY = [
    "Intelligence from another force area about an associate who visits the home; not to be shared.",
    "Two previous section 47 enquiries in Powys about the same associate.",
]
EDITED_TO_PRIVATE = (
    "Health visitor: Sian's low mood since the birth; referral to perinatal mental health pending."
)
CLOSED_REASON = "Police intelligence that cannot be shared with the parents"
CLOSED_CONTRIBUTION = (
    "The associate has a conviction for supplying class A drugs and was seen at the house on 2 November."
)
CLOSED_BEHAVIOUR = "Sian and Dean do not let the associate into the home or near the children."
PRIVATE_VIEW_REASON = (
    "Police: no offence against the children themselves; a care and support plan would manage it."
)
OSIAN_DISSENT = (
    "Substance Misuse Service: Dean is engaging and the risk could be managed under a care and support plan."
)
# Reasons given with scale positions: hidden until the reveal.
POSITIONS = {
    "gareth": (3, "Floors were clear at one visit of four."),
    "nia": (2, "Still no cot at my last visit."),
    "tom": (4, "No police call-outs since September."),
    "sian": (6, "We have cleared the kitchen and the bins go out."),
    "dean": (5, "The cot is ordered and comes next week."),
}
GARETH_SECOND_THOUGHT = (2, "Having heard about the cot, two is fairer.")
BEHAVIOURS = {
    "nia": "Osian sleeps in his cot, on his back, for every sleep.",
    "gareth": "The living-room and kitchen floors are clear of rubbish and dog mess at every visit.",
    "sian": "The dog is kept out of the children's bedrooms.",
}


@dataclass
class Played:
    """The conference as played, and what the tests need to know about it."""

    room: Room
    reveal_revision: int = 0
    round_id: int = 0
    final_revision: int = 0
    refused_in_closed_session: list = field(default_factory=list)
    away: dict = field(default_factory=dict)  # name -> (revision when left, revision when back)
    children: dict = field(default_factory=dict)  # first name -> id
    fresh: dict = field(default_factory=dict)  # name -> a catch_up state taken at the very end

    def __getitem__(self, name: str) -> LiveClient:
        return self.room.clients[name]


def _revision(client: LiveClient) -> int:
    return client.catch_up()["state"]["revision"]


def play(room: Room) -> Played:
    """Admissions, contributions, a closed session, a blind scaling round, behaviours, registration, close."""
    played = Played(room)
    chair = room.open_chair()
    room.open_screen(transports=["polling"])  # a TV browser may never upgrade from long-polling
    gareth = room.join("gareth", "Gareth Morgan", "social_worker", "Children's Services")
    nia = room.join("nia", "Nia Williams", "practitioner", "Health Visiting")
    tom = room.join(
        "tom",
        "DC Tom Hayes",
        "practitioner",
        "Police - Public Protection Unit",
        transports=["polling", "websocket"],
    )
    sian = room.join("sian", "Sian Hughes", "parent", language="cy")
    dean = room.join("dean", "Dean Hughes", "parent")
    state = chair.catch_up()["state"]
    home, alcohol, nursery = [a["id"] for a in sorted(state["areas"], key=lambda a: a["position"])]
    played.children = {c["first_name"]: c["id"] for c in state["children"]}

    # Contributions to the area in focus; some for practitioners only.
    nia.do(
        "add_contribution",
        area_id=home,
        kind="worry",
        text="Osian was asleep on the sofa at my visit on 3 November; no cot in the home.",
    )
    gareth.do(
        "add_contribution",
        area_id=home,
        kind="worry",
        text="Dog faeces on the living-room floor at visits on 20 and 27 October.",
    )
    sian.do(
        "add_contribution",
        area_id=home,
        kind="strength",
        text="We cleared the kitchen last week and the bins go out every Tuesday now.",
    )
    chair.do("set_focus", area_id=alcohol)
    tom.do(
        "add_contribution",
        area_id=alcohol,
        kind="evidence",
        text=PRACTITIONERS_ONLY[0],
        practitioners_only=True,
    )
    gareth.do(
        "add_contribution",
        area_id=alcohol,
        kind="evidence",
        text=PRACTITIONERS_ONLY[1],
        practitioners_only=True,
    )
    note = nia.do(
        "add_contribution",
        area_id=alcohol,
        kind="worry",
        text="Health visitor: I have concerns for Sian's wellbeing.",
    )
    nia.do(
        "edit_contribution",
        contribution_id=note["contribution_id"],
        text=EDITED_TO_PRIVATE,
        practitioners_only=True,
    )
    dean.do(
        "add_contribution",
        area_id=nursery,
        kind="strength",
        text="I have walked Mali to nursery every day this week.",
    )

    # Dean's phone drops out before the closed session and comes back after it.
    left = room.settle()
    dean.disconnect()

    chair.do("start_closed_session", reason=CLOSED_REASON)
    played.refused_in_closed_session.append(
        sian.command(
            "add_contribution",
            area_id=alcohol,
            kind="strength",
            text="Dean has not had a drink for three weeks.",
        )
    )
    tom.do("add_contribution", area_id=alcohol, kind="evidence", text=CLOSED_CONTRIBUTION)
    gareth.do("propose_behaviour", area_id=alcohol, text=CLOSED_BEHAVIOUR)
    chair.do("end_closed_session")
    chair.do("set_focus", area_id=home)

    dean.connect()
    played.away["dean"] = (left, dean.store.revision)

    # A blind scaling round on home conditions: everyone places, then the reveal, then agreement.
    round_id = chair.do("open_scaling_round", area_id=home)["round_id"]
    played.round_id = round_id
    for name, (value, reason) in POSITIONS.items():
        ack = room.clients[name].do("place_position", round_id=round_id, value=value, reason=reason)
        assert ack["value"] == value
    left = room.settle()
    nia.disconnect()  # Nia's laptop sleeps through the reveal
    value, reason = GARETH_SECOND_THOUGHT
    gareth.do("place_position", round_id=round_id, value=value, reason=reason)
    played.reveal_revision = chair.do("reveal_scaling_round", round_id=round_id)["revision"]
    chair.do(
        "agree_scaling_position",
        round_id=round_id,
        value=3,
        rationale="The home is cleaner but Osian still has no cot.",
    )

    nia.connect()
    played.away["nia"] = (left, nia.store.revision)

    # Behaviours: proposed, answered by both parents, agreed by the meeting.
    behaviour_ids = [
        room.clients[name].do("propose_behaviour", area_id=home, text=text)["behaviour_id"]
        for name, text in BEHAVIOURS.items()
    ]
    dean.do("respond_to_behaviour", behaviour_id=behaviour_ids[1], answer="not_agreed")
    for behaviour_id in behaviour_ids:
        sian.do("respond_to_behaviour", behaviour_id=behaviour_id, answer="agreed")
        dean.do("respond_to_behaviour", behaviour_id=behaviour_id, answer="agreed")
        chair.do("set_behaviour_status", behaviour_id=behaviour_id, status="agreed")

    # Registration: a view from everyone for each child, then the decision for each child.
    for child_id in played.children.values():
        gareth.do(
            "give_registration_view",
            child_id=child_id,
            view="register",
            categories=["neglect"],
            reason="Neglect of basic care and safe sleep.",
        )
        nia.do("give_registration_view", child_id=child_id, view="register", categories=["neglect"])
        tom.do(
            "give_registration_view", child_id=child_id, view="do_not_register", reason=PRIVATE_VIEW_REASON
        )
        sian.do(
            "give_registration_view",
            child_id=child_id,
            view="unsure",
            reason="We are not sure the register will help.",
        )
        dean.do(
            "give_registration_view",
            child_id=child_id,
            view="do_not_register",
            reason="We are already making the changes.",
        )
    family_view = (
        "Sian and Dean do not agree that the children need to be registered, but they agree with the changes."
    )
    chair.do(
        "record_registration_decision",
        child_id=played.children["Mali"],
        decision="register",
        categories=["neglect"],
        reasons="Neglect: unsafe home conditions and adults caring for the children while drunk.",
        family_view=family_view,
    )
    chair.do(
        "record_registration_decision",
        child_id=played.children["Osian"],
        decision="register",
        categories=["neglect"],
        reasons="Neglect: unsafe sleep and adults caring for him while drunk.",
        family_view=family_view,
        dissent=OSIAN_DISSENT,
    )

    played.final_revision = chair.do("close_meeting", confirm=True)["revision"]
    room.settle()
    played.fresh = {name: client.catch_up()["state"] for name, client in room.clients.items()}
    return played


@pytest.fixture(scope="module")
def played(live_server):
    """The conference, played once per server (eventlet and threading)."""
    room = Room(live_server)
    try:
        yield play(room)
    finally:
        room.close()


def _wire(client: LiveClient) -> str:
    return json.dumps([payload for _, payload in client.payloads()], ensure_ascii=False)


def _items(client: LiveClient, kind: str):
    """Every item of one kind the client received: (revision, item), from patches and states."""
    for revision, payload in client.payloads():
        if not isinstance(payload, dict):
            continue
        if "upsert" in payload:
            yield from ((revision, item) for item in (payload["upsert"] or {}).get(kind, []))
        else:
            yield from ((revision, item) for item in payload.get(kind, []))


@pytest.mark.parametrize("name", FAMILY_AND_SCREEN)
def test_practitioners_only_text_never_reaches_family_or_screen(played, name):
    wire = _wire(played[name])
    leaked = [text for text in [*PRACTITIONERS_ONLY, EDITED_TO_PRIVATE] if text in wire]
    assert not leaked


@pytest.mark.parametrize("name", FAMILY_AND_SCREEN)
def test_closed_session_text_never_reaches_family_or_screen(played, name):
    wire = _wire(played[name])
    leaked = [text for text in [CLOSED_REASON, CLOSED_CONTRIBUTION, CLOSED_BEHAVIOUR] if text in wire]
    assert not leaked
    assert all("reason" not in item for _, item in _items(played[name], "closed_sessions"))


@pytest.mark.parametrize("name", FAMILY_AND_SCREEN)
def test_practitioners_registration_views_and_dissent_never_reach_family_or_screen(played, name):
    client = played[name]
    wire = _wire(client)
    family_ids = {played[p].me for p in PARENTS}
    assert PRIVATE_VIEW_REASON not in wire and OSIAN_DISSENT not in wire
    assert all(view["participant_id"] in family_ids for _, view in _items(client, "views"))
    assert all("dissent" not in decision for _, decision in _items(client, "decisions"))


@pytest.mark.parametrize("name", FAMILY_AND_SCREEN)
def test_lobby_entries_never_reach_family_or_screen(played, name):
    people = [person for _, person in _items(played[name], "participants")]
    assert people and all(person["admission"] == "admitted" for person in people)


@pytest.mark.parametrize("name", ["chair", "gareth", "tom"])
def test_practitioners_receive_the_private_material(played, name):
    wire = json.dumps(played[name].store.snapshot(), ensure_ascii=False)
    private = [
        *PRACTITIONERS_ONLY,
        EDITED_TO_PRIVATE,
        CLOSED_REASON,
        CLOSED_CONTRIBUTION,
        CLOSED_BEHAVIOUR,
        PRIVATE_VIEW_REASON,
        OSIAN_DISSENT,
    ]
    assert [text for text in private if text not in wire] == []


def test_a_family_device_is_told_of_the_private_discussion(played):
    assert any(item["active"] for _, item in _items(played["sian"], "closed_sessions"))


def test_family_cannot_add_anything_during_a_closed_session(played):
    [ack] = played.refused_in_closed_session
    assert ack["ok"] is False and ack["code"] == "closed_session"


@pytest.mark.parametrize("name", EVERYONE)
def test_no_position_value_reaches_anyone_before_the_reveal(played, name):
    client = played[name]
    early = [
        (rev, item)
        for rev, item in _items(client, "positions")
        if rev is not None and rev < played.reveal_revision
    ]
    assert early, "the round's positions were broadcast as placed"
    assert [item for _, item in early if "value" in item or "reason" in item] == []
    early_wire = json.dumps(
        [p for rev, p in client.payloads() if rev is None or rev < played.reveal_revision]
    )
    assert [
        reason for _, reason in [*POSITIONS.values(), GARETH_SECOND_THOUGHT] if reason in early_wire
    ] == []


@pytest.mark.parametrize("name", EVERYONE)
def test_every_position_is_shown_once_revealed(played, name):
    positions = {
        p["participant_id"]: p
        for p in played[name].store.snapshot()["positions"]
        if p["round_id"] == played.round_id
    }
    by_person = {
        played[n].me: value_reason
        for n, value_reason in {**POSITIONS, "gareth": GARETH_SECOND_THOUGHT}.items()
    }
    assert {pid: (p["value"], p["reason"]) for pid, p in positions.items()} == by_person


@pytest.mark.parametrize(("away", "stayed"), [("nia", "gareth"), ("dean", "sian")])
def test_a_device_that_was_away_catches_up_to_the_same_state_as_one_that_stayed(played, away, stayed):
    left, back = played.away[away]
    assert back > left + 1, "the device missed nothing while away"
    assert normalised(played[away].store.snapshot()) == normalised(played[stayed].store.snapshot())


@pytest.mark.parametrize("name", EVERYONE)
def test_every_device_ends_with_the_servers_state_for_its_audience(played, name):
    client = played[name]
    assert client.store.revision == played.final_revision
    assert normalised(client.store.snapshot(), keep_mine=True) == normalised(
        played.fresh[name], keep_mine=True
    )


@pytest.mark.parametrize("name", ["chair", "gareth", "tom", "sian", "screen"])
def test_a_device_that_stayed_got_a_patch_for_every_revision(played, name):
    client = played[name]
    first = client.catch_ups[0]["state"]["revision"]
    patched = {p["revision"] for p in client.events("patch")}
    assert set(range(first + 1, played.final_revision + 1)) <= patched


def test_both_parents_agreed_every_behaviour_on_home_conditions(played):
    parents = {played[p].me for p in PARENTS}
    agreed = [b for b in played["sian"].store.snapshot()["behaviours"] if b["text"] in BEHAVIOURS.values()]
    assert len(agreed) == len(BEHAVIOURS)
    for behaviour in agreed:
        assert behaviour["status"] == "agreed" and behaviour["family_agreement"] == "agreed"
        assert {a["participant_id"]: a["answer"] for a in behaviour["answers"]} == dict.fromkeys(
            parents, "agreed"
        )


@pytest.mark.parametrize("name", ["chair", "sian", "screen"])
def test_a_registration_decision_is_recorded_for_each_child(played, name):
    decisions = {d["child_id"]: d for d in played[name].store.snapshot()["decisions"]}
    assert set(decisions) == set(played.children.values())
    assert all(d["decision"] == "register" and d["categories"] == ["neglect"] for d in decisions.values())


def test_the_chair_sees_dissent_for_each_child(played):
    decisions = {d["child_id"]: d for d in played["chair"].store.snapshot()["decisions"]}
    assert PRIVATE_VIEW_REASON in decisions[played.children["Mali"]]["dissent"]
    assert decisions[played.children["Osian"]]["dissent"] == OSIAN_DISSENT


@pytest.mark.parametrize("name", EVERYONE)
def test_the_meeting_is_closed_on_every_device(played, name):
    meeting = played[name].store.snapshot()["meeting"]
    assert meeting["status"] == "closed" and meeting["join_code"] is None


def test_a_time_is_written_the_same_in_a_patch_and_in_a_catch_up(played):
    patched = {
        c["id"]: c["created_at"]
        for p in played["chair"].events("patch")
        for c in p["upsert"].get("contributions", [])
    }
    caught_up = {c["id"]: c["created_at"] for c in played.fresh["chair"]["contributions"]}
    assert patched == caught_up
