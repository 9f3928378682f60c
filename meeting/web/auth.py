"""Signing in and out, changing password, and the guards for staff pages.

Every guarded page consults the one permission table (meeting.domain.roles): service-wide pages
with the account's role, a meeting's pages with the role the account has *in that meeting*.
"""

from functools import wraps

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from sqlalchemy import select

from .. import accounts, db, presence, ratelimit
from ..domain.errors import N_, MeetingError, NotAllowed, NotFound, RateLimited
from ..domain.roles import PARTICIPANT_ROLES, require
from ..extensions import socketio
from ..identity import auth_epoch, current_user
from ..models import Meeting, Participant, User

bp = Blueprint("auth", __name__)

# Pages a signed-in account with a temporary password may still open.
_BEFORE_NEW_PASSWORD = frozenset({"auth.password", "auth.signout"})


def _signed_in() -> User | None:
    user = current_user(db.session())
    if user is not None:
        g.user = user
    return user


def _must_choose_password(user: User) -> bool:
    return user.must_change_password and request.endpoint not in _BEFORE_NEW_PASSWORD


def _staff_gate():
    """The signed-in account, or where to send the browser first (sign in, or choose a password)."""
    user = _signed_in()
    if user is None:
        return None, redirect(url_for("auth.signin", next=request.full_path))
    if _must_choose_password(user):
        return None, redirect(url_for("auth.password"))
    return user, None


def staff_required(action: str | None = None):
    """Pages for signed-in staff; with an action, the account's role must allow it in the table.

    Without an action the page is the account's own (its password, its list of meetings)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user, detour = _staff_gate()
            if detour is not None:
                return detour
            if action is not None:
                require(user.role, action)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def meeting_role(user: User, meeting: Meeting) -> tuple[str | None, Participant | None]:
    """The role an account acts in for one meeting, and its participant there.

    Its admitted participant's role (the chair, a named co-chair, ...); otherwise a service-wide
    role that is not a meeting role (an admin); otherwise none. A staff "chair" chairs only the
    meetings they are the chair of."""
    person = db.session().scalar(
        select(Participant).where(Participant.meeting_id == meeting.id, Participant.user_id == user.id)
    )
    if person is not None and person.is_admitted:
        return person.role, person
    if user.role not in PARTICIPANT_ROLES:
        return user.role, None
    return None, None


def meeting_required(action: str):
    """A meeting's staff page (route argument meeting_id): the account's role in that meeting must
    allow the action. Sets g.user, g.meeting, g.role and g.person."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user, detour = _staff_gate()
            if detour is not None:
                return detour
            meeting = db.session().get(Meeting, kwargs["meeting_id"])
            if meeting is None:
                raise NotFound(N_("No such meeting."))
            role, person = meeting_role(user, meeting)
            if role is None:
                raise NotAllowed(N_("Your account is not part of this meeting."))
            require(role, action)
            g.meeting, g.role, g.person = meeting, role, person
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("meetings.index")


def _address() -> str:
    return request.remote_addr or "?"


def close_live_sockets(user_id: int) -> None:
    """Close the account's open sockets, which would otherwise keep receiving the meeting's
    broadcasts until their next command (sign-out, deactivation)."""
    people = db.session().scalars(select(Participant.id).where(Participant.user_id == user_id)).all()
    for participant_id in people:
        presence.disconnect_person(socketio, participant_id)


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    """Staff sign in with email and password; failed attempts are rate-limited per address."""
    if request.method == "POST":
        cfg = current_app.config
        try:
            # Checked before the (deliberately slow) hash, so a flood costs the server nothing.
            ratelimit.check("signin", _address(), cfg["RATE_LIMIT_SIGNIN"], cfg["RATE_LIMIT_WINDOW"])
            try:
                form = request.form
                user = accounts.authenticate(db.session(), form.get("email", ""), form.get("password", ""))
            except NotAllowed:
                ratelimit.fail("signin", _address(), cfg["RATE_LIMIT_WINDOW"])
                raise
            db.session().commit()
        except MeetingError as exc:
            headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else {}
            return render_template("auth/signin.html", error=exc.message), exc.http_status, headers
        devices = session.get("devices", {})
        lang = session.get("lang")
        session.clear()  # a fresh session (and CSRF token) for the signed-in account
        session["devices"] = devices
        if lang:
            session["lang"] = lang
        session["user_id"] = user.id
        session["auth_epoch"] = auth_epoch(user)
        session.permanent = True
        if user.must_change_password:
            return redirect(url_for("auth.password"))
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/signin.html", error=None)


@bp.route("/signout", methods=["POST"])
def signout():
    """Sign out: this browser, and every other session of the account (a copied cookie too)."""
    user = current_user(db.session())
    if user is not None:
        accounts.end_sessions(user)
        db.session().commit()
        close_live_sockets(user.id)
    session.pop("user_id", None)
    session.pop("auth_epoch", None)
    return redirect(url_for("auth.signin"))


@bp.route("/password", methods=["GET", "POST"])
@staff_required()
def password():
    """Change one's own password; other sessions with the old one stop working."""
    error = done = None
    if request.method == "POST":
        try:
            if request.form.get("new") != request.form.get("confirm"):
                raise accounts.InvalidCommand(N_("The new passwords do not match."), code="mismatch")
            # A wrong current password counts like a failed sign-in: a borrowed session cannot be
            # used to guess it.
            cfg = current_app.config
            ratelimit.check("signin", _address(), cfg["RATE_LIMIT_SIGNIN"], cfg["RATE_LIMIT_WINDOW"])
            try:
                accounts.change_password(g.user, request.form.get("current", ""), request.form.get("new", ""))
            except NotAllowed:
                ratelimit.fail("signin", _address(), cfg["RATE_LIMIT_WINDOW"])
                raise
            db.session().commit()
            session["auth_epoch"] = auth_epoch(g.user)
            done = True
        except MeetingError as exc:
            db.session().rollback()
            error = exc.message
    return render_template(
        "auth/password.html", error=error, done=done, must_change=g.user.must_change_password
    ), (400 if error else 200)
