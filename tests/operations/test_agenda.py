"""The agenda, focus, contributions, behaviours and the lobby, through apply_command."""

import pytest
from sqlalchemy import select

from meeting.accounts import create_user
from meeting.domain.roles import Audience
from meeting.models import AreaOfChange, Behaviour, Participant
from meeting.operations.chairs import name_co_chair
from meeting.payloads import snapshot
from tests.conftest import NOW


def propose(room, actor=None, **extra) -> int:
    actor = actor or room.chair
    return room.run(
        actor, "propose_behaviour", area_id=room.area_ids()[0], text="Osian sleeps in his cot", **extra
    )["behaviour_id"]


# --- the agenda and the focus ----------------------------------------------------


def test_a_new_area_goes_to_the_end_of_the_agenda(room):
    area_id = room.run(room.chair, "add_area", title="Money for food")["area_id"]
    assert room.area_ids()[-1] == area_id


def test_reordering_puts_the_agenda_in_the_new_order(room):
    wanted = list(reversed(room.area_ids()))
    room.run(room.chair, "reorder_areas", area_ids=wanted)
    room.session.expire_all()
    assert room.area_ids() == wanted


def test_the_minute_taker_tidies_an_areas_wording(room):
    area_id = room.area_ids()[0]
    room.run(room.person("minute_taker"), "update_area", area_id=area_id, agreed_wording="A clean, safe home")
    assert room.session.get(AreaOfChange, area_id).agreed_wording == "A clean, safe home"


def test_focus_moves_and_undo_brings_it_back(room):
    first, second = room.area_ids()[:2]
    room.run(room.chair, "set_focus", area_id=second)
    room.run(room.chair, "undo_focus")
    assert room.meeting.focus_area_id == first


def test_an_area_with_nothing_recorded_can_be_removed(room):
    area_id = room.area_ids()[2]
    room.run(room.chair, "remove_area", area_id=area_id)
    assert area_id not in room.area_ids()


def test_an_area_with_a_contribution_stays_on_the_record(room):
    area_id = room.area_ids()[0]
    room.run(room.chair, "add_contribution", area_id=area_id, kind="worry", text="x")
    assert room.refused(room.chair, "remove_area", area_id=area_id).code == "in_use"


def test_an_area_with_a_scaling_round_stays_on_the_record(room):
    area_id = room.area_ids()[2]
    round_id = room.run(room.chair, "open_scaling_round", area_id=area_id)["round_id"]
    room.run(room.person("parent"), "place_position", round_id=round_id, value=3)
    assert room.refused(room.chair, "remove_area", area_id=area_id).code == "in_use"


def test_removing_the_focused_area_moves_the_focus(room):
    first = room.area_ids()[0]
    room.run(room.chair, "remove_area", area_id=first)
    assert room.meeting.focus_area_id == room.area_ids()[0]


# --- contributions ---------------------------------------------------------------


def test_an_author_corrects_their_own_contribution(room):
    parent = room.person("parent")
    item = room.run(parent, "add_contribution", area_id=room.area_ids()[0], kind="strength", text="We try")
    assert room.run(parent, "edit_contribution", contribution_id=item["contribution_id"], text="We try hard")[
        "ok"
    ]


@pytest.mark.parametrize("role", ["carer", "social_worker", "practitioner"])
def test_nobody_else_but_chair_and_minute_taker_edits_a_contribution(room, role):
    item = room.run(
        room.person("parent"), "add_contribution", area_id=room.area_ids()[0], kind="strength", text="x"
    )
    error = room.refused(
        room.person(role), "edit_contribution", contribution_id=item["contribution_id"], text="y"
    )
    assert error.code == "forbidden"


# --- behaviours ------------------------------------------------------------------


def test_each_family_member_answers_once(room):
    parent, behaviour_id = room.person("parent"), propose(room)
    room.run(parent, "respond_to_behaviour", behaviour_id=behaviour_id, answer="not_agreed")
    room.run(parent, "respond_to_behaviour", behaviour_id=behaviour_id, answer="agreed")
    answers = room.session.get(Behaviour, behaviour_id).answers
    assert [(a.participant_id, a.answer) for a in answers] == [(parent.id, "agreed")]


def test_a_withdrawn_behaviour_is_not_answered(room):
    behaviour_id = propose(room)
    room.run(room.chair, "set_behaviour_status", behaviour_id=behaviour_id, status="withdrawn")
    error = room.refused(
        room.person("parent"), "respond_to_behaviour", behaviour_id=behaviour_id, answer="agreed"
    )
    assert error.code == "withdrawn"


def test_a_withdrawn_behaviour_is_not_edited(room):
    behaviour_id = propose(room)
    room.run(room.chair, "set_behaviour_status", behaviour_id=behaviour_id, status="withdrawn")
    assert (
        room.refused(room.chair, "edit_behaviour", behaviour_id=behaviour_id, text="New").code == "withdrawn"
    )


def test_a_proposer_corrects_their_own_behaviour(room):
    practitioner = room.person("practitioner")
    behaviour_id = propose(room, practitioner)
    room.run(practitioner, "edit_behaviour", behaviour_id=behaviour_id, text="Osian sleeps in his own cot")
    assert room.session.get(Behaviour, behaviour_id).text == "Osian sleeps in his own cot"


def test_a_behaviour_is_not_marked_edited_when_proposed(room):
    assert room.session.get(Behaviour, propose(room)).edited_at is None


def test_rewording_a_behaviour_marks_it_edited(room):
    behaviour_id = propose(room)
    room.run(room.chair, "edit_behaviour", behaviour_id=behaviour_id, text="Osian sleeps in his own cot")
    assert room.session.get(Behaviour, behaviour_id).edited_at == NOW


@pytest.mark.parametrize("audience", list(Audience))
def test_every_audience_is_told_a_behaviour_was_edited(room, audience):
    behaviour_id = propose(room)
    room.run(room.chair, "set_behaviour_status", behaviour_id=behaviour_id, status="agreed")
    room.run(room.chair, "edit_behaviour", behaviour_id=behaviour_id, who="Health visitor")
    state = snapshot(room.session, room.meeting, audience)
    assert [b["edited"] for b in state["behaviours"] if b["id"] == behaviour_id] == [True]


@pytest.mark.parametrize("role", ["social_worker", "practitioner"])
def test_a_proposer_does_not_reword_their_behaviour_once_agreed(room, role):
    proposer = room.person(role)
    behaviour_id = propose(room, proposer)
    room.run(room.chair, "set_behaviour_status", behaviour_id=behaviour_id, status="agreed")
    before = room.revision
    error = room.refused(proposer, "edit_behaviour", behaviour_id=behaviour_id, text="Reworded")
    assert (error.code, str(error)) == (
        "agreed",
        "The meeting has agreed this behaviour: only the chair or the minute-taker can change it now.",
    )
    behaviour = room.session.get(Behaviour, behaviour_id)
    assert (behaviour.text, behaviour.edited_at, room.revision) == ("Osian sleeps in his cot", None, before)


def test_a_proposer_rewords_their_behaviour_again_once_the_chair_reopens_it(room):
    practitioner = room.person("practitioner")
    behaviour_id = propose(room, practitioner)
    room.run(room.chair, "set_behaviour_status", behaviour_id=behaviour_id, status="agreed")
    room.run(room.chair, "set_behaviour_status", behaviour_id=behaviour_id, status="proposed")
    assert room.run(practitioner, "edit_behaviour", behaviour_id=behaviour_id, text="Reworded")["ok"]


@pytest.mark.parametrize("role", ["chair", "minute_taker"])
def test_the_chair_and_minute_taker_reword_an_agreed_behaviour(room, role):
    behaviour_id = propose(room, room.person("practitioner"))
    room.run(room.chair, "set_behaviour_status", behaviour_id=behaviour_id, status="agreed")
    room.run(room.person(role), "edit_behaviour", behaviour_id=behaviour_id, text="Tidied")
    assert room.session.get(Behaviour, behaviour_id).text == "Tidied"


@pytest.mark.parametrize("role", ["chair", "minute_taker"])
def test_the_chair_and_minute_taker_tidy_anyones_behaviour(room, role):
    behaviour_id = propose(room, room.person("practitioner"))
    room.run(
        room.person(role), "edit_behaviour", behaviour_id=behaviour_id, text="Tidied", who="Health visitor"
    )
    behaviour = room.session.get(Behaviour, behaviour_id)
    assert (behaviour.text, behaviour.who) == ("Tidied", "Health visitor")


def test_a_co_chair_tidies_anyones_behaviour(room):
    user = create_user(
        room.session,
        NOW,
        email="eleri@example.org",
        name="Eleri Jones",
        role="chair",
        password="a long passphrase 1",
    )
    co_chair, _meeting, _changes = name_co_chair(room.session, room.meeting_id, room.chair, user.id, NOW)
    room.session.commit()
    behaviour_id = propose(room, room.person("practitioner"))
    assert room.run(co_chair, "edit_behaviour", behaviour_id=behaviour_id, text="Tidied")["ok"]


@pytest.mark.parametrize(
    "proposer, role",
    [("practitioner", "social_worker"), ("social_worker", "practitioner"), ("chair", "practitioner")],
)
def test_another_practitioner_does_not_reword_a_behaviour(room, proposer, role):
    behaviour_id, other = propose(room, room.person(proposer)), room.person(role)
    before = room.revision
    error = room.refused(other, "edit_behaviour", behaviour_id=behaviour_id, text="Reworded")
    assert (error.code, str(error)) == (
        "forbidden",
        "Only its proposer, the chair or the minute-taker can change a behaviour.",
    )
    assert room.session.get(Behaviour, behaviour_id).text == "Osian sleeps in his cot"
    assert room.revision == before


def test_a_behaviour_recorded_for_a_family_member_is_tidied_by_the_chair_not_by_them(room):
    parent = room.person("parent")
    behaviour_id = room.run(
        room.chair,
        "propose_behaviour",
        area_id=room.area_ids()[0],
        text="We keep the kitchen clean",
        on_behalf_of=parent.id,
    )["behaviour_id"]
    assert room.refused(parent, "edit_behaviour", behaviour_id=behaviour_id, text="Mine").code == "forbidden"
    assert room.run(room.chair, "edit_behaviour", behaviour_id=behaviour_id, text="Tidied")["ok"]


def test_a_withdrawn_behaviours_step_is_not_updated(room):
    behaviour_id = propose(room)
    room.run(room.chair, "set_behaviour_status", behaviour_id=behaviour_id, status="withdrawn")
    assert (
        room.refused(room.chair, "update_step", behaviour_id=behaviour_id, progress="done").code
        == "withdrawn"
    )


def test_the_social_worker_updates_a_step(room):
    behaviour_id = propose(room)
    room.run(
        room.person("social_worker"),
        "update_step",
        behaviour_id=behaviour_id,
        progress="in_progress",
        who="Gareth",
        by_when="2026-12-14",
    )
    behaviour = room.session.get(Behaviour, behaviour_id)
    assert (behaviour.progress, behaviour.who, str(behaviour.by_when)) == (
        "in_progress",
        "Gareth",
        "2026-12-14",
    )


# --- the lobby -------------------------------------------------------------------


def test_admitting_a_waiting_person_sends_them_a_notice(room):
    person = room.waiting("carer", "Mair Hughes")
    applied_notice = room.run(room.chair, "admit_participant", participant_id=person.id)
    assert applied_notice["ok"] and room.session.get(Participant, person.id).admission == "admitted"


def test_only_waiting_people_are_admitted(room):
    parent = room.person("parent")
    assert room.refused(room.chair, "admit_participant", participant_id=parent.id).code == "not_waiting"


def test_removing_a_person_revokes_their_token(room):
    parent = room.person("parent")
    room.run(room.chair, "remove_participant", participant_id=parent.id)
    row = room.session.get(Participant, parent.id)
    assert (row.admission, row.token_hash, row.attendance) == ("removed", None, "left")


def test_the_chair_cannot_remove_themselves(room):
    assert room.refused(room.chair, "remove_participant", participant_id=room.chair.id).code == "self"


def test_declining_revokes_the_token(room):
    person = room.waiting("supporter", "Bethan Jones")
    room.run(room.chair, "decline_participant", participant_id=person.id)
    assert room.session.get(Participant, person.id).token_hash is None


def test_attendance_recorded_for_someone_without_a_device(room):
    ack = room.run(
        room.chair, "record_attendance", attendance="report_only", name="Dr Rhys", role="practitioner"
    )
    person = room.session.get(Participant, ack["participant_id"])
    assert (person.attendance, person.report_provided) == ("report_only", True)


def test_attendance_needs_a_person(room):
    assert room.refused(room.chair, "record_attendance", attendance="apologies").code == "missing_field"


def test_people_of_another_meeting_are_not_found(room):
    assert room.refused(room.chair, "remove_participant", participant_id=99999).code == "not_found"


def test_the_lobby_closes_and_reopens_with_the_same_code(room):
    code = room.meeting.join_code
    room.run(room.chair, "close_lobby")
    room.run(room.chair, "open_lobby")
    assert (room.meeting.lobby_open, room.meeting.join_code) == (True, code)


def test_the_expected_list_grows(room):
    ack = room.run(
        room.chair, "add_expected_participant", name="PC Jones", role="practitioner", agency="Police"
    )
    assert (
        room.session.scalar(select(Participant.admission).where(Participant.id == ack["participant_id"]))
        == "expected"
    )
