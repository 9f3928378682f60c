"""The nginx config of docs/deployment.md, run as written (only its ports swapped) in front of two
processes on PostgreSQL and Redis: pages, long-polling upgraded to WebSocket (sticky), then the
process that holds the devices is killed and nginx sends their reconnections to the other.

Skips where nginx, PostgreSQL or Redis is not installed or running.
"""

import re
import shutil
import socket
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import psutil
import pytest

from tests.live.client import LiveClient, join, sign_in_chair, wait_until
from tests.live.server import free_port
from tests.live.store import normalised

from .cluster import Cluster

pytestmark = [pytest.mark.scaleout]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


def nginx_or_skip() -> str:
    binary = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    return binary


def documented_config() -> str:
    """The nginx config block of docs/deployment.md."""
    text = DOCS.read_text()
    block = text.split("<!-- nginx-config-begin -->", 1)[1].split("<!-- nginx-config-end -->", 1)[0]
    return block.split("```nginx", 1)[1].split("```", 1)[0]


class Front:
    """nginx as the clients see it: one URL for both processes."""

    def __init__(self, url: str, demo):
        self.url = url
        self.demo = replace(demo, base_url=url)


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory):
    binary = nginx_or_skip()
    tmp = tmp_path_factory.mktemp("nginx")
    cluster = Cluster(tmp, processes=2)
    cluster.shared_env["TRUSTED_PROXIES"] = "1"
    nginx = None
    try:
        demo = cluster.start()
        a, b = cluster.servers
        port = free_port()
        site = documented_config()
        assert "ip_hash;" in site and "proxy_set_header Upgrade" in site
        site = site.replace("127.0.0.1:5001", f"127.0.0.1:{a.port}")
        site = site.replace("127.0.0.1:5002", f"127.0.0.1:{b.port}")
        site = re.sub(r"listen 80;", f"listen 127.0.0.1:{port};", site)
        (tmp / "site.conf").write_text(site)
        (tmp / "nginx.conf").write_text(
            f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log warn;\nworker_processes 1;\n"
            "events { worker_connections 1024; }\n"
            f"http {{\n  access_log {tmp}/access.log;\n"
            + "".join(
                f"  {k}_temp_path {tmp}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + f"  include {tmp}/site.conf;\n}}\n"
        )
        nginx = subprocess.Popen(
            [binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if nginx.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {(tmp / 'error.log').read_text()}")
                time.sleep(0.05)
        yield cluster, Front(f"http://127.0.0.1:{port}", demo)
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        cluster.stop()


def _connections_to(server) -> int:
    proc = psutil.Process(server.process.pid)
    return sum(
        1
        for c in proc.net_connections(kind="tcp")
        if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == server.port
    )


def test_a_meeting_through_nginx_survives_losing_the_process_behind_it(behind_nginx):
    cluster, front = behind_nginx
    clients = []
    try:
        chair = LiveClient(front, "chair", sign_in_chair(front, front.demo)).connect()
        # The shared screen starts on long-polling and upgrades: every request must reach one process.
        screen = LiveClient(
            front, "screen", screen_key=front.demo.screen_key, transports=["polling", "websocket"]
        ).connect()
        clients += [chair, screen]
        http = join(front, front.demo, "Gareth Morgan", "social_worker", "Children's Services")
        gareth = LiveClient(front, "gareth", http, admitted=False).connect()
        clients.append(gareth)
        person = wait_until(
            lambda: next(
                (
                    p
                    for p in chair.store.snapshot()["participants"]
                    if p["name"] == "Gareth Morgan" and p["admission"] == "waiting"
                ),
                None,
            ),
            message="Gareth in the lobby",
        )
        chair.do("admit_participant", participant_id=person["id"])
        wait_until(lambda: "admitted" in gareth.notices, message="Gareth to be admitted")
        gareth.admitted = True
        gareth.reconnect()
        area = chair.catch_up()["state"]["areas"][0]["id"]
        before = [
            gareth.do("add_contribution", area_id=area, kind="worry", text=f"through nginx {i}")
            for i in range(3)
        ]
        assert screen.sio.transport() == "websocket", "the screen's long-polling did not upgrade"

        # ip_hash: every client here comes from 127.0.0.1, so all are on one process. Kill that one.
        holder = max(cluster.servers, key=_connections_to)
        other = next(s for s in cluster.servers if s is not holder)
        assert _connections_to(holder) >= 3 and _connections_to(other) == 0
        connects = {c.name: c.connects for c in clients}
        holder.kill()
        wait_until(
            lambda: all(c.connects > connects[c.name] and c.synced_connect == c.connects for c in clients),
            timeout=30,
            message="every device to reconnect through nginx to the other process",
        )
        after = gareth.do("add_contribution", area_id=area, kind="strength", text="after the kill")
        assert _connections_to(other) >= 3

        revision = chair.catch_up()["state"]["revision"]
        for client in clients:
            client.wait_synced(revision)
        fresh = chair.catch_up()["state"]
        texts = {c["id"]: c["text"] for c in fresh["contributions"]}
        for ack in [*before, after]:
            assert ack["contribution_id"] in texts
        assert normalised(chair.store.snapshot()) == normalised(gareth.store.snapshot())
        assert normalised(screen.store.snapshot()) == normalised(screen.catch_up()["state"])
    finally:
        for client in clients:
            client.close()
