"""What family devices and the shared screen receive, read from the raw Socket.IO traffic."""

import json

import pytest

from tests.socket.conftest import FAMILY, raw_text

VIEWERS = [*FAMILY, "screen"]


class Watch:
    """A viewer's socket, a practitioner's, and the chair's, all connected before anything happens."""

    def __init__(self, live, viewer: str):
        self.live = live
        self.viewer = live.socket(viewer)
        self.practitioner = live.socket("practitioner")
        self.viewer.get_received()
        live.chair.get_received()

    def seen_by_viewer(self) -> str:
        """Every message the viewer received, plus a fresh catch-up, as text."""
        return raw_text(self.viewer.get_received()) + json.dumps(self.live.state(self.viewer))

    def seen_by_chair(self) -> str:
        return raw_text(self.live.chair.get_received()) + json.dumps(self.live.state())

    def contribute(self, text: str, **extra) -> dict:
        ack = self.live.send(
            self.practitioner,
            "add_contribution",
            area_id=self.live.area_ids()[0],
            kind="worry",
            text=text,
            **extra,
        )
        assert ack["ok"], ack
        return ack


@pytest.fixture(params=VIEWERS)
def watch(request, live):
    return Watch(live, request.param)


def test_a_practitioners_only_contribution_never_reaches_them(watch):
    watch.contribute("SECRET police intelligence", practitioners_only=True)
    assert "SECRET" not in watch.seen_by_viewer()


def test_the_chair_does_receive_it(watch):
    watch.contribute("SECRET police intelligence", practitioners_only=True)
    assert "SECRET" in watch.seen_by_chair()


def test_an_item_made_practitioners_only_by_an_edit_is_taken_back(watch):
    ack = watch.contribute("Open at first")
    watch.viewer.get_received()
    watch.live.send(
        watch.practitioner,
        "edit_contribution",
        contribution_id=ack["contribution_id"],
        text="SECRET now",
        practitioners_only=True,
    )
    assert "SECRET" not in watch.seen_by_viewer()


def test_a_closed_session_contribution_never_reaches_them(watch):
    watch.live.run("start_closed_session", reason="SECRET-REASON")
    watch.contribute("SECRET said without the family")
    watch.live.run("end_closed_session")
    assert "SECRET" not in watch.seen_by_viewer()


def test_a_closed_session_behaviour_never_reaches_them(watch):
    watch.live.run("start_closed_session")
    watch.live.send(
        watch.practitioner, "propose_behaviour", area_id=watch.live.area_ids()[0], text="SECRET plan"
    )
    watch.live.run("end_closed_session")
    assert "SECRET" not in watch.seen_by_viewer()


def test_they_see_that_a_closed_session_is_running(watch):
    watch.live.run("start_closed_session", reason="Police information")
    assert [s["active"] for s in watch.live.state(watch.viewer)["closed_sessions"]] == [True]


def test_lobby_entries_never_reach_them(watch):
    person_id = watch.live.join("parent", "SECRET Lobby Person")[1]
    watch.live.run("decline_participant", participant_id=person_id)
    assert "SECRET" not in watch.seen_by_viewer()


def test_the_chair_sees_the_lobby(watch):
    watch.live.join("parent", "SECRET Lobby Person")
    assert "SECRET" in watch.seen_by_chair()


def test_the_expected_list_never_reaches_them(watch):
    watch.live.run("add_expected_participant", name="SECRET Expected", role="practitioner")
    assert "SECRET" not in watch.seen_by_viewer()


def positions_seen(watch) -> list[dict]:
    """Every position object the viewer received, in patches and in a fresh catch-up."""
    found = [
        p
        for m in watch.viewer.get_received()
        if m["name"] == "patch"
        for p in m["args"][0]["upsert"].get("positions", [])
    ]
    return found + watch.live.state(watch.viewer)["positions"]


def place_hidden(watch) -> int:
    round_id = watch.live.run("open_scaling_round", area_id=watch.live.area_ids()[0])["round_id"]
    watch.live.send(watch.practitioner, "place_position", round_id=round_id, value=7, reason="SECRET reason")
    return round_id


def test_a_position_before_the_reveal_shows_only_that_it_was_placed(watch):
    place_hidden(watch)
    assert [set(p) & {"value", "reason", "placed"} for p in positions_seen(watch)] == [{"placed"}] * 2


def test_a_position_reason_before_the_reveal_never_reaches_them(watch):
    place_hidden(watch)
    assert "SECRET" not in watch.seen_by_viewer()


def test_the_value_arrives_with_the_reveal(watch):
    round_id = place_hidden(watch)
    watch.viewer.get_received()
    watch.live.run("reveal_scaling_round", round_id=round_id)
    assert [p.get("value") for p in positions_seen(watch)] == [7, 7]


def test_an_undone_reveal_hides_the_value_again(watch):
    round_id = place_hidden(watch)
    watch.live.run("reveal_scaling_round", round_id=round_id)
    watch.live.run("undo_reveal", round_id=round_id)
    watch.viewer.get_received()
    assert [p.get("value") for p in watch.live.state(watch.viewer)["positions"]] == [None]


def test_practitioners_registration_views_and_dissent_never_reach_them(watch):
    child = watch.live.child_ids()[0]
    watch.live.send(
        watch.practitioner,
        "give_registration_view",
        child_id=child,
        view="do_not_register",
        reason="SECRET view",
    )
    watch.live.run(
        "record_registration_decision",
        child_id=child,
        decision="register",
        categories=["neglect"],
        reasons="Risk of neglect",
        dissent="SECRET dissent",
    )
    assert "SECRET" not in watch.seen_by_viewer()


def test_the_decision_itself_reaches_them(watch):
    watch.live.run(
        "record_registration_decision",
        child_id=watch.live.child_ids()[0],
        decision="do_not_register",
        reasons="Safe with support",
    )
    assert [d["reasons"] for d in watch.live.state(watch.viewer)["decisions"]] == ["Safe with support"]


def test_the_case_reference_never_reaches_them(watch):
    watch.live.run("set_focus", area_id=watch.live.area_ids()[1])
    assert "CP-2026-0147" not in watch.seen_by_viewer()


def test_the_authors_own_value_comes_back_in_the_ack(live):
    parent = live.socket("parent")
    round_id = live.run("open_scaling_round", area_id=live.area_ids()[0])["round_id"]
    ack = live.send(parent, "place_position", round_id=round_id, value=3)
    assert ack["value"] == 3


def test_the_authors_own_value_is_in_their_catch_up(live):
    parent = live.socket("parent")
    round_id = live.run("open_scaling_round", area_id=live.area_ids()[0])["round_id"]
    live.send(parent, "place_position", round_id=round_id, value=3, reason="Mine")
    assert live.state(parent)["mine"]["positions"] == [{"round_id": round_id, "value": 3, "reason": "Mine"}]


def test_a_reason_given_in_a_closed_session_never_reaches_them(watch):
    round_id = watch.live.run("open_scaling_round", area_id=watch.live.area_ids()[0])["round_id"]
    watch.live.run("start_closed_session")
    watch.live.send(watch.practitioner, "place_position", round_id=round_id, value=2, reason="SECRET reason")
    watch.live.run("end_closed_session")
    watch.live.run("reveal_scaling_round", round_id=round_id)
    assert "SECRET" not in watch.seen_by_viewer()


def test_a_new_practitioners_only_item_is_not_even_mentioned_to_them(watch):
    watch.contribute("Private note", practitioners_only=True)
    patches = [m["args"][0] for m in watch.viewer.get_received() if m["name"] == "patch"]
    assert patches and all("contributions" not in p["remove"] for p in patches)
