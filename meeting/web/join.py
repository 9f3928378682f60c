"""Joining without an account: a code, a name, a role, a language, then the lobby."""

from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for

from .. import db, ratelimit
from ..domain import validation as v
from ..domain.errors import MeetingError
from ..domain.kinds import Language
from ..domain.roles import JOINABLE_ROLES, Role, audience_for
from ..identity import current_participant, issue_device_token
from ..models import Meeting
from ..operations.context import Changes
from ..operations.dispatch import audit, lock_meeting
from ..operations.setup import join_lobby, meeting_by_code

bp = Blueprint("join", __name__)


def _limit() -> None:
    cfg = current_app.config
    ratelimit.hit("join", request.remote_addr or "?", cfg["RATE_LIMIT_JOIN"], cfg["RATE_LIMIT_WINDOW"])


@bp.route("/join", methods=["GET", "POST"])
def enter():
    """Type the join code shown on the shared screen."""
    if request.method == "POST":
        code = request.form.get("code", "")
        try:
            _limit()
            meeting_by_code(db.session(), code)
        except MeetingError as error:
            return render_template("join/enter.html", error=error.message, code=code), error.http_status
        return redirect(url_for("join.details", code=code.strip().upper()))
    return render_template("join/enter.html", error=None, code="")


@bp.route("/join/<code>", methods=["GET", "POST"])
def details(code: str):
    """Say who you are; then wait in the lobby for the chair."""
    roles = sorted(JOINABLE_ROLES, key=list(Role).index)
    try:
        _limit() if request.method == "POST" else None
        meeting = meeting_by_code(db.session(), code)
    except MeetingError as error:
        return render_template("join/enter.html", error=error.message, code=code), error.http_status
    existing = current_participant(db.session(), meeting)
    if existing is not None and existing.admission in ("waiting", "admitted"):
        return redirect(url_for("join.device", meeting_id=meeting.id))
    if request.method == "POST":
        form = request.form
        try:
            name = v.text(form.get("name"), "Your name", max_len=120)
            role = v.choice(form.get("role"), "Your role", Role)
            if role not in JOINABLE_ROLES:
                raise v.InvalidCommand("Choose your role from the list.", code="unknown_value")
            language = v.choice(form.get("language", "en"), "Language", Language)
            agency = v.text(form.get("agency"), "Your agency", max_len=120, required=audience_for(role) == "practitioners")
            s = db.session()
            locked = lock_meeting(s, meeting.id)
            person = join_lobby(s, locked, datetime.now(UTC), name=name, role=role, agency=agency, language=language)
            issue_device_token(person)
            changes = Changes().add(person)
            audit(s, locked, person, f"join-{person.id}-{locked.revision}", "join_lobby",
                  {"name": name, "role": role, "agency": agency, "language": language}, changes, datetime.now(UTC))
            s.commit()
        except MeetingError as error:
            db.session().rollback()
            return render_template("join/details.html", error=error.message, code=code, form=form, roles=roles), error.http_status
        from ..extensions import socketio
        from ..live import broadcast

        broadcast(socketio, locked, changes)
        session["lang"] = language
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
    return render_template("live/device.html", meeting=meeting, me=person, audience=audience_for(person.role))
