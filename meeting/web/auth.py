"""Signing in and out, changing password, and the guard for staff pages."""

from functools import wraps

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for

from .. import accounts, db, ratelimit
from ..domain.errors import MeetingError
from ..domain.roles import may
from ..identity import current_user

bp = Blueprint("auth", __name__)


def staff_required(action: str | None = None):
    """Pages for signed-in staff; with an action, the user's role must allow it (permission table)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = current_user(db.session())
            if user is None:
                return redirect(url_for("auth.signin", next=request.full_path))
            if action is not None and not may(user.role, action):
                abort(403, description="Your account cannot do this.")
            g.user = user
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("meetings.index")


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    """Staff sign in with email and password; attempts are rate-limited per address."""
    error = None
    if request.method == "POST":
        try:
            cfg = current_app.config
            ratelimit.hit("signin", request.remote_addr or "?", cfg["RATE_LIMIT_SIGNIN"], cfg["RATE_LIMIT_WINDOW"])
            user = accounts.authenticate(db.session(), request.form.get("email", ""), request.form.get("password", ""))
            db.session().commit()
        except MeetingError as exc:
            error = exc.message
            status = exc.http_status
            return render_template("auth/signin.html", error=error), status
        devices = session.get("devices", {})
        session.clear()
        session["devices"] = devices
        session["user_id"] = user.id
        session["auth_epoch"] = user.password_hash[-16:]
        session.permanent = True
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/signin.html", error=error)


@bp.route("/signout", methods=["POST"])
def signout():
    """Sign out of this browser."""
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
                raise accounts.InvalidCommand("The new passwords do not match.", code="mismatch")
            accounts.change_password(g.user, request.form.get("current", ""), request.form.get("new", ""))
            db.session().commit()
            session["auth_epoch"] = g.user.password_hash[-16:]
            done = True
        except MeetingError as exc:
            error = exc.message
    return render_template("auth/password.html", error=error, done=done)
