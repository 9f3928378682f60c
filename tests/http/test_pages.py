"""The live pages render for the right person, carry what their ES modules need, and no template
runs an inline script (the CSP allows none)."""

import html as html_lib
import json
import re
from pathlib import Path

import pytest

from meeting import db
from meeting.models import Meeting
from tests.conftest import csrf

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def _meeting(app, meeting_id):
    with app.app_context():
        m = db.session().get(Meeting, meeting_id)
        return m.join_code, m.screen_key


def _join(app, meeting_id, role="parent", agency=""):
    """A fresh device that joins the demo meeting's lobby; returns the client."""
    code, _ = _meeting(app, meeting_id)
    client = app.test_client()
    form = {
        "name": "Sian Hughes",
        "role": role,
        "agency": agency,
        "language": "en",
        "csrf_token": csrf(client),
    }
    response = client.post(f"/join/{code}", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def _strings(html):
    match = re.search(r'<div hidden id="strings" data-json="([^"]*)"', html)
    assert match, "the page has no translated strings for its scripts"
    return json.loads(html_lib.unescape(match.group(1)))


def test_chair_console_renders_with_its_regions(chair_client, demo_meeting):
    html = chair_client.get(f"/meetings/{demo_meeting}/console").get_data(as_text=True)
    assert f'data-meeting="{demo_meeting}"' in html
    assert re.search(r'data-me="\d+"', html)
    assert "data-join-url=" in html and "data-screen-url=" in html
    for region in (
        "conn",
        "agenda",
        "area",
        "round",
        "behaviours",
        "contributions",
        "lobby",
        "people",
        "expected",
        "closed-session",
        "registration",
        "close",
        "confirm-dialog",
    ):
        assert f'id="{region}"' in html, region
    assert "<dialog" in html
    assert 'src="/static/js/chair.js"' in html and 'type="module"' in html
    assert _strings(html)["conn"]["reconnecting"]


def test_console_is_refused_to_someone_signed_out(client, demo_meeting):
    response = client.get(f"/meetings/{demo_meeting}/console")
    assert response.status_code == 302
    assert "/signin" in response.headers["Location"]


def test_device_page_renders_the_lobby_then_the_live_regions(app, demo_meeting):
    device = _join(app, demo_meeting)
    response = device.get(f"/meetings/{demo_meeting}/live")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-admission="waiting"' in html and 'data-audience="family"' in html
    for region in (
        "lobby-screen",
        "private-screen",
        "live-screen",
        "now",
        "words",
        "behaviours",
        "scale",
        "sent",
        "conn",
    ):
        assert f'id="{region}"' in html, region
    assert 'src="/static/js/device.js"' in html
    assert _strings(html)["family"]["agree"]


def test_practitioner_device_has_the_practitioner_tools(app, demo_meeting):
    device = _join(app, demo_meeting, role="practitioner", agency="Health Visiting")
    html = device.get(f"/meetings/{demo_meeting}/live").get_data(as_text=True)
    assert 'data-audience="practitioners"' in html
    for region in ("switch", "actions", "composer", "feed"):
        assert f'id="{region}"' in html, region
    assert 'id="words"' not in html


def test_device_page_is_refused_to_a_stranger(client, demo_meeting):
    assert client.get(f"/meetings/{demo_meeting}/live").status_code == 403


def test_shared_screen_renders_with_its_key_and_qr_route(app, client, demo_meeting):
    _, key = _meeting(app, demo_meeting)
    html = client.get(f"/meetings/{demo_meeting}/screen?key={key}").get_data(as_text=True)
    assert f'data-screen-key="{key}"' in html
    assert f"/meetings/{demo_meeting}/join-qr.svg?key={key}" in html
    assert 'id="screen-main"' in html and 'id="join-panel"' in html and "screen-single-language" in html
    assert 'src="/static/js/screen.js"' in html
    assert client.get(f"/meetings/{demo_meeting}/join-qr.svg?key={key}").status_code == 200


def test_shared_screen_needs_its_key(client, demo_meeting):
    assert client.get(f"/meetings/{demo_meeting}/screen?key=wrong").status_code == 403


def test_socket_client_and_modules_are_served_from_this_site(client):
    for path in (
        "vendor/socket.io.esm.min.js",
        "js/socket.js",
        "js/state.js",
        "js/chair.js",
        "js/device.js",
        "js/screen.js",
        "css/app.css",
    ):
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path
        response.close()


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))
)
def test_no_template_runs_an_inline_script(path):
    for attrs, body in SCRIPT.findall((TEMPLATES / path).read_text()):
        assert not body.strip(), f"{path} has an inline script"
        assert "src=" in attrs, f"{path} has a script without a source"
    assert not re.search(r"\son[a-z]+=", (TEMPLATES / path).read_text()), (
        f"{path} has an inline event handler"
    )
