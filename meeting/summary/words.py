"""The words of a summary in the locale in force: catalogue lookups, dates, ages, roles, labels."""

from contextvars import ContextVar
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_date
from babel.dates import format_time as babel_time
from flask_babel import get_locale, get_translations
from flask_babel import gettext as flask_gettext

from .. import labels
from .build import FAMILY, ChildSection, Summary

LONDON = ZoneInfo("Europe/London")


class _WordsInForce:
    """The catalogue of the locale in force, looked up once per layout rather than once a string
    (a three-hour meeting has thousands of labels)."""

    def __init__(self):
        self.translations = get_translations()
        self.locale = _babel_locale(str(get_locale() or "en"))
        self.cache: dict[str, str] = {}
        self.tables: dict[int, dict[str, str]] = {}


_in_force: ContextVar[_WordsInForce | None] = ContextVar("summary_words", default=None)


def _(msgid: str, **variables) -> str:
    """gettext (the catalogues, through Flask-Babel), cached for the layout being written."""
    state = _in_force.get()
    if state is None:
        return flask_gettext(msgid, **variables)
    text = state.cache.get(msgid)
    if text is None:
        text = state.cache[msgid] = state.translations.ugettext(msgid)
    return text % variables if variables else text


def _babel_locale(locale: str) -> str:
    # British English dates and times ("1 December 2026", "09:30") unless Welsh is in force.
    return "en_GB" if locale.startswith("en") else locale


def _locale() -> str:
    state = _in_force.get()
    return state.locale if state is not None else _babel_locale(str(get_locale() or "en"))


@lru_cache(maxsize=4096)
def _day(value: date, locale: str) -> str:
    return babel_date(value, "long", locale=locale)


@lru_cache(maxsize=8192)
def _clock(value: datetime, locale: str) -> str:
    return babel_time(value, "short", tzinfo=LONDON, locale=locale)


def day(value: date | None) -> str:
    """A date in words, in the locale in force."""
    return _day(value, _locale()) if value else ""


def clock(value: datetime | None) -> str:
    """A time of day in Wales, in the locale in force."""
    return _clock(value, _locale()) if value is not None else ""


def _label(table: dict, value) -> str:
    """A domain value's word (``labels``), each table translated once per layout."""
    state = _in_force.get()
    if state is None:
        return labels.label(table, value)
    words = state.tables.get(id(table))
    if words is None:
        words = state.tables[id(table)] = {k: str(v) for k, v in table.items()}
    return words.get(str(value), str(value))


def _age(years: int | None, months: int | None) -> str:
    if years:
        return _("%(n)s years", n=years) if years != 1 else _("1 year")
    if months is not None:
        return _("%(n)s months", n=months) if months != 1 else _("1 month")
    return ""


def _kind(kind: str | None) -> str:
    return _label(labels.KINDS, kind) if kind else ""


def _role(role: str, agency: str, is_family: bool) -> str:
    if agency:
        return f"{_label(labels.ROLES, role)}, {agency}"
    return _label(labels.ROLES, role)


def _categories(categories) -> str:
    return ", ".join(_label(labels.CATEGORIES, c) for c in categories)


class _Words:
    """The words of one copy: plain words for the family, statutory terms for practitioners."""

    def __init__(self, summary: Summary):
        self.s = summary
        self.family = summary.copy == FAMILY

    def pick(self, full: str, family: str) -> str:
        return family if self.family else full

    def attendance(self, status: str, left_at: datetime | None) -> str:
        words = {
            "present": _("Present"),
            "apologies": _("Sent apologies"),
            "report_only": _("Sent a report, not present"),
            "left": _("Left the meeting"),
            "removed": _("Asked to leave the meeting"),
            "not_attended": _("Invited, did not attend"),
        }
        text = words.get(status, status)
        if status in ("left", "removed") and left_at is not None:
            text = _("%(what)s at %(time)s", what=text, time=clock(left_at))
        return text

    def view(self, view: str) -> str:
        if self.family:
            return {
                "register": _("Name on the register"),
                "do_not_register": _("Name not on the register"),
                "unsure": _("Not sure"),
            }.get(view, view)
        return {
            "register": _("Register"),
            "do_not_register": _("Do not register"),
            "unsure": _("Unsure"),
        }.get(view, view)

    def decision(self, child: ChildSection) -> str:
        if child.decision is None:
            return self.pick(_("No decision was recorded."), _("No decision was written down."))
        if self.family:
            if child.decision == "register":
                return _("%(name)s's name goes on the child protection register.", name=child.name)
            return _("%(name)s's name does not go on the child protection register.", name=child.name)
        if child.decision == "register":
            return _("Register: %(name)s's name is placed on the child protection register.", name=child.name)
        return _(
            "Do not register: %(name)s's name is not placed on the child protection register.",
            name=child.name,
        )

    def behaviour_status(self, status: str) -> str:
        return {
            "agreed": _("Agreed"),
            "proposed": _("Proposed, not agreed"),
            "withdrawn": _("Withdrawn"),
        }.get(status, status)

    def agreement(self, agreement: str) -> str:
        if self.family:
            return {
                "agreed": _("You agreed"),
                "not_agreed": _("You did not agree yet"),
                "not_asked": _("Not asked"),
            }[agreement]
        return {
            "agreed": _("Family agreed"),
            "not_agreed": _("Family did not agree"),
            "not_asked": _("Not asked"),
        }[agreement]

    def answer(self, answer: str) -> str:
        return {"agreed": _("agreed"), "not_agreed": _("did not agree yet"), "not_asked": _("not asked")}.get(
            answer, answer
        )

    def progress(self, progress: str) -> str:
        return {
            "not_started": _("Not started"),
            "in_progress": _("In progress"),
            "done": _("Done"),
            "not_done": _("Not done"),
        }.get(progress, progress)

    def evidence_kind(self, kind: str) -> str:
        if self.family:
            return {
                "worry": _("What we are worried about"),
                "strength": _("What is working well"),
                "evidence": _("What has happened"),
                "family_words": _("In the family's own words"),
            }.get(kind, kind)
        return _label(labels.CONTRIBUTION_KINDS, kind)

    def due(self, key: str) -> str:
        if self.family:
            return {
                "summary_due": _("We send you this summary and the outline plan by"),
                "record_due": _("We send you the full record of the meeting by"),
                "first_core_group_due": _("The first core group meets by"),
                "next_core_group_due": _("The next core group meets by"),
                "next_review_due": _("The next review conference is by"),
            }.get(key, key)
        return {
            "summary_due": _("Summary and outline plan due (5 working days)"),
            "record_due": _("Full record due (20 working days)"),
            "first_core_group_due": _("First core group due (within 10 working days)"),
            "next_core_group_due": _("Next core group due (at least every 6 weeks)"),
            "next_review_due": _("Next review conference due"),
        }.get(key, key)
