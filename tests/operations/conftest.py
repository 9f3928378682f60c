"""A meeting built through the real operations: the demo conference, people admitted by the chair."""

import pytest
from sqlalchemy import func, select

from meeting.demo import CHAIR_EMAIL
from meeting.domain.errors import MeetingError
from meeting.models import AuditEntry, Meeting, Participant, User
from meeting.operations.dispatch import apply_command
from meeting.operations.setup import join_lobby
from tests.conftest import NOW, PEOPLE, cmd


class Room:
    """The demo meeting, driven the way the socket edge drives it: apply, then commit or roll back."""

    def __init__(self, session, meeting_id: int):
        self.session = session
        self.meeting_id = meeting_id
        chair_user = session.scalar(select(User).where(User.email == CHAIR_EMAIL))
        self.chair = session.scalar(
            select(Participant).where(
                Participant.meeting_id == meeting_id, Participant.user_id == chair_user.id
            )
        )
        self._people: dict[str, Participant] = {}

    @property
    def meeting(self) -> Meeting:
        """The meeting row, fresh."""
        return self.session.get(Meeting, self.meeting_id)

    @property
    def revision(self) -> int:
        """The meeting's revision as stored."""
        return self.session.scalar(select(Meeting.revision).where(Meeting.id == self.meeting_id))

    def count(self, model) -> int:
        """How many rows of a model this meeting has."""
        return self.session.scalar(
            select(func.count()).select_from(model).where(model.meeting_id == self.meeting_id)
        )

    def audit(self, command_id: str) -> list[AuditEntry]:
        """The audit entries written for one command id."""
        return self.session.scalars(
            select(AuditEntry).where(
                AuditEntry.meeting_id == self.meeting_id, AuditEntry.command_id == command_id
            )
        ).all()

    def send(self, actor: Participant, raw: dict) -> dict:
        """Apply one raw command as the edge does: commit on success, roll back on refusal."""
        try:
            applied = apply_command(self.session, self.meeting_id, actor, raw, NOW, device="tests")
            self.session.commit()
        except MeetingError:
            self.session.rollback()
            raise
        return applied.ack

    def run(self, actor: Participant, command: str, /, **args) -> dict:
        """Send a fresh command."""
        return self.send(actor, cmd(command, **args))

    def refused(self, actor: Participant, command: str, /, **args) -> MeetingError:
        """Send a command that must be refused; return the refusal."""
        with pytest.raises(MeetingError) as error:
            self.run(actor, command, **args)
        return error.value

    def person(self, role: str) -> Participant:
        """An admitted participant in this role (joined through the lobby, admitted by the chair)."""
        if role == "chair":
            return self.chair
        if role not in self._people:
            name, agency = PEOPLE[role]
            person = self.waiting(role, name, agency)
            self.run(self.chair, "admit_participant", participant_id=person.id)
            self._people[role] = person
        return self._people[role]

    def waiting(self, role: str, name: str, agency: str = "Somewhere") -> Participant:
        """A person who has joined through the lobby and waits for the chair."""
        person, _meeting, _changes = join_lobby(
            self.session, self.meeting_id, NOW, name=name, role=role, agency=agency, language="en"
        )
        self.session.commit()
        return person

    def area_ids(self) -> list[int]:
        """The agenda's area ids in order."""
        return [a.id for a in self.meeting.areas]

    def child_ids(self) -> list[int]:
        """The children's ids."""
        return [c.id for c in self.meeting.children]


@pytest.fixture
def room(session, demo_meeting) -> Room:
    """The demo conference with its lobby open, ready to drive through apply_command."""
    return Room(session, demo_meeting)
