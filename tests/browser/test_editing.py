"""Correcting what was sent, in real Chromium: a practitioner rewords their worry, a parent (in Welsh)
their own words, and the chair tidies a parent's words and an agreed behaviour. Every screen that
shows the item follows: the chair's console, the shared screen, the parent's phone.
"""

from playwright.sync_api import expect

from .helpers import LAPTOP, PHONE, PROJECTOR, open_device
from .test_conference import join, sign_in

AREA = "Home conditions and safe sleep"
TYPO = "Osian was asleep on the sofa at my vist on 3 Novmber."
FIXED = "Osian was asleep on the sofa at my visit on 3 November."
WORDS = "We cleared the kitchen, the bins go out tuesdays."
WORDS_FIXED = "We cleared the kitchen; the bins go out on Tuesdays."
TIDIED = "We have cleared the kitchen; the bins go out on Tuesdays."
BEHAVIOUR = "Osian sleeps in his own cot every night."
BEHAVIOUR_TIDIED = "Osian sleeps in his own cot, on his back, every night."


def start(browser, server):
    """The chair, the shared screen, a practitioner and a parent (in Welsh), all in the meeting."""
    chair = open_device(browser, "chair", LAPTOP)
    screen = open_device(browser, "screen", PROJECTOR)
    nia = open_device(browser, "practitioner", PHONE)
    sian = open_device(browser, "parent", PHONE)
    sign_in(chair, server)
    screen.page.goto(server.url + chair.page.locator(".console-bar a[target=_blank]").get_attribute("href"))
    join(
        nia, server, server.demo.join_code, name="Nia Williams", role="practitioner", agency="Health Visiting"
    )
    join(sian, server, server.demo.join_code, name="Sian Hughes", role="parent", welsh=True)
    for person in ("Nia Williams", "Sian Hughes"):
        chair.page.get_by_role("button", name=f"Let {person} in").click()
    for device in (nia, sian):
        expect(device.page.locator("#live-screen")).to_be_visible()
    item = chair.page.locator("#agenda .agenda-item", has_text=AREA)
    if item.get_by_role("button", name="Discuss now").count():
        item.get_by_role("button", name="Discuss now").click()
    expect(screen.page.locator(".screen-title")).to_have_text(AREA)
    expect(nia.page.locator(".now-title")).to_have_text(AREA)
    return chair, screen, nia, sian


def test_corrections_reach_every_screen(browser, server, axe):
    chair, screen, nia, sian = start(browser, server)
    devices = (chair, screen, nia, sian)

    # ---- a practitioner sends a worry with typos, then corrects it in place
    nia.page.get_by_role("button", name="Add a worry").click()
    nia.page.get_by_label("Your words").fill(TYPO)
    nia.page.get_by_role("button", name="Send").click()
    mine = nia.page.locator("#sent .sent-item", has_text="vist")
    expect(mine.locator(".tag-saved")).to_be_visible()
    expect(chair.page.locator("#contributions .contribution-text")).to_have_text([TYPO])
    mine.get_by_role("button", name="Edit").click()
    box = nia.page.get_by_label("Change what you wrote")
    expect(box).to_be_focused()  # the keyboard goes to the words
    expect(box).to_have_value(TYPO)
    axe.check(nia.page, "practitioner device, editing (en)")
    box.fill(FIXED)
    nia.page.locator("#sent").get_by_role("button", name="Save").click()
    # Saved: the console shows the new words, marked edited; the phone says so and gives the focus back.
    expect(chair.page.locator("#contributions .contribution-text")).to_have_text([FIXED])
    expect(chair.page.locator("#contributions .contribution-meta")).to_contain_text(["edited"])
    expect(nia.page.locator("#announce")).to_have_text("Your change is saved.")
    fixed = nia.page.locator("#sent .sent-item", has_text=FIXED)
    expect(fixed.locator(".tag-saved")).to_be_visible()
    expect(fixed.locator(".tag-edited")).to_have_text("edited")
    expect(fixed.get_by_role("button", name="Edit")).to_be_focused()
    expect(nia.page.locator("#feed .contribution-text")).to_have_text([FIXED])

    # ---- the parent corrects her own words, in Welsh
    sian.page.get_by_label("Yn eich geiriau eich hun").fill(WORDS)
    sian.page.locator("#words").get_by_role("button", name="Anfon").click()
    own = sian.page.locator("#sent .sent-item", has_text="tuesdays")
    expect(own.locator(".tag-saved")).to_be_visible()
    own.get_by_role("button", name="Golygu").click()
    box = sian.page.get_by_label("Newid beth ysgrifennoch chi")
    expect(box).to_be_focused()
    axe.check(sian.page, "family device, editing (cy)")
    box.fill(WORDS_FIXED)
    sian.page.locator("#sent").get_by_role("button", name="Cadw").click()
    expect(chair.page.locator("#contributions .contribution", has_text=WORDS_FIXED)).to_have_count(1)
    expect(sian.page.locator("#announce")).to_have_text("Mae eich newid wedi'i gadw.")
    expect(sian.page.locator("#sent .tag-edited")).to_have_text(["wedi'i olygu"])

    # ---- the chair starts tidying the parent's words, thinks better of it: Cancel restores them
    parents = chair.page.locator("#contributions .contribution", has_text=WORDS_FIXED)
    parents.get_by_role("button", name="Edit").click()
    tidy = chair.page.get_by_label("Tidy the wording")
    expect(tidy).to_be_focused()
    tidy.fill("Something else entirely")
    chair.page.locator("#contributions").get_by_role("button", name="Cancel").click()
    expect(parents.locator(".contribution-text")).to_have_text(WORDS_FIXED)
    expect(parents.get_by_role("button", name="Edit")).to_be_focused()
    # ... then tidies them for real; the parent's phone shows the chair's wording.
    parents.get_by_role("button", name="Edit").click()
    expect(chair.page.get_by_label("Tidy the wording")).to_have_value(WORDS_FIXED)  # not the cancelled words
    chair.page.get_by_label("Tidy the wording").fill(TIDIED)
    axe.check(chair.page, "console, tidying a contribution (en)")
    chair.page.locator("#contributions").get_by_role("button", name="Save").click()
    expect(sian.page.locator("#sent .sent-text")).to_have_text([TIDIED])
    expect(chair.page.locator("#announce")).to_have_text("Your change is saved.")

    # ---- a behaviour: proposed, agreed, then its wording, who and by when tidied by the chair
    nia.page.get_by_role("button", name="Propose a behaviour").click()
    nia.page.get_by_label("The behaviour").fill(BEHAVIOUR)
    nia.page.get_by_role("button", name="Send").click()
    behaviour = chair.page.locator("#behaviours .behaviour")
    expect(behaviour).to_have_count(1)
    behaviour.get_by_role("button", name="Agreed by the meeting").click()
    expect(screen.page.locator(".screen-behaviours li")).to_have_text([BEHAVIOUR])
    expect(sian.page.locator(".family-behaviour .behaviour-text")).to_have_text([BEHAVIOUR])
    behaviour.get_by_role("button", name="Edit").click()
    expect(chair.page.get_by_label("Tidy the wording")).to_be_focused()
    chair.page.get_by_label("Tidy the wording").fill(BEHAVIOUR_TIDIED)
    behaviour.get_by_label("Who will help (optional)").fill("Health visitor")
    behaviour.get_by_label("By when (optional)").fill("2026-12-01")
    axe.check(chair.page, "console, tidying a behaviour (en)")
    behaviour.get_by_role("button", name="Save").click()
    expect(screen.page.locator(".screen-behaviours .behaviour-text")).to_have_text([BEHAVIOUR_TIDIED])
    expect(sian.page.locator(".family-behaviour .behaviour-text")).to_have_text([BEHAVIOUR_TIDIED])
    expect(behaviour.locator(".contribution-meta")).to_contain_text(
        "who: Health visitor · by 1 December 2026"
    )
    # The practitioner who proposed it sees the new wording among what they sent.
    expect(nia.page.locator("#sent .sent-text", has_text="Behaviour:")).to_have_text(
        [f"Behaviour: {BEHAVIOUR_TIDIED}"]
    )

    assert not axe.serious(), axe.summary()
    problems = [p for d in devices for p in d.problems]
    assert not problems, problems
    for device in devices:
        device.context.close()
