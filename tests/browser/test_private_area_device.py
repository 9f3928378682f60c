"""An area the family cannot see, on a practitioner's phone, in real Chromium: the chair adds an area
during a closed session and moves the meeting to it; the practitioner's phone marks it "Practitioners
only" beside its title and in the list of areas, says why above its statements, and the form to add
to it says that everything added stays with practitioners. The parent's phone is never told of it.
"""

from playwright.sync_api import expect

from .helpers import LAPTOP, PHONE, layout_problems, open_device
from .test_conference import join, sign_in

PRIVATE_AREA = "Information from the police"
PRIVATE_NOTE = "Added in a closed session: the family cannot see this area."
COMPOSER_NOTE = "The family cannot see this area: everything added to it stays with practitioners."


def test_a_practitioner_sees_that_an_area_is_for_practitioners_only(browser, server, axe):
    chair = open_device(browser, "chair", LAPTOP)
    nia = open_device(browser, "practitioner", PHONE)
    sian = open_device(browser, "parent", PHONE)
    devices = (chair, nia, sian)
    sign_in(chair, server)
    join(
        nia, server, server.demo.join_code, name="Nia Williams", role="practitioner", agency="Health Visiting"
    )
    join(sian, server, server.demo.join_code, name="Sian Hughes", role="parent")
    for person in ("Nia Williams", "Sian Hughes"):
        chair.page.get_by_role("button", name=f"Let {person} in").click()
    for device in (nia, sian):
        expect(device.page.locator("#live-screen")).to_be_visible()
    # An area the family can see carries no such tag.
    expect(nia.page.locator(".now-title")).not_to_have_text(PRIVATE_AREA)
    expect(nia.page.locator("#now .tag-restricted")).to_have_count(0)

    # ---- the chair adds an area while the family are out, and moves the meeting to it
    chair.page.get_by_label("Reason (practitioners only)").fill("Police information")
    chair.page.get_by_role("button", name="Start a closed session").click()
    expect(sian.page.locator("#private-screen")).to_be_visible()
    chair.page.get_by_role("button", name="Add an area of change").click()
    chair.page.get_by_label("Title").fill(PRIVATE_AREA)
    chair.page.get_by_role("button", name="Add to the agenda").click()
    item = chair.page.locator("#agenda .agenda-item", has_text=PRIVATE_AREA)
    expect(item.locator(".tag-restricted")).to_have_text("Practitioners only")
    item.get_by_role("button", name="Discuss now").click()

    # ---- the practitioner's phone: the tag beside the title, why, and the tag in the list of areas
    expect(nia.page.locator(".now-title")).to_have_text(PRIVATE_AREA)
    tag = nia.page.locator("#now .now-title-row .tag-restricted")
    expect(tag).to_have_text("Practitioners only")
    expect(nia.page.locator("#area .area-private")).to_have_text(PRIVATE_NOTE)
    listed = nia.page.locator("#other-areas li", has_text=PRIVATE_AREA)
    expect(listed.locator(".tag-restricted")).to_have_text("Practitioners only")
    expect(nia.page.locator("#other-areas .tag-restricted")).to_have_count(1)

    # ---- adding to it: the form says everything stays with practitioners, a behaviour too
    nia.page.get_by_role("button", name="Add a worry").click()
    expect(nia.page.locator("#composer .restricted-banner")).to_have_text(COMPOSER_NOTE)
    switch = nia.page.get_by_role("switch", name="Practitioners only")
    expect(switch).to_have_attribute("aria-checked", "true")
    expect(switch).to_be_disabled()
    axe.check(nia.page, "practitioner device, practitioners-only area (en)")
    assert not layout_problems(nia.page), layout_problems(nia.page)
    nia.page.get_by_role("button", name="Propose a behaviour").click()
    expect(nia.page.locator("#composer .restricted-banner")).to_have_text(COMPOSER_NOTE)

    # ---- still so once the family are back, until the chair shares it
    chair.page.locator("#closed-banner").get_by_role("button", name="End the closed session").click()
    expect(sian.page.locator("#live-screen")).to_be_visible()
    expect(nia.page.locator("#switch .restricted-note")).to_have_text(COMPOSER_NOTE)
    expect(tag).to_have_text("Practitioners only")
    expect(nia.page.locator("#composer .restricted-banner")).to_have_text(COMPOSER_NOTE)
    axe.check(nia.page, "practitioner device, practitioners-only area after the closed session (en)")
    # The parent's phone was never told of the area.
    expect(sian.page.locator("#other-areas li")).to_have_count(3)
    assert PRIVATE_AREA not in sian.page.inner_text("body")

    # ---- shared with the family: the tag goes, and what is added is the practitioner's choice again
    chair.page.locator("#agenda .agenda-item", has_text=PRIVATE_AREA).get_by_role(
        "button", name=f"Share {PRIVATE_AREA} with the family"
    ).click()
    chair.page.get_by_role("dialog").get_by_role("button", name="Share with the family").click()
    expect(sian.page.locator("#other-areas li", has_text=PRIVATE_AREA)).to_have_count(1)
    expect(nia.page.locator("#now .tag-restricted")).to_have_count(0)
    expect(nia.page.locator("#area .area-private")).to_have_count(0)
    expect(nia.page.locator("#other-areas .tag-restricted")).to_have_count(0)
    expect(nia.page.locator("#composer .restricted-banner")).to_have_count(0)
    expect(nia.page.get_by_role("switch", name="Practitioners only")).to_have_attribute(
        "aria-checked", "false"
    )

    assert not axe.found, axe.summary()
    problems = [p for d in devices for p in d.problems]
    assert not problems, problems
