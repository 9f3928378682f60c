"""How long every format of the summary of a three-hour conference takes to generate.

Builds a conference through the real operations (people join through the lobby and are admitted;
contributions, behaviours, scaling rounds, a closed session, registration views and decisions) until
its audit log holds 2,000 entries, closes it (which drafts summary version 1), then times, with the
markup caches cleared before each run:

  load     the version row and its record (JSON -> dataclasses)
  md       the full copy as Markdown
  html     the full copy and the family copy as HTML (through the templates)
  docx     the full copy and the family copy as Word documents

and, as baselines in the same run: loading the meeting's 2,000 audit rows, and rendering one bare
Markdown document of the same free text with Python-Markdown.

    .venv/bin/python bench/summary_bench.py [--entries 2000] [--runs 5]
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import markdown  # noqa: E402
from argon2 import PasswordHasher  # noqa: E402
from sqlalchemy import select  # noqa: E402

from meeting import accounts, create_app, db, migrate  # noqa: E402
from meeting.config import TestConfig  # noqa: E402
from meeting.models import AuditEntry, Meeting  # noqa: E402
from meeting.operations import summaries  # noqa: E402
from meeting.operations.dispatch import apply_command  # noqa: E402
from meeting.operations.setup import create_meeting, join_lobby  # noqa: E402
from meeting.summary import as_docx, as_html, as_markdown, build, layout, markup  # noqa: E402
from meeting.summary.blocks import VersionInfo  # noqa: E402

START = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
WORDS = (
    "the home was clean on the visit and the children were happy and **fed**; dad was sober, "
    "mum took Mali to nursery on time, the cot is in use, there were empty cans in the bin, the "
    "police were called on Friday, school says attendance is better, the health visitor saw Osian"
).split()
PEOPLE = [
    ("Gareth Morgan", "social_worker", "Children's Services"),
    ("Nia Williams", "practitioner", "Health Visiting"),
    ("Eleri Price", "practitioner", "Education"),
    ("DC Tom Hayes", "practitioner", "Police"),
    ("Aled Jenkins", "practitioner", "Substance Misuse Service"),
    ("Mari Rees", "practitioner", "Housing"),
    ("Huw Bowen", "practitioner", "Probation"),
    ("Dr Ann Lewis", "practitioner", "GP"),
    ("Lowri Davies", "minute_taker", "Safeguarding Unit"),
    ("Bryn Thomas", "practitioner", "Mental Health"),
    ("Sian Hughes", "parent", ""),
    ("Dean Hughes", "parent", ""),
    ("Carys Lloyd", "advocate", "Advocacy"),
    ("Mair Hughes", "carer", ""),
    ("Gwen Hughes", "supporter", ""),
]
AREAS = [
    "Home conditions and safe sleep",
    "Alcohol use",
    "Mali's nursery attendance",
    "Domestic abuse",
    "Osian's health appointments",
    "Money and housing",
]


class Meeting3h:
    """Drives one conference through the real operations with a clock spanning three hours."""

    def __init__(self, session, meeting_id, chair, entries):
        self.session, self.meeting_id, self.chair = session, meeting_id, chair
        self.clock, self.step = START, timedelta(seconds=3 * 3600 / entries)
        self.n = 0

    def cmd(self, actor, name, /, **args):
        self.n += 1
        self.clock += self.step
        raw = {"id": f"bench-{self.n:06d}", "name": name, "args": args}
        ack = apply_command(self.session, self.meeting_id, actor, raw, self.clock, "bench").ack
        return ack

    @property
    def revision(self):
        return self.session.get(Meeting, self.meeting_id).revision


def text(rng: random.Random, low=8, high=40) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def build_conference(session, entries: int, rng: random.Random) -> int:
    """A conference with ``entries`` audit entries, closed; returns its id."""
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    user = accounts.create_user(
        session,
        START,
        email="chair@example.org",
        name="Rhian Evans",
        role="chair",
        password="correct horse battery staple",
        agency="Safeguarding Unit",
    )
    meeting = create_meeting(
        session,
        user,
        START,
        kind="initial_conference",
        title="ICPC - Hughes family",
        case_reference="CP-2026-0147",
        meeting_date=date(2026, 12, 1),
        language="en",
        scale_min=1,
        children=[("Mali", 4, None), ("Osian", None, 9)],
        strategy_discussion_date=date(2026, 11, 16),
    )
    chair = meeting.participants[0]
    m = Meeting3h(session, meeting.id, chair, entries)
    m.cmd(chair, "open_lobby")
    people = []
    for name, role, agency in PEOPLE:
        person, _meeting, _changes = join_lobby(
            session, meeting.id, m.clock, name=name, role=role, agency=agency, language="en"
        )
        m.cmd(chair, "admit_participant", participant_id=person.id)
        people.append(person)
    m.cmd(
        chair,
        "record_attendance",
        attendance="apologies",
        name="Dr Owen Parry",
        role="practitioner",
        agency="GP",
        report_provided=True,
    )
    pros = [p for p in people if p.role in ("social_worker", "practitioner")]
    family = [p for p in people if p.role in ("parent", "carer", "advocate", "supporter")]
    areas = [
        m.cmd(
            chair,
            "add_area",
            title=t,
            not_good_enough=text(rng),
            good_enough=text(rng),
            family_words=text(rng, 5, 15),
        )["area_id"]
        for t in AREAS
    ]
    children = [c.id for c in session.get(Meeting, meeting.id).children]
    # Registration views and decisions go last; keep room for them.
    reserve = 2 * (len(pros) + len(family)) + 2 * 2 + 4
    behaviours: list[int] = []
    public_behaviours: list[int] = []
    contributions: list[int] = []
    round_every = max((entries - reserve) // (len(areas) * 2), 30)
    closed_at = {int(entries * 0.45), int(entries * 0.75)}
    in_session = False
    while m.revision < entries - reserve:
        rev = m.revision
        if rev in closed_at or (in_session and rng.random() < 0.04):
            m.cmd(
                chair,
                "end_closed_session" if in_session else "start_closed_session",
                **({} if in_session else {"reason": "Police information"}),
            )
            in_session = not in_session
            continue
        speakers = pros if in_session else pros + family
        area = rng.choice(areas)
        if rev % round_every == 0:
            round_id = m.cmd(chair, "open_scaling_round", area_id=area)["round_id"]
            for person in rng.sample(speakers, k=min(len(speakers), 14)):
                m.cmd(
                    person,
                    "place_position",
                    round_id=round_id,
                    value=rng.randint(1, 10),
                    reason=text(rng, 4, 14),
                )
            m.cmd(chair, "reveal_scaling_round", round_id=round_id)
            m.cmd(
                chair,
                "agree_scaling_position",
                round_id=round_id,
                value=rng.randint(1, 10),
                rationale=text(rng),
            )
            continue
        roll = rng.random()
        if roll < 0.55:
            who = rng.choice(speakers)
            contributions.append(
                m.cmd(
                    who,
                    "add_contribution",
                    area_id=area,
                    kind=rng.choice(["worry", "strength", "evidence"]),
                    text=text(rng),
                    practitioners_only=who in pros and rng.random() < 0.15,
                )["contribution_id"]
            )
        elif roll < 0.62 and contributions:
            m.cmd(chair, "edit_contribution", contribution_id=rng.choice(contributions), text=text(rng))
        elif roll < 0.72:
            proposed = m.cmd(
                rng.choice(pros),
                "propose_behaviour",
                area_id=area,
                text=text(rng, 6, 16),
                who=rng.choice(["Health visitor", "Social worker", "Dean", "Sian"]),
                by_when="2026-12-15",
            )["behaviour_id"]
            behaviours.append(proposed)
            if not in_session:
                public_behaviours.append(proposed)
        elif roll < 0.78 and behaviours:
            m.cmd(chair, "set_behaviour_status", behaviour_id=rng.choice(behaviours), status="agreed")
        elif roll < 0.86 and public_behaviours and not in_session:
            m.cmd(
                rng.choice(family[:2]),
                "respond_to_behaviour",
                behaviour_id=rng.choice(public_behaviours),
                answer=rng.choice(["agreed", "not_agreed"]),
            )
        elif roll < 0.92:
            m.cmd(chair, "set_focus", area_id=area)
        else:
            m.cmd(chair, "update_area", area_id=area, agreed_wording=text(rng))
    if in_session:
        m.cmd(chair, "end_closed_session")
    for child in children:
        for person in pros:
            m.cmd(
                person,
                "give_registration_view",
                child_id=child,
                view="register",
                categories=["neglect"],
                reason=text(rng, 5, 20),
            )
        for person in family:
            m.cmd(person, "give_registration_view", child_id=child, view="unsure", reason=text(rng, 5, 20))
        m.cmd(
            chair,
            "record_registration_decision",
            child_id=child,
            decision="register",
            categories=["neglect", "emotional"],
            reasons=text(rng, 20, 60),
            family_view=text(rng),
        )
    while m.revision < entries - 1:
        m.cmd(chair, "set_focus", area_id=rng.choice(areas))
    m.cmd(chair, "close_meeting", confirm=True)
    session.commit()
    return meeting.id


def _clear_caches() -> None:
    for fn in (markup.clean_html, markup.tree, markup.to_markdown):
        fn.cache_clear()


def timed(fn, runs: int) -> tuple[float, float, float]:
    """(first, median of the rest, median CPU time) in seconds, caches cleared before every run.

    The CPU time is this process's own: on a shared machine it is the steadier figure."""
    walls, cpus = [], []
    for _ in range(runs):
        _clear_caches()
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return walls[0], statistics.median(walls[1:] or walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ecp-bench-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    migrate.upgrade(url)
    app = create_app(TestConfig(url, INSTANCE_DIR=folder))
    with app.app_context():
        session = db.session()
        t0 = time.perf_counter()
        meeting_id = build_conference(session, args.entries, random.Random(147))
        built = time.perf_counter() - t0
        audit_rows = session.scalars(select(AuditEntry).where(AuditEntry.meeting_id == meeting_id)).all()
        record = summaries.record_of(summaries.get_version(session, meeting_id))
        counts = {
            name: len(getattr(record, name))
            for name in (
                "people",
                "areas",
                "contributions",
                "behaviours",
                "rounds",
                "views",
                "decisions",
                "closed_sessions",
            )
        }
        positions = sum(len(r.positions) for r in record.rounds)
        print(
            f"Conference built through the operations in {built:.1f} s: {len(audit_rows)} audit entries, "
            + ", ".join(f"{v} {k}" for k, v in counts.items())
            + f", {positions} positions."
        )
        free_text = "\n\n".join(
            [c.text for c in record.contributions]
            + [b.text for b in record.behaviours]
            + [p.reason for r in record.rounds for p in r.positions]
            + [r.agreed_rationale for r in record.rounds]
            + [a.not_good_enough + "\n\n" + a.good_enough for a in record.areas]
            + [v.reason for v in record.views]
        )

    def load_audit():
        with app.app_context():
            s = db.session()
            s.scalars(select(AuditEntry).where(AuditEntry.meeting_id == meeting_id)).all()
            s.close()

    def load_version():
        with app.app_context():
            s = db.session()
            summaries.record_of(summaries.get_version(s, meeting_id))
            s.close()

    def load_record_from_tables():
        with app.app_context():
            s = db.session()
            summaries.load_record(s, s.get(Meeting, meeting_id))
            s.close()

    info = VersionInfo(1, "draft")

    def make(copy, fmt):
        def run():
            with app.test_request_context():
                summary = build.summary_for(record, copy, {})
                document = layout.layout(summary, info)
                if fmt == "md":
                    as_markdown.render(document)
                elif fmt == "html":
                    as_html.render(document)
                else:
                    as_docx.render(document)

        return run

    def everything():
        load_version()
        for copy, fmt in (
            ("full", "md"),
            ("full", "html"),
            ("family", "html"),
            ("full", "docx"),
            ("family", "docx"),
        ):
            make(copy, fmt)()

    with app.test_request_context():  # compile the templates once, as a running server has
        as_html.render(layout.layout(build.summary_for(record, "full", {}), info))
    rows = [
        ("baseline: load the 2,000 audit rows", load_audit),
        ("baseline: bare Markdown of the same free text", lambda: markdown.markdown(free_text)),
        ("load the summary version (JSON -> record)", load_version),
        ("(for reference) load the record from the tables", load_record_from_tables),
        ("full copy, Markdown", make("full", "md")),
        ("full copy, HTML", make("full", "html")),
        ("family copy, HTML", make("family", "html")),
        ("full copy, Word (.docx)", make("full", "docx")),
        ("family copy, Word (.docx)", make("family", "docx")),
        ("EVERY FORMAT (load + md + 2 html + 2 docx)", everything),
    ]
    print(
        f"\n{'seconds':48} {'first':>9} {'median':>9} {'cpu':>9}"
        f"   ({args.runs} runs, markup caches cleared each run)"
    )
    for label, fn in rows:
        first, median, cpu = timed(fn, args.runs)
        print(f"{label:48} {first:9.3f} {median:9.3f} {cpu:9.3f}")


if __name__ == "__main__":
    main()
