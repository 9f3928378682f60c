"""Two server processes on one PostgreSQL database and one Redis: the devices of one meeting are
spread over both, a short conference is played across them, and every device ends in the same state
with nothing lost. Then one process is killed: its devices reconnect to the other (as a load balancer
would send them) and catch up.

Skips with the reason where PostgreSQL or Redis is not running on 127.0.0.1.
"""

import threading
import time

import pytest
import requests

from tests.live.client import LiveClient, join, new_command_id, sign_in_chair, wait_until
from tests.live.store import normalised

from .cluster import Cluster

pytestmark = [pytest.mark.scaleout]

WRITES_EACH = 6


class Conference:
    """The devices of the demo meeting, each on the process it was sent to."""

    def __init__(self, cluster: Cluster):
        self.cluster = cluster
        self.a, self.b = cluster.servers
        self.clients: dict[str, LiveClient] = {}
        self.acked: list[tuple[str, dict, dict]] = []
        self._lock = threading.Lock()

    def chair(self, server) -> LiveClient:
        client = LiveClient(server, "chair", sign_in_chair(server, server.demo)).connect()
        self.clients["chair"] = client
        return client

    def screen(self, server) -> LiveClient:
        client = LiveClient(server, "screen", screen_key=server.demo.screen_key).connect()
        self.clients["screen"] = client
        return client

    def join(
        self, server, key: str, name: str, role: str, agency: str = "", language: str = "en"
    ) -> LiveClient:
        """Join through this process's pages, wait in its lobby; the chair (maybe on the other
        process) admits; the device hears it across the message queue and reconnects."""
        http = join(server, server.demo, name, role, agency, language)
        client = LiveClient(server, key, http, admitted=False).connect()
        self.clients[key] = client
        chair = self.clients["chair"]
        person = wait_until(
            lambda: next(
                (
                    p
                    for p in chair.store.snapshot()["participants"]
                    if p["name"] == name and p["admission"] == "waiting"
                ),
                None,
            ),
            message=f"{name} in the chair's lobby list",
        )
        chair.do("admit_participant", participant_id=person["id"])
        wait_until(lambda: "admitted" in client.notices, message=f"{name} to hear they are admitted")
        client.admitted = True
        client.reconnect()
        assert client.me == person["id"]
        return client

    def do(self, key: str, name: str, **args) -> dict:
        command = {"id": new_command_id(), "name": name, "args": args}
        ack = self.clients[key].send(command)
        assert ack.get("ok"), f"{key}: {name} {args} -> {ack}"
        with self._lock:
            self.acked.append((key, command, ack))
        return ack

    def settle(self) -> int:
        target = self.clients["chair"].catch_up()["state"]["revision"]
        for client in self.clients.values():
            if client.connected and client.admitted:
                client.wait_synced(target)
        return target

    def close(self) -> None:
        for client in self.clients.values():
            client.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = Cluster(tmp_path_factory.mktemp("scaleout"))
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def played(cluster):
    """The conference, played once; the tests below read what happened."""
    room = Conference(cluster)
    a, b = room.a, room.b
    try:
        room.chair(a)
        room.screen(b)
        room.join(b, "gareth", "Gareth Morgan", "social_worker", "Children's Services")
        room.join(a, "sian", "Sian Hughes", "parent", language="cy")
        room.join(b, "nia", "Nia Williams", "practitioner", "Health Visiting")
        room.join(b, "tom", "DC Tom Hayes", "practitioner", "Police")
        state = room.clients["chair"].catch_up()["state"]
        areas = [area["id"] for area in sorted(state["areas"], key=lambda x: x["position"])]
        child = state["children"][0]["id"]
        room.do("chair", "set_focus", area_id=areas[1])
        room.do("chair", "set_focus", area_id=areas[0])

        # Writers on both processes at once: revisions must stay strictly ordered per meeting.
        def write(key: str) -> None:
            for i in range(WRITES_EACH):
                args = {
                    "area_id": areas[0],
                    "kind": "worry" if i % 2 else "strength",
                    "text": f"{key} note {i}",
                }
                if key == "nia" and i % 2 == 0:
                    args["practitioners_only"] = True
                room.do(key, "add_contribution", **args)

        writers = [threading.Thread(target=write, args=(k,)) for k in ("chair", "gareth", "sian", "nia")]
        for thread in writers:
            thread.start()
        for thread in writers:
            thread.join(timeout=60)

        round_id = room.do("chair", "open_scaling_round", area_id=areas[0])["round_id"]
        for key, value in (("sian", 6), ("gareth", 3), ("nia", 4)):
            room.do(key, "place_position", round_id=round_id, value=value, reason=f"{key} thinks {value}")
        behaviour = room.do("gareth", "propose_behaviour", area_id=areas[0], text="Osian sleeps in his cot.")
        room.do("sian", "respond_to_behaviour", behaviour_id=behaviour["behaviour_id"], answer="agreed")
        room.do("chair", "start_closed_session", reason="Police information")
        room.do(
            "tom", "add_contribution", area_id=areas[0], kind="evidence", text="SECRET police intelligence"
        )
        room.do("chair", "end_closed_session")
        room.do("chair", "reveal_scaling_round", round_id=round_id)
        room.do("chair", "agree_scaling_position", round_id=round_id, value=4, rationale="Early days.")
        room.do(
            "gareth",
            "give_registration_view",
            child_id=child,
            view="register",
            categories=["neglect"],
            reason="Neglect of basic care.",
        )
        room.do(
            "chair",
            "record_registration_decision",
            child_id=child,
            decision="register",
            categories=["neglect"],
            reasons="Neglect of basic care.",
        )
        # Removed on process A; the device is on process B and must be told and dropped at once.
        tom_id = room.clients["tom"].me
        room.do("chair", "remove_participant", participant_id=tom_id)
        tom = room.clients["tom"]
        wait_until(lambda: "removed" in tom.notices and not tom.connected, message="Tom to be removed from B")
        room.settle()
        room.before_kill = {k: c.catch_up()["state"] for k, c in room.clients.items() if k != "tom"}

        # Gareth (on B) opens a second device on A, then closes it: he is still online on B.
        second_http = requests.Session()
        second_http.cookies.update(room.clients["gareth"].http.cookies)
        second = LiveClient(a, "gareth-2", second_http).connect()
        gareth_id = room.clients["gareth"].me
        chair = room.clients["chair"]
        seen = len(chair.events("presence"))
        second.disconnect()
        second.close()
        time.sleep(1.0)
        room.presence_after_second_device = [
            p for p in chair.events("presence")[seen:] if p["participant_id"] == gareth_id
        ]
        room.gareth_online_in_db = cluster.db.query(
            "SELECT online FROM participants WHERE id = %s", gareth_id
        )[0][0]

        # A wrong join code on each process: counted once, in Redis, for the address.
        redis = cluster.redis()
        redis.delete("ecp:rl:join:127.0.0.1")
        room.wrong_code_status = [
            requests.get(f"{s.url}/join/ZZZZZZZZ", timeout=10).status_code for s in (a, b)
        ]
        room.failures_counted = int(redis.get("ecp:rl:join:127.0.0.1") or 0)

        # Process A dies; its devices (chair, sian) are sent to B, reconnect and catch up.
        on_a = [k for k, c in room.clients.items() if c.server is a and k != "tom"]
        room.connects_before_kill = {k: room.clients[k].connects for k in on_a}
        a.kill()
        for key in on_a:
            client = room.clients[key]
            client.server = b
            client.sio.connection_url = b.url  # what the load balancer does for the next attempt
        wait_until(
            lambda: all(room.clients[k].connects > room.connects_before_kill[k] for k in on_a),
            message="the devices of the killed process to reconnect to the other",
        )
        room.do("sian", "add_contribution", area_id=areas[0], kind="family_words", text="We are still here.")
        room.do("chair", "set_focus", area_id=areas[2])
        room.final_revision = room.settle()
        room.on_a = on_a
        room.fresh = {k: c.catch_up()["state"] for k, c in room.clients.items() if k != "tom"}
        yield room
    finally:
        room.close()


def _audience(key: str) -> str:
    return {"sian": "family", "screen": "screen"}.get(key, "practitioners")


def test_devices_were_spread_over_both_processes(played):
    servers = {key: client.server for key, client in played.clients.items()}
    assert servers["screen"] is played.b and "chair" in played.on_a and "sian" in played.on_a


def test_revisions_are_strictly_ordered_across_processes(played):
    firsts = [ack["revision"] for _, _, ack in played.acked if not ack.get("duplicate")]
    assert len(set(firsts)) == len(firsts), "two commands were given the same revision"
    rows = played.cluster.db.query(
        "SELECT revision FROM audit_entries WHERE meeting_id = %s ORDER BY revision",
        played.clients["chair"].meeting_id,
    )
    revisions = [r[0] for r in rows]
    assert revisions == list(range(1, len(revisions) + 1)), "the audit log has a gap or a repeat"
    assert revisions[-1] == played.final_revision


def test_every_device_ends_in_the_same_state(played):
    by_audience: dict[str, list] = {}
    for key, client in played.clients.items():
        if key == "tom":
            continue
        mine = normalised(client.store.snapshot())
        assert mine == normalised(played.fresh[key]), f"{key} differs from the server's state"
        by_audience.setdefault(_audience(key), []).append((key, mine))
    for audience, states in by_audience.items():
        first_key, first = states[0]
        for key, state in states[1:]:
            assert state == first, f"{key} and {first_key} ({audience}) ended differently"


def test_nothing_acknowledged_was_lost(played):
    state = played.fresh["chair"]
    contributions = {c["id"]: c["text"] for c in state["contributions"]}
    written = [(command, ack) for _, command, ack in played.acked if command["name"] == "add_contribution"]
    assert len(written) == 4 * WRITES_EACH + 2
    for command, ack in written:
        assert contributions.get(ack["contribution_id"]) == command["args"]["text"]
        assert ack["revision"] <= played.final_revision


def test_family_on_the_other_process_never_received_practitioners_only_items(played):
    for key in ("sian", "screen"):
        for _, payload in played.clients[key].payloads():
            assert "SECRET police" not in repr(payload)
            assert "nia note 0" not in repr(payload)


def test_removal_on_one_process_drops_the_device_on_the_other(played):
    tom = played.clients["tom"]
    assert "removed" in tom.notices and not tom.connected


def test_devices_of_the_killed_process_reconnected_to_the_other_and_caught_up(played):
    for key in played.on_a:
        client = played.clients[key]
        assert client.connects > played.connects_before_kill[key]
        assert client.server is played.b and client.synced_connect == client.connects
        assert client.store.revision == played.final_revision
    texts = [c["text"] for c in played.fresh["sian"]["contributions"]]
    assert "We are still here." in texts and "sian note 0" in texts


def test_a_person_stays_online_while_any_process_holds_one_of_their_devices(played):
    assert all(p["online"] for p in played.presence_after_second_device), played.presence_after_second_device
    assert played.gareth_online_in_db is True


def test_rate_limits_are_counted_in_redis_across_processes(played):
    # One wrong join code on each process: the one counter in Redis holds both.
    assert played.wrong_code_status == [404, 404]
    assert played.failures_counted == 2
