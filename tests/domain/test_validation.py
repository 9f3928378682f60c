"""Checks on the values that arrive in commands: types, lengths, ranges and enums."""

from datetime import date

import pytest

from meeting.domain import validation as v
from meeting.domain.errors import InvalidCommand
from meeting.domain.kinds import Category, Language


def refused(fn, *args, **kwargs) -> str:
    """Call a check that must refuse; return the refusal's code."""
    with pytest.raises(InvalidCommand) as error:
        fn(*args, **kwargs)
    return error.value.code


# --- text --------------------------------------------------------------------


def test_text_is_stripped():
    assert v.text("  worry  ", "text") == "worry"


@pytest.mark.parametrize("value", [None, 5, 1.5, True, ["a"], {"a": 1}, b"bytes"])
def test_required_text_of_another_type_is_refused(value):
    assert refused(v.text, value, "text") == "invalid_type"


@pytest.mark.parametrize("value", ["", "   ", "\n\t"])
def test_required_text_cannot_be_empty(value):
    assert refused(v.text, value, "text") == "empty_text"


@pytest.mark.parametrize("value", [None, "", "  "])
def test_optional_text_may_be_empty(value):
    assert v.text(value, "text", required=False) == ""


def test_ten_thousand_characters_are_too_long():
    assert refused(v.text, "x" * 10_000, "text") == "too_long"


def test_text_at_the_limit_is_accepted():
    assert len(v.text("x" * v.LONG_TEXT, "text")) == v.LONG_TEXT


def test_text_one_over_the_limit_is_too_long():
    assert refused(v.text, "x" * (v.LONG_TEXT + 1), "text") == "too_long"


def test_short_text_has_its_own_limit():
    assert refused(v.text, "x" * (v.SHORT_TEXT + 1), "title", max_len=v.SHORT_TEXT) == "too_long"


def test_optional_text_is_still_limited():
    assert refused(v.text, "x" * 10_000, "text", required=False) == "too_long"


# --- numbers, ids, flags -----------------------------------------------------


@pytest.mark.parametrize("value", [True, False, "5", 5.0, None, [5]])
def test_integer_refuses_bools_strings_and_floats(value):
    assert refused(v.integer, value, "value") == "invalid_type"


@pytest.mark.parametrize("value", [-1, 11])
def test_integer_outside_its_range_is_refused(value):
    assert refused(v.integer, value, "value", low=0, high=10) == "out_of_range"


@pytest.mark.parametrize("value", [0, 10])
def test_integer_at_the_ends_of_its_range_is_accepted(value):
    assert v.integer(value, "value", low=0, high=10) == value


@pytest.mark.parametrize("value", [0, -3, 2**53 + 1])
def test_identifier_must_be_a_positive_id(value):
    assert refused(v.identifier, value, "area_id") == "out_of_range"


@pytest.mark.parametrize("value", ["7", "1; drop table", 7.0, True, None])
def test_identifier_of_another_type_is_refused(value):
    assert refused(v.identifier, value, "area_id") == "invalid_type"


@pytest.mark.parametrize("value", [True, False])
def test_boolean_accepts_bools(value):
    assert v.boolean(value, "flag") is value


@pytest.mark.parametrize("value", [1, 0, "true", None, "yes"])
def test_boolean_refuses_ints_and_strings(value):
    assert refused(v.boolean, value, "flag") == "invalid_type"


# --- enums -------------------------------------------------------------------


def test_choice_returns_the_member():
    assert v.choice("cy", "language", Language) is Language.CY


@pytest.mark.parametrize("value", ["fr", "EN", "", None, 1, True, ["en"], {"en": 1}])
def test_choice_refuses_unknown_values(value):
    assert refused(v.choice, value, "language", Language) == "unknown_value"


def test_choices_keeps_order_and_drops_repeats():
    got = v.choices(["neglect", "physical", "neglect"], "categories", Category)
    assert got == [Category.NEGLECT, Category.PHYSICAL]


def test_choices_refuses_an_unknown_member():
    assert refused(v.choices, ["neglect", "spiritual"], "categories", Category) == "unknown_value"


@pytest.mark.parametrize("value", ["neglect", None, {"neglect": True}, ["neglect"] * 21])
def test_choices_must_be_a_short_list(value):
    assert refused(v.choices, value, "categories", Category) == "invalid_type"


def test_id_list_accepts_distinct_ids():
    assert v.id_list([3, 1, 2], "area_ids") == [3, 1, 2]


def test_id_list_refuses_a_repeated_id():
    assert refused(v.id_list, [1, 1], "area_ids") == "duplicate"


@pytest.mark.parametrize("value", [[1, "2"], [1, True]])
def test_id_list_refuses_non_ids(value):
    assert refused(v.id_list, value, "area_ids") == "invalid_type"


@pytest.mark.parametrize("value", [1, "1,2", None, list(range(1, 202))])
def test_id_list_must_be_a_list_of_reasonable_length(value):
    assert refused(v.id_list, value, "area_ids") == "invalid_type"


# --- dates -------------------------------------------------------------------


def test_iso_date_parses():
    assert v.iso_date("2026-12-14", "by_when") == date(2026, 12, 14)


@pytest.mark.parametrize("value", ["2026-13-01", "14/12/2026", "soon"])
def test_iso_date_refuses_other_formats(value):
    assert refused(v.iso_date, value, "by_when") == "invalid_date"


@pytest.mark.parametrize("value", [20261214, ["2026-12-14"]])
def test_iso_date_refuses_other_types(value):
    assert refused(v.iso_date, value, "by_when") == "invalid_type"


@pytest.mark.parametrize("value", [None, ""])
def test_optional_date_may_be_empty(value):
    assert v.iso_date(value, "by_when", required=False) is None
