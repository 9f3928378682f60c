"""Staff accounts: passwords hashed with Argon2id (memory-hard), sign-in checks."""

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .domain import validation as v
from .domain.errors import Conflict, InvalidCommand, NotAllowed
from .domain.roles import STAFF_ROLES, Role
from .models import User

_hasher = PasswordHasher()
MIN_PASSWORD = 12


def check_password_strength(password: str) -> str:
    """At least 12 characters; long passphrases beat clever rules."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidCommand(f"Use a password of at least {MIN_PASSWORD} characters.", code="weak_password")
    if len(password) > 1000:
        raise InvalidCommand("That password is too long.", code="too_long")
    return password


def create_user(session: Session, now: datetime, *, email: str, name: str, role: str, password: str, agency: str = "") -> User:
    """A new staff account."""
    email = v.text(email, "Email", max_len=254).lower()
    if "@" not in email:
        raise InvalidCommand("Enter an email address.", code="bad_email")
    role = v.choice(role, "Role", Role)
    if role not in STAFF_ROLES:
        raise InvalidCommand("A staff account is an admin, a chair or a social worker.", code="unknown_value")
    if session.scalar(select(User).where(func.lower(User.email) == email)):
        raise Conflict("There is already an account with that email.", code="exists")
    user = User(
        email=email,
        name=v.text(name, "Name", max_len=120),
        role=role,
        agency=agency or None,
        password_hash=_hasher.hash(check_password_strength(password)),
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User:
    """The active user with this email and password, or NotAllowed (same message either way)."""
    user = session.scalar(select(User).where(func.lower(User.email) == (email or "").strip().lower()))
    try:
        if user is None or not user.active:
            raise VerificationError
        _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        raise NotAllowed("That email and password do not match an account.", code="bad_credentials") from None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Change a password after checking the current one; other signed-in sessions end."""
    try:
        _hasher.verify(user.password_hash, current or "")
    except (VerificationError, InvalidHashError):
        raise NotAllowed("Your current password is not right.", code="bad_credentials") from None
    user.password_hash = _hasher.hash(check_password_strength(new))
