"""Run ECP Live. The only module that imports eventlet: it monkey-patches first, then builds the app."""

import os
import warnings

if os.environ.get("ECP_ASYNC_MODE", "eventlet") == "eventlet":
    # eventlet warns that it is in maintenance mode; the design card still names it (see README).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import eventlet

    eventlet.monkey_patch()

from meeting import create_app  # noqa: E402
from meeting.extensions import socketio  # noqa: E402

app = create_app()

if __name__ == "__main__":
    from meeting import migrate
    from meeting.cli import demo_urls

    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    migrate.upgrade(app.config["DATABASE_URL"])
    if os.environ.get("ECP_DEMO", "1") == "1":
        print("\n".join(demo_urls(app, f"http://{host}:{port}")), flush=True)
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True)
