"""Shared fixtures: an app on a private migrated SQLite file, clients, and factories."""

import itertools
import shutil
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime

import pytest

from meeting import create_app, db, migrate, ratelimit
from meeting.config import TestConfig
from meeting.extensions import socketio

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)

# One person per role that joins by code, with an agency where the join page asks for one.
PEOPLE = {
    "social_worker": ("Gareth Morgan", "Children's Services"),
    "practitioner": ("Nia Williams", "Health Visiting"),
    "minute_taker": ("Lowri Davies", "Safeguarding Unit"),
    "observer": ("Sam Observer", "Student social worker"),
    "parent": ("Sian Hughes", ""),
    "carer": ("Mair Hughes", ""),
    "child": ("Mali Hughes", ""),
    "advocate": ("Carys Lloyd", "Parent advocacy service"),
    "supporter": ("Bethan Jones", ""),
}
PASSWORD = "correct horse battery staple"


# Tests against real server processes, browsers and a kill -9 depend on the scheduler of a 2-core
# machine: one that fails is run again, at most twice. A fault in the app fails every run and stays
# red; pytest reports each rerun ("R" and a rerun count in the summary), so flakiness stays visible.
_RERUN_MARKERS = ("live", "browser", "scaleout")


@pytest.hookimpl(trylast=True)  # after tests/browser/conftest.py has marked its tests
def pytest_collection_modifyitems(config, items):
    """Give the real-process tests up to two reruns; every other test runs exactly once."""
    for item in items:
        if any(item.get_closest_marker(m) for m in _RERUN_MARKERS):
            item.add_marker(pytest.mark.flaky(reruns=2, reruns_delay=1))


@pytest.fixture(autouse=True)
def quick_passwords(monkeypatch):
    """Cheap Argon2 settings: hashing itself is tested with the real ones in tests/security."""
    from argon2 import PasswordHasher

    from meeting import accounts

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    """One SQLite file migrated to head; each test gets a copy (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def app(tmp_path, migrated_template, monkeypatch):
    """An app on its own database file, in threading mode."""
    monkeypatch.setenv("ECP_INSTANCE_DIR", str(tmp_path))
    path = tmp_path / "ecp.db"
    shutil.copy(migrated_template, path)
    ratelimit.reset()
    application = create_app(TestConfig(f"sqlite:///{path}", INSTANCE_DIR=tmp_path))
    yield application
    application.extensions["db_engine"].dispose()


@pytest.fixture
def client(app):
    """An HTTP test client."""
    return app.test_client()


@pytest.fixture
def session(app):
    """A database session inside an app context."""
    with app.app_context():
        yield db.session()


_ids = itertools.count(1)


def command_id() -> str:
    """A fresh client command id."""
    return f"cmd-{uuid.uuid4().hex[:16]}"


def cmd(name: str, /, **args) -> dict:
    """A command as a client sends it."""
    return {"id": command_id(), "name": name, "args": args}


def csrf(client) -> str:
    """The CSRF token of a test client's session (made on a GET)."""
    client.get("/signin")
    with client.session_transaction() as s:
        return s["csrf"]


def sign_in(client, email: str, password: str = PASSWORD):
    """Sign a test client in as a staff user."""
    return client.post("/signin", data={"email": email, "password": password, "csrf_token": csrf(client)})


@pytest.fixture
def make_user(app):
    """Factory: a staff account."""

    def make(role: str = "chair", name: str | None = None, email: str | None = None):
        from meeting import accounts

        n = next(_ids)
        with app.app_context():
            user = accounts.create_user(
                db.session(),
                NOW,
                email=email or f"user{n}@example.org",
                name=name or f"User {n}",
                role=role,
                password=PASSWORD,
                agency="Safeguarding Unit",
            )
            db.session().commit()
            return user.id, user.email

    return make


@pytest.fixture
def demo_meeting(app):
    """The demo conference (Hughes family) with its lobby open; returns its id."""
    from meeting.demo import build_demo, ensure_chair

    with app.app_context():
        chair = ensure_chair(db.session(), NOW, PASSWORD)
        meeting = build_demo(db.session(), chair, NOW, date(2026, 11, 30))
        db.session().commit()
        return meeting.id


@contextmanager
def app_with_demo(url: str, instance_dir):
    """An app on an already migrated database at `url`, with the demo conference (its id in
    config["DEMO_MEETING"]); its engine is closed afterwards."""
    from meeting.demo import build_demo, ensure_chair

    application = create_app(TestConfig(url, INSTANCE_DIR=instance_dir))
    with application.app_context():
        chair = ensure_chair(db.session(), NOW, PASSWORD)
        meeting = build_demo(db.session(), chair, NOW, date(2026, 11, 30))
        db.session().commit()
        application.config["DEMO_MEETING"] = meeting.id
    try:
        yield application
    finally:
        application.extensions["db_engine"].dispose()


@pytest.fixture
def chair_client(app, demo_meeting):
    """An HTTP client signed in as the demo chair."""
    from meeting.demo import CHAIR_EMAIL

    c = app.test_client()
    sign_in(c, CHAIR_EMAIL)
    return c


def socket_for(app, http_client, meeting_id: int, **auth):
    """A Socket.IO test client sharing the HTTP client's cookies."""
    return socketio.test_client(app, flask_test_client=http_client, auth={"meeting": meeting_id, **auth})
