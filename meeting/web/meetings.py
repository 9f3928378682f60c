"""The chair's pages: the list of meetings, a new meeting, the console; and the shared screen."""

from datetime import UTC, datetime

import segno
from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, url_for
from sqlalchemy import or_, select

from .. import db
from ..domain import validation as v
from ..domain.errors import MeetingError, NotAllowed
from ..domain.kinds import Language, MeetingKind
from ..domain.roles import require
from ..identity import current_participant, screen_key_matches
from ..models import Meeting, Participant
from ..operations.setup import create_meeting
from .auth import staff_required

bp = Blueprint("meetings", __name__)
MAX_CHILDREN = 8


def _meeting(meeting_id: int) -> Meeting:
    meeting = db.session().get(Meeting, meeting_id)
    if meeting is None:
        abort(404, description="No such meeting.")
    return meeting


def public_url(path: str) -> str:
    """An absolute URL for people in the room (PUBLIC_URL when behind a proxy)."""
    base = current_app.config.get("PUBLIC_URL") or request.host_url.rstrip("/")
    return base + path


@bp.route("/")
@staff_required()
def index():
    """The meetings this user chairs or co-chairs, newest first."""
    session = db.session()
    meetings = session.scalars(
        select(Meeting)
        .outerjoin(Participant, Participant.meeting_id == Meeting.id)
        .where(or_(Meeting.chair_user_id == g.user.id, Participant.user_id == g.user.id))
        .distinct()
        .order_by(Meeting.meeting_date.desc(), Meeting.id.desc())
    ).all()
    return render_template("meetings/index.html", meetings=meetings)


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
                v.text(name, "Child's first name", max_len=80),
                v.integer(int(years), "Age", low=0, high=25) if years.isdigit() else None,
                v.integer(int(months), "Months", low=0, high=23) if months.isdigit() else None,
            )
        )
    return children


@bp.route("/meetings/new", methods=["GET", "POST"])
@staff_required("create_meeting")
def new():
    """Prepare a meeting: kind, date, case reference, children, language, scale."""
    session = db.session()
    previous = session.scalars(
        select(Meeting).where(Meeting.chair_user_id == g.user.id).order_by(Meeting.meeting_date.desc())
    ).all()
    if request.method == "POST":
        form = request.form
        try:
            previous_id = form.get("previous_meeting_id", "")
            meeting = create_meeting(
                session,
                g.user,
                datetime.now(UTC),
                kind=v.choice(form.get("kind"), "Kind of meeting", MeetingKind),
                title=v.text(form.get("title"), "Title", max_len=200),
                case_reference=v.text(form.get("case_reference"), "Case reference", max_len=64),
                meeting_date=v.iso_date(form.get("meeting_date"), "Date of the meeting"),
                language=v.choice(form.get("language", "en"), "Language", Language),
                scale_min=0 if form.get("scale_min") == "0" else 1,
                children=_children_from(form),
                strategy_discussion_date=v.iso_date(form.get("strategy_discussion_date"), "Strategy discussion", required=False),
                previous_meeting_id=int(previous_id) if previous_id.isdigit() else None,
            )
            session.commit()
        except MeetingError as error:
            session.rollback()
            return render_template("meetings/new.html", error=error.message, form=form, previous=previous), 400
        return redirect(url_for("meetings.console", meeting_id=meeting.id))
    return render_template("meetings/new.html", error=None, form={}, previous=previous)


@bp.route("/meetings/<int:meeting_id>/console")
@staff_required()
def console(meeting_id: int):
    """The chair console: only the meeting's chair or a named co-chair."""
    meeting = _meeting(meeting_id)
    person = current_participant(db.session(), meeting)
    if person is None:
        raise NotAllowed("Only this meeting's chair or co-chair can open its console.")
    require(person.role, "edit_meeting")
    return render_template(
        "live/console.html",
        meeting=meeting,
        me=person,
        screen_url=url_for("meetings.screen", meeting_id=meeting.id, key=meeting.screen_key),
        join_url=public_url(url_for("join.enter")),
    )


@bp.route("/meetings/<int:meeting_id>/screen")
def screen(meeting_id: int):
    """The shared screen, opened with the meeting's screen key."""
    meeting = _meeting(meeting_id)
    key = request.args.get("key")
    if not screen_key_matches(meeting, key):
        abort(403, description="This screen link is not valid. Open it again from the chair console.")
    return render_template("live/screen.html", meeting=meeting, screen_key=key)


@bp.route("/meetings/<int:meeting_id>/join-qr.svg")
def join_qr(meeting_id: int):
    """A QR code of the join URL with the code filled in, for the shared screen."""
    meeting = _meeting(meeting_id)
    if not screen_key_matches(meeting, request.args.get("key")) or not meeting.join_code:
        abort(404)
    url = public_url(url_for("join.details", code=meeting.join_code))
    svg = segno.make(url, error="m").svg_inline(scale=10, dark="#0b0c0c", light="#ffffff")
    return Response(svg, mimetype="image/svg+xml")
