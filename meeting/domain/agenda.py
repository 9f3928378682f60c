"""The agenda's order as each audience is told it.

An audience is told each area's place among the areas it may see (1, 2, 3 ... with no gap), never
the stored position: a gap where a practitioners-only area stands would tell the family that one
exists. So one area added, removed, moved or shared can move others, for one audience and not
another; an ``Agenda`` lets each audience's patch carry exactly the areas whose place changed for it.
Areas here are anything with an id, a position and a visibility (rows, or ``Slot``s)."""

from dataclasses import dataclass
from typing import NamedTuple

from .kinds import visible_to
from .roles import Audience


class Slot(NamedTuple):
    """Where an area stood, kept before a command moves or shares it."""

    id: int
    position: int
    visibility: str


def slots(areas) -> tuple[Slot, ...]:
    """Where these areas stand now."""
    return tuple(Slot(a.id, a.position, a.visibility) for a in areas)


def ranks(areas, audience: Audience) -> dict[int, int]:
    """Each area this audience may see, by id: its place among them, in the agenda's order."""
    shown = sorted((a for a in areas if visible_to(a.visibility, audience)), key=lambda a: (a.position, a.id))
    return {a.id: rank for rank, a in enumerate(shown, start=1)}


@dataclass(frozen=True)
class Agenda:
    """The meeting's areas after a command that touched the agenda, and where they stood before it."""

    areas: tuple
    before: tuple[Slot, ...]

    def moved(self, audience: Audience) -> list:
        """The areas whose place this audience is told changed: new to it, or at a new place."""
        old, new = ranks(self.before, audience), ranks(self.areas, audience)
        return [a for a in self.areas if a.id in new and old.get(a.id) != new[a.id]]
