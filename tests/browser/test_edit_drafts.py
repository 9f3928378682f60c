"""An edit is never lost: it survives a reload before Save, waits while the phone is offline, and
when the meeting refuses it (a closed session for a parent, a closed meeting) it stays on the phone,
with a calm word, to save again or copy."""

from playwright.sync_api import expect

from .test_editing import start

STRENGTH = "Mali arrives happy."
STRENGTH_FIXED = "Mali arrives happy and rested on the days she comes."
TOO_LATE = "Mali arrives happy, rested and fed on the days she comes."
WORDS = "We go to the group on Thursdays."
CLOSED_NOTE = (
    "The meeting has closed, so this change cannot be saved. "
    "Your words are kept here if you want to copy them."
)
WORDS_FIXED = "We go to the parenting group on Thursdays now, and Mali enjoys it."


def test_an_edit_survives_a_reload_and_a_refusal(browser, server):
    chair, screen, nia, sian = start(browser, server)
    devices = (chair, screen, nia, sian)

    # ---- typed, then the page is reloaded before Save: the edit opens again as it was left
    nia.page.get_by_role("button", name="Add a strength").click()
    nia.page.get_by_label("Your words").fill(STRENGTH)
    nia.page.get_by_role("button", name="Send").click()
    mine = nia.page.locator("#sent .sent-item", has_text=STRENGTH)
    expect(mine.locator(".tag-saved")).to_be_visible()
    mine.get_by_role("button", name="Edit").click()
    box = nia.page.get_by_label("Change what you wrote")
    box.fill(STRENGTH_FIXED[:30])
    box.press_sequentially(STRENGTH_FIXED[30:])
    nia.page.reload()
    box = nia.page.get_by_label("Change what you wrote")
    expect(box).to_have_value(STRENGTH_FIXED)
    expect(chair.page.locator("#contributions .contribution-text")).to_have_text([STRENGTH])  # not sent yet
    nia.page.locator("#sent").get_by_role("button", name="Save").click()
    expect(chair.page.locator("#contributions .contribution-text")).to_have_text([STRENGTH_FIXED])
    nia.page.reload()  # accepted: nothing left open after a reload
    expect(nia.page.locator("#sent .sent-text")).to_have_text([f"Strength: {STRENGTH_FIXED}"])
    expect(nia.page.locator("#sent textarea")).to_have_count(0)

    # ---- the parent saves a correction while offline; the chair starts a closed session meanwhile
    sian.page.get_by_label("Yn eich geiriau eich hun").fill(WORDS)
    sian.page.locator("#words").get_by_role("button", name="Anfon").click()
    expect(chair.page.locator("#contributions .contribution", has_text=WORDS)).to_have_count(1)
    sian.context.set_offline(True)
    sian.page.locator("#sent").get_by_role("button", name="Golygu").click()
    sian.page.get_by_label("Newid beth ysgrifennoch chi").fill(WORDS_FIXED)
    sian.page.locator("#sent").get_by_role("button", name="Cadw").click()
    waiting = sian.page.locator("#sent .sent-item", has_text=WORDS_FIXED)
    expect(waiting.locator(".tag-waiting")).to_have_text("Yn aros i'w anfon")
    chair.page.get_by_role("button", name="Start a closed session").click()
    expect(chair.page.locator("#closed-banner")).to_be_visible()
    sian.context.set_offline(False)
    # Refused (the family's phone is paused): calm words, never a code; the words stay on the phone.
    expect(sian.page.locator("#private-screen")).to_be_visible()
    expect(sian.page.locator("#failures")).to_contain_text("Does dim byd wedi'i golli")
    chair.page.locator("#closed-banner").get_by_role("button", name="End the closed session").click()
    expect(sian.page.locator("#live-screen")).to_be_visible()
    box = sian.page.get_by_label("Newid beth ysgrifennoch chi")
    expect(box).to_have_value(WORDS_FIXED)
    expect(sian.page.locator("#sent .edit-note")).to_have_text(
        "Dydy'r newid hwn ddim wedi'i gadw. Mae eich geiriau yma o hyd: cadwch eto, neu canslwch."
    )
    expect(chair.page.locator("#contributions .contribution", has_text=WORDS)).to_have_count(1)
    sian.page.locator("#sent").get_by_role("button", name="Cadw").click()
    expect(chair.page.locator("#contributions .contribution", has_text=WORDS_FIXED)).to_have_count(1)
    expect(sian.page.locator("#sent .edit-note")).to_have_count(0)

    # ---- a practitioner's change that reaches the server only after the meeting has closed
    nia.context.set_offline(True)
    nia.page.locator("#sent").get_by_role("button", name="Edit").click()
    nia.page.get_by_label("Change what you wrote").fill(TOO_LATE)
    nia.page.locator("#sent").get_by_role("button", name="Save").click()
    expect(nia.page.locator("#sent .tag-waiting")).to_be_visible()
    chair.page.get_by_role("button", name="Close the meeting…").click()
    chair.page.get_by_role("button", name="Yes, close the meeting").click()
    expect(chair.page.locator("#meeting-status")).to_have_text("Closed")
    nia.context.set_offline(False)
    expect(nia.page.locator("#finished")).to_be_visible()
    expect(nia.page.locator("#failures")).to_contain_text("Not done: edit a contribution.")
    expect(nia.page.locator("#sent .edit-note")).to_have_text(CLOSED_NOTE)
    expect(nia.page.get_by_label("Change what you wrote")).to_have_value(TOO_LATE)
    expect(nia.page.locator("#sent").get_by_role("button", name="Save")).to_have_count(0)
    nia.page.reload()  # still there after a reload
    expect(nia.page.get_by_label("Change what you wrote")).to_have_value(TOO_LATE)
    nia.page.locator("#sent").get_by_role("button", name="Cancel").click()
    expect(nia.page.locator("#sent .sent-text")).to_have_text([f"Strength: {STRENGTH_FIXED}"])

    problems = [p for d in devices for p in d.problems]
    assert not problems, problems
    for device in devices:
        device.context.close()
