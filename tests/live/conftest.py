"""Live tests: a real server process on 127.0.0.1 (eventlet and threading), real clients."""

import pytest

from .client import LiveClient, join, sign_in_chair, wait_until
from .server import LiveServer

ASYNC_MODES = ["eventlet", "threading"]


@pytest.fixture(scope="module", params=ASYNC_MODES)
def live_server(request, tmp_path_factory):
    """A server started as `python app.py` starts it, with the demo meeting; one per module and mode."""
    server = LiveServer(request.param, tmp_path_factory.mktemp(f"live-{request.param}"))
    server.start()
    yield server
    server.stop()


class Room:
    """The people of the demo meeting on their own devices, brought in through the real pages."""

    def __init__(self, server: LiveServer):
        self.server = server
        self.clients: dict[str, LiveClient] = {}
        self.chair: LiveClient | None = None

    def open_chair(self, name: str = "chair") -> LiveClient:
        """The chair signs in on the console and opens its socket."""
        client = LiveClient(self.server, name, sign_in_chair(self.server, self.server.demo)).connect()
        self.clients[name] = client
        self.chair = self.chair or client
        return client

    def open_screen(self, name: str = "screen", transports=None) -> LiveClient:
        """The shared screen opens with the meeting's screen key."""
        client = LiveClient(self.server, name, screen_key=self.server.demo.screen_key, transports=transports)
        self.clients[name] = client.connect()
        return client

    def join(
        self, key: str, name: str, role: str, agency: str = "", language: str = "en", transports=None
    ) -> LiveClient:
        """Someone joins with the code, waits in the lobby, is admitted by the chair, reconnects."""
        http = join(self.server, self.server.demo, name, role, agency, language)
        client = LiveClient(self.server, key, http, admitted=False, transports=transports).connect()
        self.clients[key] = client
        person = wait_until(
            lambda: next(
                (
                    p
                    for p in self.chair.store.snapshot()["participants"]
                    if p["name"] == name and p["admission"] == "waiting"
                ),
                None,
            ),
            message=f"{name} in the chair's lobby list",
        )
        self.chair.do("admit_participant", participant_id=person["id"])
        wait_until(lambda: "admitted" in client.notices, message=f"{name} to be told they are admitted")
        client.admitted = True
        client.reconnect()
        assert client.me == person["id"]
        return client

    def settle(self, timeout: float = 20.0) -> int:
        """Wait until every device that means to be online has caught up to the latest revision."""
        target = self.chair.catch_up()["state"]["revision"]
        for client in self.clients.values():
            if client.online and client.admitted:
                client.wait_synced(target, timeout=timeout)
        return target

    def close(self) -> None:
        """Close every device."""
        for client in self.clients.values():
            client.close()
