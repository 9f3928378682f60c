"""Seed benchmark meetings straight into a server's database, through the operations layer.

Every meeting is opened, given three areas of change and an open scaling round; its people join the
lobby and are admitted by the chair, exactly as through the join page and the console. Each device
gets a token (only its hash is stored, as on the join page) and a session cookie signed with the
app's secret key by Flask's own session serializer: no route is added to the app for this.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime

# 25 devices a meeting: the chair, the shared screen and 23 people (16 practitioners, 7 family).
ROLES = (
    ["social_worker"]
    + ["practitioner"] * 13
    + ["minute_taker", "observer"]
    + ["parent", "parent", "carer", "advocate", "supporter", "child", "carer"]
)
AREAS = ["Home conditions and safe sleep", "Alcohol use by the adults", "Nursery attendance"]
CHAIR_EMAIL = "bench.chair@example.org"


@dataclass
class Device:
    """One socket: its cookie, its audience and whether (and what) it may send."""

    participant_id: int | None
    role: str
    audience: str
    cookie: str
    screen_key: str | None = None


@dataclass
class MeetingPlan:
    """What a load generator needs to drive one meeting."""

    id: int
    area_ids: list[int]
    round_id: int
    devices: list[Device] = field(default_factory=list)


def _app(database_url: str, instance_dir, secret_key: str):
    from meeting import create_app
    from meeting.config import Config

    config = Config()
    config.INSTANCE_DIR = instance_dir
    config.DATABASE_URL = database_url
    config.SECRET_KEY = secret_key
    config.ASYNC_MODE = "threading"
    config.SOCKETIO_MESSAGE_QUEUE = None
    config.REDIS_URL = None
    return create_app(config)


def seed(
    database_url: str, instance_dir, secret_key: str, meetings: int, catch_up_revisions: int = 0
) -> dict:
    """Create `meetings` live meetings of 25 devices (and one meeting `catch_up_revisions` long)."""
    from meeting import migrate

    migrate.upgrade(database_url)
    app = _app(database_url, instance_dir, secret_key)  # imports the app in its own order first

    from meeting import accounts, db
    from meeting.domain.roles import audience_for
    from meeting.identity import auth_epoch, hash_token
    from meeting.models import Participant, User
    from meeting.operations import agenda, decisions, people
    from meeting.operations.context import Ctx
    from meeting.operations.dispatch import audit
    from meeting.operations.setup import create_meeting, join_lobby

    serializer = app.session_interface.get_signing_serializer(app)
    now = datetime.now(UTC)

    def cookie(data: dict) -> str:
        return f"{app.config['SESSION_COOKIE_NAME']}={serializer.dumps(data)}"

    plans: list[MeetingPlan] = []
    with app.app_context():
        s = db.session()
        chair = s.query(User).filter_by(email=CHAIR_EMAIL).one_or_none()
        if chair is None:
            chair = accounts.create_user(
                s,
                now,
                email=CHAIR_EMAIL,
                name="Bench Chair",
                role="chair",
                password=secrets.token_urlsafe(16),
                agency="Safeguarding Unit",
            )
        chair_cookie = cookie({"user_id": chair.id, "auth_epoch": auth_epoch(chair)})
        total = meetings + (1 if catch_up_revisions else 0)
        for n in range(total):
            meeting = create_meeting(
                s,
                chair,
                now,
                kind="initial_conference",
                title=f"Bench conference {n + 1}",
                case_reference=f"BENCH-{n + 1:04d}",
                meeting_date=date.today(),
                language="en",
                scale_min=1,
                children=[("Mali", 4, None), ("Osian", None, 9)],
                strategy_discussion_date=date.today(),
            )
            chair_person = meeting.participants[0]
            ctx = Ctx(session=s, meeting=meeting, actor=chair_person, now=now)

            def run(name, payload, changes, actor=chair_person, meeting=meeting):
                audit(s, meeting, actor, f"seed-{name}-{meeting.revision}", name, payload, changes, now)
                return changes

            run("open_lobby", {}, people.open_lobby(ctx))
            area_ids = [
                run("add_area", {"title": t}, agenda.add_area(ctx, title=t)).result["area_id"] for t in AREAS
            ]
            round_id = run(
                "open_scaling_round",
                {"area_id": area_ids[0]},
                decisions.open_scaling_round(ctx, area_id=area_ids[0]),
            ).result["round_id"]
            plan = MeetingPlan(meeting.id, area_ids, round_id)
            plan.devices.append(Device(chair_person.id, "chair", "practitioners", chair_cookie))
            plan.devices.append(Device(None, "screen", "screen", "", meeting.screen_key))
            for i, role in enumerate(ROLES):
                person, _, _ = join_lobby(
                    s,
                    meeting.id,
                    now,
                    name=f"Person {i + 1}",
                    role=role,
                    agency="" if audience_for(role) == "family" else "Agency",
                    language="en",
                )
                token = secrets.token_urlsafe(32)
                person.token_hash = hash_token(token)
                run(
                    "admit_participant",
                    {"participant_id": person.id},
                    people.admit_participant(ctx, participant_id=person.id),
                )
                plan.devices.append(
                    Device(
                        person.id,
                        role,
                        str(audience_for(role)),
                        cookie({"devices": {str(meeting.id): token}}),
                    )
                )
            if n == meetings:  # the catch-up meeting: a long history to catch up on
                _history(s, ctx, plan, catch_up_revisions, run, Participant, agenda, decisions)
            s.commit()
            plans.append(plan)
    app.extensions["db_engine"].dispose()
    load = [asdict(p) for p in plans[:meetings]]
    return {"meetings": load, "catch_up": asdict(plans[meetings]) if catch_up_revisions else None}


def _history(s, ctx, plan: MeetingPlan, revisions: int, run, Participant, agenda, decisions) -> None:
    """Play `revisions` commands into a meeting: contributions, positions and focus moves."""
    from meeting.operations.context import Ctx

    speakers = [d for d in plan.devices if d.role not in ("chair", "screen", "minute_taker", "observer")]
    for k in range(revisions - ctx.meeting.revision):
        device = speakers[k % len(speakers)]
        person = s.get(Participant, device.participant_id)
        who = Ctx(session=s, meeting=ctx.meeting, actor=person, now=ctx.now)
        if k % 5 == 4:
            area = plan.area_ids[(k // 5) % len(plan.area_ids)]
            run("set_focus", {"area_id": area}, agenda.set_focus(ctx, area_id=area))
        elif k % 5 == 3:
            args = {"round_id": plan.round_id, "value": 1 + k % 10, "reason": f"Reason {k}"}
            run("place_position", args, decisions.place_position(who, **args), actor=person)
        else:
            args = {
                "area_id": plan.area_ids[k % 3],
                "kind": "worry" if k % 2 else "strength",
                "text": f"Contribution {k}: the home visit on Tuesday found the kitchen clean and "
                "the children's beds made; Osian's cot is now in his parents' room.",
            }
            run("add_contribution", args, agenda.add_contribution(who, **args), actor=person)
