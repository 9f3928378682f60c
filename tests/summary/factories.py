"""Records built directly (pure dataclasses): a record whose every text is one string, and a
hypothesis strategy for random meetings with practitioners-only items, closed sessions and areas
added in a closed session (shared with the family afterwards, or not)."""

import io
from datetime import UTC, date, datetime, timedelta
from itertools import count

import docx
from docx.oxml.ns import qn
from hypothesis import strategies as st

from meeting.summary.record import (
    Answer,
    Area,
    Behaviour,
    ChildRecord,
    ClosedSession,
    Contribution,
    Decision,
    MeetingRecord,
    Person,
    Position,
    Round,
    View,
)

T0 = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def record_with_text(text: str, kind: str = "initial_conference") -> MeetingRecord:
    """A full meeting in which every free-text field (and every name) is ``text``."""
    people = (
        Person(1, text, "chair", text, admission="admitted", attendance="present", user_id=1),
        Person(2, text, "practitioner", text, admission="admitted", attendance="present"),
        Person(3, text, "parent", "", admission="admitted", attendance="present"),
        Person(
            4,
            text,
            "supporter",
            "",
            admission="removed",
            attendance="left",
            left_at=T0 + timedelta(minutes=9),
        ),
        Person(5, text, "practitioner", text, attendance="apologies", report_provided=True),
    )
    session = ClosedSession(1, text, T0 + timedelta(minutes=60), T0 + timedelta(minutes=70))
    return MeetingRecord(
        id=1,
        kind=kind,
        title=text,
        case_reference=text[:64],
        meeting_date=date(2026, 12, 1),
        chair_name=text,
        opened_at=T0,
        closed_at=T0 + timedelta(hours=2),
        people=people,
        children=(ChildRecord(1, text, 4, None),),
        areas=(Area(1, text, text, text, text, text, 1, (1,), None, 3),),
        contributions=(
            Contribution(1, 1, 2, "worry", text),
            Contribution(2, 1, 3, "strength", text),
            Contribution(3, 1, 2, "evidence", text, "practitioners"),
            Contribution(4, 1, 2, "worry", text, "practitioners", 1),
        ),
        behaviours=(
            Behaviour(
                1, 1, text, 2, "agreed", who=text, by_when=date(2026, 12, 15), answers=(Answer(3, "agreed"),)
            ),
            Behaviour(2, 1, text, 3, "proposed", who=text),
        ),
        rounds=(
            Round(
                1,
                1,
                "agreed",
                4,
                text,
                T0,
                T0 + timedelta(minutes=5),
                (Position(2, 3, text, False, T0), Position(3, 6, text, True, T0)),
            ),
        ),
        views=(View(1, 1, 2, "register", ("neglect",), text), View(2, 1, 3, "unsure", (), text)),
        decisions=(Decision(1, 1, "register", ("neglect",), text, text, text),),
        closed_sessions=(session,),
    )


def docx_text(data: bytes) -> str:
    """Every piece of text in a Word document's body (paragraphs, tables, nested tables, links)."""
    document = docx.Document(io.BytesIO(data))
    return "\n".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


# --- random meetings ------------------------------------------------------------------------------


class Tokens:
    """Unique markers: SECRET… for what the family may not see, PUBLIC… for what they must."""

    def __init__(self):
        self.n = count(1)
        self.public: list[str] = []

    def secret(self, decoration: str = "") -> str:
        return self._wrap(f"SECRET{next(self.n):05d}X", decoration)

    def open(self, decoration: str = "") -> str:
        token = f"PUBLIC{next(self.n):05d}X"
        self.public.append(token)
        return self._wrap(token, decoration)

    @staticmethod
    def _wrap(token: str, decoration: str) -> str:
        return {
            "bold": f"**{token}** said",
            "list": f"- {token}\n- more",
            "quote": f"> {token}",
            "link": f"[{token}](https://example.org/a)",
            "html": f"<em>{token}</em> <b>x</b>",
        }.get(decoration, f"{token} said this")


DECORATIONS = st.sampled_from(["", "bold", "list", "quote", "link", "html"])
MINUTES = st.integers(min_value=0, max_value=180)


def _during(minute: int, sessions: list[tuple[int, int]]) -> bool:
    return any(start <= minute <= end for start, end in sessions)


@st.composite
def random_meetings(draw):
    """A random record and the public tokens the family copy must show (its secrets are SECRET…)."""
    tokens = Tokens()
    at = lambda minute: T0 + timedelta(minutes=minute)  # noqa: E731
    kind = draw(st.sampled_from(["initial_conference", "review_conference", "core_group"]))
    n_pros = draw(st.integers(1, 4))
    n_family = draw(st.integers(1, 3))
    people = [Person(1, "Chair Person", "chair", "Safeguarding", admission="admitted", user_id=1)]
    people += [
        Person(1 + i, f"Pro {i}", "practitioner", f"Agency {i}", admission="admitted")
        for i in range(1, n_pros + 1)
    ]
    people += [
        Person(
            100 + i,
            f"Family {i}",
            draw(st.sampled_from(["parent", "carer", "child", "advocate"])),
            admission="admitted",
        )
        for i in range(n_family)
    ]
    pros = [p.id for p in people if not p.is_family]
    family = [p.id for p in people if p.is_family]
    sessions = []
    for i in range(draw(st.integers(0, 2))):
        start = draw(st.integers(20 + 70 * i, 60 + 70 * i))
        sessions.append((start, start + draw(st.integers(1, 9))))
    closed = tuple(ClosedSession(i + 1, tokens.secret(), at(s), at(e)) for i, (s, e) in enumerate(sessions))

    def session_at(minute):
        return next((i + 1 for i, (s, e) in enumerate(sessions) if s <= minute <= e), None)

    n_areas = draw(st.integers(1, 3))
    # An area added in a closed session and shared afterwards is the family's like any other.
    shared_from = 1 if sessions and draw(st.booleans()) else None
    areas = tuple(
        Area(
            a,
            tokens.open(),
            tokens.open(),
            tokens.open(),
            tokens.open(),
            tokens.open(),
            a,
            (1,),
            closed_session_id=shared_from if a == n_areas else None,
        )
        for a in range(1, n_areas + 1)
    )
    # One never shared: everything in it is secret, whatever the visibility of the item itself.
    if sessions and draw(st.booleans()):
        a = n_areas + 1
        texts = [tokens.secret(draw(DECORATIONS)) for _ in range(5)]
        areas += (Area(a, *texts, a, (1,), visibility="practitioners", closed_session_id=1),)
    private = {a.id for a in areas if a.visibility != "everyone"}
    contributions = []
    for cid in range(1, draw(st.integers(0, 12)) + 1):
        minute = draw(MINUTES)
        in_session = session_at(minute)
        author = draw(st.sampled_from(pros if in_session else pros + family))
        flagged = in_session is not None or (author in pros and draw(st.booleans()))
        area_id = draw(st.sampled_from(areas)).id
        hidden = flagged or area_id in private
        contributions.append(
            Contribution(
                cid,
                area_id,
                author,
                draw(st.sampled_from(["worry", "strength", "evidence"])),
                tokens.secret(draw(DECORATIONS)) if hidden else tokens.open(draw(DECORATIONS)),
                "practitioners" if flagged else "everyone",
                in_session,
                False,
                at(minute),
            )
        )
    behaviours = []
    for bid in range(1, draw(st.integers(0, 6)) + 1):
        minute = draw(MINUTES)
        in_session = session_at(minute)
        area_id = draw(st.sampled_from(areas)).id
        flagged = in_session is not None or draw(st.booleans())
        hidden = flagged or area_id in private
        status = draw(st.sampled_from(["proposed", "agreed"]))
        behaviours.append(
            Behaviour(
                bid,
                area_id,
                tokens.secret(draw(DECORATIONS)) if hidden else tokens.open(),
                draw(st.sampled_from(pros)),
                status,
                "practitioners" if flagged else "everyone",
                in_session,
                tokens.secret() if hidden else tokens.open(),
                None,
                "not_started",
                None,
                () if hidden else (Answer(family[0], draw(st.sampled_from(["agreed", "not_agreed"]))),),
            )
        )
    rounds = []
    for rid in range(1, draw(st.integers(0, 4)) + 1):
        opened = draw(MINUTES)
        agreed_at = opened + draw(st.integers(1, 8))
        area_id = draw(st.sampled_from(areas)).id
        round_hidden = _during(opened, sessions) or _during(agreed_at, sessions) or area_id in private
        positions = []
        for pid in draw(st.lists(st.sampled_from(pros + family), unique=True, max_size=5)):
            placed = opened + draw(st.integers(0, agreed_at - opened))
            hidden = round_hidden or _during(placed, sessions)
            positions.append(
                Position(
                    pid,
                    draw(st.integers(1, 10)),
                    tokens.secret() if hidden else tokens.open(),
                    False,
                    at(placed),
                )
            )
        rounds.append(
            Round(
                rid,
                area_id,
                "agreed",
                draw(st.integers(1, 10)),
                tokens.secret() if round_hidden else tokens.open(),
                at(opened),
                at(agreed_at),
                tuple(positions),
            )
        )
    children = (ChildRecord(1, "Mali", 4, None), ChildRecord(2, "Osian", None, 9))
    views, decisions = [], []
    if kind != "core_group":
        vid = count(1)
        for child in children:
            for pid in pros:
                views.append(
                    View(next(vid), child.id, pid, "register", ("neglect",), tokens.secret(draw(DECORATIONS)))
                )
            for pid in family:
                in_session = draw(st.booleans()) and bool(sessions)
                views.append(
                    View(
                        next(vid),
                        child.id,
                        pid,
                        "unsure",
                        (),
                        tokens.secret() if in_session else tokens.open(),
                        1 if in_session else None,
                    )
                )
            decisions.append(
                Decision(
                    child.id,
                    child.id,
                    "register",
                    ("neglect",),
                    tokens.open(),
                    tokens.secret(),
                    tokens.open(),
                )
            )
    record = MeetingRecord(
        id=7,
        kind=kind,
        title="Random meeting",
        case_reference="SECRET-CASE-REF",
        meeting_date=date(2026, 12, 1),
        chair_name="Chair Person",
        opened_at=T0,
        closed_at=at(200),
        people=tuple(people),
        children=children,
        areas=areas,
        contributions=tuple(contributions),
        behaviours=tuple(behaviours),
        rounds=tuple(rounds),
        views=tuple(views),
        decisions=tuple(decisions),
        closed_sessions=closed,
    )
    return record, tokens.public
