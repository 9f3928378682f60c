"""Join-code guessing and password guessing are stopped per address, in memory and in Redis; people
who get it right are never counted (a whole room joins from one council network)."""

import shutil
import time
import uuid

import pytest

from meeting import config, create_app, ratelimit
from meeting.demo import CHAIR_EMAIL
from meeting.operations.people import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH
from tests.conftest import PASSWORD, csrf
from tests.security.conftest import join_code

REDIS_URL = "redis://127.0.0.1:6379/15"
LIMIT = 10  # the default RATE_LIMIT_JOIN and RATE_LIMIT_SIGNIN


def _from(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _wrong_codes(real: str, n: int) -> list[str]:
    codes, i = [], 0
    while len(codes) < n:
        code = (JOIN_CODE_ALPHABET[i % 32] * JOIN_CODE_LENGTH)[:JOIN_CODE_LENGTH]
        i += 1
        if code != real:
            codes.append(code)
    return codes


def _guess_until_stopped(app, meeting_id, address: str, method: str = "POST"):
    guesser = _from(app, address)
    code = join_code(app, meeting_id)
    token = csrf(guesser)
    for wrong in _wrong_codes(code, LIMIT):
        if method == "POST":
            response = guesser.post("/join", data={"code": wrong, "csrf_token": token})
        else:
            response = guesser.get(f"/join/{wrong}")
        assert response.status_code == 404
    return guesser, code, token


def test_the_code_space_makes_guessing_hopeless_within_the_limit():
    """The arithmetic in meeting/ratelimit.py: 40 bits against 2,880 guesses a day per address."""
    codes = len(JOIN_CODE_ALPHABET) ** JOIN_CODE_LENGTH
    assert len(set(JOIN_CODE_ALPHABET)) == 32 and JOIN_CODE_LENGTH == 8
    guesses_a_day = LIMIT * 86400 / 300
    open_lobbies = 100
    days_for_an_even_chance = 0.693 / (open_lobbies / codes) / guesses_a_day
    assert days_for_an_even_chance / 365 > 5000


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_join_code_guessing_is_stopped_with_a_clear_message(app, demo_meeting, method):
    guesser, code, token = _guess_until_stopped(app, demo_meeting, "198.51.100.7", method)
    # Now even the right code is refused from this address, by any method, saying what to do.
    for response in (
        guesser.post("/join", data={"code": code, "csrf_token": token}),
        guesser.get(f"/join/{code}"),
    ):
        assert response.status_code == 429
        assert b"Too many attempts from this address. Please wait 5 minutes and try again." in response.data
        assert 0 < int(response.headers["Retry-After"]) <= 300
    # Another address is not affected.
    assert _from(app, "198.51.100.8").get(f"/join/{code}").status_code == 200


def test_a_room_joining_from_one_address_is_never_limited(app, demo_meeting):
    code = join_code(app, demo_meeting)
    for i in range(3 * LIMIT):
        device = _from(app, "203.0.113.50")
        response = device.post(
            f"/join/{code}",
            data={
                "name": f"Person {i}",
                "role": "practitioner",
                "agency": "Health",
                "csrf_token": csrf(device),
            },
        )
        assert response.status_code == 302, (i, response.status_code)


def test_the_limit_ends_with_its_window(tmp_path, migrated_template, monkeypatch, demo_meeting, app):
    app.config["RATE_LIMIT_WINDOW"] = 1
    guesser, code, _ = _guess_until_stopped(app, demo_meeting, "198.51.100.9", "GET")
    assert guesser.get(f"/join/{code}").status_code == 429
    time.sleep(1.2)
    assert guesser.get(f"/join/{code}").status_code == 200


def test_password_guessing_is_stopped_even_for_the_right_password(app, demo_meeting):
    guesser = _from(app, "198.51.100.20")
    token = csrf(guesser)
    for i in range(LIMIT):
        response = guesser.post(
            "/signin", data={"email": CHAIR_EMAIL, "password": f"guess {i}", "csrf_token": token}
        )
        assert response.status_code == 403
        assert b"do not match an account" in response.data
    response = guesser.post("/signin", data={"email": CHAIR_EMAIL, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 429
    assert b"Too many attempts from this address" in response.data
    assert "Retry-After" in response.headers
    # The chair, elsewhere, still signs in.
    chair = _from(app, "198.51.100.21")
    ok = chair.post("/signin", data={"email": CHAIR_EMAIL, "password": PASSWORD, "csrf_token": csrf(chair)})
    assert ok.status_code == 302


def test_an_unknown_email_costs_the_same_as_a_wrong_password(app, demo_meeting):
    """Both verify an Argon2 hash, so the timing does not tell which emails have accounts."""
    from argon2 import PasswordHasher

    from meeting import accounts

    with pytest.MonkeyPatch.context() as mp:
        calls = []
        real = PasswordHasher.verify
        mp.setattr(PasswordHasher, "verify", lambda self, h, p: calls.append(h) or real(self, h, p))
        c = _from(app, "198.51.100.30")
        c.post("/signin", data={"email": "nobody@example.org", "password": "x" * 12, "csrf_token": csrf(c)})
    assert calls == [accounts._DUMMY_HASH]  # noqa: SLF001


def test_successful_sign_ins_are_not_counted(app, demo_meeting):
    for _ in range(2 * LIMIT):
        c = _from(app, "203.0.113.60")
        ok = c.post("/signin", data={"email": CHAIR_EMAIL, "password": PASSWORD, "csrf_token": csrf(c)})
        assert ok.status_code == 302


def test_in_memory_counts_do_not_grow_without_bound(app, monkeypatch):
    monkeypatch.setattr(ratelimit, "_PRUNE_AT", 50)
    with app.test_request_context():
        for i in range(500):
            ratelimit.fail("join", f"192.0.2.{i}", window=0)
            time.sleep(0.0001)
        assert len(ratelimit._counts) <= 51  # noqa: SLF001


# --- Redis --------------------------------------------------------------------------------------


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(
            f"Redis is not reachable at {REDIS_URL} ({exc.__class__.__name__}): Redis path untested here"
        )
    yield client
    client.close()


def _redis_app(tmp_path, migrated_template, name: str):
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(migrated_template, folder / "ecp.db")
    return create_app(
        config.TestConfig(f"sqlite:///{folder / 'ecp.db'}", INSTANCE_DIR=folder, REDIS_URL=REDIS_URL)
    )


def test_redis_counts_failures_across_processes(redis_client, tmp_path, migrated_template, monkeypatch):
    """Two app instances (as two server processes) share the count through Redis."""
    monkeypatch.setenv("ECP_INSTANCE_DIR", str(tmp_path))
    ratelimit.reset()
    first = _redis_app(tmp_path, migrated_template, "one")
    second = _redis_app(tmp_path, migrated_template, "two")
    address = f"2001:db8::{uuid.uuid4().hex[:4]}"
    key = f"ecp:rl:join:{address}"
    try:
        a = _from(first, address)
        for i in range(LIMIT):
            code = "ZZZZZZZ" + JOIN_CODE_ALPHABET[i]
            assert a.get(f"/join/{code}").status_code == 404
        assert int(redis_client.get(key)) == LIMIT
        assert 0 < redis_client.ttl(key) <= 300
        # The other process refuses this address too, and the in-memory table was never used.
        refused = _from(second, address).get("/join/ABCDEFGH")
        assert refused.status_code == 429
        assert b"Too many attempts from this address" in refused.data
        assert ratelimit._counts == {}  # noqa: SLF001
        assert _from(second, address + "1").get("/join/ABCDEFGH").status_code == 404
    finally:
        redis_client.delete(key, key + "1")
        for application in (first, second):
            application.extensions["db_engine"].dispose()
            application.extensions["rate_limit_redis"].close()


def test_redis_limits_sign_in(redis_client, tmp_path, migrated_template, monkeypatch):
    monkeypatch.setenv("ECP_INSTANCE_DIR", str(tmp_path))
    application = _redis_app(tmp_path, migrated_template, "signin")
    address = f"2001:db8::{uuid.uuid4().hex[:4]}"
    try:
        c = _from(application, address)
        token = csrf(c)
        for _ in range(LIMIT):
            assert (
                c.post(
                    "/signin",
                    data={"email": "a@example.org", "password": "wrong password!", "csrf_token": token},
                ).status_code
                == 403
            )
        assert (
            c.post(
                "/signin", data={"email": "a@example.org", "password": "x", "csrf_token": token}
            ).status_code
            == 429
        )
        assert int(redis_client.get(f"ecp:rl:signin:{address}")) == LIMIT
    finally:
        redis_client.delete(f"ecp:rl:signin:{address}")
        application.extensions["db_engine"].dispose()
        application.extensions["rate_limit_redis"].close()
