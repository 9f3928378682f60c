"""Behaviours: the family's agreement, what a withdrawn behaviour refuses, and who rewords one."""

import pytest

from meeting.domain import behaviours
from meeting.domain.behaviours import BehaviourStatus, FamilyAgreement
from meeting.domain.errors import Conflict, NotAllowed

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


# --- who rewords a behaviour --------------------------------------------------------------------

PROPOSED, AGREED, WITHDRAWN = BehaviourStatus.PROPOSED, BehaviourStatus.AGREED, BehaviourStatus.WITHDRAWN


@pytest.mark.parametrize("role", ["social_worker", "practitioner", "chair"])
def test_a_proposer_rewords_their_behaviour_until_the_meeting_agrees_it(role):
    behaviours.check_reword(PROPOSED, role, proposer=True)


@pytest.mark.parametrize("role", ["social_worker", "practitioner"])
def test_a_proposer_does_not_reword_an_agreed_behaviour(role):
    with pytest.raises(NotAllowed) as error:
        behaviours.check_reword(AGREED, role, proposer=True)
    assert (error.value.code, str(error.value)) == (
        "agreed",
        "The meeting has agreed this behaviour: only the chair or the minute-taker can change it now.",
    )


@pytest.mark.parametrize("status", [PROPOSED, AGREED])
@pytest.mark.parametrize("role", ["chair", "minute_taker"])
def test_the_chair_and_minute_taker_reword_any_behaviour_on_the_table(role, status):
    behaviours.check_reword(status, role, proposer=False)


@pytest.mark.parametrize("status", [PROPOSED, AGREED])
def test_another_practitioner_does_not_reword_a_behaviour(status):
    with pytest.raises(NotAllowed) as error:
        behaviours.check_reword(status, "practitioner", proposer=False)
    assert error.value.code == "forbidden"


@pytest.mark.parametrize(
    "role, proposer", [("chair", False), ("minute_taker", False), ("practitioner", True)]
)
def test_nobody_rewords_a_withdrawn_behaviour(role, proposer):
    with pytest.raises(Conflict) as error:
        behaviours.check_reword(WITHDRAWN, role, proposer=proposer)
    assert error.value.code == "withdrawn"
