"""Who is on the other end: a staff user signed in, or a device admitted with its token."""

import hashlib
import secrets

from flask import session as cookie
from sqlalchemy import select
from sqlalchemy.orm import Session

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


def current_user(db: Session) -> User | None:
    """The signed-in staff user, if any (and still active)."""
    user_id = cookie.get("user_id")
    if user_id is None:
        return None
    user = db.get(User, user_id)
    if user is None or not user.active or cookie.get("auth_epoch") != user.password_hash[-16:]:
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


def account_still_valid(db: Session, person: Participant) -> bool:
    """A chair's or co-chair's socket keeps working only while the account that opened it is
    still signed in: not deactivated, password not changed since (checked on every command, so
    a socket on another process stops too)."""
    if person.user_id is None:
        return True
    user = current_user(db)
    return user is not None and user.id == person.user_id
