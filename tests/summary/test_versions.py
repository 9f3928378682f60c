"""Correcting and approving the summary: drafts change, approved versions are fixed, all is audited."""

import pytest
from sqlalchemy import select

from meeting.domain.errors import Conflict, NotAllowed
from meeting.models import AuditEntry
from meeting.operations import summaries
from meeting.summary import build, render

from .conftest import play_conference


@pytest.fixture
def closed(make_play):
    play = make_play()
    ids = play_conference(play)
    play.close()
    return play, ids


def _audit(play, command):
    return play.session.scalars(
        select(AuditEntry).where(AuditEntry.meeting_id == play.meeting_id, AuditEntry.command == command)
    ).all()


def _correct(play, actor, fields, reason="typo"):
    version = summaries.correct_summary(play.session, play.meeting_id, actor, fields, reason, play.now())
    play.session.commit()
    return version


def test_correcting_the_draft_changes_it_in_place(app, closed):
    play, ids = closed
    version = _correct(play, play.chair, {f"area.{ids['home']}.good_enough": "Osian sleeps in his cot."})
    assert (version.number, version.status, version.corrections) == (1, "draft", "typo")
    home = build.summary_for(summaries.record_of(version), "full", summaries.edits_of(version)).areas[0]
    assert home.good_enough == "Osian sleeps in his cot."
    assert len(summaries.versions(play.session, play.meeting_id)) == 1


def test_unchanged_fields_are_not_recorded_as_corrections(app, closed):
    play, ids = closed
    same = "The home is clean and safe every day; Osian sleeps in his own cot."
    version = _correct(play, play.chair, {f"area.{ids['home']}.good_enough": same, "area.999.title": "x"})
    assert summaries.edits_of(version) == {}


def test_approval_fixes_a_version_and_is_audited(app, closed):
    play, _ids = closed
    revision = play.meeting.revision
    version = play.approve(1)
    assert version.status == "approved" and version.approved_by_user_id == play.chair.user_id
    [entry] = _audit(play, "approve_summary")
    assert (entry.revision, entry.actor_name, entry.payload) == (revision + 1, "Rhian Evans", {"version": 1})
    with pytest.raises(Conflict):
        play.approve(1)


def test_a_correction_after_approval_makes_a_new_version_and_keeps_the_old(app, closed):
    play, ids = closed
    play.approve(1)
    decision_id = summaries.record_of(summaries.get_version(play.session, play.meeting_id)).decisions[0].id
    key = f"decision.{decision_id}.reasons"
    second = _correct(
        play,
        play.chair,
        {key: "Neglect of Osian's basic care.", build.NOTE_EVERYONE: "Corrected."},
        reason="Reasons were incomplete",
    )
    assert (second.number, second.status) == (2, "draft")
    first = summaries.get_version(play.session, play.meeting_id, 1)
    assert first.status == "approved" and summaries.edits_of(first) == {}
    assert [v.number for v in summaries.versions(play.session, play.meeting_id)] == [2, 1]
    with pytest.raises(Conflict):
        play.approve(1)
    play.approve(2)
    assert [e.payload["version"] for e in _audit(play, "correct_summary")] == [2]
    assert ids["home"]  # the areas are untouched


def test_a_correction_that_changes_nothing_makes_no_version(app, closed):
    play, _ids = closed
    play.approve(1)
    with pytest.raises(Conflict):
        _correct(play, play.chair, {})


def test_a_corrected_practitioners_only_item_stays_out_of_the_family_copy(app, closed):
    play, ids = closed
    version = _correct(play, play.chair, {f"contribution.{ids['secret']}.text": "CORRECTED-SECRET text"})
    record, edits = summaries.record_of(version), summaries.edits_of(version)
    with app.test_request_context():
        assert "CORRECTED-SECRET" in render.render(record, edits, "full", "md")
        assert "CORRECTED-SECRET" not in render.render(record, edits, "family", "md")


def test_the_practitioners_note_stays_out_of_the_family_copy(app, closed):
    play, _ids = closed
    version = _correct(
        play, play.chair, {build.NOTE_EVERYONE: "NOTE-ALL", build.NOTE_PRACTITIONERS: "NOTE-PROS"}
    )
    record, edits = summaries.record_of(version), summaries.edits_of(version)
    with app.test_request_context():
        family = render.render(record, edits, "family", "md")
        full = render.render(record, edits, "full", "md")
    assert "NOTE-ALL" in family and "NOTE-PROS" not in family
    assert "NOTE-ALL" in full and "NOTE-PROS" in full


def test_the_minute_taker_corrects_but_only_the_chair_approves(app, make_play):
    play = make_play()
    ids = play_conference(play)
    minute_taker = play.join("Lowri Davies", "minute_taker", "Safeguarding Unit")
    play.close()
    _correct(play, minute_taker, {f"area.{ids['home']}.title": "Home conditions"})
    with pytest.raises(NotAllowed):
        summaries.approve_summary(play.session, play.meeting_id, minute_taker, 1, play.now())
    with pytest.raises(NotAllowed):
        _correct(play, ids["sian"], {build.NOTE_EVERYONE: "mine"})
    with pytest.raises(NotAllowed):
        summaries.approve_summary(play.session, play.meeting_id, ids["nia"], 1, play.now())
