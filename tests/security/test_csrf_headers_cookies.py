"""CSRF on every state-changing route; the security headers on every page; the session cookie's
flags; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from meeting.config import Config, ConfigError
from meeting.security import CSP
from tests.conftest import PASSWORD, csrf, sign_in
from tests.security.conftest import fingerprint

ROOT = Path(__file__).resolve().parents[2]


def _post_rules(app):
    return [r for r in app.url_map.iter_rules() if r.methods & {"POST", "PUT", "PATCH", "DELETE"}]


def _url(app, rule, meeting_id: int, code: str = "ABCDEFGH") -> str:
    values = {}
    for arg in rule.arguments:
        values[arg] = {"meeting_id": meeting_id, "code": code}.get(arg, 1)
        if (
            arg not in ("meeting_id", "code")
            and rule._converters[arg].__class__.__name__ == "UnicodeConverter"
        ):  # noqa: SLF001
            values[arg] = "x"
    return app.url_map.bind("localhost").build(rule.endpoint, values)


def test_there_are_state_changing_routes_to_check(app):
    assert len(_post_rules(app)) >= 10


@pytest.mark.parametrize("token", [None, "", "forged-token-from-another-site"])
def test_every_state_changing_route_refuses_a_request_without_the_token(
    app, chair_client, demo_meeting, token
):
    """Signed in as the chair (who may do most things), every POST without the right token is 400."""
    before = fingerprint(app)
    chair_client.get("/")  # the session has a real token; the request does not carry it
    for rule in _post_rules(app):
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            data = {} if token is None else {"csrf_token": token}
            response = chair_client.open(_url(app, rule, demo_meeting), method=method, data=data)
            assert response.status_code == 400, (rule.endpoint, response.status_code)
            assert b"did not come from this site" in response.data
    assert fingerprint(app) == before


def test_a_token_from_another_session_is_refused(app, demo_meeting, make_user):
    _, email = make_user("chair")
    victim = app.test_client()
    sign_in(victim, email)
    attacker = app.test_client()
    stolen = csrf(attacker)  # a valid token, but of the attacker's own session
    response = victim.post("/meetings/new", data={"csrf_token": stolen, "title": "x"})
    assert response.status_code == 400


def test_the_token_in_a_header_works_for_scripts(chair_client):
    token = csrf(chair_client)
    response = chair_client.post(
        "/language", data={"lang": "cy", "next": "/"}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 302


def _get_urls(app, demo_meeting):
    """Every GET route of the app, with the demo meeting's id, key and code filled in."""
    from meeting import db
    from meeting.models import Meeting

    with app.app_context():
        meeting = db.session().get(Meeting, demo_meeting)
        key, code = meeting.screen_key, meeting.join_code
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        if rule.endpoint == "static":
            urls.append("/static/css/app.css")
            continue
        url = _url(app, rule, demo_meeting, code)
        if rule.endpoint in ("meetings.screen", "meetings.join_qr"):
            url += f"?key={key}"
        urls.append(url)
    return urls


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_carries_the_security_headers(app, client, chair_client, demo_meeting, signed_in):
    browser = chair_client if signed_in else client
    # A page that fails must still carry them: answer with the error page, as in production.
    app.config["PROPAGATE_EXCEPTIONS"] = False
    urls = _get_urls(app, demo_meeting)
    assert len(urls) >= 15
    for url in urls + ["/no/such/page"]:
        response = browser.get(url)
        h = response.headers
        assert h["Content-Security-Policy"] == CSP, url
        assert h["X-Content-Type-Options"] == "nosniff", url
        assert h["Referrer-Policy"] == "no-referrer", url
        assert h["X-Frame-Options"] == "DENY", url
        response.close()


def test_the_csp_allows_nothing_inline_and_no_other_site():
    directives = dict(d.split(" ", 1) for d in CSP.split("; "))
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    for name, sources in directives.items():
        for source in sources.split():
            assert source in ("'self'", "'none'", "data:"), (name, source)
    assert directives["img-src"] == "'self' data:"
    assert directives["script-src"] == "'self'"


def _session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("ecp_session=")]
    assert cookies, response.headers
    return cookies[-1]


def test_the_session_cookie_is_httponly_and_samesite_lax(client, demo_meeting):
    from meeting.demo import CHAIR_EMAIL

    token = csrf(client)
    response = client.post("/signin", data={"email": CHAIR_EMAIL, "password": PASSWORD, "csrf_token": token})
    cookie = _session_cookie(response)
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http on 127.0.0.1 in development


def test_the_session_cookie_is_secure_when_served_over_https(app, demo_meeting):
    from meeting.demo import CHAIR_EMAIL

    client = app.test_client()
    client.get("/signin", base_url="https://localhost")
    with client.session_transaction(base_url="https://localhost") as s:
        token = s["csrf"]
    response = client.post(
        "/signin",
        base_url="https://localhost",
        data={"email": CHAIR_EMAIL, "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    cookie = _session_cookie(response)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_behind_a_trusted_proxy_https_is_seen_and_the_cookie_is_secure(
    tmp_path, migrated_template, monkeypatch
):
    import shutil

    from meeting import create_app
    from meeting.config import TestConfig

    monkeypatch.setenv("ECP_INSTANCE_DIR", str(tmp_path))
    shutil.copy(migrated_template, tmp_path / "ecp.db")
    app = create_app(TestConfig(f"sqlite:///{tmp_path / 'ecp.db'}", INSTANCE_DIR=tmp_path, TRUSTED_PROXIES=1))
    response = app.test_client().get(
        "/signin", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    )
    assert "Secure" in _session_cookie(response)
    app.extensions["db_engine"].dispose()


def test_production_without_a_secret_key_refuses_to_start_and_says_how(monkeypatch, tmp_path):
    monkeypatch.setenv("ECP_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError) as refused:
        Config()
    assert "export SECRET_KEY=" in str(refused.value)
    assert "ECP_ENV=production" in str(refused.value)


def test_production_refuses_a_short_secret_key(monkeypatch):
    monkeypatch.setenv("ECP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ConfigError, match="shorter than 32"):
        Config()


def test_production_with_a_strong_secret_key_starts_with_secure_cookies(monkeypatch):
    monkeypatch.setenv("ECP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    config = Config()
    assert config.SESSION_COOKIE_SECURE is True
    assert config.SECRET_KEY == "k" * 64


def test_the_cli_in_production_without_a_key_exits_with_the_instructions(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(
        ECP_ENV="production", ECP_INSTANCE_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/x.db"
    )
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "meeting:create_app()", "upgrade-db"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "export SECRET_KEY=" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_a_wildcard_socket_origin_is_refused_by_the_configuration(monkeypatch):
    monkeypatch.setenv("ALLOWED_ORIGINS", "https://ecp.example.org,*")
    with pytest.raises(ConfigError, match=r"may not contain '\*'"):
        Config()
