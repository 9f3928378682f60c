"""Scaling rounds: open -> revealed -> agreed, blind until the chair reveals."""

import pytest

from meeting.domain import scaling
from meeting.domain.errors import Conflict, InvalidCommand
from meeting.domain.scaling import RoundStatus

OPEN, REVEALED, AGREED = RoundStatus.OPEN, RoundStatus.REVEALED, RoundStatus.AGREED


def test_a_round_opens_when_the_area_has_none_unfinished():
    assert scaling.check_open(False) is OPEN


def test_a_second_unfinished_round_on_one_area_is_refused():
    with pytest.raises(Conflict) as error:
        scaling.check_open(True)
    assert error.value.code == "round_open"


def test_the_full_life_of_a_round():
    status = scaling.check_open(False)
    status = scaling.reveal(status)
    assert status is REVEALED
    assert scaling.agree(status) is AGREED


def test_undo_reveal_hides_the_values_again():
    assert scaling.undo_reveal(REVEALED) is OPEN


def test_a_round_can_be_revealed_again_after_an_undo():
    assert scaling.reveal(scaling.undo_reveal(REVEALED)) is REVEALED


@pytest.mark.parametrize("status", [REVEALED, AGREED])
def test_only_an_open_round_can_be_revealed(status):
    with pytest.raises(Conflict) as error:
        scaling.reveal(status)
    assert error.value.code == "round_not_open"


@pytest.mark.parametrize("status", [OPEN, AGREED])
def test_only_a_revealed_round_can_be_hidden_again(status):
    with pytest.raises(Conflict) as error:
        scaling.undo_reveal(status)
    assert error.value.code == "round_not_revealed"


@pytest.mark.parametrize("status", [OPEN, AGREED])
def test_only_a_revealed_round_can_be_agreed(status):
    with pytest.raises(Conflict) as error:
        scaling.agree(status)
    assert error.value.code == "round_not_revealed"


def test_positions_are_taken_while_open():
    scaling.check_place(OPEN)


@pytest.mark.parametrize("status", [REVEALED, AGREED])
def test_positions_are_refused_once_revealed_or_agreed(status):
    with pytest.raises(Conflict) as error:
        scaling.check_place(status)
    assert error.value.code == "round_not_open"


@pytest.mark.parametrize("status, visible", [(OPEN, False), (REVEALED, True), (AGREED, True)])
def test_values_are_visible_only_after_the_reveal(status, visible):
    assert scaling.values_visible(status) is visible


@pytest.mark.parametrize("value", [1, 5, 10])
def test_values_on_a_one_to_ten_scale(value):
    assert scaling.check_value(value, 1, 10) == value


@pytest.mark.parametrize("value", [0, 11, -1])
def test_values_outside_the_meetings_range_are_refused(value):
    with pytest.raises(InvalidCommand) as error:
        scaling.check_value(value, 1, 10)
    assert error.value.code == "out_of_range"


def test_zero_is_allowed_on_a_zero_to_ten_scale():
    assert scaling.check_value(0, 0, 10) == 0


@pytest.mark.parametrize("value", [True, 5.0, "5", None])
def test_values_must_be_whole_numbers_not_bools(value):
    with pytest.raises(InvalidCommand):
        scaling.check_value(value, 0, 10)


@pytest.mark.parametrize("low", [0, 1])
def test_a_scale_runs_from_zero_or_one_to_ten(low):
    scaling.check_scale(low, 10)


@pytest.mark.parametrize("low, high", [(2, 10), (-1, 10), (1, 5), (0, 100)])
def test_any_other_scale_is_refused(low, high):
    with pytest.raises(InvalidCommand) as error:
        scaling.check_scale(low, high)
    assert error.value.code == "bad_scale"
