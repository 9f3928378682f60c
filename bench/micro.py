"""CPU per command on the server side, without sockets or other processes: a profile-friendly loop.

    .venv/bin/python bench/micro.py                    # CPU ms per command and per catch-up
    .venv/bin/python bench/micro.py --profile out.txt  # cProfile, sorted by cumulative time

One meeting of 25 devices is seeded like the load benchmark; Flask-SocketIO test clients (threading
mode) stand in for the devices, so a command runs through the real handler: parse, permission,
operation, audit, commit, three audience patches and the ack. CPU time (time.process_time) is used,
so the figure holds on a machine shared with other work.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--commands", type=int, default=1000)
    parser.add_argument("--catch-up", type=int, default=1000, help="revisions of the catch-up meeting")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--profile", default="", help="write a cProfile report here")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one command of each kind")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="ecp-micro-"))
    secret = secrets.token_hex(32)
    os.environ["SECRET_KEY"] = secret
    url = args.database_url or f"sqlite:///{workdir / 'ecp.db'}"
    from bench.loadgen import MeetingLoad
    from bench.seed import _app, seed

    plan = seed(url, workdir, secret, 1, args.catch_up)
    app = _app(url, workdir, secret)
    from meeting.extensions import socketio

    def client(device, meeting_id):
        http = app.test_client()
        if device["cookie"]:
            name, _, value = device["cookie"].partition("=")
            http.set_cookie(name, value)
        auth = {"meeting": meeting_id}
        if device.get("screen_key"):
            auth["screen_key"] = device["screen_key"]
        return socketio.test_client(app, flask_test_client=http, auth=auth)

    meeting = plan["meetings"][0]
    clients = [client(d, meeting["id"]) for d in meeting["devices"]]
    assert all(c.is_connected() for c in clients)
    load = MeetingLoad(meeting)
    for c in clients:
        c.get_received()

    def run_commands(n):
        for k in range(n):
            sender, command = load.next_command(k)
            command["id"] = f"micro-{k}-{secrets.token_hex(4)}"
            ack = clients[sender].emit("command", command, callback=True)
            assert ack.get("ok"), ack
            if k % 50 == 0:
                for c in clients:
                    c.get_received()

    run_commands(50)  # warm the caches
    if args.sql:
        from sqlalchemy import event

        statements = []
        engine = app.extensions["db_engine"]
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2].split("\n")[0][:150]))
        for k in (50, 51, 53, 52):
            sender, command = load.next_command(k)
            command["id"] = f"sql-{k}-{secrets.token_hex(4)}"
            statements.clear()
            clients[sender].emit("command", command, callback=True)
            print(f"--- {command['name']}: {len(statements)} statements")
            print("\n".join(statements))
    profiler = cProfile.Profile() if args.profile else None
    t0 = time.process_time()
    if profiler:
        profiler.enable()
    run_commands(args.commands)
    if profiler:
        profiler.disable()
    per_command = 1000 * (time.process_time() - t0) / max(args.commands, 1)

    catch = plan["catch_up"]
    device = next(d for d in catch["devices"] if d["audience"] == "practitioners" and d["role"] != "chair")
    c = client(device, catch["id"])
    c.emit("catch_up", {}, callback=True)
    t0 = time.process_time()
    for _ in range(20):
        state = c.emit("catch_up", {}, callback=True)["state"]
    per_catch_up = 1000 * (time.process_time() - t0) / 20
    size = len(json.dumps(state))
    print(
        f"server CPU per command: {per_command:.2f} ms (25 devices, 3 audience patches, SQLite)"
        if not args.database_url
        else f"server CPU per command: {per_command:.2f} ms"
    )
    print(
        f"server CPU per catch-up of {state['revision']} revisions ({size} bytes JSON): {per_catch_up:.1f} ms"
    )
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(60)
        profiler.dump_stats(args.profile + ".pstats")
        Path(args.profile).write_text(out.getvalue())
        print(f"profile written to {args.profile}")


if __name__ == "__main__":
    main()
