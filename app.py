"""Run ECP Live. The only module that imports eventlet: it monkey-patches first, then builds the app.

ECP_ASYNC_MODE picks the server: eventlet (the default), gevent, or threading (werkzeug, for
development and the tests). Patching happens here, before anything else is imported.
"""

import os
import warnings

ASYNC_MODE = os.environ.get("ECP_ASYNC_MODE", "eventlet")

if ASYNC_MODE == "eventlet":
    # psycopg 3 waits on libpq in C unless told otherwise, which would freeze every green thread
    # of the process while a query runs; select() is green under eventlet, so wait with it.
    # (Under gevent psycopg 3 detects the patched select module by itself.) See docs/deployment.md.
    os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_select")
    # eventlet warns (EventletDeprecationWarning) that it is in maintenance mode; the design card
    # still names it, and the README says why it stays the default.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import eventlet

    eventlet.monkey_patch()
    # The operating system's own threads and sleep, for work that must not block the event loop.
    start_native_thread = eventlet.patcher.original("_thread").start_new_thread
    native_sleep = eventlet.patcher.original("time").sleep
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()
    start_native_thread = monkey.get_original("_thread", "start_new_thread")
    native_sleep = monkey.get_original("time", "sleep")
else:
    from _thread import start_new_thread as start_native_thread
    from time import sleep as native_sleep

import gc  # noqa: E402

from meeting import checkpoints, create_app  # noqa: E402
from meeting.extensions import socketio  # noqa: E402

if os.environ.get("SOCKETIO_CHANNEL"):
    # The Redis channel of this deployment's processes: deployments sharing one Redis stay apart.
    socketio.server_options["channel"] = os.environ["SOCKETIO_CHANNEL"]
app = create_app()


def tune_gc() -> None:
    """Keep full garbage collections rare: they stop the whole process, and with thousands of sockets
    open one takes hundreds of milliseconds (see bench/README.md).

    What is loaded at start-up is frozen (never scanned again), and a full collection waits for 1,000
    middle-generation ones instead of 10: on a busy server about one every quarter of an hour rather
    than every few seconds. ECP_GC_THRESHOLDS="700,10,10" restores Python's defaults.
    """
    thresholds = os.environ.get("ECP_GC_THRESHOLDS", "700,10,1000")
    gc.set_threshold(*(int(x) for x in thresholds.split(",")))
    gc.collect()
    gc.freeze()


if __name__ == "__main__":
    from meeting import migrate, presence
    from meeting.cli import demo_urls

    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    migrate.upgrade(app.config["DATABASE_URL"])
    presence.reset_after_start(app)
    if os.environ.get("ECP_DEMO", "1") == "1":
        print("\n".join(demo_urls(app, f"http://{host}:{port}")), flush=True)
    checkpoints.start(app.config["DATABASE_URL"], start_native_thread, native_sleep)
    tune_gc()
    options = {}
    if ASYNC_MODE == "eventlet":
        # eventlet.wsgi serves at most 1,024 connections at once by default; every device holds one.
        options["max_size"] = int(os.environ.get("ECP_MAX_CONNECTIONS", "10000"))
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, **options)
