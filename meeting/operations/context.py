"""What every operation receives, and the record of what it changed (for the broadcast)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy.orm import Session

from ..domain.kinds import Visibility
from ..models import ClosedSession, Meeting, Participant

NOT_LOADED = object()


class Removal(NamedTuple):
    """An entity an operation deleted; one that was practitioners-only is removed for them alone."""

    kind: str
    id: int
    visibility: str = Visibility.EVERYONE


@dataclass
class Changes:
    """Entities an operation added or changed, and ones it removed, for the audiences' patches."""

    # With any area, a domain.agenda.Agenda: each audience is told areas' places among those it sees.
    upserts: list = field(default_factory=list)
    removes: list[Removal | tuple[str, int]] = field(default_factory=list)
    result: dict = field(default_factory=dict)
    # Per-participant notices (admitted, removed) sent to that person's devices only.
    notices: list[tuple[int, str]] = field(default_factory=list)
    # Entities created by this command: an audience that may not see one is told nothing at all
    # (not even a removal, which would betray that a private item exists).
    created: set[int] = field(default_factory=set)
    # Entities this command took away from audiences that had been shown them: always removed there.
    withdrawn: set[int] = field(default_factory=set)

    def add(self, *entities) -> "Changes":
        """Mark entities as added or changed."""
        self.upserts.extend(entities)
        return self

    def withdraw(self, *entities) -> "Changes":
        """Mark entities that audiences who saw them may no longer see."""
        self.withdrawn.update(id(entity) for entity in entities)
        return self.add(*entities)

    def add_new(self, entity) -> "Changes":
        """Mark an entity as created by this command."""
        self.created.add(id(entity))
        return self.add(entity)


@dataclass
class Ctx:
    """The session, the locked meeting, who acts (and for whom), and the time, for one command."""

    session: Session
    meeting: Meeting
    actor: Participant
    now: datetime
    # The family member a chair records for; the actor when acting for oneself.
    subject: Participant | None = None
    # The closed session in progress, when it was loaded with the meeting (NOT_LOADED otherwise):
    # most commands ask for it, and one statement is cheaper than two (bench/README.md).
    closed_session: ClosedSession | None | object = NOT_LOADED

    @property
    def who(self) -> Participant:
        """The person the record is about: the subject if the chair records for them."""
        return self.subject or self.actor

    @property
    def by_chair(self) -> bool:
        """Whether the chair recorded this on someone's behalf."""
        return self.subject is not None and self.subject.id != self.actor.id
