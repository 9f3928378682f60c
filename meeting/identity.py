"""Who is on the other end: a staff user signed in, or a device admitted with its token."""

import hashlib
import secrets
from dataclasses import dataclass

from flask import session as cookie
from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from .domain.kinds import Admission
from .models import Meeting, Participant, User


def hash_token(token: str) -> str:
    """Only hashes of device tokens are stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_device_token(participant: Participant) -> str:
    """Give a joining device a secret token; the cookie keeps it across reloads and reconnects."""
    token = secrets.token_urlsafe(32)
    participant.token_hash = hash_token(token)
    devices = dict(cookie.get("devices", {}))
    devices[str(participant.meeting_id)] = token
    cookie["devices"] = devices
    cookie.permanent = True
    return token


def auth_epoch(account: User | Row) -> str:
    """What a staff session cookie carries from sign-in, and must still match on every request and
    socket command: a fingerprint of the password hash (a new password, or a reset, ends every
    older session) and the account's session epoch (signing out ends every copy of every session).

    Takes the account or any row with its password_hash and session_epoch (see _ACTOR)."""
    return f"{account.password_hash[-16:]}.{account.session_epoch}"


def current_user(db: Session) -> User | None:
    """The signed-in staff user, if any (still active, and not signed out since)."""
    user_id = cookie.get("user_id")
    if user_id is None:
        return None
    user = db.get(User, user_id)
    if user is None or not user.active or cookie.get("auth_epoch") != auth_epoch(user):
        return None
    return user


def current_participant(db: Session, meeting: Meeting) -> Participant | None:
    """This browser's participant in a meeting: the chair through their account, others by token."""
    user = current_user(db)
    if user is not None:
        person = db.scalar(
            select(Participant).where(Participant.meeting_id == meeting.id, Participant.user_id == user.id)
        )
        if person is not None:
            return person
    token = cookie.get("devices", {}).get(str(meeting.id))
    if not token:
        return None
    person = db.scalar(select(Participant).where(Participant.token_hash == hash_token(token)))
    return person if person is not None and person.meeting_id == meeting.id else None


def screen_key_matches(meeting: Meeting, key: str | None) -> bool:
    """The shared screen authenticates with the meeting's screen key, compared in constant time."""
    return bool(key) and secrets.compare_digest(meeting.screen_key, key)


@dataclass(frozen=True)
class Actor:
    """Who sends a command over a socket: the few facts of their participant row that commands use."""

    id: int
    meeting_id: int
    user_id: int | None
    name: str
    role: str
    admission: str

    @property
    def is_admitted(self) -> bool:
        """Admitted by the chair and not since removed."""
        return self.admission == Admission.ADMITTED


_participants = Participant.__table__
_users = User.__table__
# One Core statement instead of two ORM loads (the participant, then the chair's account): it runs
# for every command, and the ORM's loading machinery was a tenth of a command's CPU (bench/README.md).
_ACTOR = (
    select(
        _participants.c.id,
        _participants.c.meeting_id,
        _participants.c.user_id,
        _participants.c.name,
        _participants.c.role,
        _participants.c.admission,
        _users.c.active,
        _users.c.password_hash,
        _users.c.session_epoch,
    )
    .select_from(_participants.outerjoin(_users, _users.c.id == _participants.c.user_id))
    .where(_participants.c.id == bindparam("participant_id"))
)


def command_actor(db: Session, participant_id: int) -> Actor | None:
    """The person behind a socket, if they may still send commands.

    A chair's or co-chair's socket keeps working only while the account that opened it is still
    signed in: not deactivated, password not changed and not signed out since (checked on every
    command, so a socket on another process stops too). Admission is checked by the command itself."""
    row = db.connection().execute(_ACTOR, {"participant_id": participant_id}).first()
    if row is None:
        return None
    if row.user_id is not None and not (
        row.active
        and cookie.get("user_id") == row.user_id
        and cookie.get("auth_epoch") == auth_epoch(row)
    ):
        return None
    return Actor(row.id, row.meeting_id, row.user_id, row.name, row.role, row.admission)
