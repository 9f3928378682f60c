"""SQLite's write-ahead log is copied back into the database by a thread of its own.

Left to itself, SQLite does this checkpoint inside the commit that takes the log past 1,000 pages.
Under eventlet or gevent that commit then holds up every socket of the process for the checkpoint's
writes and fsync: up to 20 ms, about every 2 s at 100 commands a second (bench/README.md). A native
thread checkpoints twice a second instead, so the log never grows that far and commits stay short;
the commit-time checkpoint is still there should the thread ever fall behind.
"""

import sqlite3
from collections.abc import Callable

from sqlalchemy.engine import make_url

INTERVAL = 0.5


def database_path(url: str) -> str | None:
    """The file of an SQLite URL; None for other databases and for in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return parsed.database


def start(
    url: str,
    start_thread: Callable,
    sleep: Callable[[float], None],
    interval: float = INTERVAL,
) -> bool:
    """Checkpoint the database at `url` every `interval` seconds from a native thread.

    `start_thread` and `sleep` must be the operating system's own (app.py passes the originals that
    eventlet and gevent keep): a green thread would block the event loop during the fsync, which is
    what this avoids. Returns whether a checkpointer was started (only for an SQLite file)."""
    path = database_path(url)
    if path is None:
        return False

    def run() -> None:
        connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        while True:
            sleep(interval)
            try:
                # PASSIVE: copies what no reader still needs, never waits for readers or writers.
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            except sqlite3.Error:
                continue  # the next round tries again

    start_thread(run, ())
    return True
