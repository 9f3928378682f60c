"""The SQLite engine: writers take the lock up front, and the log is checkpointed off the event loop."""

import _thread
import sqlite3
import threading
import time

from sqlalchemy import text

from meeting import checkpoints
from meeting.db import make_engine

ROW = "x" * 2000


def _file_with_log(tmp_path, rows: int):
    """A WAL database with `rows` rows written and, the commit-time checkpoint being off, still only
    in the log."""
    path = tmp_path / "ecp.db"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("CREATE TABLE t (v TEXT)")
    for _ in range(rows):
        connection.execute("INSERT INTO t VALUES (?)", (ROW,))
    return path, connection


def test_a_transaction_takes_the_write_lock_at_its_start(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'ecp.db'}")
    with engine.connect() as first:
        first.execute(text("SELECT 1"))
        other = sqlite3.connect(tmp_path / "ecp.db", timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            locked = False
        except sqlite3.OperationalError:
            locked = True
        other.close()
        first.rollback()
    assert locked


def test_the_checkpointer_copies_the_log_into_the_database(tmp_path):
    path, connection = _file_with_log(tmp_path, 500)
    before = path.stat().st_size
    checkpoints.start(f"sqlite:///{path}", _thread.start_new_thread, time.sleep, interval=0.05)
    deadline = time.monotonic() + 10
    while path.stat().st_size <= before + 500 * len(ROW) // 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    grown = path.stat().st_size - before
    # Measured before closing: the last connection to close checkpoints by itself.
    connection.close()
    assert grown > 500 * len(ROW) // 2


def test_the_checkpointer_runs_on_the_thread_it_is_given(tmp_path):
    started = threading.Event()

    def start_thread(function, args):
        started.set()

    checkpoints.start(f"sqlite:///{tmp_path / 'ecp.db'}", start_thread, time.sleep)
    assert started.is_set()


def test_no_checkpointer_for_postgresql():
    assert not checkpoints.start("postgresql+psycopg://localhost/ecp", _thread.start_new_thread, time.sleep)


def test_no_checkpointer_for_an_in_memory_database():
    assert not checkpoints.start("sqlite://", _thread.start_new_thread, time.sleep)
