"""The parent's phone loses its network while they write; what they wrote arrives once, after."""

import time

from playwright.sync_api import expect

from .helpers import LAPTOP, PHONE, open_device
from .test_conference import join, sign_in

WORDS = "We go to the parenting group on Thursdays now, and Mali enjoys it."


def test_words_written_offline_arrive_once_when_the_network_is_back(browser, server):
    chair = open_device(browser, "chair", LAPTOP)
    sian = open_device(browser, "parent", PHONE)
    sign_in(chair, server)
    join(sian, server, server.demo.join_code, name="Sian Hughes", role="parent", welsh=True)
    chair.page.get_by_role("button", name="Let Sian Hughes in").click()
    expect(sian.page.locator("#live-screen")).to_be_visible()
    expect(sian.page.locator("#conn")).to_have_attribute("data-status", "online")
    before = chair.page.locator("#contributions .contribution").count()

    # Half-way through the sentence, the phone's network goes.
    box = sian.page.get_by_label("Yn eich geiriau eich hun")
    box.fill(WORDS[:30])
    sian.context.set_offline(True)
    box.press_sequentially(WORDS[30:])
    sian.page.locator("#words").get_by_role("button", name="Anfon").click()
    # The phone says so, calmly, and keeps the words waiting to send.
    expect(sian.page.locator("#conn")).to_have_attribute("data-status", "offline")
    expect(sian.page.locator("#sent .tag-waiting")).to_have_text("Yn aros i'w anfon")
    expect(sian.page.locator("#conn")).to_contain_text("1 yn aros i'w hanfon")
    expect(sian.page.locator("#reconnecting")).to_contain_text("Rydyn ni'n ailgysylltu")
    time.sleep(2)  # a while offline: nothing reaches the meeting meanwhile
    assert chair.page.get_by_text(WORDS).count() == 0

    # The network comes back: the words arrive, once, and the phone says they are saved.
    sian.context.set_offline(False)
    expect(chair.page.locator("#contributions .contribution", has_text=WORDS)).to_have_count(1)
    expect(sian.page.locator("#sent .tag-waiting")).to_have_count(0)
    expect(sian.page.locator("#sent .tag-saved")).to_have_count(1)
    expect(sian.page.locator("#conn")).to_have_attribute("data-status", "online")
    expect(sian.page.locator("#reconnecting")).to_be_hidden()
    # Still once after everything has settled, and once in the server's record (a fresh page).
    time.sleep(1)
    chair.page.reload()
    expect(chair.page.locator("#contributions .contribution")).to_have_count(before + 1)
    expect(chair.page.locator("#contributions .contribution", has_text=WORDS)).to_have_count(1)
    assert sian.page.locator("#family-words").input_value() == "", "the sent words stayed in the box"

    problems = chair.problems + sian.problems
    assert not problems, problems
    chair.context.close()
    sian.context.close()
