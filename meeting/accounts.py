"""Staff accounts: passwords hashed with Argon2id (memory-hard), sign-in checks, and what an admin
does to accounts (create, reset a password, deactivate, reactivate)."""

import secrets
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .domain import validation as v
from .domain.errors import N_, Conflict, InvalidCommand, NotAllowed
from .domain.roles import STAFF_ROLES, Role
from .models import User

_hasher = PasswordHasher()
MIN_PASSWORD = 12
# Verified against when no account matches, so an unknown email costs as long as a wrong password
# and the timing does not tell which emails have accounts.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def check_password_strength(password: str) -> str:
    """At least 12 characters; long passphrases beat clever rules."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidCommand(
            N_("Use a password of at least {n} characters."), code="weak_password", n=MIN_PASSWORD
        )
    if len(password) > 1000:
        raise InvalidCommand(N_("That password is too long."), code="too_long")
    return password


def temporary_password() -> str:
    """A one-off password an admin hands over; it only lets its owner choose their own."""
    return secrets.token_urlsafe(12)


def end_sessions(user: User) -> None:
    """Signing out: every session of the account stops working, on every device and every copy of
    its cookie (meeting.identity.auth_epoch)."""
    # Raised in SQL, not from the loaded value, so two sign-outs at once both count.
    user.session_epoch = User.session_epoch + 1


def create_user(
    session: Session,
    now: datetime,
    *,
    email: str,
    name: str,
    role: str,
    password: str,
    agency: str = "",
    must_change_password: bool = False,
) -> User:
    """A new staff account."""
    email = v.text(email, "Email", max_len=254).lower()
    if "@" not in email or any(c.isspace() for c in email):
        raise InvalidCommand(N_("Enter an email address."), code="bad_email")
    role = v.choice(role, "Role", Role)
    if role not in STAFF_ROLES:
        raise InvalidCommand(
            N_("A staff account is an admin, a chair or a social worker."), code="unknown_value"
        )
    if session.scalar(select(User).where(func.lower(User.email) == email)):
        raise Conflict(N_("There is already an account with that email."), code="exists")
    user = User(
        email=email,
        name=v.text(name, "Name", max_len=120),
        role=role,
        agency=v.text(agency, "Agency", max_len=120, required=False) or None,
        password_hash=_hasher.hash(check_password_strength(password)),
        must_change_password=must_change_password,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def create_account(
    session: Session, now: datetime, *, email: str, name: str, role: str, agency: str = ""
) -> tuple[User, str]:
    """An admin creates an account; returns it with a temporary password to hand over once."""
    password = temporary_password()
    user = create_user(
        session,
        now,
        email=email,
        name=name,
        role=role,
        agency=agency,
        password=password,
        must_change_password=True,
    )
    return user, password


def authenticate(session: Session, email: str, password: str) -> User:
    """The active user with this email and password, or NotAllowed (same message either way)."""
    user = session.scalar(select(User).where(func.lower(User.email) == (email or "").strip().lower()))
    try:
        if user is None or not user.active:
            _hasher.verify(_DUMMY_HASH, "not the password")
            raise VerificationError
        _hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        raise NotAllowed(
            N_("That email and password do not match an account."), code="bad_credentials"
        ) from None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Change a password after checking the current one; other signed-in sessions end."""
    try:
        _hasher.verify(user.password_hash, current or "")
    except (VerificationError, InvalidHashError):
        raise NotAllowed(N_("Your current password is not right."), code="bad_credentials") from None
    if new == current:
        raise InvalidCommand(N_("Choose a new password, not the one you have now."), code="same_password")
    user.password_hash = _hasher.hash(check_password_strength(new))
    user.must_change_password = False


def reset_password(user: User) -> str:
    """An admin resets a forgotten password: every session of the account ends; returns the new
    temporary password."""
    password = temporary_password()
    user.password_hash = _hasher.hash(password)
    user.must_change_password = True
    return password


def _active_admins(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active))


def deactivate(session: Session, admin: User, user: User) -> None:
    """Stop an account signing in; its sessions end at once. The last admin stays, and nobody
    locks themselves out."""
    if user.id == admin.id:
        raise Conflict(N_("You cannot deactivate your own account."), code="self")
    if not user.active:
        raise Conflict(N_("{name}'s account is already deactivated."), code="inactive", name=user.name)
    if user.role == Role.ADMIN and _active_admins(session) <= 1:
        raise Conflict(N_("This is the last active admin account."), code="last_admin")
    user.active = False


def reactivate(user: User) -> None:
    """Let a deactivated account sign in again."""
    if user.active:
        raise Conflict(N_("{name}'s account is already active."), code="active", name=user.name)
    user.active = True


def get_user(session: Session, user_id: int) -> User:
    """A staff account by id."""
    from .domain.errors import NotFound

    user = session.get(User, user_id)
    if user is None:
        raise NotFound(N_("No such account."))
    return user
