"""The baseline: a bare python-socketio broadcast server with the app's rooms, events and acks,
but no Flask, no database and no validation. Same async modes as the app.

    python bench/baseline_server.py --mode eventlet --port 5100

A device connects with auth {meeting, audience}; it joins room "m<meeting>:<audience>". A `command`
bumps the meeting's revision in memory, emits a `patch` of similar size to each of the three
audience rooms and returns {ok, revision}. `catch_up` returns {ok, state: {revision}}.
"""

import argparse
import os
import sys

AUDIENCES = ("practitioners", "family", "screen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=["eventlet", "gevent", "threading"], default="eventlet")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5100)
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("The baseline listens on the loopback only.")

    if args.mode == "eventlet":
        import eventlet  # the benchmark's own server process, not the app

        eventlet.monkey_patch()
    elif args.mode == "gevent":
        from gevent import monkey

        monkey.patch_all()

    import threading

    import socketio

    sio = socketio.Server(async_mode=args.mode, ping_interval=10, ping_timeout=20)
    revisions: dict[int, int] = {}
    rooms: dict[str, tuple[int, str]] = {}
    lock = threading.Lock()

    @sio.event
    def connect(sid, environ, auth=None):
        if not isinstance(auth, dict) or not isinstance(auth.get("meeting"), int):
            raise socketio.exceptions.ConnectionRefusedError({"ok": False, "code": "invalid"})
        audience = auth.get("audience") if auth.get("audience") in AUDIENCES else "practitioners"
        rooms[sid] = (auth["meeting"], audience)
        sio.enter_room(sid, f"m{auth['meeting']}:{audience}")
        sio.enter_room(sid, f"p{sid}")

    @sio.event
    def disconnect(sid, *_args):
        rooms.pop(sid, None)

    @sio.on("command")
    def command(sid, raw):
        meeting_id, _ = rooms[sid]
        with lock:
            revision = revisions.get(meeting_id, 0) + 1
            revisions[meeting_id] = revision
        args = raw.get("args", {}) if isinstance(raw, dict) else {}
        item = {"id": revision, "args": args, "created_at": "2026-01-01T00:00:00+00:00"}
        for audience in AUDIENCES:
            body = {"revision": revision, "meeting": None, "upsert": {"items": [item]}, "remove": {}}
            sio.emit("patch", body, to=f"m{meeting_id}:{audience}")
        return {"ok": True, "revision": revision}

    @sio.on("catch_up")
    def catch_up(sid, _raw=None):
        meeting_id, _ = rooms[sid]
        return {"ok": True, "state": {"revision": revisions.get(meeting_id, 0)}, "me": None}

    # The same garbage-collector policy as app.py, so that the comparison is of the work done.
    import gc

    gc.set_threshold(*(int(x) for x in os.environ.get("ECP_GC_THRESHOLDS", "700,10,1000").split(",")))
    gc.collect()
    gc.freeze()
    app = socketio.WSGIApp(sio)
    print(f"baseline ({args.mode}) on {args.host}:{args.port}", flush=True)
    if args.mode == "eventlet":
        import eventlet.wsgi

        eventlet.wsgi.server(eventlet.listen((args.host, args.port)), app, log_output=False, max_size=10000)
    elif args.mode == "gevent":
        from gevent import pywsgi
        from geventwebsocket.handler import WebSocketHandler

        server = pywsgi.WSGIServer((args.host, args.port), app, handler_class=WebSocketHandler, log=None)
        server.serve_forever()
    else:
        import logging

        from werkzeug.serving import run_simple

        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        run_simple(args.host, args.port, app, threaded=True)


if __name__ == "__main__":
    main()
