"""Registration: practitioners decide, family give views, categories go with register."""

import pytest

from meeting.domain import registration
from meeting.domain.errors import Conflict, InvalidCommand
from meeting.domain.kinds import Category, MeetingKind
from meeting.domain.registration import View
from meeting.domain.roles import FAMILY_ROLES, Role

PROS = [Role.CHAIR, Role.SOCIAL_WORKER, Role.PRACTITIONER]
NEGLECT = [Category.NEGLECT]


def code(fn, *args, error=InvalidCommand, **kwargs) -> str:
    with pytest.raises(error) as refused:
        fn(*args, **kwargs)
    return refused.value.code


@pytest.mark.parametrize("kind", [MeetingKind.INITIAL_CONFERENCE, MeetingKind.REVIEW_CONFERENCE])
def test_conferences_make_registration_decisions(kind):
    registration.check_conference(kind)


def test_a_core_group_makes_no_registration_decision():
    assert code(registration.check_conference, MeetingKind.CORE_GROUP, error=Conflict) == "not_conference"


@pytest.mark.parametrize("role", sorted(FAMILY_ROLES))
def test_the_family_may_be_unsure(role):
    assert registration.check_view(role, View.UNSURE, []) == []


@pytest.mark.parametrize("role", PROS)
def test_a_practitioner_may_not_be_unsure(role):
    assert code(registration.check_view, role, View.UNSURE, []) == "unknown_value"


@pytest.mark.parametrize("role", PROS)
def test_a_practitioners_view_to_register_names_a_category(role):
    assert code(registration.check_view, role, View.REGISTER, []) == "no_category"


def test_a_practitioners_view_to_register_keeps_its_categories():
    assert registration.check_view(Role.PRACTITIONER, View.REGISTER, NEGLECT) == NEGLECT


def test_the_family_may_say_register_without_categories():
    assert registration.check_view(Role.PARENT, View.REGISTER, []) == []


def test_categories_are_dropped_from_a_view_not_to_register():
    assert registration.check_view(Role.PRACTITIONER, View.DO_NOT_REGISTER, NEGLECT) == []


def decide(decision, categories=(), reasons="Reasons given.", kind=MeetingKind.INITIAL_CONFERENCE):
    registration.check_decision(kind, decision, list(categories), reasons)


def test_a_decision_to_register_with_categories_and_reasons():
    decide(View.REGISTER, NEGLECT)


def test_a_decision_not_to_register_with_reasons():
    decide(View.DO_NOT_REGISTER)


def test_a_decision_to_register_needs_a_category():
    assert code(decide, View.REGISTER) == "no_category"


def test_a_decision_not_to_register_takes_no_category():
    assert code(decide, View.DO_NOT_REGISTER, NEGLECT) == "bad_category"


def test_a_decision_is_never_unsure():
    assert code(decide, View.UNSURE) == "unknown_value"


def test_a_decision_needs_reasons():
    assert code(decide, View.DO_NOT_REGISTER, reasons="") == "empty_text"


def test_a_core_group_cannot_decide():
    assert code(decide, View.DO_NOT_REGISTER, kind=MeetingKind.CORE_GROUP, error=Conflict) == "not_conference"


def test_unknown_categories_are_refused_by_the_command():
    from meeting.domain import validation as v

    assert code(v.choices, ["spiritual"], "categories", Category) == "unknown_value"


def test_the_welsh_five_categories():
    assert {c.value for c in Category} == {"physical", "sexual", "emotional", "neglect", "financial"}


def test_dissenters_are_practitioners_whose_view_differs():
    views = {
        1: (Role.SOCIAL_WORKER, View.REGISTER),
        2: (Role.PRACTITIONER, View.DO_NOT_REGISTER),
        3: (Role.PRACTITIONER, View.REGISTER),
    }
    assert registration.dissenters(View.REGISTER, views) == [2]


def test_family_views_are_never_dissent():
    views = {7: (Role.PARENT, View.DO_NOT_REGISTER), 8: (Role.CHILD, View.UNSURE)}
    assert registration.dissenters(View.REGISTER, views) == []


def test_minute_takers_and_observers_are_never_dissent():
    views = {4: (Role.MINUTE_TAKER, View.DO_NOT_REGISTER), 5: (Role.OBSERVER, View.DO_NOT_REGISTER)}
    assert registration.dissenters(View.REGISTER, views) == []


def test_no_dissent_when_everyone_agrees():
    views = {1: (Role.SOCIAL_WORKER, View.DO_NOT_REGISTER), 2: (Role.CHAIR, View.DO_NOT_REGISTER)}
    assert registration.dissenters(View.DO_NOT_REGISTER, views) == []
