"""Administration: staff accounts (create, reset a password, deactivate, reactivate) and the list of
every meeting, for reaching its audit log. Only for roles the table lets manage_accounts."""

import logging
from datetime import UTC, datetime

from flask import Blueprint, g, redirect, render_template, request, url_for
from sqlalchemy import select

from .. import accounts, db
from ..domain.errors import MeetingError
from ..domain.roles import STAFF_ROLES, Role
from ..models import Meeting, User
from .auth import close_live_sockets, staff_required

bp = Blueprint("admin", __name__, url_prefix="/admin")
log = logging.getLogger("ecp.accounts")
ROLE_ORDER = [r for r in Role if r in STAFF_ROLES]


def _page(error: str | None = None, issued: dict | None = None, form=None, status: int = 200):
    users = db.session().scalars(select(User).order_by(User.active.desc(), User.name)).all()
    return render_template(
        "admin/accounts.html", users=users, roles=ROLE_ORDER, error=error, issued=issued, form=form or {}
    ), status


@bp.route("/")
@staff_required("manage_accounts")
def index():
    """Administration starts with the accounts."""
    return redirect(url_for("admin.accounts"))


@bp.route("/accounts", methods=["GET", "POST"], endpoint="accounts")
@staff_required("manage_accounts")
def accounts_page():
    """Every staff account; an admin creates one, and hands its temporary password over once."""
    if request.method == "GET":
        return _page()
    form = request.form
    session = db.session()
    try:
        user, password = accounts.create_account(
            session,
            datetime.now(UTC),
            email=form.get("email", ""),
            name=form.get("name", ""),
            role=form.get("role", ""),
            agency=form.get("agency", ""),
        )
        session.commit()
    except MeetingError as error:
        session.rollback()
        return _page(error=error.message, form=form, status=error.http_status)
    log.info("account %s (%s) created by admin %s", user.id, user.role, g.user.id)
    return _page(issued={"user": user, "password": password, "created": True}, status=201)


def _account_action(user_id: int, action) -> tuple:
    session = db.session()
    try:
        user = accounts.get_user(session, user_id)
        result = action(session, user)
        session.commit()
    except MeetingError as error:
        session.rollback()
        return None, _page(error=error.message, status=error.http_status)
    return (user, result), None


@bp.route("/accounts/<int:user_id>/deactivate", methods=["POST"])
@staff_required("manage_accounts")
def deactivate(user_id: int):
    """Stop an account signing in; its sessions and live sockets end at once."""
    done, refused = _account_action(user_id, lambda s, u: accounts.deactivate(s, g.user, u))
    if refused:
        return refused
    user = done[0]
    close_live_sockets(user.id)
    log.info("account %s deactivated by admin %s", user.id, g.user.id)
    return redirect(url_for("admin.accounts"))


@bp.route("/accounts/<int:user_id>/reactivate", methods=["POST"])
@staff_required("manage_accounts")
def reactivate(user_id: int):
    """Let a deactivated account sign in again."""
    done, refused = _account_action(user_id, lambda s, u: accounts.reactivate(u))
    if refused:
        return refused
    log.info("account %s reactivated by admin %s", user_id, g.user.id)
    return redirect(url_for("admin.accounts"))


@bp.route("/accounts/<int:user_id>/reset-password", methods=["POST"])
@staff_required("manage_accounts")
def reset_password(user_id: int):
    """Give a forgotten account a temporary password; its other sessions end."""
    done, refused = _account_action(user_id, lambda s, u: accounts.reset_password(u))
    if refused:
        return refused
    user, password = done
    log.info("password of account %s reset by admin %s", user.id, g.user.id)
    return _page(issued={"user": user, "password": password, "created": False})


@bp.route("/meetings")
@staff_required("manage_accounts")
def meetings():
    """Every meeting, newest first, with its audit log (opening one checks view_audit for it).

    Guarded by manage_accounts, not view_audit: as a service-wide role "chair" would pass
    view_audit, which a chair holds only in the meetings they chair."""
    rows = (
        db.session().scalars(select(Meeting).order_by(Meeting.meeting_date.desc(), Meeting.id.desc())).all()
    )
    return render_template("admin/meetings.html", meetings=rows)
