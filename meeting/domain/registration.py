"""Registration decisions per child: practitioners give views and decide; families give views."""

from enum import StrEnum

from .errors import N_, Conflict, InvalidCommand
from .kinds import CONFERENCES, Category
from .roles import PRACTITIONER_ROLES, is_family


class View(StrEnum):
    """A view, or a decision, on whether a child's name goes on the register."""

    REGISTER = "register"
    DO_NOT_REGISTER = "do_not_register"
    UNSURE = "unsure"


def check_conference(kind: str) -> None:
    """Only conferences decide on registration; a Core Group carries out the plan."""
    if kind not in CONFERENCES:
        raise Conflict(N_("Only a conference makes registration decisions."), code="not_conference")


def check_view(role: str, view: View, categories: list[Category]) -> list[Category]:
    """Practitioners say register or not; family may also be unsure. Categories go with register."""
    if view == View.UNSURE and not is_family(role):
        raise InvalidCommand(
            N_("A practitioner's view is register or do not register."), code="unknown_value"
        )
    if view != View.REGISTER:
        return []
    if not categories and not is_family(role):
        raise InvalidCommand(N_("Name at least one category for a view to register."), code="no_category")
    return categories


def check_decision(kind: str, decision: View, categories: list[Category], reasons: str) -> None:
    """A decision is register (with categories) or do not register, always with reasons."""
    check_conference(kind)
    if decision == View.UNSURE:
        raise InvalidCommand(N_("A decision is register or do not register."), code="unknown_value")
    if decision == View.REGISTER and not categories:
        raise InvalidCommand(N_("Name at least one category to register."), code="no_category")
    if decision == View.DO_NOT_REGISTER and categories:
        raise InvalidCommand(N_("Categories go with a decision to register."), code="bad_category")
    if not reasons:
        raise InvalidCommand(N_("Give the reasons for the decision."), code="empty_text")


def dissenters(decision: View, views: dict[int, tuple[str, str]]) -> list[int]:
    """Practitioners whose view differs from the decision: their dissent goes on the record."""
    return [pid for pid, (role, view) in views.items() if role in PRACTITIONER_ROLES and view != decision]
