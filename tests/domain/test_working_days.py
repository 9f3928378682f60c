"""Tests for meeting.domain.working_days.

Weekday anchors used in the hand calculations below:
1 Jan 2026 is a Thursday, 1 Jan 2027 a Friday, 1 Jan 2028 a Saturday.
"""

from datetime import date, timedelta

import pytest

from meeting.domain import working_days as wd

D = date


# --- Easter -------------------------------------------------------------------


@pytest.mark.parametrize(
    "year, expected",
    [
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2028, D(2028, 4, 16)),
        (2029, D(2029, 4, 1)),
        (2030, D(2030, 4, 21)),
    ],
)
def test_easter_sunday(year, expected):
    assert wd.easter_sunday(year) == expected


def test_easter_sunday_is_always_a_sunday():
    assert all(wd.easter_sunday(y).weekday() == 6 for y in range(1900, 2100))


# --- Bank holiday sets --------------------------------------------------------


@pytest.mark.parametrize(
    "year, expected",
    [
        # 2019: nothing unusual.
        (
            2019,
            {
                D(2019, 1, 1),
                D(2019, 4, 19),
                D(2019, 4, 22),
                D(2019, 5, 6),
                D(2019, 5, 27),
                D(2019, 8, 26),
                D(2019, 12, 25),
                D(2019, 12, 26),
            },
        ),
        # 2020: early May moved to Fri 8 May (VE Day); Boxing Day Sat -> Mon 28.
        (
            2020,
            {
                D(2020, 1, 1),
                D(2020, 4, 10),
                D(2020, 4, 13),
                D(2020, 5, 8),
                D(2020, 5, 25),
                D(2020, 8, 31),
                D(2020, 12, 25),
                D(2020, 12, 28),
            },
        ),
        # 2021: Christmas Sat, Boxing Day Sun -> Mon 27 and Tue 28.
        (
            2021,
            {
                D(2021, 1, 1),
                D(2021, 4, 2),
                D(2021, 4, 5),
                D(2021, 5, 3),
                D(2021, 5, 31),
                D(2021, 8, 30),
                D(2021, 12, 27),
                D(2021, 12, 28),
            },
        ),
        # 2022: New Year Sat -> Mon 3 Jan; spring moved to Thu 2 Jun plus Fri 3
        # Jun (jubilee); Mon 19 Sep funeral; Christmas Sun -> Boxing Day Mon 26
        # keeps its date and Christmas is substituted on Tue 27.
        (
            2022,
            {
                D(2022, 1, 3),
                D(2022, 4, 15),
                D(2022, 4, 18),
                D(2022, 5, 2),
                D(2022, 6, 2),
                D(2022, 6, 3),
                D(2022, 8, 29),
                D(2022, 9, 19),
                D(2022, 12, 26),
                D(2022, 12, 27),
            },
        ),
        # 2023: New Year Sun -> Mon 2 Jan; coronation Mon 8 May.
        (
            2023,
            {
                D(2023, 1, 2),
                D(2023, 4, 7),
                D(2023, 4, 10),
                D(2023, 5, 1),
                D(2023, 5, 8),
                D(2023, 5, 29),
                D(2023, 8, 28),
                D(2023, 12, 25),
                D(2023, 12, 26),
            },
        ),
        (
            2024,
            {
                D(2024, 1, 1),
                D(2024, 3, 29),
                D(2024, 4, 1),
                D(2024, 5, 6),
                D(2024, 5, 27),
                D(2024, 8, 26),
                D(2024, 12, 25),
                D(2024, 12, 26),
            },
        ),
        (
            2025,
            {
                D(2025, 1, 1),
                D(2025, 4, 18),
                D(2025, 4, 21),
                D(2025, 5, 5),
                D(2025, 5, 26),
                D(2025, 8, 25),
                D(2025, 12, 25),
                D(2025, 12, 26),
            },
        ),
        # 2026: Boxing Day is a Saturday -> substitute Mon 28 Dec.
        (
            2026,
            {
                D(2026, 1, 1),
                D(2026, 4, 3),
                D(2026, 4, 6),
                D(2026, 5, 4),
                D(2026, 5, 25),
                D(2026, 8, 31),
                D(2026, 12, 25),
                D(2026, 12, 28),
            },
        ),
        # 2027: Christmas Sat, Boxing Day Sun -> Mon 27 and Tue 28.
        (
            2027,
            {
                D(2027, 1, 1),
                D(2027, 3, 26),
                D(2027, 3, 29),
                D(2027, 5, 3),
                D(2027, 5, 31),
                D(2027, 8, 30),
                D(2027, 12, 27),
                D(2027, 12, 28),
            },
        ),
    ],
)
def test_bank_holidays_full_year(year, expected):
    assert wd.bank_holidays(year) == frozenset(expected)


@pytest.mark.parametrize(
    "holiday",
    [
        D(1999, 12, 31),  # millennium
        D(2011, 4, 29),  # royal wedding
        D(2012, 6, 4),  # moved spring bank holiday
        D(2012, 6, 5),  # diamond jubilee
        D(2020, 5, 8),  # VE Day 75
        D(2022, 6, 2),  # moved spring bank holiday
        D(2022, 6, 3),  # platinum jubilee
        D(2022, 9, 19),  # state funeral
        D(2023, 5, 8),  # coronation
    ],
)
def test_one_off_holidays_are_included(holiday):
    assert holiday in wd.bank_holidays(holiday.year)


@pytest.mark.parametrize(
    "not_holiday",
    [
        D(2012, 5, 28),  # last Monday of May 2012, moved to 4 June
        D(2020, 5, 4),  # first Monday of May 2020, moved to 8 May
        D(2022, 5, 30),  # last Monday of May 2022, moved to 2 June
    ],
)
def test_moved_holidays_leave_their_rule_date_as_a_working_day(not_holiday):
    assert not_holiday not in wd.bank_holidays(not_holiday.year)
    assert wd.is_working_day(not_holiday)


@pytest.mark.parametrize(
    "year, substitute",
    [
        (2022, D(2022, 1, 3)),  # 1 Jan 2022 Saturday
        (2023, D(2023, 1, 2)),  # 1 Jan 2023 Sunday
        (2028, D(2028, 1, 3)),  # 1 Jan 2028 Saturday
        (2033, D(2033, 1, 3)),  # 1 Jan 2033 Saturday
        (2034, D(2034, 1, 2)),  # 1 Jan 2034 Sunday
    ],
)
def test_new_year_substitute_monday(year, substitute):
    holidays = wd.bank_holidays(year)
    assert substitute in holidays
    assert D(year, 1, 1) not in holidays


def test_bank_holidays_are_always_weekdays():
    for year in range(1990, 2060):
        assert all(d.weekday() < 5 for d in wd.bank_holidays(year)), year


def test_bank_holidays_are_cached_per_year():
    assert wd.bank_holidays(2026) is wd.bank_holidays(2026)


# --- is_working_day -----------------------------------------------------------


@pytest.mark.parametrize(
    "day, expected",
    [
        (D(2026, 1, 12), True),  # Monday
        (D(2026, 1, 16), True),  # Friday
        (D(2026, 1, 17), False),  # Saturday
        (D(2026, 1, 18), False),  # Sunday
        (D(2026, 4, 3), False),  # Good Friday
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 12, 28), False),  # Boxing Day substitute
        (D(2026, 12, 29), True),
    ],
)
def test_is_working_day(day, expected):
    assert wd.is_working_day(day) is expected


# --- add_working_days ---------------------------------------------------------


@pytest.mark.parametrize(
    "start, n, expected",
    [
        # Weekends: Fri 9 Jan 2026 + 1 skips Sat/Sun to Mon 12.
        (D(2026, 1, 9), 1, D(2026, 1, 12)),
        # Starting on a Saturday: the next working day is Monday.
        (D(2026, 1, 10), 1, D(2026, 1, 12)),
        # Mon 12 Jan + 5 is a full week: Mon 19 Jan.
        (D(2026, 1, 12), 5, D(2026, 1, 19)),
        # Easter 2026: Fri 3 Apr and Mon 6 Apr are holidays, so Thu 2 Apr + 1
        # skips Fri, Sat, Sun, Mon and lands on Tue 7 Apr; + 2 is Wed 8 Apr.
        (D(2026, 4, 1), 1, D(2026, 4, 2)),
        (D(2026, 4, 2), 1, D(2026, 4, 7)),
        (D(2026, 4, 2), 2, D(2026, 4, 8)),
        # Starting on Good Friday itself: next working day is Tue 7 Apr.
        (D(2026, 4, 3), 1, D(2026, 4, 7)),
        # Easter 2027: Fri 26 Mar and Mon 29 Mar are holidays; Thu 25 Mar + 1
        # is Tue 30 Mar.
        (D(2027, 3, 25), 1, D(2027, 3, 30)),
        # Christmas 2026: Fri 25 H, Sat, Sun, Mon 28 H, so Thu 24 Dec + 1 is
        # Tue 29. + 5: Tue 29 (1), Wed 30 (2), Thu 31 (3), Fri 1 Jan H, Sat,
        # Sun, Mon 4 Jan (4), Tue 5 Jan (5).
        (D(2026, 12, 24), 1, D(2026, 12, 29)),
        (D(2026, 12, 24), 5, D(2027, 1, 5)),
        # Christmas 2027: Sat 25, Sun 26, Mon 27 H, Tue 28 H, so Fri 24 Dec + 1
        # is Wed 29. + 3 is Fri 31. + 4: Sat 1 Jan 2028, Sun 2, Mon 3 (New
        # Year substitute), so Tue 4 Jan 2028.
        (D(2027, 12, 24), 1, D(2027, 12, 29)),
        (D(2027, 12, 24), 3, D(2027, 12, 31)),
        (D(2027, 12, 24), 4, D(2028, 1, 4)),
    ],
)
def test_add_working_days(start, n, expected):
    assert wd.add_working_days(start, n) == expected


@pytest.mark.parametrize("start", [D(2026, 1, 12), D(2026, 1, 17), D(2026, 4, 3)])
def test_add_zero_working_days_returns_start_even_if_not_working(start):
    assert wd.add_working_days(start, 0) == start


def test_add_negative_working_days_raises():
    with pytest.raises(ValueError):
        wd.add_working_days(D(2026, 1, 12), -1)


# --- working_days_between -----------------------------------------------------


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (D(2026, 1, 9), D(2026, 1, 12), 1),  # Fri -> Mon
        (D(2026, 1, 12), D(2026, 1, 19), 5),  # one week
        (D(2026, 4, 2), D(2026, 4, 7), 1),  # across Easter 2026
        (D(2026, 12, 24), D(2027, 1, 5), 5),  # across Christmas 2026
        (D(2027, 12, 24), D(2028, 1, 4), 4),  # across Christmas 2027
        (D(2026, 1, 17), D(2026, 1, 18), 0),  # Sat -> Sun
    ],
)
def test_working_days_between(start, end, expected):
    assert wd.working_days_between(start, end) == expected


@pytest.mark.parametrize("start, end", [(D(2026, 1, 12), D(2026, 1, 12)), (D(2026, 1, 19), D(2026, 1, 12))])
def test_working_days_between_is_zero_when_end_not_after_start(start, end):
    assert wd.working_days_between(start, end) == 0


@pytest.mark.parametrize("n", [0, 1, 4, 5, 15, 20, 60])
def test_working_days_between_inverts_add_working_days(n):
    # Every start day from mid-December 2026 to mid-January 2027 crosses the
    # awkward Christmas/New Year stretch.
    for offset in range(35):
        start = D(2026, 12, 10) + timedelta(days=offset)
        assert wd.working_days_between(start, wd.add_working_days(start, n)) == n


# --- add_months ---------------------------------------------------------------


@pytest.mark.parametrize(
    "d, months, expected",
    [
        (D(2026, 1, 15), 3, D(2026, 4, 15)),
        (D(2026, 11, 15), 3, D(2027, 2, 15)),  # across a year end
        (D(2026, 11, 30), 3, D(2027, 2, 28)),  # clamped
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # clamped, leap year
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 3, 31), 0, D(2026, 3, 31)),
    ],
)
def test_add_months(d, months, expected):
    assert wd.add_months(d, months) == expected


# --- Wales timescales ---------------------------------------------------------


@pytest.mark.parametrize(
    "strategy, expected",
    [
        # Three clear weeks, no holidays.
        (D(2026, 1, 12), D(2026, 2, 2)),
        # Wed 25 Mar 2026: Mar 26, 27, 30, 31, Apr 1, 2 (6), skip Easter
        # Fri 3 - Mon 6, Apr 7-10 (10), Apr 13-17 (15) -> Fri 17 Apr.
        (D(2026, 3, 25), D(2026, 4, 17)),
    ],
)
def test_initial_conference_due(strategy, expected):
    assert wd.initial_conference_due(strategy) == expected


@pytest.mark.parametrize(
    "registration, expected",
    [
        (D(2026, 1, 12), D(2026, 1, 26)),
        # Fri 18 Dec 2026: Dec 21-24 (4), skip 25-28, Dec 29-31 (7), skip
        # 1-3 Jan, Jan 4-6 (10) -> Wed 6 Jan 2027.
        (D(2026, 12, 18), D(2027, 1, 6)),
    ],
)
def test_first_core_group_due(registration, expected):
    assert wd.first_core_group_due(registration) == expected


@pytest.mark.parametrize(
    "previous, expected",
    [
        (D(2026, 1, 12), D(2026, 2, 23)),  # plain six weeks, Mon -> Mon
        # Mon 13 Apr + 42 = Mon 25 May (spring bank holiday) -> Fri 22 May.
        (D(2026, 4, 13), D(2026, 5, 22)),
        # Mon 23 Feb + 42 = Easter Monday 6 Apr; back past Sun, Sat and Good
        # Friday -> Thu 2 Apr.
        (D(2026, 2, 23), D(2026, 4, 2)),
        # A Saturday meeting: + 42 is a Saturday -> Fri 20 Feb.
        (D(2026, 1, 10), D(2026, 2, 20)),
    ],
)
def test_next_core_group_due_is_never_later_than_six_weeks(previous, expected):
    assert wd.next_core_group_due(previous) == expected
    assert expected - previous <= timedelta(days=42)


@pytest.mark.parametrize(
    "initial, expected",
    [
        (D(2026, 1, 15), D(2026, 4, 15)),  # Wed, unchanged
        (D(2026, 1, 12), D(2026, 4, 10)),  # Sun 12 Apr -> Fri 10 Apr
        # Sun 5 Apr is Easter Day: back past Sat and Good Friday -> Thu 2 Apr.
        (D(2026, 1, 5), D(2026, 4, 2)),
        (D(2025, 11, 28), D(2026, 2, 27)),  # Sat 28 Feb -> Fri 27 Feb
        (D(2027, 11, 30), D(2028, 2, 29)),  # clamped to leap day, a Tuesday
    ],
)
def test_first_review_due(initial, expected):
    assert wd.first_review_due(initial) == expected


@pytest.mark.parametrize(
    "previous, expected",
    [
        (D(2026, 4, 15), D(2026, 10, 15)),  # Thu, unchanged
        # 31 Aug -> clamped to Sun 28 Feb 2027 -> Fri 26 Feb.
        (D(2026, 8, 31), D(2027, 2, 26)),
        # Fri 25 Dec 2026 is Christmas -> Thu 24 Dec.
        (D(2026, 6, 25), D(2026, 12, 24)),
        # Sat 26 Dec -> back past Christmas -> Thu 24 Dec.
        (D(2026, 6, 26), D(2026, 12, 24)),
    ],
)
def test_next_review_due(previous, expected):
    assert wd.next_review_due(previous) == expected


@pytest.mark.parametrize(
    "meeting, expected",
    [(D(2026, 1, 12), D(2026, 1, 19)), (D(2026, 12, 24), D(2027, 1, 5))],
)
def test_summary_due(meeting, expected):
    assert wd.summary_due(meeting) == expected


@pytest.mark.parametrize(
    "meeting, expected",
    [
        (D(2026, 1, 12), D(2026, 2, 9)),  # four clear weeks
        # Thu 24 Dec 2026: 5 working days is Tue 5 Jan; 15 more is Tue 26 Jan.
        (D(2026, 12, 24), D(2027, 1, 26)),
    ],
)
def test_record_due(meeting, expected):
    assert wd.record_due(meeting) == expected


# --- due_dates ----------------------------------------------------------------


def test_due_dates_initial_conference_registered():
    assert wd.due_dates("initial_conference", D(2026, 1, 12), registered=True) == {
        "summary_due": D(2026, 1, 19),
        "record_due": D(2026, 2, 9),
        "first_core_group_due": D(2026, 1, 26),
        "next_review_due": D(2026, 4, 10),  # 3 months: Sun 12 Apr -> Fri 10 Apr
    }


@pytest.mark.parametrize("kind", ["initial_conference", "review_conference"])
def test_due_dates_conference_not_registered_only_has_paperwork(kind):
    assert wd.due_dates(kind, D(2026, 1, 12), registered=False) == {
        "summary_due": D(2026, 1, 19),
        "record_due": D(2026, 2, 9),
    }


def test_due_dates_review_conference_registered():
    # Wed 15 Apr 2026. +5: Apr 16, 17, 20, 21, 22. +10: Apr 23, 24, 27, 28, 29.
    # +20: Apr 30, May 1 (12), skip Mon 4 May, May 5-8 (16), May 11-14 (20).
    assert wd.due_dates("review_conference", D(2026, 4, 15), registered=True) == {
        "summary_due": D(2026, 4, 22),
        "record_due": D(2026, 5, 14),
        "first_core_group_due": D(2026, 4, 29),
        "next_review_due": D(2026, 10, 15),  # 6 months, not 3
    }


@pytest.mark.parametrize("registered", [True, False])
def test_due_dates_core_group(registered):
    assert wd.due_dates("core_group", D(2026, 1, 12), registered=registered) == {
        "summary_due": D(2026, 1, 19),
        "record_due": D(2026, 2, 9),
        "next_core_group_due": D(2026, 2, 23),
    }


def test_due_dates_unknown_kind_raises():
    with pytest.raises(ValueError):
        wd.due_dates("strategy_meeting", D(2026, 1, 12), registered=True)
