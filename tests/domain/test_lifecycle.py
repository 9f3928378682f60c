"""The life of a meeting: draft -> open -> closed, the lobby, focus, the agenda, closing."""

import pytest

from meeting.domain import lifecycle
from meeting.domain.errors import Conflict, InvalidCommand, NotFound
from meeting.domain.kinds import MeetingStatus, Visibility, visible_to
from meeting.domain.roles import Audience

DRAFT, OPEN, CLOSED = MeetingStatus.DRAFT, MeetingStatus.OPEN, MeetingStatus.CLOSED


def code(fn, *args, error=Conflict, **kwargs) -> str:
    with pytest.raises(error) as refused:
        fn(*args, **kwargs)
    return refused.value.code


@pytest.mark.parametrize("status", [DRAFT, OPEN])
def test_draft_and_open_meetings_can_change(status):
    lifecycle.check_editable(status)


def test_a_closed_meeting_is_read_only():
    assert code(lifecycle.check_editable, CLOSED) == "closed"


def test_live_commands_need_an_open_meeting():
    lifecycle.check_live(OPEN)


def test_live_commands_wait_for_the_meeting_to_start():
    assert code(lifecycle.check_live, DRAFT) == "not_started"


def test_live_commands_refused_once_closed():
    assert code(lifecycle.check_live, CLOSED) == "closed"


@pytest.mark.parametrize("status", [DRAFT, OPEN])
def test_opening_makes_a_meeting_open(status):
    assert lifecycle.open_meeting(status) is OPEN


def test_a_closed_meeting_does_not_reopen():
    assert code(lifecycle.open_meeting, CLOSED) == "closed"


def test_joining_an_open_meeting_with_its_lobby_open():
    lifecycle.check_join(OPEN, True)


@pytest.mark.parametrize("lobby_open", [True, False])
def test_joining_a_closed_meeting_is_refused(lobby_open):
    assert code(lifecycle.check_join, CLOSED, lobby_open) == "closed"


@pytest.mark.parametrize("status", [DRAFT, OPEN])
def test_joining_while_the_lobby_is_closed_is_refused(status):
    assert code(lifecycle.check_join, status, False) == "lobby_closed"


def close(status=OPEN, closed_session_active=False, open_round=False):
    lifecycle.check_close(status=status, closed_session_active=closed_session_active, open_round=open_round)


def test_an_open_meeting_with_nothing_pending_closes():
    close()


def test_closing_during_a_closed_session_is_refused():
    assert code(close, closed_session_active=True) == "closed_session"


def test_closing_with_a_hidden_round_is_refused():
    assert code(close, open_round=True) == "round_open"


def test_closing_twice_is_refused():
    assert code(close, CLOSED) == "closed"


def test_a_draft_is_not_closed():
    assert code(close, DRAFT) == "not_started"


def test_focus_moves_and_remembers_where_it_was():
    assert lifecycle.next_focus(1, 3, [1, 2, 3]) == (3, 1)


def test_focus_from_nowhere():
    assert lifecycle.next_focus(None, 2, [1, 2]) == (2, None)


def test_focus_on_an_area_not_on_the_agenda_is_refused():
    assert code(lifecycle.next_focus, 1, 9, [1, 2], error=NotFound) == "not_found"


def test_reorder_to_a_new_order_naming_every_area():
    assert lifecycle.reorder([1, 2, 3], [3, 1, 2]) == [3, 1, 2]


@pytest.mark.parametrize("wanted", [[1, 2], [1, 2, 3, 4], [1, 2, 4], []])
def test_reorder_must_name_every_area_once(wanted):
    assert code(lifecycle.reorder, [1, 2, 3], wanted, error=InvalidCommand) == "bad_order"


@pytest.mark.parametrize(
    "visibility, audience, visible",
    [
        (Visibility.EVERYONE, Audience.PRACTITIONERS, True),
        (Visibility.EVERYONE, Audience.FAMILY, True),
        (Visibility.EVERYONE, Audience.SCREEN, True),
        (Visibility.PRACTITIONERS, Audience.PRACTITIONERS, True),
        (Visibility.PRACTITIONERS, Audience.FAMILY, False),
        (Visibility.PRACTITIONERS, Audience.SCREEN, False),
    ],
)
def test_practitioners_only_items_reach_practitioners_only(visibility, audience, visible):
    assert visible_to(visibility, audience) is visible
