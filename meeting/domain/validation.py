"""Checks for the values that arrive in commands and forms: types, lengths, ranges and enums."""

from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from .errors import N_, InvalidCommand

SHORT_TEXT = 200
LONG_TEXT = 4000

E = TypeVar("E", bound=StrEnum)


def text(value: Any, field: str, *, max_len: int = LONG_TEXT, required: bool = True) -> str:
    """A stripped string of at most max_len characters; empty only when not required."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InvalidCommand(N_("{field} must be text."), code="invalid_type", field=field)
    value = value.strip()
    if required and not value:
        raise InvalidCommand(N_("{field} cannot be empty."), code="empty_text", field=field)
    if len(value) > max_len:
        raise InvalidCommand(
            N_("{field} is {length} characters; the most allowed is {most}."),
            code="too_long",
            field=field,
            length=len(value),
            most=max_len,
        )
    return value


def integer(value: Any, field: str, *, low: int | None = None, high: int | None = None) -> int:
    """An integer (not a bool) within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidCommand(N_("{field} must be a whole number."), code="invalid_type", field=field)
    if (low is not None and value < low) or (high is not None and value > high):
        raise InvalidCommand(
            N_("{field} must be between {low} and {high}."),
            code="out_of_range",
            field=field,
            low=low,
            high=high,
        )
    return value


def identifier(value: Any, field: str) -> int:
    """A positive database id."""
    return integer(value, field, low=1, high=2**53)


def boolean(value: Any, field: str) -> bool:
    """A true/false flag."""
    if not isinstance(value, bool):
        raise InvalidCommand(N_("{field} must be true or false."), code="invalid_type", field=field)
    return value


def choice(value: Any, field: str, enum: type[E]) -> E:
    """One member of an enum, by value."""
    try:
        return enum(value)
    except (ValueError, TypeError):
        allowed = ", ".join(m.value for m in enum)
        raise InvalidCommand(
            N_("{field} must be one of: {allowed}."), code="unknown_value", field=field, allowed=allowed
        ) from None


def choices(value: Any, field: str, enum: type[E], *, max_items: int = 20) -> list[E]:
    """A list of distinct enum members, in the order given."""
    if not isinstance(value, list) or len(value) > max_items:
        raise InvalidCommand(N_("{field} must be a list."), code="invalid_type", field=field)
    out: list[E] = []
    for item in value:
        member = choice(item, field, enum)
        if member not in out:
            out.append(member)
    return out


def id_list(value: Any, field: str, *, max_items: int = 200) -> list[int]:
    """A list of distinct positive ids."""
    if not isinstance(value, list) or len(value) > max_items:
        raise InvalidCommand(N_("{field} must be a list of ids."), code="invalid_type", field=field)
    ids = [identifier(v, field) for v in value]
    if len(set(ids)) != len(ids):
        raise InvalidCommand(N_("{field} lists an id twice."), code="duplicate", field=field)
    return ids


def iso_date(value: Any, field: str, *, required: bool = True) -> date | None:
    """A date written YYYY-MM-DD."""
    if value in (None, "") and not required:
        return None
    if not isinstance(value, str):
        raise InvalidCommand(N_("{field} must be a date (YYYY-MM-DD)."), code="invalid_type", field=field)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidCommand(
            N_("{field} must be a date (YYYY-MM-DD)."), code="invalid_date", field=field
        ) from None
