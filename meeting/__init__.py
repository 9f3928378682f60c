"""ECP Live: a live meeting tool for child protection conferences and core groups."""

from flask import Flask

from . import db
from .config import Config
from .extensions import socketio


def create_app(config: Config | None = None) -> Flask:
    """Build the app: config, database, Socket.IO, blueprints, error handlers and CLI."""
    config = config or Config()
    app = Flask(
        __name__,
        static_folder="../static",
        template_folder="../templates",
        static_url_path="/static",
        instance_path=str(config.INSTANCE_DIR),
    )
    app.config.from_object(config)
    db.init_app(app)

    from . import cli, i18n, labels, live, security, web

    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config["SOCKETIO_MESSAGE_QUEUE"],
        cors_allowed_origins=security.allowed_origins(app),
        max_http_buffer_size=app.config["MAX_SOCKET_PAYLOAD"],
        ping_interval=10,
        ping_timeout=20,
    )
    live.register(socketio)
    security.init_app(app)
    i18n.init_app(app)
    labels.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    return app
