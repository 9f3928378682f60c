"""The chair's pages: the list of meetings, a new meeting, the console, who chairs; and the shared
screen."""

import io
import uuid
from contextlib import nullcontext
from datetime import UTC, datetime

import segno
from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from .. import db, presence
from ..domain import validation as v
from ..domain.errors import N_, MeetingError, NotAllowed, NotFound
from ..domain.kinds import Admission, Language, MeetingKind
from ..domain.roles import Role, may, require
from ..extensions import socketio
from ..identity import screen_key_matches
from ..live import broadcast
from ..models import Meeting, Participant
from ..operations.chairs import co_chairs, eligible_co_chairs, name_co_chair
from ..operations.dispatch import apply_command
from ..operations.setup import create_meeting
from .auth import meeting_required, meeting_role, staff_required

bp = Blueprint("meetings", __name__)
MAX_CHILDREN = 8


def _meeting(meeting_id: int) -> Meeting:
    meeting = db.session().get(Meeting, meeting_id)
    if meeting is None:
        abort(404, description=N_("No such meeting."))
    return meeting


def public_url(path: str) -> str:
    """An absolute URL for people in the room (PUBLIC_URL when behind a proxy)."""
    base = current_app.config.get("PUBLIC_URL") or request.host_url.rstrip("/")
    return base + path


@bp.route("/")
@staff_required()
def index():
    """The meetings this account chairs or co-chairs (an admitted participant), newest first."""
    session = db.session()
    rows = session.execute(
        select(Meeting, Participant.role)
        .join(Participant, Participant.meeting_id == Meeting.id)
        .where(Participant.user_id == g.user.id, Participant.admission == Admission.ADMITTED)
        .order_by(Meeting.meeting_date.desc(), Meeting.id.desc())
    ).all()
    return render_template("meetings/index.html", meetings=rows, user_role=g.user.role)


def _children_from(form) -> list[tuple[str, int | None, int | None]]:
    children = []
    for i in range(MAX_CHILDREN):
        name = form.get(f"child_name_{i}", "").strip()
        if not name:
            continue
        years = form.get(f"child_age_{i}", "").strip()
        months = form.get(f"child_months_{i}", "").strip()
        children.append(
            (
                v.text(name, N_("Child's first name"), max_len=80),
                v.integer(int(years), N_("Age"), low=0, high=25) if years.isdigit() else None,
                v.integer(int(months), N_("Months"), low=0, high=23) if months.isdigit() else None,
            )
        )
    return children


@bp.route("/meetings/new", methods=["GET", "POST"])
@staff_required("create_meeting")
def new():
    """Prepare a meeting: kind, date, case reference, children, language, scale."""
    session = db.session()
    previous = [
        m
        for m in session.scalars(
            select(Meeting).where(Meeting.chair_user_id == g.user.id).order_by(Meeting.meeting_date.desc())
        ).all()
        if _may_continue(m)
    ]
    if request.method == "POST":
        form = request.form
        try:
            previous_id = form.get("previous_meeting_id", "")
            if previous_id.isdigit():
                earlier = session.get(Meeting, int(previous_id))
                # Continuing a meeting carries its record forward: only for those who may read it.
                if earlier is None or not _may_continue(earlier):
                    raise NotAllowed(N_("You can continue only a meeting whose full record you may read."))
            meeting = create_meeting(
                session,
                g.user,
                datetime.now(UTC),
                kind=v.choice(form.get("kind"), N_("Kind of meeting"), MeetingKind),
                title=v.text(form.get("title"), N_("Title"), max_len=200),
                case_reference=v.text(form.get("case_reference"), N_("Case reference"), max_len=64),
                meeting_date=v.iso_date(form.get("meeting_date"), N_("Date of the meeting")),
                language=v.choice(form.get("language", "en"), N_("Language"), Language),
                scale_min=0 if form.get("scale_min") == "0" else 1,
                children=_children_from(form),
                strategy_discussion_date=v.iso_date(
                    form.get("strategy_discussion_date"), N_("Strategy discussion"), required=False
                ),
                previous_meeting_id=int(previous_id) if previous_id.isdigit() else None,
            )
            session.commit()
        except MeetingError as error:
            session.rollback()
            page = render_template("meetings/new.html", error=error.message, form=form, previous=previous)
            return page, error.http_status
        return redirect(url_for("meetings.console", meeting_id=meeting.id))
    return render_template("meetings/new.html", error=None, form={}, previous=previous)


def _may_continue(meeting: Meeting) -> bool:
    role, _person = meeting_role(g.user, meeting)
    return role is not None and may(role, "read_summary_full")


@bp.route("/meetings/<int:meeting_id>/console")
@meeting_required("edit_meeting")
def console(meeting_id: int):
    """The chair console: only the meeting's chair or a named co-chair."""
    meeting = g.meeting
    return render_template(
        "live/console.html",
        meeting=meeting,
        me=g.person,
        screen_url=url_for("meetings.screen", meeting_id=meeting.id, key=meeting.screen_key),
        join_url=public_url(url_for("join.enter")),
    )


@bp.route("/meetings/<int:meeting_id>/chairs", methods=["GET", "POST"])
@meeting_required("edit_meeting")
def chairs(meeting_id: int):
    """Who chairs the meeting: the chair names another staff account co-chair, or removes one."""
    session = db.session()
    error, status = None, 200
    if request.method == "POST":
        try:
            user_id = v.identifier(int(request.form.get("user_id", "0") or 0), "Account")
            _person, meeting, changes = name_co_chair(
                session, meeting_id, g.person, user_id, datetime.now(UTC), device=presence.device()
            )
            session.commit()
            broadcast(socketio, meeting, changes)
            return redirect(url_for("meetings.chairs", meeting_id=meeting_id))
        except (MeetingError, ValueError) as exc:
            session.rollback()
            if isinstance(exc, MeetingError):
                error, status = exc.message, exc.http_status
            else:
                error, status = _("Choose an account from the list."), 400
    meeting = session.get(Meeting, meeting_id)
    return render_template(
        "meetings/chairs.html",
        meeting=meeting,
        me=g.person,
        chairs=co_chairs(session, meeting),
        eligible=eligible_co_chairs(session, meeting) if meeting.status != "closed" else [],
        error=error,
    ), status


@bp.route("/meetings/<int:meeting_id>/chairs/<int:participant_id>/remove", methods=["POST"])
@meeting_required("remove_participant")
def remove_chair(meeting_id: int, participant_id: int):
    """Remove a co-chair: the ordinary remove_participant command (audited, sockets closed)."""
    session = db.session()
    if participant_id not in {p.id for p in co_chairs(session, g.meeting)}:
        raise NotFound(N_("No such co-chair in this meeting."))
    raw = {
        "id": f"co-chair-{uuid.uuid4().hex[:20]}",
        "name": "remove_participant",
        "args": {"participant_id": participant_id},
    }
    applied = apply_command(session, meeting_id, g.person, raw, datetime.now(UTC), device=presence.device())
    session.commit()
    broadcast(socketio, applied.meeting, applied.changes)
    return redirect(url_for("meetings.chairs", meeting_id=meeting_id))


@bp.route("/meetings/<int:meeting_id>/screen")
def screen(meeting_id: int):
    """The shared screen, opened with the meeting's screen key."""
    meeting = _meeting(meeting_id)
    key = request.args.get("key")
    if not screen_key_matches(meeting, key):
        abort(403, description=N_("This screen link is not valid. Open it again from the chair console."))
    require(Role.SCREEN, "view_meeting")
    # ?lang=both: Welsh and English side by side, Welsh first; the page itself is then in Welsh.
    bilingual = request.args.get("lang") == "both"
    with force_locale("cy") if bilingual else nullcontext():
        return render_template(
            "live/screen.html",
            meeting=meeting,
            screen_key=key,
            join_url=public_url(url_for("join.enter")),
            bilingual=bilingual,
        )


@bp.route("/meetings/<int:meeting_id>/join-qr.svg")
def join_qr(meeting_id: int):
    """A QR code of the join URL with the code filled in, for the shared screen."""
    meeting = _meeting(meeting_id)
    if not screen_key_matches(meeting, request.args.get("key")) or not meeting.join_code:
        abort(404)
    require(Role.SCREEN, "view_meeting")
    url = public_url(url_for("join.details", code=meeting.join_code))
    # A standalone SVG (with its XML namespace): svg_inline() leaves the namespace out, and an
    # <img> then shows nothing.
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=10, dark="#0b0c0c", light="#ffffff", xmldecl=False)
    return Response(svg.getvalue(), mimetype="image/svg+xml")
