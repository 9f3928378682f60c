"""Every page, in Welsh and in English: axe-core finds nothing serious or critical; nothing is cut off
or scrolls sideways at its size (phones 360×640, laptops 1366×768, the shared screen 1920×1080) nor at
200% zoom; every control is reached by keyboard with a visible focus; motion stops when asked to."""

import os
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.live.server import ROOT

from .helpers import LAPTOP, PHONE, PROJECTOR, below_the_fold, keyboard_walk, layout_problems, open_device
from .test_conference import join, sign_in

ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "a long admin password for the tests"
ZOOMED = {  # the same window at 200% zoom: half as many CSS pixels
    "laptop": {"width": 683, "height": 384},
    "projector": {"width": 960, "height": 540},
}


class Pages:
    """Checks a page as it is now, and gathers what is wrong, by page."""

    def __init__(self, axe):
        self.axe = axe
        self.problems: list[str] = []

    def check(self, page, label, *, kind, keyboard=False, fits=False):
        serious = self.axe.check(page, label)
        self.problems += [f"{label}: axe {rule} ({impact}) {where}" for _, rule, impact, _, where in serious]
        self.problems += [f"{label}: {p}" for p in layout_problems(page)]
        if fits and below_the_fold(page):
            self.problems.append(f"{label}: {below_the_fold(page)}px below the fold of the shared screen")
        if keyboard:
            walk = keyboard_walk(page)
            self.problems += [f"{label}: not reached by keyboard: {k}" for k in walk["missed"]]
            self.problems += [f"{label}: no visible focus on {k}" for k in walk["no_visible_focus"]]
        self.zoomed(page, label, kind)

    def zoomed(self, page, label, kind):
        """At 200%: a laptop or projector window has half the CSS pixels; a phone doubles its text size."""
        if kind == "phone":
            page.evaluate("document.documentElement.style.setProperty('font-size', '200%')")
            found = layout_problems(page)
            page.evaluate("document.documentElement.style.removeProperty('font-size')")
        else:
            size = page.viewport_size
            page.set_viewport_size(ZOOMED[kind])
            found = layout_problems(page)
            page.set_viewport_size(size)
        self.problems += [f"{label} at 200%: {p}" for p in found]


def create_admin(server):
    """An administrator account, made as an operator makes it: `flask create-admin` on the server."""
    env = {**server._env(), "FLASK_APP": "app.py"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "flask",
            "create-admin",
            "--email",
            ADMIN_EMAIL,
            "--name",
            "Alun Admin",
            "--password-stdin",
        ],
        cwd=ROOT,
        env=env,
        input=ADMIN_PASSWORD + "\n",
        text=True,
        check=True,
        capture_output=True,
    )


def choose_language(page, lang):
    """The language switch on the page, as a person uses it."""
    page.get_by_role("button", name="Cymraeg" if lang == "cy" else "English").first.click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


@pytest.fixture(scope="module")
def pages(axe):
    return Pages(axe)


def test_every_page_in_both_languages(browser, server, pages):
    create_admin(server)
    base = server.url
    code = server.demo.join_code
    chair = open_device(browser, "chair", LAPTOP)
    sign_in(chair, server)
    screen_url = chair.page.locator(".console-bar a[target=_blank]").get_attribute("href")
    screen = open_device(browser, "screen", PROJECTOR)
    phones = {}

    for lang in ("en", "cy"):
        welsh = lang == "cy"
        c = chair.page
        c.goto(f"{base}/")
        choose_language(c, lang)
        pages.check(c, f"meetings ({lang})", kind="laptop")
        c.goto(f"{base}/meetings/new")
        pages.check(c, f"new meeting ({lang})", kind="laptop", keyboard=True)
        c.goto(f"{base}/meetings/1/chairs")
        pages.check(c, f"chairs ({lang})", kind="laptop")
        c.goto(f"{base}/password")
        pages.check(c, f"password ({lang})", kind="laptop")
        c.goto(f"{base}/meetings/1/audit")
        pages.check(c, f"audit log ({lang})", kind="laptop")

        # Phones: the join pages, the lobby, then the live meeting for a practitioner and a parent.
        pro = open_device(browser, f"practitioner-{lang}", PHONE)
        parent = open_device(browser, f"parent-{lang}", PHONE)
        turned_away = open_device(browser, f"declined-{lang}", PHONE)
        phones[lang] = parent
        p = pro.page
        p.goto(f"{base}/join")
        if welsh:
            choose_language(p, "cy")
        pages.check(p, f"join: code ({lang})", kind="phone", keyboard=True)
        p.goto(f"{base}/join/{code}")
        pages.check(p, f"join: who you are ({lang})", kind="phone", keyboard=True)
        p.goto(f"{base}/join/WRONG999")
        pages.check(p, f"join: wrong code ({lang})", kind="phone")
        suffix = "Cymraeg" if welsh else "English"
        join(pro, server, code, name=f"Nia {suffix}", role="practitioner", agency="Health", welsh=welsh)
        pages.check(p, f"device: lobby ({lang})", kind="phone")
        join(parent, server, code, name=f"Sian {suffix}", role="parent", welsh=welsh)
        join(turned_away, server, code, name=f"Someone {suffix}", role="supporter", welsh=welsh)
        c.goto(f"{base}/meetings/1/console")
        c.get_by_role("button", name=re.compile(f"Nia {suffix}")).first.click()
        c.get_by_role("button", name=re.compile(f"Sian {suffix}")).first.click()
        c.get_by_role("button", name=re.compile(f"Someone {suffix}")).nth(1).click()  # decline
        c.locator("#confirm-ok").click()
        for device in (pro, parent):
            expect(device.page.locator("#live-screen")).to_be_visible()
        expect(turned_away.page.locator("#gone-screen")).to_be_visible()
        pages.check(turned_away.page, f"device: turned away ({lang})", kind="phone")
        pages.check(p, f"device: practitioner ({lang})", kind="phone", keyboard=True)
        p.get_by_role("button", name=re.compile("Add a worry|Ychwanegu pryder")).click()
        pages.check(p, f"device: practitioner writing ({lang})", kind="phone")
        pages.check(parent.page, f"device: parent ({lang})", kind="phone", keyboard=True)
        parent.page.locator("#registration-toggle").click()
        pages.check(parent.page, f"device: parent, registration ({lang})", kind="phone")
        pages.check(c, f"console ({lang})", kind="laptop", keyboard=True)

        # The shared screen in this language, and in both.
        screen.page.goto(f"{base}{screen_url}")
        choose_language(screen.page, lang)
        expect(screen.page.locator(".screen-title")).to_be_visible()
        pages.check(screen.page, f"shared screen ({lang})", kind="projector", keyboard=True, fits=True)
        pro.context.close()
        turned_away.context.close()

    screen.page.get_by_role("link", name="Cymraeg + English").click()
    expect(screen.page.locator(".screen-title")).to_be_visible()
    pages.check(screen.page, "shared screen (cy + en)", kind="projector", fits=True)

    # A closed session, as the family sees it.
    c = chair.page
    c.get_by_role("button", name=re.compile("Start a closed session|Dechrau sesiwn breifat")).click()
    for lang, parent in phones.items():
        expect(parent.page.locator("#private-screen")).to_be_visible()
        pages.check(parent.page, f"device: private discussion ({lang})", kind="phone")
    expect(screen.page.locator(".screen-private")).to_be_visible()
    pages.check(screen.page, "shared screen, private discussion (cy + en)", kind="projector", fits=True)
    c.locator("#closed-banner button").click()

    # Closed: the summary pages (not ready for the family until the chair approves it).
    c.get_by_role("button", name=re.compile("Close the meeting…|Cau'r cyfarfod…")).click()
    c.locator("#confirm-ok").click()
    for lang, parent in phones.items():
        expect(parent.page.locator("#finished")).to_be_visible()
        parent.page.locator("#finished a").click()
        pages.check(parent.page, f"summary: not ready ({lang})", kind="phone")
    c.locator("#close a").click()
    c.locator("main form button[type=submit]").first.click()  # approve version 1
    for lang in ("cy", "en"):
        c.goto(f"{base}/meetings/1/summary")
        choose_language(c, lang)
        pages.check(c, f"summary: versions ({lang})", kind="laptop")
        c.locator("#version-1 a").first.click()
        pages.check(c, f"summary: full copy ({lang})", kind="laptop", keyboard=True)
        c.goto(f"{base}/meetings/1/progress")
        pages.check(c, f"summary: progress ({lang})", kind="laptop")
        c.goto(f"{base}/meetings/1/summary/correct")
        pages.check(c, f"summary: correct ({lang})", kind="laptop")
        phones[lang].page.reload()
        pages.check(phones[lang].page, f"summary: family copy ({lang})", kind="phone", keyboard=True)
    screen.page.goto(f"{base}/meetings/1/screen/progress?key={screen_url.split('key=')[1]}")
    pages.check(screen.page, "shared screen: progress", kind="projector")

    # Signed-out and administration pages.
    anon = open_device(browser, "visitor", LAPTOP)
    admin = open_device(browser, "admin", LAPTOP)
    for lang in ("en", "cy"):
        anon.page.goto(f"{base}/signin")
        choose_language(anon.page, lang)
        pages.check(anon.page, f"sign in ({lang})", kind="laptop", keyboard=True)
        anon.page.goto(f"{base}/no-such-page")
        pages.check(anon.page, f"error 404 ({lang})", kind="laptop")
        anon.page.goto(f"{base}/meetings/1/screen?key=wrong")
        pages.check(anon.page, f"error: bad screen link ({lang})", kind="laptop")
    admin.page.goto(f"{base}/signin")
    admin.page.locator("#email").fill(ADMIN_EMAIL)
    admin.page.locator("#password").fill(ADMIN_PASSWORD)
    admin.page.locator("main button[type=submit]").click()
    for lang in ("en", "cy"):
        admin.page.goto(f"{base}/admin/accounts")
        choose_language(admin.page, lang)
        pages.check(admin.page, f"admin: accounts ({lang})", kind="laptop", keyboard=True)
        admin.page.goto(f"{base}/admin/meetings")
        pages.check(admin.page, f"admin: meetings ({lang})", kind="laptop")

    devices = [chair, screen, anon, admin, *phones.values()]
    problems = pages.problems + [p for d in devices for p in d.problems]
    assert not problems, "\n".join(problems)


def test_motion_stops_when_the_device_asks(browser, server):
    """With prefers-reduced-motion, nothing slides or fades; without it, new contributions slide in."""
    probe = """() => {
      const el = document.createElement('li');
      el.className = 'contribution is-new';
      document.body.append(el);
      const name = getComputedStyle(el).animationName;
      el.remove();
      const thumb = document.createElement('span');
      thumb.className = 'switch-thumb';
      document.body.append(thumb);
      const transition = getComputedStyle(thumb).transitionDuration;
      thumb.remove();
      return [name, transition];
    }"""
    for motion, expected in (("no-preference", ["slide-in", "0.15s"]), ("reduce", ["none", "0s"])):
        device = open_device(browser, f"motion-{motion}", PHONE, reduced_motion=motion)
        device.page.goto(f"{server.url}/join")
        assert device.page.evaluate(probe) == expected
        device.context.close()
    assert os.path.exists(ROOT / "static" / "css" / "app.css")
