"""An area of change added in a closed session: the full copy shows it, marked; the family copy (in
every format) and the family's progress chart have no trace of it unless the chair shared it; the
next meeting carries it practitioners-only."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from meeting.models import AreaOfChange, Behaviour
from meeting.operations import core_group, summaries
from meeting.summary import build, chart, render

from .conftest import Play
from .factories import docx_text

FORMATS = ("md", "html", "docx")
PRIVATE = {
    "title": "SECRET-TITLE Risk from a visitor",
    "not_good_enough": "SECRET-NGE police intelligence",
    "good_enough": "SECRET-GE no contact",
    "family_words": "SECRET-FW",
}
SHARED = {
    "title": "SHARED-TITLE Money for food",
    "not_good_enough": "SHARED-NGE",
    "good_enough": "SHARED-GE",
    "family_words": "SHARED-FW",
}


def play_private_area(play: Play, wording: dict, share: bool = False) -> dict:
    """A conference with a public area, and one added in a closed session with everything recorded
    on it (some in the closed session, the rest once the family were back), shared or not."""
    gareth = play.join("Gareth Morgan", "social_worker", "Children's Services")
    sian = play.join("Sian Hughes", "parent")
    home = play.area("PUBLIC-TITLE Home conditions", not_good_enough="PUBLIC-NGE rubbish")
    play.say(sian, home, "strength", "PUBLIC-STRENGTH Mali is always fed.")
    play.cmd(play.chair, "start_closed_session", reason="SECRET-REASON police")
    private = play.area(**wording)
    play.say(gareth, private, "evidence", "SECRET-EVIDENCE a visitor's record")
    play.cmd(play.chair, "end_closed_session")
    play.say(gareth, private, "worry", "SECRET-LATER said once the family were back")
    step = play.cmd(gareth, "propose_behaviour", area_id=private, text="SECRET-STEP no contact")[
        "behaviour_id"
    ]
    play.cmd(play.chair, "set_behaviour_status", behaviour_id=step, status="agreed")
    play.scale(private, [(gareth, 3, "SECRET-POSITION")], 3, "SECRET-RATIONALE")
    play.scale(home, [(gareth, 4, "PUBLIC-POSITION"), (sian, 6, "PUBLIC-FAMILY")], 5, "PUBLIC-RATIONALE")
    mali = play.meeting.children[0].id
    play.cmd(
        play.chair,
        "record_registration_decision",
        child_id=mali,
        decision="register",
        categories=["neglect"],
        reasons="PUBLIC-REASONS",
    )
    if share:
        play.cmd(play.chair, "share_area", area_id=private)
    return {"home": home, "private": private, "step": step, "version": play.close()}


def texts(version, copy: str, lang: str = "en") -> dict[str, str]:
    record = summaries.record_of(version)
    out = {}
    for fmt in FORMATS:
        body = render.render(record, {}, copy, fmt, lang)
        out[fmt] = docx_text(body) if fmt == "docx" else str(body)
    return out


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_family_copy_has_no_trace_of_an_area_never_shared(app, make_play, lang):
    played = play_private_area(make_play(), PRIVATE)
    with app.test_request_context():
        found = {fmt: "SECRET" in text for fmt, text in texts(played["version"], build.FAMILY, lang).items()}
    assert found == {"md": False, "html": False, "docx": False}


def test_the_family_copy_still_has_the_rest(app, make_play):
    played = play_private_area(make_play(), PRIVATE)
    with app.test_request_context():
        found = {fmt: "PUBLIC-TITLE" in text for fmt, text in texts(played["version"], build.FAMILY).items()}
    assert found == {"md": True, "html": True, "docx": True}


def test_the_family_record_leaves_out_the_area_and_all_in_it(app, make_play):
    played = play_private_area(make_play(), PRIVATE)
    family = build.family_record(summaries.record_of(played["version"]))
    private = played["private"]
    on_it = [
        x
        for kind in (family.contributions, family.behaviours, family.rounds)
        for x in kind
        if x.area_id == private
    ]
    assert ([a.id for a in family.areas], on_it) == ([played["home"]], [])


def test_the_full_copy_shows_it_marked_as_discussed_in_a_closed_session(app, make_play):
    played = play_private_area(make_play(), PRIVATE)
    with app.test_request_context():
        md = texts(played["version"], build.FULL)["md"]
    section = md[md.index("SECRET-TITLE") :]
    assert "Discussed in a closed session (family not present). Practitioners only" in section
    assert all(token in section for token in ("SECRET-NGE", "SECRET-EVIDENCE", "SECRET-LATER", "SECRET-STEP"))


def test_the_full_copy_does_not_mark_an_area_added_with_the_family_present(app, make_play):
    played = play_private_area(make_play(), PRIVATE)
    summary = build.summary_for(summaries.record_of(played["version"]), build.FULL)
    home = next(a for a in summary.areas if a.title.startswith("PUBLIC-TITLE"))
    assert (home.in_closed_session, home.practitioners_only) == (False, False)


def test_a_shared_area_is_in_the_family_copy_without_what_was_recorded_before(app, make_play):
    played = play_private_area(make_play(), SHARED, share=True)
    with app.test_request_context():
        family = texts(played["version"], build.FAMILY)
    assert {fmt: ("SHARED-TITLE" in t, "SECRET" in t) for fmt, t in family.items()} == {
        fmt: (True, False) for fmt in FORMATS
    }


def test_the_full_copy_says_a_shared_area_was_shared_afterwards(app, make_play):
    played = play_private_area(make_play(), SHARED, share=True)
    with app.test_request_context():
        md = texts(played["version"], build.FULL)["md"]
    assert "Discussed in a closed session (family not present), then shared with the family." in md


def test_the_family_progress_chart_has_no_trace_of_it(app, make_play):
    played = play_private_area(make_play(), PRIVATE)
    record = summaries.record_of(played["version"])
    family = chart.progress([build.family_record(record)])
    full = chart.progress([record])
    assert ([c.title for c in family], len(full)) == (["PUBLIC-TITLE Home conditions"], 2)


# --- the next meeting ----------------------------------------------------------------------------


def start_core_group(play: Play, chair_user) -> Play:
    play.approve(1)
    meeting = core_group.start_next_meeting(play.session, chair_user, play.meeting_id, play.now())
    play.session.commit()
    return Play(play.session, meeting, play.clock + timedelta(days=13))


def carried(group: Play, source_id: int) -> AreaOfChange:
    return group.session.scalar(select(AreaOfChange).where(AreaOfChange.carried_from_id == source_id))


def test_the_core_group_carries_it_practitioners_only(app, make_play, chair_user):
    play = make_play()
    played = play_private_area(play, PRIVATE)
    area = carried(start_core_group(play, chair_user), played["private"])
    assert (area.title, area.visibility, area.closed_session_id) == (PRIVATE["title"], "practitioners", None)


def test_its_agreed_steps_are_carried_practitioners_only(app, make_play, chair_user):
    play = make_play()
    played = play_private_area(play, PRIVATE)
    group = start_core_group(play, chair_user)
    step = group.session.scalar(select(Behaviour).where(Behaviour.carried_from_id == played["step"]))
    assert (step.area_id, step.visibility) == (carried(group, played["private"]).id, "practitioners")


def test_an_area_shared_at_the_conference_is_carried_for_everyone(app, make_play, chair_user):
    play = make_play()
    played = play_private_area(play, SHARED, share=True)
    assert carried(start_core_group(play, chair_user), played["private"]).visibility == "everyone"


def test_the_chair_shares_a_carried_area_when_preparing_the_core_group(app, make_play, chair_user):
    play = make_play()
    played = play_private_area(play, PRIVATE)
    group = start_core_group(play, chair_user)
    area_id = carried(group, played["private"]).id
    group.cmd(group.chair, "share_area", area_id=area_id)
    group.session.expire_all()
    assert group.session.get(AreaOfChange, area_id).visibility == "everyone"
