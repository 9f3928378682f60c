"""Behaviours that would show care is good enough, the family's agreement, and Core Group steps."""

from enum import StrEnum

from .errors import N_, Conflict, NotAllowed
from .roles import may


class BehaviourStatus(StrEnum):
    """A behaviour is proposed, then agreed by the meeting, or withdrawn."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    WITHDRAWN = "withdrawn"


class FamilyAgreement(StrEnum):
    """A family member's answer to a behaviour."""

    AGREED = "agreed"
    NOT_AGREED = "not_agreed"
    NOT_ASKED = "not_asked"


class StepProgress(StrEnum):
    """How a step of the plan is going, updated at each Core Group."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_DONE = "not_done"


def check_respond(status: str) -> None:
    """The family answers behaviours still on the table, not withdrawn ones."""
    if status == BehaviourStatus.WITHDRAWN:
        raise Conflict(N_("That behaviour was withdrawn."), code="withdrawn")


def check_edit(status: str) -> None:
    """A withdrawn behaviour is kept for the record but not edited."""
    if status == BehaviourStatus.WITHDRAWN:
        raise Conflict(N_("That behaviour was withdrawn."), code="withdrawn")


def check_reword(status: str, role: str, *, proposer: bool) -> None:
    """Who may change a behaviour's wording, who helps or by when: its proposer while the meeting has
    not agreed it; the chair (or a co-chair) and the minute-taker at any time. Once agreed, a change
    is a correction by those who run the meeting, not the proposer's second thoughts. A withdrawn
    behaviour is changed by nobody."""
    tidies = may(role, "update_area")
    if not (proposer or tidies):
        raise NotAllowed(N_("Only its proposer, the chair or the minute-taker can change a behaviour."))
    check_edit(status)
    if status == BehaviourStatus.AGREED and not tidies:
        raise NotAllowed(
            N_(
                "The meeting has agreed this behaviour: only the chair or the minute-taker can change it now."
            ),
            code="agreed",
        )


def family_agreement(answers: list[str]) -> FamilyAgreement:
    """The family's overall answer: agreed only when every family member who answered agreed."""
    given = [a for a in answers if a != FamilyAgreement.NOT_ASKED]
    if not given:
        return FamilyAgreement.NOT_ASKED
    if all(a == FamilyAgreement.AGREED for a in given):
        return FamilyAgreement.AGREED
    return FamilyAgreement.NOT_AGREED
