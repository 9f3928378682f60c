"""An area of change added in a closed session, read from the raw Socket.IO traffic: family devices
and the shared screen receive nothing of it (not its title, not its id, nothing recorded on it)
until the chair shares it, and even then nothing recorded before."""

import json

import pytest

from tests.socket.conftest import raw_text
from tests.socket.test_privacy import VIEWERS, Watch

SECRET_AREA = {
    "title": "SECRET-TITLE Risk from a visitor",
    "not_good_enough": "SECRET-NGE police intelligence",
    "good_enough": "SECRET-GE",
    "family_words": "SECRET-FW",
}
# An area shared with the family afterwards: its wording is theirs once shared.
SHARED_AREA = {
    "title": "SHARED-TITLE Money for food",
    "not_good_enough": "SHARED-NGE",
    "good_enough": "SHARED-GE",
    "family_words": "SHARED-FW",
}


class Private(Watch):
    """A viewer watching while the chair adds an area without the family."""

    def add_private_area(self, focus: bool = True, **fields) -> int:
        self.live.run("start_closed_session", reason="Police information")
        area_id = self.live.run("add_area", **{**SECRET_AREA, **fields})["area_id"]
        if focus:
            self.live.run("set_focus", area_id=area_id)
        self.live.run("end_closed_session")
        return area_id

    def record_on(self, area_id: int) -> int:
        """Everything a practitioner and the chair can record on an area; returns the round's id."""
        live, pro = self.live, self.practitioner
        assert live.send(pro, "add_contribution", area_id=area_id, kind="worry", text="SECRET-WORRY")["ok"]
        bid = live.send(pro, "propose_behaviour", area_id=area_id, text="SECRET-BEHAVIOUR")["behaviour_id"]
        live.run("set_behaviour_status", behaviour_id=bid, status="agreed")
        round_id = live.run("open_scaling_round", area_id=area_id)["round_id"]
        assert live.send(pro, "place_position", round_id=round_id, value=3, reason="SECRET-REASON")["ok"]
        live.run("reveal_scaling_round", round_id=round_id)
        live.run("agree_scaling_position", round_id=round_id, value=3, rationale="SECRET-RATIONALE")
        return round_id

    def received(self) -> tuple[list, dict]:
        """Every message the viewer received, and a fresh catch-up."""
        return self.viewer.get_received(), self.live.state(self.viewer)


def mentioned(messages: list, state: dict) -> tuple[set, set]:
    """Every area id and round id the viewer was told of, anywhere, in patches and a catch-up."""
    bodies = [m["args"][0] for m in messages if m["name"] == "patch"]
    sources = [(b.get("meeting"), b["upsert"], b["remove"]) for b in bodies]
    sources.append((state["meeting"], state, {}))
    areas, rounds = set(), set()
    for meeting, upsert, remove in sources:
        areas.add((meeting or {}).get("focus_area_id"))
        areas.update(a["id"] for a in upsert.get("areas", []))
        areas.update(remove.get("areas", []))
        for kind in ("contributions", "behaviours", "rounds"):
            areas.update(item["area_id"] for item in upsert.get(kind, []))
        rounds.update(r["id"] for r in upsert.get("rounds", []))
        rounds.update(remove.get("rounds", []))
        rounds.update(p["round_id"] for p in upsert.get("positions", []))
    rounds.update(p["round_id"] for p in state["mine"]["positions"])
    return areas - {None}, rounds


def text_of(messages: list, state: dict) -> str:
    return raw_text(messages) + json.dumps(state)


@pytest.fixture(params=VIEWERS)
def watch(request, live):
    return Private(live, request.param)


def test_its_wording_never_reaches_them(watch):
    watch.add_private_area()
    assert "SECRET" not in text_of(*watch.received())


def test_its_id_never_reaches_them(watch):
    area_id = watch.add_private_area()
    assert area_id not in mentioned(*watch.received())[0]


def test_while_it_is_the_focus_they_are_shown_nothing_in_focus(watch):
    watch.add_private_area(focus=True)
    assert watch.live.state(watch.viewer)["meeting"]["focus_area_id"] is None


def test_what_is_recorded_on_it_after_the_family_are_back_never_reaches_them(watch):
    watch.record_on(watch.add_private_area())
    assert "SECRET" not in text_of(*watch.received())


def test_nor_its_id_or_its_rounds(watch):
    area_id = watch.add_private_area()
    round_id = watch.record_on(area_id)
    areas, rounds = mentioned(*watch.received())
    assert (area_id in areas, round_id in rounds) == (False, False)


def test_rewording_it_and_reordering_the_agenda_tell_them_nothing_of_it(watch):
    area_id = watch.add_private_area()
    watch.live.run("update_area", area_id=area_id, title="SECRET-REWORDED", good_enough="SECRET-GE2")
    watch.live.run("reorder_areas", area_ids=list(reversed(watch.live.area_ids())))
    messages, state = watch.received()
    assert ("SECRET" in text_of(messages, state), area_id in mentioned(messages, state)[0]) == (False, False)


def test_its_removal_is_not_mentioned_to_them(watch):
    area_id = watch.add_private_area(focus=False)
    watch.viewer.get_received()
    watch.live.run("remove_area", area_id=area_id)
    patches = [m["args"][0] for m in watch.viewer.get_received() if m["name"] == "patch"]
    assert patches and all("areas" not in p["remove"] for p in patches)


def test_once_shared_it_reaches_them(watch):
    area_id = watch.add_private_area(**SHARED_AREA)
    watch.live.run("share_area", area_id=area_id)
    areas = {a["id"]: a["title"] for a in watch.live.state(watch.viewer)["areas"]}
    assert areas.get(area_id) == "SHARED-TITLE Money for food"


def test_once_shared_it_arrives_in_a_patch_with_the_focus(watch):
    area_id = watch.add_private_area(focus=True, **SHARED_AREA)
    watch.viewer.get_received()
    watch.live.run("share_area", area_id=area_id)
    [body] = [m["args"][0] for m in watch.viewer.get_received() if m["name"] == "patch"]
    assert ([a["id"] for a in body["upsert"]["areas"]], body["meeting"]["focus_area_id"]) == (
        [area_id],
        area_id,
    )


def test_once_shared_what_was_recorded_before_still_never_reaches_them(watch):
    area_id = watch.add_private_area(**SHARED_AREA)
    round_id = watch.record_on(area_id)
    watch.live.run("share_area", area_id=area_id)
    messages, state = watch.received()
    assert ("SECRET" in text_of(messages, state), round_id in mentioned(messages, state)[1]) == (False, False)


def test_an_area_they_see_is_not_reworded_in_a_closed_session(watch):
    area_id = watch.live.area_ids()[0]
    watch.live.run("start_closed_session")
    ack = watch.live.send(watch.live.chair, "update_area", area_id=area_id, title="SECRET-REWORDED")
    watch.live.run("end_closed_session")
    assert (ack["code"], "SECRET" in text_of(*watch.received())) == ("closed_session", False)


@pytest.mark.parametrize("role", ["practitioner", "chair"])
def test_practitioners_receive_it_marked_as_theirs(live, role):
    sock = live.socket(role)
    live.run("start_closed_session")
    area_id = live.run("add_area", **SECRET_AREA)["area_id"]
    area = next(a for a in live.state(sock)["areas"] if a["id"] == area_id)
    assert (area["title"], area["visibility"], area["in_closed_session"]) == (
        SECRET_AREA["title"],
        "practitioners",
        True,
    )


def test_a_family_device_guessing_its_id_is_told_it_does_not_exist(live):
    parent = live.socket("parent")
    live.run("start_closed_session")
    area_id = live.run("add_area", **SECRET_AREA)["area_id"]
    live.run("end_closed_session")
    ack = live.send(parent, "add_contribution", area_id=area_id, kind="worry", text="Mine")
    assert (ack["ok"], ack["code"]) == (False, "not_found")


def test_a_family_device_guessing_a_private_rounds_id_is_told_it_does_not_exist(live):
    parent = live.socket("parent")
    live.run("start_closed_session")
    area_id = live.run("add_area", **SECRET_AREA)["area_id"]
    live.run("end_closed_session")
    round_id = live.run("open_scaling_round", area_id=area_id)["round_id"]
    ack = live.send(parent, "place_position", round_id=round_id, value=4)
    assert (ack["ok"], ack["code"]) == (False, "not_found")


def test_a_round_opened_in_a_closed_session_never_reaches_them(watch):
    area_id = watch.live.area_ids()[0]
    watch.live.run("start_closed_session")
    round_id = watch.live.run("open_scaling_round", area_id=area_id)["round_id"]
    watch.live.run("reveal_scaling_round", round_id=round_id)
    watch.live.run("agree_scaling_position", round_id=round_id, value=2, rationale="SECRET-RATIONALE")
    watch.live.run("end_closed_session")
    messages, state = watch.received()
    assert ("SECRET" in text_of(messages, state), round_id in mentioned(messages, state)[1]) == (False, False)


def test_a_round_agreed_in_a_closed_session_is_taken_back_without_its_rationale(watch):
    area_id = watch.live.area_ids()[0]
    round_id = watch.live.run("open_scaling_round", area_id=area_id)["round_id"]
    watch.live.run("reveal_scaling_round", round_id=round_id)
    watch.viewer.get_received()
    watch.live.run("start_closed_session")
    watch.live.run("agree_scaling_position", round_id=round_id, value=2, rationale="SECRET-RATIONALE")
    messages, state = watch.received()
    removed = {r for m in messages if m["name"] == "patch" for r in m["args"][0]["remove"].get("rounds", [])}
    assert ("SECRET" in text_of(messages, state), round_id in removed) == (False, True)
