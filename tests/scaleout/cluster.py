"""Two (or more) server processes on one PostgreSQL database and one Redis, as docs/deployment.md
describes: each started as `python app.py` with PORT, HOST, DATABASE_URL, SOCKETIO_MESSAGE_QUEUE and
its own ECP_INSTANCE_DIR, all sharing SECRET_KEY so that a cookie made by one is good on the others.

Skips with the reason when PostgreSQL or Redis is not reachable on 127.0.0.1.
"""

import dataclasses
import os
import time
import uuid
from pathlib import Path

import pytest

from tests.live.server import START_TIMEOUT, LiveServer

PG_ADMIN = os.environ.get("ECP_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("ECP_TEST_REDIS", "redis://127.0.0.1:6379")


def postgres_or_skip() -> None:
    """Skip unless PostgreSQL answers on 127.0.0.1 (trust auth, user postgres)."""
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means: not here
        pytest.skip(f"PostgreSQL is not reachable at {PG_ADMIN} ({type(error).__name__}: {error})")


def redis_or_skip() -> None:
    """Skip unless Redis answers on 127.0.0.1."""
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"Redis is not reachable at {REDIS} ({type(error).__name__}: {error})")


class Database:
    """A fresh PostgreSQL database for one test run, dropped afterwards."""

    def __init__(self):
        import psycopg

        self.name = f"ecp_scaleout_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        self.url = f"{base}/{self.name}"
        self.dsn = PG_ADMIN.rsplit("/", 1)[0] + f"/{self.name}"

    def query(self, sql: str, *params):
        import psycopg

        with psycopg.connect(self.dsn) as conn:
            return conn.execute(sql, params).fetchall()

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class ClusterServer(LiveServer):
    """One process of the cluster. The first loads the demo; the others serve the same database."""

    def __init__(self, async_mode: str, instance_dir: Path, shared_env: dict, first: bool):
        super().__init__(async_mode, instance_dir)
        self.shared_env = shared_env
        self.first = first

    def _env(self) -> dict:
        env = super()._env()
        env.update(self.shared_env)
        env["ECP_DEMO"] = "1" if self.first else "0"
        return env

    def start_sibling(self, demo) -> None:
        """Start a process that prints no demo: ready once it answers HTTP."""
        offset = self.spawn()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.process = None
                raise RuntimeError(f"server exited during start:\n{self.log_tail(offset)}")
            if self._answers():
                # The demo is the first process's: the same meeting, reached through this process.
                self.demo = dataclasses.replace(demo, base_url=self.url)
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"server not ready after {START_TIMEOUT}s:\n{self.log_tail(offset)}")


class Cluster:
    """N processes on a fresh database, one Redis channel of their own, a shared secret key."""

    def __init__(self, tmp: Path, processes: int = 2, async_mode: str = "eventlet"):
        postgres_or_skip()
        redis_or_skip()
        self.db = Database()
        tag = uuid.uuid4().hex[:8]
        # Rate-limit counters live in a Redis database number of their own for this run; the
        # pub/sub channel (which Redis does not separate by database number) is named for it.
        self.redis_db = 1 + int(tag, 16) % 15
        self.shared_env = {
            "DATABASE_URL": self.db.url,
            "SOCKETIO_MESSAGE_QUEUE": f"{REDIS}/0",
            "SOCKETIO_CHANNEL": f"ecp-scaleout-{tag}",
            "REDIS_URL": f"{REDIS}/{self.redis_db}",
            "SECRET_KEY": uuid.uuid4().hex * 2,
        }
        self.servers = [
            ClusterServer(async_mode, tmp / f"process-{i}", self.shared_env, first=(i == 0))
            for i in range(processes)
        ]

    def start(self):
        first = self.servers[0]
        demo = first.start()  # migrates the fresh database, then loads the demo
        for server in self.servers[1:]:
            server.start_sibling(demo)
        return demo

    def redis(self):
        import redis

        return redis.Redis.from_url(self.shared_env["REDIS_URL"])

    def stop(self) -> None:
        for server in self.servers:
            server.stop()
        try:
            self.redis().flushdb()
        except Exception:  # noqa: BLE001, S110 - best effort
            pass
        self.db.drop()
