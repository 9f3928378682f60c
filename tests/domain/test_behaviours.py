"""Behaviours: the family's agreement, and what a withdrawn behaviour refuses."""

import pytest

from meeting.domain import behaviours
from meeting.domain.behaviours import BehaviourStatus, FamilyAgreement
from meeting.domain.errors import Conflict

A, N, Q = FamilyAgreement.AGREED, FamilyAgreement.NOT_AGREED, FamilyAgreement.NOT_ASKED


@pytest.mark.parametrize(
    "answers, overall",
    [
        ([], Q),
        ([Q, Q], Q),
        ([A], A),
        ([A, A], A),
        ([A, Q], A),
        ([N], N),
        ([A, N], N),
        ([N, A, Q], N),
    ],
)
def test_family_agreement_is_agreed_only_when_every_answer_given_agrees(answers, overall):
    assert behaviours.family_agreement(answers) is overall


@pytest.mark.parametrize("status", [BehaviourStatus.PROPOSED, BehaviourStatus.AGREED])
def test_the_family_answers_behaviours_still_on_the_table(status):
    behaviours.check_respond(status)


def test_the_family_cannot_answer_a_withdrawn_behaviour():
    with pytest.raises(Conflict) as error:
        behaviours.check_respond(BehaviourStatus.WITHDRAWN)
    assert error.value.code == "withdrawn"


@pytest.mark.parametrize("status", [BehaviourStatus.PROPOSED, BehaviourStatus.AGREED])
def test_behaviours_on_the_table_can_be_edited(status):
    behaviours.check_edit(status)


def test_a_withdrawn_behaviour_is_not_edited():
    with pytest.raises(Conflict) as error:
        behaviours.check_edit(BehaviourStatus.WITHDRAWN)
    assert error.value.code == "withdrawn"
