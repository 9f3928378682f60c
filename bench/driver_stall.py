"""Does a PostgreSQL driver stall the other green threads of the process while a query runs?

    .venv/bin/python bench/driver_stall.py --mode eventlet --driver psycopg-c
    .venv/bin/python bench/run.py ... (not needed; this is separate)

Under a green-thread server (eventlet, gevent) every socket of the process is served by one OS
thread. A driver that waits for the database inside C, without going through the patched
select/socket, blocks that thread: nothing else runs until the query returns. This script runs a
"heartbeat" green thread that wakes every 5 ms (standing in for the sockets) while another runs
`SELECT pg_sleep(0.2)` five times, and prints the longest gap between heartbeats.

Drivers: psycopg-c (psycopg 3 with its C wait function, the default unless told otherwise),
psycopg-select (psycopg 3 with PSYCOPG_WAIT_FUNC=wait_select, what app.py sets under eventlet),
psycopg-auto (psycopg 3 left to choose: under gevent it detects the patch and uses select),
psycopg2 and psycopg2-psycogreen (if psycopg2 is installed), pg8000 (pure Python, if installed).
"""

import argparse
import json
import os
import sys
import time

DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mode", choices=["eventlet", "gevent"], default="eventlet")
    parser.add_argument(
        "--driver",
        default="psycopg-c",
        choices=["psycopg-c", "psycopg-select", "psycopg-auto", "psycopg2", "psycopg2-psycogreen", "pg8000"],
    )
    parser.add_argument("--dsn", default=os.environ.get("PG_DSN", DSN))
    args = parser.parse_args()

    if args.driver == "psycopg-c":
        os.environ["PSYCOPG_WAIT_FUNC"] = "wait_c"
    elif args.driver == "psycopg-select":
        os.environ["PSYCOPG_WAIT_FUNC"] = "wait_select"
    if args.mode == "eventlet":
        import eventlet  # a measuring script of its own, not the app

        eventlet.monkey_patch()
        spawn, sleep = eventlet.spawn, eventlet.sleep
    else:
        from gevent import monkey

        monkey.patch_all()
        import gevent

        spawn, sleep = gevent.spawn, gevent.sleep

    if args.driver.startswith("psycopg-"):
        import psycopg

        def connect():
            return psycopg.connect(args.dsn, autocommit=True)
    elif args.driver.startswith("psycopg2"):
        import psycopg2

        if args.driver == "psycopg2-psycogreen":
            if args.mode == "eventlet":
                from psycogreen.eventlet import patch_psycopg
            else:
                from psycogreen.gevent import patch_psycopg
            patch_psycopg()

        def connect():
            conn = psycopg2.connect(args.dsn)
            conn.autocommit = True
            return conn
    else:
        import pg8000.dbapi

        def connect():
            conn = pg8000.dbapi.connect(user="postgres", host="127.0.0.1", database="postgres")
            conn.autocommit = True
            return conn

    gaps: list[float] = []
    running = [True]

    def heartbeat():
        last = time.perf_counter()
        while running[0]:
            sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    def queries():
        conn = connect()
        cur = conn.cursor()
        t0 = time.perf_counter()
        for _ in range(5):
            cur.execute("SELECT pg_sleep(0.2)")
            cur.fetchall()
        conn.close()
        running[0] = False
        return time.perf_counter() - t0

    beat = spawn(heartbeat)
    work = spawn(queries)
    elapsed = work.wait() if hasattr(work, "wait") else work.get()
    beat.wait() if hasattr(beat, "wait") else beat.join()
    result = {
        "mode": args.mode,
        "driver": args.driver,
        "queries_s": round(elapsed, 3),
        "heartbeats": len(gaps),
        "expected_heartbeats": int(elapsed / 0.005),
        "longest_gap_ms": round(1000 * max(gaps), 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
