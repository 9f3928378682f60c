"""The vocabularies of the domain: meeting kinds and states, attendance, visibility, categories."""

from enum import StrEnum

from .roles import Audience


class MeetingKind(StrEnum):
    """The three kinds of meeting the product runs."""

    INITIAL_CONFERENCE = "initial_conference"
    REVIEW_CONFERENCE = "review_conference"
    CORE_GROUP = "core_group"


CONFERENCES = frozenset({MeetingKind.INITIAL_CONFERENCE, MeetingKind.REVIEW_CONFERENCE})


class MeetingStatus(StrEnum):
    """A meeting is prepared as a draft, opened for the live meeting, then closed for good."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Language(StrEnum):
    """The two languages of everything a family sees."""

    EN = "en"
    CY = "cy"


class Admission(StrEnum):
    """Where a person is in the lobby: expected, waiting, admitted, declined or removed."""

    EXPECTED = "expected"
    WAITING = "waiting"
    ADMITTED = "admitted"
    DECLINED = "declined"
    REMOVED = "removed"


class Attendance(StrEnum):
    """What the record says about a person's attendance."""

    PRESENT = "present"
    APOLOGIES = "apologies"
    REPORT_ONLY = "report_only"
    LEFT = "left"


class ContributionKind(StrEnum):
    """What a contribution adds to an area of change."""

    WORRY = "worry"
    STRENGTH = "strength"
    EVIDENCE = "evidence"
    FAMILY_WORDS = "family_words"


class Visibility(StrEnum):
    """Who may see an item: everyone in the meeting, or practitioners only."""

    EVERYONE = "everyone"
    PRACTITIONERS = "practitioners"


class Category(StrEnum):
    """The Welsh five categories of registration."""

    PHYSICAL = "physical"
    SEXUAL = "sexual"
    EMOTIONAL = "emotional"
    NEGLECT = "neglect"
    FINANCIAL = "financial"


def visible_to(visibility: str, audience: Audience) -> bool:
    """Whether an item of this visibility may be serialised for this audience."""
    return visibility == Visibility.EVERYONE or audience == Audience.PRACTITIONERS
