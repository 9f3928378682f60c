"""An agreed behaviour, in real Chromium: its proposer is no longer offered Edit; the chair rewords it,
and every screen that shows it says "edited" (the parent's phone in Welsh), as for a contribution.
"""

from playwright.sync_api import expect

from .test_editing import start

BEHAVIOUR = "Osian sleeps in his own cot every night."
REWORDED = "Osian sleeps in his own cot, on his back, every night."


def test_an_agreed_behaviour_is_reworded_by_the_chair_and_shows_edited(browser, server, axe):
    chair, screen, nia, sian = start(browser, server)
    devices = (chair, screen, nia, sian)

    nia.page.get_by_role("button", name="Propose a behaviour").click()
    nia.page.get_by_label("The behaviour").fill(BEHAVIOUR)
    nia.page.get_by_role("button", name="Send").click()
    mine = nia.page.locator("#sent .sent-item", has_text=BEHAVIOUR)
    expect(mine.get_by_role("button", name="Edit")).to_be_visible()  # hers to correct while proposed

    behaviour = chair.page.locator("#behaviours .behaviour")
    behaviour.get_by_role("button", name="Agreed by the meeting").click()
    expect(screen.page.locator(".screen-behaviours .behaviour-text")).to_have_text([BEHAVIOUR])
    expect(mine.get_by_role("button", name="Edit")).to_have_count(0)  # agreed: the chair's now
    for shown in (
        behaviour.locator(".contribution-meta"),
        screen.page.locator(".screen-behaviours"),
        sian.page.locator(".family-behaviour"),
        mine,
    ):
        expect(shown).not_to_contain_text("edited")

    behaviour.get_by_role("button", name="Edit").click()
    chair.page.get_by_label("Tidy the wording").fill(REWORDED)
    behaviour.get_by_role("button", name="Save").click()

    expect(behaviour.locator(".contribution-meta")).to_contain_text(" · edited")
    expect(screen.page.locator(".screen-behaviours li .tag-edited")).to_have_text(["edited"])
    expect(screen.page.locator(".screen-behaviours .behaviour-text")).to_have_text([REWORDED])
    expect(sian.page.locator(".family-behaviour .tag-edited")).to_have_text(["wedi'i olygu"])
    expect(sian.page.locator(".family-behaviour .behaviour-text")).to_have_text([REWORDED])
    reworded = nia.page.locator("#sent .sent-item", has_text=REWORDED)
    expect(reworded.locator(".tag-edited")).to_have_text("edited")
    expect(reworded.get_by_role("button", name="Edit")).to_have_count(0)
    expect(nia.page.locator("#feed .behaviour .tag-edited")).to_have_text(["edited"])
    axe.check(screen.page, "shared screen, an edited behaviour")
    axe.check(sian.page, "family device, an edited behaviour (cy)")

    assert not axe.serious(), axe.summary()
    problems = [p for d in devices for p in d.problems]
    assert not problems, problems
    for device in devices:
        device.context.close()
