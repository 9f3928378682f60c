"""A fictional initial conference (the Hughes family) for demos and tests, built through the real
operations. Every name, place and event in it is invented."""

import secrets
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import accounts
from .domain.kinds import MeetingKind
from .models import Meeting, Participant, User
from .operations import agenda, people
from .operations.context import Ctx
from .operations.dispatch import audit
from .operations.setup import create_meeting

CHAIR_EMAIL = "rhian.evans@example.org"
CASE_REFERENCE = "CP-2026-0147"

EXPECTED = [
    ("Gareth Morgan", "social_worker", "Children's Services", "en"),
    ("Nia Williams", "practitioner", "Health Visiting", "en"),
    ("Eleri Price", "practitioner", "Education (Ysgol Feithrin)", "cy"),
    ("DC Tom Hayes", "practitioner", "Police - Public Protection Unit", "en"),
    ("Aled Jenkins", "practitioner", "Substance Misuse Service", "en"),
    ("Sian Hughes", "parent", None, "cy"),
    ("Dean Hughes", "parent", None, "en"),
    ("Carys Lloyd", "advocate", "Parent advocacy service", "en"),
    ("Lowri Davies", "minute_taker", "Safeguarding Unit", "en"),
]

AREAS = [
    (
        "Home conditions and safe sleep",
        "At 4 of the last 6 home visits the floor was covered with rubbish and dog mess, and Osian had "
        "no cot: he slept on the sofa with his father.",
        "The home is clean and safe every day. Osian sleeps in his own cot, on his back, in his "
        "parents' room.",
        "We want the house to be somewhere the kids can play and we are proud of.",
    ),
    (
        "Alcohol use by the adults caring for the children",
        "Dean has been drunk when caring for the children alone: police found him asleep and "
        "unrousable with Mali and Osian in the house on 14 September.",
        "An adult who is sober is caring for Mali and Osian at all times, and Dean is working with the "
        "Substance Misuse Service.",
        "I want to be a dad the kids can rely on.",
    ),
    (
        "Mali's nursery attendance",
        "Mali attended 58% of her nursery sessions this term and missed her speech and language "
        "assessment twice.",
        "Mali attends nursery every day she is well and goes to all her speech and language appointments.",
        "Mali loves nursery - we just need to get there in the mornings.",
    ),
]


def ensure_chair(session: Session, now: datetime, password: str) -> User:
    """The demo chair's account, made once."""
    user = session.scalar(select(User).where(User.email == CHAIR_EMAIL))
    if user is None:
        user = accounts.create_user(
            session,
            now,
            email=CHAIR_EMAIL,
            name="Rhian Evans",
            role="chair",
            password=password,
            agency="Safeguarding Unit",
        )
    return user


def build_demo(session: Session, chair: User, now: datetime, meeting_date: date) -> Meeting:
    """The Hughes initial conference: children, expected people, agenda, lobby open."""
    meeting = create_meeting(
        session,
        chair,
        now,
        kind=MeetingKind.INITIAL_CONFERENCE,
        title="Initial Child Protection Conference - Hughes family",
        case_reference=CASE_REFERENCE,
        meeting_date=meeting_date,
        language="en",
        scale_min=1,
        children=[("Mali", 4, None), ("Osian", None, 9)],
        strategy_discussion_date=date(2026, 11, 9),
    )
    chair_person = meeting.participants[0]
    ctx = Ctx(session=session, meeting=meeting, actor=chair_person, now=now)
    mali, osian = meeting.children

    def run(name, payload, changes):
        audit(session, meeting, chair_person, f"demo-{name}-{meeting.revision}", name, payload, changes, now)

    for name, role, agency, language in EXPECTED:
        payload = {"name": name, "role": role, "agency": agency or "", "language": language}
        run("add_expected_participant", payload, people.add_expected_participant(ctx, **payload))
    apologies = {
        "name": "Dr Owen Parry",
        "role": "practitioner",
        "agency": "GP",
        "attendance": "apologies",
        "report_provided": True,
    }
    run("record_attendance", apologies, people.record_attendance(ctx, **apologies))
    for i, (title, not_good, good, words) in enumerate(AREAS):
        children = [mali.id] if i == 2 else [mali.id, osian.id]
        payload = {
            "title": title,
            "not_good_enough": not_good,
            "good_enough": good,
            "family_words": words,
            "child_ids": children,
        }
        run("add_area", payload, agenda.add_area(ctx, **payload))
    run("open_lobby", {}, people.open_lobby(ctx))
    session.flush()
    return meeting


def demo_password(instance_dir: Path) -> str:
    """The demo chair's password: generated once per instance folder, kept beside the database."""
    path = instance_dir / "demo-password"
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(12))
        path.chmod(0o600)
    return path.read_text().strip()


def ensure_demo(session: Session, instance_dir: Path) -> tuple[Meeting, str]:
    """The open demo meeting (made if there is none) and the chair's password."""
    now = datetime.now(UTC)
    password = demo_password(instance_dir)
    chair = ensure_chair(session, now, password)
    meeting = session.scalar(
        select(Meeting)
        .where(Meeting.case_reference == CASE_REFERENCE, Meeting.status != "closed")
        .order_by(Meeting.id.desc())
    )
    if meeting is None:
        meeting = build_demo(session, chair, now, now.date())
    return meeting, password


__all__ = ["ensure_demo", "build_demo", "Participant"]
