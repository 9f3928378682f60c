"""Joining without an account: a code, a name, a role, a language, then the lobby."""

from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for

from .. import db, presence, ratelimit
from ..domain import validation as v
from ..domain.errors import N_, InvalidCommand, MeetingError, NotFound, RateLimited
from ..domain.kinds import Language
from ..domain.roles import JOINABLE_ROLES, Role, audience_for, require
from ..extensions import socketio
from ..identity import current_participant, issue_device_token
from ..live import broadcast
from ..models import Meeting
from ..operations.setup import join_lobby, meeting_by_code

bp = Blueprint("join", __name__)


def _joinable_role(value) -> Role:
    role = v.choice(value, N_("Your role"), Role)
    if role not in JOINABLE_ROLES:
        raise InvalidCommand(N_("Choose your role from the list."), code="unknown_value")
    return role


def _meeting_for(code: str) -> Meeting:
    """The meeting a join code opens. Wrong codes count against the address's rate limit (see
    meeting/ratelimit.py); looking a code up by GET counts too, so no method guesses for free."""
    cfg = current_app.config
    address = request.remote_addr or "?"
    ratelimit.check("join", address, cfg["RATE_LIMIT_JOIN"], cfg["RATE_LIMIT_WINDOW"])
    try:
        return meeting_by_code(db.session(), code)
    except NotFound:
        ratelimit.fail("join", address, cfg["RATE_LIMIT_WINDOW"])
        raise


def _refused(template: str, error: MeetingError, **context):
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else {}
    return render_template(template, error=error.message, **context), error.http_status, headers


@bp.route("/join", methods=["GET", "POST"])
def enter():
    """Type the join code shown on the shared screen."""
    if request.method == "POST":
        code = request.form.get("code", "")
        try:
            _meeting_for(code)
        except MeetingError as error:
            return _refused("join/enter.html", error, code=code)
        return redirect(url_for("join.details", code=code.strip().upper()))
    return render_template("join/enter.html", error=None, code="")


@bp.route("/join/<code>", methods=["GET", "POST"])
def details(code: str):
    """Say who you are; then wait in the lobby for the chair."""
    roles = sorted(JOINABLE_ROLES, key=list(Role).index)
    try:
        meeting = _meeting_for(code)
    except MeetingError as error:
        return _refused("join/enter.html", error, code=code)
    existing = current_participant(db.session(), meeting)
    if existing is not None and existing.admission in ("waiting", "admitted"):
        return redirect(url_for("join.device", meeting_id=meeting.id))
    if request.method == "POST":
        form = request.form
        try:
            person, locked, changes = join_lobby(
                db.session(),
                meeting.id,
                datetime.now(UTC),
                name=v.text(form.get("name"), N_("Your name"), max_len=120),
                role=_joinable_role(form.get("role")),
                agency=v.text(form.get("agency"), N_("Your agency"), max_len=120, required=False),
                language=v.choice(form.get("language", "en"), N_("Language"), Language),
                device=presence.device(),
            )
            issue_device_token(person)
            db.session().commit()
        except MeetingError as error:
            db.session().rollback()
            return render_template(
                "join/details.html", error=error.message, code=code, form=form, roles=roles
            ), error.http_status
        broadcast(socketio, locked, changes)
        session["lang"] = person.language
        return redirect(url_for("join.device", meeting_id=meeting.id))
    return render_template("join/details.html", error=None, code=code, form={}, roles=roles)


@bp.route("/meetings/<int:meeting_id>/live")
def device(meeting_id: int):
    """A practitioner's or family member's device: the lobby, then the live meeting."""
    meeting = db.session().get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    person = current_participant(db.session(), meeting)
    if person is None or person.admission in ("removed", "declined"):
        return render_template("join/gone.html", meeting=meeting, person=person), 403
    require(person.role, "view_meeting")
    return render_template("live/device.html", meeting=meeting, me=person, audience=audience_for(person.role))
