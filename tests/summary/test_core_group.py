"""Starting the Core Group from an approved conference summary, and the Core Group's own summary."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from meeting.domain.errors import Conflict
from meeting.domain.working_days import first_core_group_due, next_core_group_due
from meeting.models import AuditEntry, Behaviour, Meeting, Participant
from meeting.operations import core_group, summaries
from meeting.summary import build

from .conftest import CONFERENCE_DATE, Play, play_conference


def _approved_conference(make_play):
    play = make_play()
    ids = play_conference(play)
    play.close()
    play.approve(1)
    return play, ids


def _start(play: Play, chair_user, **kwargs) -> Play:
    meeting = core_group.start_next_meeting(play.session, chair_user, play.meeting_id, play.now(), **kwargs)
    play.session.commit()
    return Play(play.session, meeting, play.clock + timedelta(days=13))


def test_a_core_group_needs_an_approved_summary(app, make_play, chair_user):
    play = make_play()
    play_conference(play)
    play.close()
    with pytest.raises(Conflict) as refused:
        core_group.start_next_meeting(play.session, chair_user, play.meeting_id, play.now())
    assert refused.value.code == "not_approved"


def test_no_core_group_when_no_child_is_registered(app, make_play, chair_user):
    play = make_play(children=(("Mali", 4, None),))
    mali = play.meeting.children[0].id
    play.cmd(play.chair, "open_lobby")
    play.cmd(
        play.chair,
        "record_registration_decision",
        child_id=mali,
        decision="do_not_register",
        reasons="Threshold not met.",
    )
    play.close()
    play.approve(1)
    with pytest.raises(Conflict) as refused:
        core_group.start_next_meeting(play.session, chair_user, play.meeting_id, play.now())
    assert refused.value.code == "not_registered"


def test_the_core_group_is_due_within_ten_working_days(app, make_play, chair_user):
    play, _ids = _approved_conference(make_play)
    group = _start(play, chair_user).meeting
    assert (group.kind, group.status, group.previous_meeting_id) == ("core_group", "draft", play.meeting_id)
    assert group.meeting_date == first_core_group_due(CONFERENCE_DATE)
    assert [c.first_name for c in group.children] == ["Mali", "Osian"]


def test_the_core_group_carries_areas_and_baselines(app, make_play, chair_user):
    play, ids = _approved_conference(make_play)
    group = _start(play, chair_user).meeting
    home, alcohol = group.areas
    assert (home.carried_from_id, alcohol.carried_from_id) == (ids["home"], ids["alcohol"])
    assert home.title == "Home conditions and safe sleep"
    assert home.good_enough == "The home is clean and safe every day; Osian sleeps in his own cot."
    assert (home.baseline_value, alcohol.baseline_value) == (4, 3)
    assert [c.first_name for c in home.children] == ["Mali", "Osian"]


def test_the_core_group_carries_agreed_behaviours_as_steps(app, make_play, chair_user):
    play, ids = _approved_conference(make_play)
    group = _start(play, chair_user).meeting
    steps = play.session.scalars(select(Behaviour).where(Behaviour.meeting_id == group.id)).all()
    assert [(s.text, s.who, s.by_when.isoformat(), s.carried_from_id, s.status) for s in steps] == [
        (
            "Osian sleeps in his cot every night.",
            "Health visitor checks weekly",
            "2026-12-15",
            ids["behaviour"],
            "agreed",
        )
    ]
    assert sorted(a.participant.name for a in steps[0].answers) == ["Dean Hughes", "Sian Hughes"]


def test_the_core_group_expects_the_same_people_but_not_those_removed(app, make_play, chair_user):
    play, _ids = _approved_conference(make_play)
    group = _start(play, chair_user).meeting
    people = play.session.scalars(select(Participant).where(Participant.meeting_id == group.id)).all()
    assert {(p.name, p.admission) for p in people} == {
        ("Rhian Evans", "admitted"),
        ("Gareth Morgan", "expected"),
        ("Nia Williams", "expected"),
        ("DC Tom Hayes", "expected"),
        ("Sian Hughes", "expected"),
        ("Dean Hughes", "expected"),
        ("Dr Owen Parry", "expected"),
    }


def test_starting_is_audited_on_both_meetings(app, make_play, chair_user):
    play, _ids = _approved_conference(make_play)
    group = _start(play, chair_user).meeting
    commands = {(e.meeting_id, e.command) for e in play.session.scalars(select(AuditEntry))}
    assert (group.id, "start_from_summary") in commands
    assert (play.meeting_id, "start_next_meeting") in commands


def play_core_group(group: Play, home_value: int, alcohol_value: int, progress: str = "done") -> dict:
    """A core group: the same people re-scale the same areas and update the steps."""
    sian = group.join("Sian Hughes", "parent", language="cy")
    nia = group.join("Nia Williams", "practitioner", "Health Visiting")
    gareth = group.join("Gareth Morgan", "social_worker", "Children's Services")
    home, alcohol = (a.id for a in group.meeting.areas)
    group.scale(
        home,
        [
            (sian, home_value + 2, "Cot used every night."),
            (nia, home_value - 1, "Better."),
            (gareth, home_value, "Real change."),
        ],
        home_value,
        "Steady progress.",
    )
    group.scale(
        alcohol,
        [
            (sian, alcohol_value + 1, "Dean is sober."),
            (nia, alcohol_value, "Fewer call-outs."),
            (gareth, alcohol_value, "Working with the service."),
        ],
        alcohol_value,
    )
    for step in group.session.scalars(select(Behaviour).where(Behaviour.meeting_id == group.meeting_id)):
        group.cmd(group.chair, "update_step", behaviour_id=step.id, progress=progress)
    return {"home": home, "alcohol": alcohol}


def test_the_core_group_closes_with_its_own_summary(app, make_play, chair_user):
    play, _ids = _approved_conference(make_play)
    group = _start(play, chair_user)
    play_core_group(group, 6, 5)
    version = group.close()
    summary = build.summary_for(summaries.record_of(version), build.FULL)
    assert summary.header.kind == "core_group" and summary.children == ()
    assert (summary.header.previous_kind, summary.header.previous_date) == (
        "initial_conference",
        CONFERENCE_DATE,
    )
    home, alcohol = summary.areas
    assert (home.baseline_value, home.agreed_value, home.carried) == (4, 6, True)
    assert (alcohol.baseline_value, alcohol.agreed_value) == (3, 5)
    [step] = summary.steps
    assert (step.progress, step.carried, step.who) == ("done", True, "Health visitor checks weekly")
    dates = dict(summary.dates)
    assert dates["next_core_group_due"] == next_core_group_due(group.meeting.meeting_date)
    assert "first_core_group_due" not in dates


def test_a_second_core_group_follows_the_first(app, make_play, chair_user):
    play, _ids = _approved_conference(make_play)
    first = _start(play, chair_user)
    play_core_group(first, 6, 5)
    first.close()
    first.approve(1)
    second = _start(first, chair_user)
    meeting = play.session.get(Meeting, second.meeting_id)
    assert meeting.meeting_date == next_core_group_due(first.meeting.meeting_date)
    assert [a.baseline_value for a in meeting.areas] == [6, 5]
