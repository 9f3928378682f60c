"""What every operation receives, and the record of what it changed (for the broadcast)."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from ..models import Meeting, Participant


@dataclass
class Changes:
    """Entities an operation added or changed, and ones it removed, for the audiences' patches."""

    upserts: list = field(default_factory=list)
    removes: list[tuple[str, int]] = field(default_factory=list)
    result: dict = field(default_factory=dict)
    # Per-participant notices (admitted, removed) sent to that person's devices only.
    notices: list[tuple[int, str]] = field(default_factory=list)
    # Entities created by this command: an audience that may not see one is told nothing at all
    # (not even a removal, which would betray that a private item exists).
    created: set[int] = field(default_factory=set)

    def add(self, *entities) -> "Changes":
        """Mark entities as added or changed."""
        self.upserts.extend(entities)
        return self

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

    @property
    def who(self) -> Participant:
        """The person the record is about: the subject if the chair records for them."""
        return self.subject or self.actor

    @property
    def by_chair(self) -> bool:
        """Whether the chair recorded this on someone's behalf."""
        return self.subject is not None and self.subject.id != self.actor.id
