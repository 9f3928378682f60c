"""Meetings played through the real operations (lobby, admission, commands), closed, summarised."""

from datetime import UTC, date, datetime, timedelta

import pytest

from meeting import accounts
from meeting.domain.errors import MeetingError
from meeting.models import Meeting, Participant, User
from meeting.operations import summaries
from meeting.operations.dispatch import apply_command
from meeting.operations.setup import create_meeting, join_lobby
from tests.conftest import PASSWORD, cmd

START = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
CONFERENCE_DATE = date(2026, 12, 1)


class Play:
    """One meeting driven the way the socket edge drives it, with a clock that moves on a minute a command."""

    def __init__(self, session, meeting: Meeting, clock: datetime):
        self.session = session
        self.meeting_id = meeting.id
        self.chair = meeting.participants[0]
        self.clock = clock
        self.people: dict[str, Participant] = {}

    @property
    def meeting(self) -> Meeting:
        """The meeting row."""
        return self.session.get(Meeting, self.meeting_id)

    def now(self) -> datetime:
        """The next minute."""
        self.clock += timedelta(minutes=1)
        return self.clock

    def cmd(self, actor: Participant, name: str, /, **args) -> dict:
        """Apply one command as the edge does: commit on success, roll back on refusal."""
        try:
            applied = apply_command(
                self.session, self.meeting_id, actor, cmd(name, **args), self.now(), "tests"
            )
            self.session.commit()
        except MeetingError:
            self.session.rollback()
            raise
        return applied.ack

    def join(self, name: str, role: str, agency: str = "", language: str = "en") -> Participant:
        """Someone joins through the lobby and the chair admits them."""
        if not self.meeting.lobby_open:
            self.cmd(self.chair, "open_lobby")
        person, _m, _c = join_lobby(
            self.session, self.meeting_id, self.now(), name=name, role=role, agency=agency, language=language
        )
        self.session.commit()
        self.cmd(self.chair, "admit_participant", participant_id=person.id)
        self.people[name] = person
        return person

    def area(self, title: str, **fields) -> int:
        """Add an area of change."""
        return self.cmd(self.chair, "add_area", title=title, **fields)["area_id"]

    def say(self, who: Participant, area_id: int, kind: str, text: str, **extra) -> int:
        """Add a contribution."""
        return self.cmd(who, "add_contribution", area_id=area_id, kind=kind, text=text, **extra)[
            "contribution_id"
        ]

    def scale(
        self,
        area_id: int,
        positions: list[tuple[Participant, int, str]],
        agreed: int | None,
        rationale: str = "",
    ) -> int:
        """A whole scaling round: open, everyone places, reveal, agree."""
        round_id = self.cmd(self.chair, "open_scaling_round", area_id=area_id)["round_id"]
        for person, value, reason in positions:
            self.cmd(person, "place_position", round_id=round_id, value=value, reason=reason)
        self.cmd(self.chair, "reveal_scaling_round", round_id=round_id)
        if agreed is not None:
            self.cmd(
                self.chair, "agree_scaling_position", round_id=round_id, value=agreed, rationale=rationale
            )
        return round_id

    def close(self):
        """Close the meeting; its draft summary exists at once."""
        self.cmd(self.chair, "close_meeting", confirm=True)
        return summaries.get_version(self.session, self.meeting_id)

    def approve(self, number: int = 1):
        """The chair approves a version."""
        version = summaries.approve_summary(self.session, self.meeting_id, self.chair, number, self.now())
        self.session.commit()
        return version


@pytest.fixture
def chair_user(session) -> User:
    """A chair's staff account."""
    user = accounts.create_user(
        session,
        START,
        email="rhian.evans@example.org",
        name="Rhian Evans",
        role="chair",
        password=PASSWORD,
        agency="Safeguarding Unit",
    )
    session.commit()
    return user


@pytest.fixture
def make_play(session, chair_user):
    """Factory: a new draft meeting to play, chaired by ``chair_user``."""

    def make(
        kind: str = "initial_conference",
        children=(("Mali", 4, None), ("Osian", None, 9)),
        meeting_date: date = CONFERENCE_DATE,
        language: str = "en",
        clock: datetime = START,
    ) -> Play:
        meeting = create_meeting(
            session,
            chair_user,
            clock,
            kind=kind,
            title="Initial Child Protection Conference - Hughes family",
            case_reference="CP-2026-0147",
            meeting_date=meeting_date,
            language=language,
            scale_min=1,
            children=list(children),
            strategy_discussion_date=date(2026, 11, 16),
        )
        session.commit()
        return Play(session, meeting, clock)

    return make


def play_conference(play: Play) -> dict:
    """A realistic initial conference: attendance, exclusions, a closed session, practitioners-only
    evidence, behaviours with the family's answers, a scaling round and registration decisions."""
    ids: dict = {}
    gareth = play.join("Gareth Morgan", "social_worker", "Children's Services")
    nia = play.join("Nia Williams", "practitioner", "Health Visiting")
    tom = play.join("DC Tom Hayes", "practitioner", "Police - Public Protection Unit")
    sian = play.join("Sian Hughes", "parent", language="cy")
    dean = play.join("Dean Hughes", "parent")
    rhys = play.join("Rhys Price", "supporter")
    play.cmd(
        play.chair,
        "record_attendance",
        attendance="apologies",
        name="Dr Owen Parry",
        role="practitioner",
        agency="GP",
        report_provided=True,
    )
    play.cmd(play.chair, "remove_participant", participant_id=rhys.id)
    ids["rhys_removed_at"] = play.clock
    mali, osian = (c.id for c in play.meeting.children)
    home = play.area(
        "Home conditions and safe sleep",
        not_good_enough="At 4 of the last 6 visits the floor was covered with rubbish.",
        good_enough="The home is clean and safe every day; Osian sleeps in his own cot.",
        family_words="We want the house to be somewhere the kids can play.",
    )
    alcohol = play.area(
        "Alcohol use",
        not_good_enough="Dean was found asleep and unrousable on 14 September.",
        good_enough="A sober adult cares for Mali and Osian at all times.",
        family_words="I want to be a dad the kids can rely on.",
        child_ids=[mali, osian],
    )
    ids.update(home=home, alcohol=alcohol, mali=mali, osian=osian)
    ids["worry"] = play.say(nia, home, "worry", "Osian had **no cot** at three visits.")
    ids["strength"] = play.say(sian, home, "strength", "Mali is always clean and fed.")
    ids["secret"] = play.say(
        tom, alcohol, "evidence", "PRACTITIONERS-ONLY: intelligence about a visitor.", practitioners_only=True
    )
    play.cmd(play.chair, "start_closed_session", reason="CLOSED-REASON: police information")
    ids["closed"] = play.say(gareth, alcohol, "worry", "CLOSED-SESSION: a third-party disclosure.")
    play.cmd(play.chair, "end_closed_session")
    behaviour = play.cmd(
        gareth,
        "propose_behaviour",
        area_id=home,
        text="Osian sleeps in his cot every night.",
        who="Health visitor checks weekly",
        by_when="2026-12-15",
    )["behaviour_id"]
    play.cmd(play.chair, "set_behaviour_status", behaviour_id=behaviour, status="agreed")
    play.cmd(sian, "respond_to_behaviour", behaviour_id=behaviour, answer="agreed")
    play.cmd(dean, "respond_to_behaviour", behaviour_id=behaviour, answer="agreed")
    proposed = play.cmd(nia, "propose_behaviour", area_id=alcohol, text="Dean goes to every appointment.")
    ids.update(behaviour=behaviour, proposed=proposed["behaviour_id"])
    ids["round"] = play.scale(
        home,
        [
            (nia, 3, "Still no cot at the last visit."),
            (sian, 6, "We bought a cot."),
            (gareth, 4, "Some change."),
        ],
        4,
        "Cot bought but not yet used.",
    )
    ids["alcohol_round"] = play.scale(alcohol, [(tom, 2, "Two call-outs."), (dean, 5, "I've cut down.")], 3)
    for child in (mali, osian):
        play.cmd(
            nia,
            "give_registration_view",
            child_id=child,
            view="register",
            categories=["neglect"],
            reason="Neglect of basic care.",
        )
        play.cmd(
            tom,
            "give_registration_view",
            child_id=child,
            view="do_not_register",
            reason="DISSENT-TEXT: threshold not met in my view.",
        )
        play.cmd(sian, "give_registration_view", child_id=child, view="unsure", reason="We are trying.")
        play.cmd(
            play.chair,
            "record_registration_decision",
            child_id=child,
            decision="register",
            categories=["neglect"],
            reasons="Likelihood of significant harm through neglect.",
            family_view="Sian and Dean accept help but feel judged.",
        )
    ids.update(gareth=gareth, nia=nia, tom=tom, sian=sian, dean=dean, rhys=rhys)
    return ids
