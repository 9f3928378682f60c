"""Configuration read from the environment; tests subclass it."""

import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(os.environ.get("ECP_INSTANCE_DIR", Path(__file__).resolve().parent.parent / "instance"))


class ConfigError(RuntimeError):
    """The configuration cannot run safely; the message says how to fix it."""


def _secret_key(instance_dir: Path, production: bool) -> str:
    """SECRET_KEY from the environment; outside production, one generated once and kept."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise ConfigError(
            "SECRET_KEY is not set. In production set it in the environment, for example:\n"
            "  export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')"
        )
    path = instance_dir / "secret_key"
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    """Settings for a running service, from the environment."""

    def __init__(self) -> None:
        self.ENV = os.environ.get("ECP_ENV", "development")
        self.PRODUCTION = self.ENV == "production"
        self.INSTANCE_DIR = INSTANCE_DIR
        self.SECRET_KEY = _secret_key(self.INSTANCE_DIR, self.PRODUCTION)
        self.DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{self.INSTANCE_DIR / 'ecp.db'}"
        self.SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
        self.ASYNC_MODE = os.environ.get("ECP_ASYNC_MODE", "eventlet")
        self.REDIS_URL = os.environ.get("REDIS_URL") or self.SOCKETIO_MESSAGE_QUEUE
        # Origins allowed to open a socket, besides the page's own host. Never "*".
        self.ALLOWED_ORIGINS = [o for o in os.environ.get("ALLOWED_ORIGINS", "").split(",") if o]
        self.PUBLIC_URL = os.environ.get("PUBLIC_URL", "").rstrip("/")
        self.RETENTION_YEARS = int(os.environ.get("RETENTION_YEARS", "35"))
        self.RATE_LIMIT_JOIN = int(os.environ.get("RATE_LIMIT_JOIN", "10"))
        self.RATE_LIMIT_SIGNIN = int(os.environ.get("RATE_LIMIT_SIGNIN", "10"))
        self.RATE_LIMIT_WINDOW = int(os.environ.get("RATE_LIMIT_WINDOW", "300"))
        self.MAX_SOCKET_PAYLOAD = 32 * 1024
        self.MAX_CONTENT_LENGTH = 256 * 1024
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "") == "1" or self.PRODUCTION
        self.SESSION_COOKIE_NAME = "ecp_session"
        self.PERMANENT_SESSION_LIFETIME = 12 * 3600
        self.TESTING = False


class TestConfig(Config):
    """Settings for the fast tests: a private SQLite file, threading mode, no eventlet."""

    def __init__(self, database_url: str, **overrides) -> None:
        super().__init__()
        self.TESTING = True
        self.DATABASE_URL = database_url
        self.ASYNC_MODE = "threading"
        self.SOCKETIO_MESSAGE_QUEUE = None
        self.REDIS_URL = None
        for key, value in overrides.items():
            setattr(self, key, value)
