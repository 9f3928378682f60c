"""Working-day arithmetic and Wales child protection timescales.

Pure functions over ``datetime.date``: no clock, no I/O. Callers pass in the
dates they care about, so everything here is deterministic and testable.

Bank holidays are those of England and Wales (Wales has no separate list).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

# One-off changes announced by proclamation that no rule can compute.
# Moves: {year: {date the rule gives: date actually observed}}.
_MOVED: dict[int, dict[date, date]] = {
    1995: {date(1995, 5, 1): date(1995, 5, 8)},  # VE Day 50th: early May moved
    2002: {date(2002, 5, 27): date(2002, 6, 4)},  # Golden Jubilee: spring moved
    2012: {date(2012, 5, 28): date(2012, 6, 4)},  # Diamond Jubilee: spring moved
    2020: {date(2020, 5, 4): date(2020, 5, 8)},  # VE Day 75th: early May moved
    2022: {date(2022, 5, 30): date(2022, 6, 2)},  # Platinum Jubilee: spring moved
}
# Extra days granted on top of the usual eight.
_EXTRA: frozenset[date] = frozenset(
    {
        date(1999, 12, 31),  # Millennium
        date(2002, 6, 3),  # Golden Jubilee
        date(2011, 4, 29),  # Wedding of Prince William and Catherine Middleton
        date(2012, 6, 5),  # Diamond Jubilee
        date(2022, 6, 3),  # Platinum Jubilee
        date(2022, 9, 19),  # State funeral of Queen Elizabeth II
        date(2023, 5, 8),  # Coronation of King Charles III
    }
)


def easter_sunday(year: int) -> date:
    """Easter Sunday for ``year`` (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own letter
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=last.weekday())


def _with_substitutes(fixed: list[date]) -> set[date]:
    """Observe fixed-date holidays, moving weekend ones to the next free weekday."""
    # Weekday holidays keep their own date first, so that e.g. Boxing Day on a
    # Monday stays on the 26th and a Sunday Christmas takes Tuesday the 27th.
    observed = {d for d in fixed if d.weekday() < 5}
    for d in fixed:
        if d.weekday() >= 5:
            sub = d
            while sub.weekday() >= 5 or sub in observed:
                sub += timedelta(days=1)
            observed.add(sub)
    return observed


@lru_cache(maxsize=256)  # a handful of years in use at any time
def bank_holidays(year: int) -> frozenset[date]:
    """Bank holidays in England and Wales for ``year``, with substitute days."""
    easter = easter_sunday(year)
    days = {
        easter - timedelta(days=2),  # Good Friday
        easter + timedelta(days=1),  # Easter Monday
        _first_monday(year, 5),  # Early May bank holiday
        _last_monday(year, 5),  # Spring bank holiday
        _last_monday(year, 8),  # Summer bank holiday
    }
    days |= _with_substitutes([date(year, 1, 1)])
    days |= _with_substitutes([date(year, 12, 25), date(year, 12, 26)])
    for original, replacement in _MOVED.get(year, {}).items():
        days.discard(original)
        days.add(replacement)
    days |= {d for d in _EXTRA if d.year == year}
    return frozenset(days)


def is_working_day(d: date) -> bool:
    """True unless ``d`` is a Saturday, Sunday or bank holiday."""
    return d.weekday() < 5 and d not in bank_holidays(d.year)


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (``start`` itself not counted)."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    d = start
    while n:
        d += timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    count = 0
    d = start + timedelta(days=1)
    while d <= end:
        count += is_working_day(d)
        d += timedelta(days=1)
    return count


def add_months(d: date, months: int) -> date:
    """Same day-of-month ``months`` later, clamped to the end of a shorter month."""
    year, month0 = divmod(d.year * 12 + d.month - 1 + months, 12)
    month = month0 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def previous_working_day_or_same(d: date) -> date:
    """``d`` if it is a working day, else the nearest working day before it."""
    # Timescales are maxima ("within", "at least every"), so a deadline that
    # falls on a non-working day must come earlier, never later.
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d


# --- Wales timescales -------------------------------------------------------
# Source: Wales Safeguarding Procedures (2019), Children at risk, section 3
# part 2, under Working Together to Safeguard People (Welsh Government).


def initial_conference_due(strategy_discussion: date) -> date:
    """ICPC within 15 working days of the (last) strategy discussion."""
    return add_working_days(strategy_discussion, 15)


def first_core_group_due(registration: date) -> date:
    """First core group within 10 working days of registration at the ICPC."""
    return add_working_days(registration, 10)


def next_core_group_due(previous_core_group: date) -> date:
    """Core group meets at least every 6 weeks: 42 days on, rolled back to a working day."""
    return previous_working_day_or_same(previous_core_group + timedelta(days=42))


def first_review_due(initial_conference: date) -> date:
    """First review within 3 months of the ICPC, rolled back to a working day."""
    return previous_working_day_or_same(add_months(initial_conference, 3))


def next_review_due(previous_review: date) -> date:
    """Later reviews at intervals of no more than 6 months, rolled back to a working day."""
    return previous_working_day_or_same(add_months(previous_review, 6))


def summary_due(meeting_date: date) -> date:
    """Outline plan and summary of decisions circulated within 5 working days."""
    return add_working_days(meeting_date, 5)


def record_due(meeting_date: date) -> date:
    """Full meeting record distributed within 20 working days."""
    return add_working_days(meeting_date, 20)


MEETING_KINDS = ("initial_conference", "review_conference", "core_group")


def due_dates(kind: str, meeting_date: date, registered: bool) -> dict[str, date]:
    """Follow-on due dates for a meeting of ``kind`` that closed on ``meeting_date``."""
    if kind not in MEETING_KINDS:
        raise ValueError(f"unknown meeting kind {kind!r}; expected one of {MEETING_KINDS}")
    dues = {
        "summary_due": summary_due(meeting_date),
        "record_due": record_due(meeting_date),
    }
    if kind == "core_group":
        # A core group only exists while the child is registered, so the next
        # one is always due regardless of the flag.
        dues["next_core_group_due"] = next_core_group_due(meeting_date)
    elif registered:
        dues["first_core_group_due"] = first_core_group_due(meeting_date)
        review = first_review_due if kind == "initial_conference" else next_review_due
        dues["next_review_due"] = review(meeting_date)
    return dues
