"""A short conference played in real Chromium, through the pages only.

Five browsers: the chair's laptop, the shared screen (Welsh and English side by side), two
practitioners' phones (one in English, one in Welsh) and a parent's phone in Welsh. They join
through the lobby, contribute, sit through a closed session, scale blind and reveal, agree a
behaviour, close and approve the summary, and the parent opens the family copy. axe-core runs on
every page they see; the README's screenshots are taken on the way.
"""

import json
import re

from playwright.sync_api import expect

from .helpers import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    below_the_fold,
    keyboard_walk,
    layout_problems,
    open_device,
    screenshot,
)

# Words that must never reach the family: said in the closed session, or marked practitioners only.
CLOSED_SECRET = "Police intelligence about a visitor to the home"
CLOSED_REASON = "Police information not yet shareable"
PRO_ONLY = "Practitioners-only note from the health visitor"


def sign_in(chair, server):
    """The chair signs in and opens the meeting from their list."""
    page = chair.page
    demo = server.demo
    page.goto(f"{server.url}/signin")
    page.get_by_label("Email").fill(demo.chair_email)
    page.get_by_label("Password").fill(demo.chair_password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name=re.compile("Hughes family")).click()
    expect(page.locator("#agenda .agenda-item")).to_have_count(3)


def join(device, server, code, *, name, role, agency="", welsh=False):
    """Someone joins on their phone: the code from the screen, who they are, their language."""
    page = device.page
    page.goto(f"{server.url}/join")
    if welsh:
        page.get_by_role("button", name="Cymraeg").click()
        expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.locator("#code").fill(code)
    page.locator("main button[type=submit]").click()
    page.locator("#name").fill(name)
    page.locator("#role").select_option(role)
    if agency:
        page.locator("#agency").fill(agency)
    page.locator("#lang-cy" if welsh else "#lang-en").check()
    page.locator("main button[type=submit]").click()
    expect(page.locator("#lobby-screen")).to_be_visible()


def received(frames) -> str:
    """Everything a page received over its socket, as one string (JSON escapes undone)."""
    text = []
    for frame in frames:
        try:
            text.append(json.dumps(json.loads(frame.lstrip("0123456789")), ensure_ascii=False))
        except ValueError:
            text.append(frame)
    return "\n".join(text)


def test_a_conference_played_through_the_pages(browser, server, axe):
    chair = open_device(browser, "chair", LAPTOP)
    screen = open_device(browser, "screen", PROJECTOR)
    nia = open_device(browser, "practitioner", PHONE)
    eleri = open_device(browser, "practitioner-cy", PHONE)
    sian = open_device(browser, "parent", PHONE)
    devices = [chair, screen, nia, eleri, sian]
    # Everything the parent's phone receives over its socket, to prove what never reaches it.
    frames: list[str] = []

    def listen(ws):
        ws.on("framereceived", lambda f: frames.append(f if isinstance(f, str) else ""))

    sian.page.on("websocket", listen)

    # ---- the chair opens the console; the shared screen shows the join code, in Welsh and English
    sign_in(chair, server)
    axe.check(chair.page, "console (en)")
    screen_link = chair.page.get_by_role("link", name=re.compile("Open the shared screen"))
    screen.page.goto(server.url + screen_link.get_attribute("href"))
    screen.page.get_by_role("link", name="Cymraeg + English").click()
    expect(screen.page.locator("html")).to_have_attribute("lang", "cy")
    code = screen.page.locator(".join-code-huge").inner_text()
    assert code == server.demo.join_code
    axe.check(screen.page, "shared screen, lobby (cy + en)")

    # ---- three people join through the lobby; the parent in Welsh
    join(nia, server, code, name="Nia Williams", role="practitioner", agency="Health Visiting")
    axe.check(nia.page, "device lobby (en)")
    join(eleri, server, code, name="Eleri Price", role="practitioner", agency="Ysgol Feithrin", welsh=True)
    join(sian, server, code, name="Sian Hughes", role="parent", welsh=True)
    waiting = "Rydych chi'n aros i'r cadeirydd eich gadael i mewn"
    expect(sian.page.get_by_role("heading", level=1)).to_have_text(waiting)
    axe.check(sian.page, "device lobby (cy)")
    for person in ("Nia Williams", "Eleri Price", "Sian Hughes"):
        chair.page.get_by_role("button", name=f"Let {person} in").click()
    for device in (nia, eleri, sian):
        expect(device.page.locator("#live-screen")).to_be_visible()

    # ---- the chair moves the focus to the first area; everyone follows
    title = "Home conditions and safe sleep"
    item = chair.page.locator("#agenda .agenda-item", has_text=title)
    if item.get_by_role("button", name="Discuss now").count():
        item.get_by_role("button", name="Discuss now").click()
    expect(screen.page.locator(".screen-title")).to_have_text(title)
    expect(sian.page.locator(".now-title")).to_have_text(title)
    expect(sian.page.locator(".now-label")).to_have_text("Yn trafod nawr")

    # ---- contributions: a worry, a practitioners-only note, a strength in Welsh, the parent's words
    nia.page.get_by_role("button", name="Add a worry").click()
    nia.page.get_by_label("Your words").fill("Osian was asleep on the sofa at my visit on 3 November.")
    nia.page.get_by_role("button", name="Send").click()
    nia.page.get_by_role("switch", name=re.compile("Practitioners only")).click()
    nia.page.get_by_role("button", name="Add evidence").click()
    nia.page.get_by_label("Your words").fill(PRO_ONLY)
    nia.page.get_by_role("button", name="Send").click()
    nia.page.get_by_role("switch", name=re.compile("Practitioners only")).click()
    eleri.page.get_by_role("button", name="Ychwanegu cryfder").click()
    eleri.page.get_by_label("Eich geiriau").fill("Mali arrives happy on the days she comes.")
    eleri.page.get_by_role("button", name="Anfon").click()
    words = sian.page.get_by_label("Yn eich geiriau eich hun")
    words.fill("We cleared the kitchen; the bins go out on Tuesdays.")
    sian.page.locator("#words").get_by_role("button", name="Anfon").click()
    expect(chair.page.locator("#contributions .contribution")).to_have_count(4)
    expect(chair.page.locator("#contributions .contribution.is-restricted")).to_have_count(1)
    expect(nia.page.locator("#sent .tag-saved")).to_have_count(2)
    expect(chair.page.locator("#announce")).to_contain_text("We cleared the kitchen")
    axe.check(nia.page, "practitioner device, live (en)")
    axe.check(eleri.page, "practitioner device, live (cy)")
    axe.check(sian.page, "family device, live (cy)")

    # ---- a closed session: the parent's phone shows the private discussion, and learns nothing
    chair.page.get_by_label("Reason (practitioners only)").fill(CLOSED_REASON)
    chair.page.get_by_role("button", name="Start a closed session").click()
    expect(sian.page.locator("#private-screen")).to_be_visible()
    expect(sian.page.locator("#private-screen h1")).to_have_text("Mae'r cyfarfod yn cael trafodaeth breifat")
    expect(screen.page.locator(".screen-private")).to_be_visible()
    axe.check(sian.page, "family device, private discussion (cy)")
    nia.page.get_by_role("button", name="Add a worry").click()
    expect(nia.page.locator(".restricted-banner")).to_be_visible()
    nia.page.get_by_label("Your words").fill(CLOSED_SECRET)
    nia.page.get_by_role("button", name="Send").click()
    expect(chair.page.locator("#contributions .contribution")).to_have_count(5)
    chair.page.locator("#closed-banner").get_by_role("button", name="End the closed session").click()
    expect(sian.page.locator("#live-screen")).to_be_visible()
    expect(sian.page.locator("#private-screen")).to_be_hidden()

    # ---- a blind scaling round, then the reveal
    chair.page.get_by_role("button", name="Open a scaling round").click()
    expect(sian.page.locator("#scale")).to_be_visible()
    nia.page.get_by_role("button", name="Place yourself on the scale").click()
    nia.page.locator("#scale label", has_text=re.compile(r"^3$")).click()
    nia.page.get_by_label("Reason").fill("No cot yet.")
    nia.page.get_by_role("button", name="Save my place").click()
    eleri.page.get_by_role("button", name="Gosod eich hun ar y raddfa").click()
    eleri.page.locator("#scale label", has_text=re.compile(r"^5$")).click()
    eleri.page.get_by_role("button", name="Cadw fy lle").click()
    # The parent uses the keyboard: the scale is a radio group, arrow keys move along it.
    sian.page.locator("#scale input[type=radio]").first.focus()
    for _ in range(5):
        sian.page.keyboard.press("ArrowRight")
    sian.page.get_by_label(re.compile("Pam dewisoch chi'r rhif hwn")).fill("We have ordered a cot.")
    sian.page.get_by_role("button", name="Cadw fy lle").click()
    expect(sian.page.locator("#scale .tag-saved")).to_have_count(1)
    expect(sian.page.locator("#scale")).to_contain_text("Eich lle: 6.")
    expect(screen.page.locator(".placed.is-placed")).to_have_count(3)
    assert screen.page.locator(".marker").count() == 0, "a value reached the screen before the reveal"
    assert sian.page.locator(".position-list li").count() == 0, "the parent saw places before the reveal"
    chair.page.get_by_role("button", name="Reveal everyone's positions").click()
    markers = screen.page.locator(".marker")
    expect(markers).to_have_count(3)
    # Colour is never the only sign: each marker carries initials, and an agency or "family".
    assert sorted(m.locator(".marker-who").inner_text() for m in markers.all()) == ["EP", "NW", "SH"]
    expect(screen.page.locator(".marker-family .marker-where")).to_contain_text("teulu / family")
    expect(sian.page.locator(".position-list li")).to_have_count(3)
    expect(sian.page.locator("#announce")).to_contain_text("Mae lle pawb ar y raddfa yn y golwg nawr")
    chair.page.locator("#agree-value").select_option("4")
    chair.page.locator("#agree-rationale").fill("The home is cleaner; Osian still has no cot.")
    chair.page.get_by_role("button", name="Record the agreed position").click()
    expect(screen.page.locator(".agreed-marker")).to_have_count(1)

    # ---- a behaviour, proposed in Welsh, agreed by the parent, then by the meeting
    eleri.page.get_by_role("button", name="Cynnig ymddygiad").click()
    eleri.page.get_by_label("Yr ymddygiad").fill("Osian sleeps in his own cot, on his back, every night.")
    eleri.page.get_by_role("button", name="Anfon").click()
    expect(sian.page.locator(".family-behaviour")).to_have_count(1)
    expect(sian.page.locator("#announce")).to_contain_text("Osian sleeps in his own cot")
    sian.page.get_by_role("button", name="Rydw i'n cytuno").click()
    expect(sian.page.get_by_role("button", name="Rydw i'n cytuno")).to_have_attribute("aria-pressed", "true")
    expect(chair.page.locator("#behaviours .answer-agreed")).to_have_count(1)
    chair.page.locator("#behaviours").get_by_role("button", name="Agreed by the meeting").click()
    expect(screen.page.locator(".screen-behaviours li")).to_have_count(1)

    # ---- what it looks like (the README's pictures), and the pages at their sizes
    nia.page.evaluate("window.scrollTo(0, 0)")
    sian.page.evaluate("window.scrollTo(0, 0)")
    chair.page.evaluate("document.querySelectorAll('.console-grid > *').forEach((p) => { p.scrollTop = 0; })")
    assert below_the_fold(screen.page) == 0, "part of the shared screen is below the fold"
    for device, name in (
        (chair, "chair-console"),
        (screen, "shared-screen"),
        (nia, "practitioner-phone"),
        (sian, "parent-phone"),
    ):
        screenshot(device.page, name)
        assert not layout_problems(device.page), (name, layout_problems(device.page))
    axe.check(screen.page, "shared screen, revealed (cy + en)")
    axe.check(chair.page, "console, round agreed (en)")
    axe.check(sian.page, "family device, behaviour and scale (cy)")
    walk = keyboard_walk(sian.page)
    assert not walk["missed"] and not walk["no_visible_focus"], walk

    # ---- close the meeting; everyone is told
    chair.page.get_by_role("button", name="Close the meeting…").click()
    expect(chair.page.locator("#confirm-dialog")).to_be_visible()
    axe.check(chair.page, "console, close dialog (en)")
    chair.page.get_by_role("button", name="Yes, close the meeting").click()
    expect(screen.page.get_by_text("Mae'r cyfarfod wedi gorffen")).to_be_visible()
    expect(sian.page.locator("#finished")).to_be_visible()
    expect(nia.page.locator("#finished")).to_be_visible()

    # ---- the chair checks and approves the summary
    chair.page.get_by_role("link", name="Check and approve the summary").click()
    expect(chair.page.get_by_role("heading", name="Summary of the meeting")).to_be_visible()
    axe.check(chair.page, "summary, draft (en)")
    chair.page.get_by_role("button", name="Approve version 1").click()
    expect(chair.page.get_by_role("heading", name="Version 1 is approved")).to_be_visible()
    with chair.page.expect_navigation():
        chair.page.locator("#version-1").get_by_role("link", name="Page").first.click()
    assert CLOSED_SECRET in chair.page.inner_text("main"), "the full copy keeps the closed session"
    axe.check(chair.page, "summary, full copy (en)")

    # ---- the parent opens the family copy, in Welsh: nothing from the closed session or for practitioners
    sian.page.get_by_role("link", name="Darllen crynodeb y cyfarfod").click()
    expect(sian.page.locator("html")).to_have_attribute("lang", "cy")
    family_copy = sian.page.inner_text("main")
    assert "We cleared the kitchen" in family_copy
    assert "Osian sleeps in his own cot" in family_copy
    for secret in (CLOSED_SECRET, CLOSED_REASON, PRO_ONLY):
        assert secret not in family_copy
        assert secret not in sian.page.content()
    axe.check(sian.page, "summary, family copy (cy)")

    # What was said in the closed session, or for practitioners only, never reached the parent's phone.
    heard = received(frames)
    assert "We cleared the kitchen" in heard, "the parent's socket frames were not captured"
    for secret in (CLOSED_SECRET, CLOSED_REASON, PRO_ONLY):
        assert secret not in heard

    assert not axe.serious(), axe.summary()
    problems = [p for d in devices for p in d.problems]
    assert not problems, problems
    for device in devices:
        device.context.close()
