"""The commands clients send: for each, the action it needs and how its arguments are checked.

A command arrives as ``{"id": <client id>, "name": <command>, "args": {...}}``. ``parse`` turns the
raw arguments into clean values or raises InvalidCommand; nothing unknown gets through.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import validation as v
from .behaviours import BehaviourStatus, FamilyAgreement, StepProgress
from .errors import N_, InvalidCommand
from .kinds import Attendance, Category, ContributionKind, Language
from .registration import View
from .roles import JOINABLE_ROLES, Role

COMMAND_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")  # used with fullmatch: "$" would let "\n" in
Parser = Callable[[Any, str], Any]


def _text(max_len: int = v.LONG_TEXT, required: bool = True) -> Parser:
    return lambda value, field: v.text(value, field, max_len=max_len, required=required)


def _enum(enum) -> Parser:
    return lambda value, field: v.choice(value, field, enum)


def _role(value: Any, field: str) -> Role:
    role = v.choice(value, field, Role)
    if role not in JOINABLE_ROLES:
        raise InvalidCommand(N_("{field} cannot be {role}."), code="unknown_value", field=field, role=role)
    return role


_ID: Parser = v.identifier
_IDS: Parser = v.id_list
_BOOL: Parser = v.boolean
_INT: Parser = lambda value, field: v.integer(value, field, low=0, high=10)  # noqa: E731
_DATE: Parser = lambda value, field: v.iso_date(value, field, required=False)  # noqa: E731
_CATEGORIES: Parser = lambda value, field: v.choices(value, field, Category)  # noqa: E731
_TITLE = _text(v.SHORT_TEXT)
_OPT_TEXT = _text(required=False)
_OPT_SHORT = _text(v.SHORT_TEXT, required=False)


@dataclass(frozen=True)
class Spec:
    """A command's action (in the permission table), its required and optional arguments."""

    action: str
    required: dict[str, Parser]
    optional: dict[str, Parser]
    # Commands the chair may also send on behalf of a family member without a device.
    on_behalf: bool = False


def _spec(action: str, required=None, optional=None, on_behalf=False) -> Spec:
    return Spec(action, required or {}, optional or {}, on_behalf)


_AREA_FIELDS = {
    "not_good_enough": _OPT_TEXT,
    "good_enough": _OPT_TEXT,
    "family_words": _OPT_TEXT,
    "child_ids": _IDS,
}

COMMANDS: dict[str, Spec] = {
    "open_lobby": _spec("open_lobby"),
    "close_lobby": _spec("close_lobby"),
    "admit_participant": _spec("admit_participant", {"participant_id": _ID}),
    "decline_participant": _spec("decline_participant", {"participant_id": _ID}),
    "remove_participant": _spec("remove_participant", {"participant_id": _ID}),
    "add_expected_participant": _spec(
        "add_expected_participant",
        {"name": _text(120), "role": _role},
        {"agency": _OPT_SHORT, "language": _enum(Language)},
    ),
    "record_attendance": _spec(
        "record_attendance",
        {"attendance": _enum(Attendance)},
        {
            "participant_id": _ID,
            "name": _text(120),
            "role": _role,
            "agency": _OPT_SHORT,
            "report_provided": _BOOL,
        },
    ),
    "add_area": _spec("add_area", {"title": _TITLE}, _AREA_FIELDS),
    "update_area": _spec(
        "update_area",
        {"area_id": _ID},
        {"title": _TITLE, "agreed_wording": _OPT_TEXT, **_AREA_FIELDS},
    ),
    "reorder_areas": _spec("reorder_areas", {"area_ids": _IDS}),
    "remove_area": _spec("remove_area", {"area_id": _ID}),
    "share_area": _spec("share_area", {"area_id": _ID}),
    "set_focus": _spec("set_focus", {"area_id": _ID}),
    "undo_focus": _spec("undo_focus"),
    "start_closed_session": _spec("start_closed_session", optional={"reason": _OPT_SHORT}),
    "end_closed_session": _spec("end_closed_session"),
    "open_scaling_round": _spec("open_scaling_round", {"area_id": _ID}),
    "reveal_scaling_round": _spec("reveal_scaling_round", {"round_id": _ID}),
    "undo_reveal": _spec("undo_reveal", {"round_id": _ID}),
    "agree_scaling_position": _spec(
        "agree_scaling_position", {"round_id": _ID, "value": _INT}, {"rationale": _OPT_TEXT}
    ),
    "record_registration_decision": _spec(
        "record_registration_decision",
        {"child_id": _ID, "decision": _enum(View), "reasons": _text()},
        {"categories": _CATEGORIES, "dissent": _OPT_TEXT, "family_view": _OPT_TEXT},
    ),
    "close_meeting": _spec("close_meeting", {"confirm": _BOOL}),
    "set_behaviour_status": _spec(
        "set_behaviour_status", {"behaviour_id": _ID, "status": _enum(BehaviourStatus)}
    ),
    "update_step": _spec(
        "update_step",
        {"behaviour_id": _ID},
        {"progress": _enum(StepProgress), "who": _OPT_SHORT, "by_when": _DATE},
    ),
    "add_contribution": _spec(
        "add_contribution",
        {"area_id": _ID, "kind": _enum(ContributionKind), "text": _text()},
        {"practitioners_only": _BOOL},
        on_behalf=True,
    ),
    "edit_contribution": _spec(
        "edit_contribution", {"contribution_id": _ID, "text": _text()}, {"practitioners_only": _BOOL}
    ),
    "propose_behaviour": _spec(
        "propose_behaviour",
        {"area_id": _ID, "text": _text(1000)},
        {"who": _OPT_SHORT, "by_when": _DATE},
        on_behalf=True,
    ),
    "edit_behaviour": _spec(
        "edit_behaviour", {"behaviour_id": _ID}, {"text": _text(1000), "who": _OPT_SHORT, "by_when": _DATE}
    ),
    "respond_to_behaviour": _spec(
        "respond_to_behaviour",
        {"behaviour_id": _ID, "answer": _enum(FamilyAgreement)},
        on_behalf=True,
    ),
    "place_position": _spec(
        "place_position", {"round_id": _ID, "value": _INT}, {"reason": _OPT_TEXT}, on_behalf=True
    ),
    "give_registration_view": _spec(
        "give_registration_view",
        {"child_id": _ID, "view": _enum(View)},
        {"categories": _CATEGORIES, "reason": _OPT_TEXT},
        on_behalf=True,
    ),
}


@dataclass(frozen=True)
class Command:
    """A checked command: its client id, name, clean arguments and who it is on behalf of."""

    id: str
    name: str
    args: dict[str, Any]
    on_behalf_of: int | None = None

    @property
    def spec(self) -> Spec:
        """The command's specification."""
        return COMMANDS[self.name]


def parse(raw: Any) -> Command:
    """Check a raw command from a client; raise InvalidCommand for anything malformed or unknown."""
    if not isinstance(raw, dict):
        raise InvalidCommand(N_("A command must be an object."), code="invalid_type")
    command_id, name, args = raw.get("id"), raw.get("name"), raw.get("args", {})
    if not isinstance(command_id, str) or not COMMAND_ID.fullmatch(command_id):
        raise InvalidCommand(N_("A command needs an id of 8-64 letters, digits, - or _."), code="bad_id")
    if not isinstance(name, str) or name not in COMMANDS:
        raise InvalidCommand(N_("Unknown command: {name!r}."), code="unknown_command", name=str(name)[:40])
    if not isinstance(args, dict):
        raise InvalidCommand(N_("A command's args must be an object."), code="invalid_type")
    spec = COMMANDS[name]
    args = dict(args)
    on_behalf_of = args.pop("on_behalf_of", None)
    if on_behalf_of is not None:
        if not spec.on_behalf:
            raise InvalidCommand(
                N_("{name} cannot be recorded on someone's behalf."), code="unknown_field", name=name
            )
        on_behalf_of = v.identifier(on_behalf_of, "on_behalf_of")
    unknown = set(args) - set(spec.required) - set(spec.optional)
    if unknown:
        raise InvalidCommand(N_("Unknown field: {name}."), code="unknown_field", name=sorted(unknown)[0][:40])
    clean: dict[str, Any] = {}
    for field, parser in spec.required.items():
        if field not in args:
            raise InvalidCommand(N_("{field} is required."), code="missing_field", field=field)
        clean[field] = parser(args[field], field)
    for field, parser in spec.optional.items():
        if field in args:
            clean[field] = parser(args[field], field)
    return Command(command_id, name, clean, on_behalf_of)
