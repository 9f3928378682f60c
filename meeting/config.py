"""Configuration read from the environment; tests subclass it."""

import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(os.environ.get("ECP_INSTANCE_DIR", Path(__file__).resolve().parent.parent / "instance"))


MIN_SECRET_KEY = 32

# How long a meeting's record is kept after its case closes, before `flask purge-expired` removes it.
# The local authority sets this in its retention schedule (RETENTION_YEARS). The shipped default is
# 35 years because child protection case records are commonly kept until the child's 25th birthday
# or for 35 years after the case closes, whichever schedule the authority follows; 35 years after
# closure is the longer, safer of the two to ship. It is a default, not advice: set it.
DEFAULT_RETENTION_YEARS = 35


class ConfigError(RuntimeError):
    """The configuration cannot run safely; the message says how to fix it."""


def _secret_key(instance_dir: Path, production: bool) -> str:
    """SECRET_KEY from the environment; outside production, one generated once and kept."""
    key = os.environ.get("SECRET_KEY")
    if production and (not key or len(key) < MIN_SECRET_KEY):
        problem = "is not set" if not key else f"is shorter than {MIN_SECRET_KEY} characters"
        raise ConfigError(
            f"SECRET_KEY {problem}, and ECP_ENV=production will not start without a strong one.\n"
            "Set it in the service's environment (the same value on every process), for example:\n"
            "  export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')"
        )
    if key:
        return key
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
        self.ALLOWED_ORIGINS = [
            o.strip().rstrip("/") for o in os.environ.get("ALLOWED_ORIGINS", "").split(",") if o.strip()
        ]
        if "*" in self.ALLOWED_ORIGINS:
            raise ConfigError(
                "ALLOWED_ORIGINS may not contain '*': list the exact origins, e.g. https://ecp.example.gov.uk"
            )
        self.PUBLIC_URL = os.environ.get("PUBLIC_URL", "").rstrip("/")
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host headers are trusted
        # (0: none). Behind a proxy this must be set, or every request seems to come from the proxy:
        # one address for the whole world in the rate limits, and no HTTPS for the Secure cookie.
        self.TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
        self.RETENTION_YEARS = int(os.environ.get("RETENTION_YEARS", str(DEFAULT_RETENTION_YEARS)))
        if self.RETENTION_YEARS < 1:
            raise ConfigError("RETENTION_YEARS must be a whole number of years, at least 1.")
        # Failed join-code and sign-in attempts allowed per address in each window (seconds); see
        # meeting/ratelimit.py for why this makes guessing a join code hopeless.
        self.RATE_LIMIT_JOIN = int(os.environ.get("RATE_LIMIT_JOIN", "10"))
        self.RATE_LIMIT_SIGNIN = int(os.environ.get("RATE_LIMIT_SIGNIN", "10"))
        self.RATE_LIMIT_WINDOW = int(os.environ.get("RATE_LIMIT_WINDOW", "300"))
        # Engine.IO drops a connection whose message passes MAX_SOCKET_PAYLOAD; the command handler
        # answers {ok: false, code: "too_large"} to anything over MAX_COMMAND_BYTES first, so a
        # client gets a clear refusal for everything between the two. The longest valid command
        # (update_area with every text field full: about 16,200 characters) fits under both.
        self.MAX_SOCKET_PAYLOAD = 32 * 1024
        self.MAX_COMMAND_BYTES = 24 * 1024
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
