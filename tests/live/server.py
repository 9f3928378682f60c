"""A real ECP Live server in a subprocess, started exactly as `python app.py` starts it.

The server runs on 127.0.0.1 with its own instance folder (SQLite file, secret key, demo password)
and the demo meeting loaded. It can be killed with SIGKILL and started again on the same folder and
port, the way a crashed process is restarted by its supervisor.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0

_CONSOLE = re.compile(r"Chair console : (?P<base>http://[^/\s]+)/meetings/(?P<meeting>\d+)/console")
_SIGN_IN = re.compile(r"sign in as (?P<email>\S+) / (?P<password>\S+)")
_SCREEN = re.compile(r"Shared screen : \S+\?key=(?P<key>\S+)")
_JOIN = re.compile(r"Join page     : \S+\s+code (?P<code>\S+)")


@dataclass(frozen=True)
class Demo:
    """What app.py prints about the demo meeting: where it is and how to get in."""

    base_url: str
    meeting_id: int
    chair_email: str
    chair_password: str
    screen_key: str
    join_code: str


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse_demo(text: str) -> Demo | None:
    """The demo's URLs and secrets from the server's output, once all of them are printed."""
    found = [p.search(text) for p in (_CONSOLE, _SIGN_IN, _SCREEN, _JOIN)]
    if not all(found):
        return None
    console, sign_in, screen, join = found
    return Demo(
        base_url=console["base"],
        meeting_id=int(console["meeting"]),
        chair_email=sign_in["email"],
        chair_password=sign_in["password"],
        screen_key=screen["key"],
        join_code=join["code"],
    )


class LiveServer:
    """One server process (restartable on the same database and port)."""

    def __init__(self, async_mode: str, instance_dir: Path, port: int | None = None):
        self.async_mode = async_mode
        self.instance_dir = Path(instance_dir)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.instance_dir / "server.log"
        self.process: subprocess.Popen | None = None
        self.demo: Demo | None = None
        self.starts = 0

    def _env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ECP_", "SOCKETIO_", "DATABASE_URL"))}
        env.pop("SECRET_KEY", None)
        env.update(
            ECP_INSTANCE_DIR=str(self.instance_dir),
            PORT=str(self.port),
            HOST="127.0.0.1",
            ECP_ASYNC_MODE=self.async_mode,
            ECP_DEMO="1",
            PYTHONUNBUFFERED="1",
        )
        return env

    def spawn(self) -> int:
        """Start `python app.py` in the background; return where its new output begins in the log."""
        self.instance_dir.mkdir(parents=True, exist_ok=True)
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        # Output goes to a file, never a pipe: a pipe nobody drains would block the server.
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "app.py"],
                cwd=ROOT,
                env=self._env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        self.starts += 1
        return offset

    def start(self) -> Demo:
        """Start `python app.py`; wait until it prints the demo and answers HTTP."""
        assert self.process is None, "already running"
        offset = self.spawn()
        deadline = time.monotonic() + START_TIMEOUT
        demo = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.process = None
                raise RuntimeError(f"server exited during start:\n{self.log_tail(offset)}")
            demo = demo or parse_demo(self.log_text(offset))
            if demo is not None and self._answers():
                self.demo = demo
                return demo
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"server not ready after {START_TIMEOUT}s:\n{self.log_tail(offset)}")

    def _answers(self) -> bool:
        try:
            return requests.get(self.url + "/signin", timeout=1).status_code == 200
        except requests.RequestException:
            return False

    def freeze(self) -> None:
        """SIGSTOP: the process stops mid-whatever, holding what it has read but answering nothing."""
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGSTOP)

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no flushing, no goodbyes to the clients."""
        if self.process is None:
            return
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> Demo:
        """Kill -9 and start again on the same instance folder and port."""
        self.kill()
        return self.start()

    def stop(self) -> None:
        """Stop politely, then firmly; always leaves no process behind."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self.process is not None and self.process.poll() is None

    def log_text(self, offset: int = 0) -> str:
        """The server's output since a byte offset."""
        if not self.log_path.exists():
            return ""
        with open(self.log_path, "rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")

    def log_tail(self, offset: int = 0, lines: int = 60) -> str:
        """The last lines of the server's output, for failure messages."""
        return "\n".join(self.log_text(offset).splitlines()[-lines:])
