"""Progress across the meetings of a case: for each area of change, the agreed position and each
person's position at every meeting so far. Pure: records in, series and SVG geometry out.

An area is followed through ``carried_from_id``; a person through their staff account, or else their
name and whether they are family. The template ``summary/_chart.html`` draws the geometry as an
accessible inline SVG with a data table behind it. Family and agencies differ by shape AND colour
(Okabe–Ito), and the agreed position is drawn distinctly.
"""

from dataclasses import dataclass
from datetime import date

from .record import MeetingRecord

# Okabe–Ito: readable by people with any common colour-vision difference; shapes carry the meaning too.
AGREED_COLOUR = "#000000"
FAMILY_COLOUR = "#D55E00"  # vermillion
AGENCY_COLOUR = "#0072B2"  # blue

WIDTH, HEIGHT = 760, 380
LEFT, RIGHT, TOP, BOTTOM = 64, 32, 24, 96
# The first and last meetings sit in from the ends, so their labels are not cut off.
INSET = 110


@dataclass(frozen=True)
class MeetingColumn:
    """One meeting of the case: a column of the chart."""

    meeting_id: int
    kind: str
    meeting_date: date
    current: bool


@dataclass(frozen=True)
class Point:
    """A value at one meeting, where it is drawn, and the reason given."""

    value: int
    x: float
    y: float
    reason: str = ""


@dataclass(frozen=True)
class Series:
    """The agreed position, or one person's positions, across the meetings (None where absent)."""

    key: str
    group: str  # agreed, family, agency
    name: str
    role: str
    agency: str
    values: tuple[int | None, ...]
    points: tuple[Point | None, ...]

    @property
    def segments(self) -> list[list[Point]]:
        """Runs of consecutive points, joined by a line (a missing meeting breaks the line)."""
        runs: list[list[Point]] = [[]]
        for p in self.points:
            if p is None:
                runs.append([])
            else:
                runs[-1].append(p)
        return [r for r in runs if len(r) > 1]

    @property
    def colour(self) -> str:
        """The series' colour."""
        return {"agreed": AGREED_COLOUR, "family": FAMILY_COLOUR}.get(self.group, AGENCY_COLOUR)


@dataclass(frozen=True)
class AreaChart:
    """The chart of one area of change."""

    area_key: int
    title: str
    columns: tuple[MeetingColumn, ...]
    series: tuple[Series, ...]
    scale_min: int
    scale_max: int
    x_positions: tuple[float, ...]
    y_ticks: tuple[tuple[int, float], ...]

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    bottom: int = BOTTOM

    @property
    def agreed(self) -> Series:
        """The agreed position's series (always first)."""
        return self.series[0]

    @property
    def people(self) -> tuple[Series, ...]:
        """Each person's series."""
        return self.series[1:]


def _person_key(person) -> tuple:
    if person.user_id is not None:
        return ("user", person.user_id)
    return ("name", " ".join(person.name.casefold().split()), person.is_family)


def _x_positions(n: int) -> tuple[float, ...]:
    plot = WIDTH - LEFT - RIGHT - 2 * INSET
    if n == 1:
        return (LEFT + INSET + plot / 2,)
    return tuple(LEFT + INSET + plot * i / (n - 1) for i in range(n))


def _y(value: float, low: int, high: int) -> float:
    plot = HEIGHT - TOP - BOTTOM
    return TOP + plot * (high - value) / max(high - low, 1)


def case_order(records: list[MeetingRecord]) -> list[MeetingRecord]:
    """The meetings of a case in the order they happened."""
    return sorted(records, key=lambda r: (r.meeting_date, r.id))


def progress(records: list[MeetingRecord], current_id: int | None = None) -> list[AreaChart]:
    """One chart per area of change, across every meeting in ``records`` (each already filtered
    for the audience: pass family records to draw the family's chart)."""
    records = case_order(records)
    if not records:
        return []
    low = min(r.scale_min for r in records)
    high = max(r.scale_max for r in records)
    columns = tuple(MeetingColumn(r.id, r.kind, r.meeting_date, r.id == current_id) for r in records)
    xs = _x_positions(len(records))
    root: dict[int, int] = {}
    titles: dict[int, str] = {}
    order: list[int] = []
    agreed: dict[int, dict[int, tuple[int, str]]] = {}
    positions: dict[int, dict[tuple, dict[int, tuple[int, str]]]] = {}
    who: dict[tuple, tuple[str, str, str, str]] = {}
    for column, record in enumerate(records):
        people = record.people_by_id()
        for area in sorted(record.areas, key=lambda a: (a.position, a.id)):
            key = root.get(area.carried_from_id, area.id) if area.carried_from_id else area.id
            root[area.id] = key
            titles[key] = area.title
            if key not in order:
                order.append(key)
        for r in sorted(record.rounds, key=lambda r: r.id):
            if r.status not in ("revealed", "agreed") or r.area_id not in root:
                continue
            key = root[r.area_id]
            if r.status == "agreed" and r.agreed_value is not None:
                agreed.setdefault(key, {})[column] = (r.agreed_value, r.agreed_rationale)
            for pos in r.positions:
                person = people.get(pos.participant_id)
                if person is None:
                    continue
                pkey = _person_key(person)
                who[pkey] = (
                    person.name,
                    person.role,
                    person.agency,
                    "family" if person.is_family else "agency",
                )
                positions.setdefault(key, {}).setdefault(pkey, {})[column] = (pos.value, pos.reason)
    charts = []
    ticks = tuple((v, _y(v, low, high)) for v in range(low, high + 1))
    for key in order:
        people_here = positions.get(key, {})
        # Nudge people sideways a little, so equal values at one meeting stay distinguishable.
        ordered = sorted(people_here, key=lambda k: (who[k][3] != "family", who[k][0].casefold()))
        series = [_series("agreed", "agreed", "", "", "", agreed.get(key, {}), xs, low, high, 0.0)]
        spread = min(18.0, 120.0 / max(len(ordered), 1))
        for i, pkey in enumerate(ordered):
            name, role, agency, group = who[pkey]
            offset = (i - (len(ordered) - 1) / 2) * spread / 4
            series.append(
                _series(f"p{i}", group, name, role, agency, people_here[pkey], xs, low, high, offset)
            )
        charts.append(AreaChart(key, titles[key], columns, tuple(series), low, high, xs, ticks))
    return charts


def _series(key, group, name, role, agency, by_column, xs, low, high, offset) -> Series:
    values = tuple(by_column[c][0] if c in by_column else None for c in range(len(xs)))
    points = tuple(
        Point(v, round(xs[c] + offset, 1), round(_y(v, low, high), 1), by_column[c][1])
        if v is not None
        else None
        for c, v in enumerate(values)
    )
    return Series(key, group, name, role, agency, values, points)


def triangle(x: float, y: float, size: float = 8.0) -> str:
    """The points of an upward triangle centred on (x, y), for agencies' markers."""
    return f"{x:.1f},{y - size:.1f} {x - size:.1f},{y + size * 0.8:.1f} {x + size:.1f},{y + size * 0.8:.1f}"
