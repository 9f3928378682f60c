"""The summary pages: the chair's draft, corrections and approval, each copy as a page, a Markdown
file or a Word document; starting the next meeting; and the progress chart (also on the screen)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask import session as device_session
from flask_babel import gettext as _

from .. import db
from ..domain import validation as v
from ..domain.errors import N_, MeetingError, NotAllowed
from ..domain.kinds import MeetingKind, MeetingStatus
from ..domain.roles import is_family, may
from ..i18n import current_locale
from ..identity import current_participant, current_user, screen_key_matches
from ..models import Meeting, Participant, SummaryVersion, User
from ..operations import core_group, summaries
from ..operations.context import Changes
from ..presence import device
from ..summary import as_html, build, chart, layout, render
from ..summary.blocks import VersionInfo
from ..summary.markup import to_markup
from .auth import meeting_role

bp = Blueprint("summaries", __name__)

MIMETYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}


@bp.record_once
def _template_helpers(state) -> None:
    env = state.app.jinja_env
    env.globals.update(
        rich=to_markup, chart_triangle=chart.triangle, summary_block=as_html.block, summary_day=layout.day
    )


@dataclass
class Viewer:
    """Who is reading: their role decides which copy they may have."""

    role: str
    participant: Participant | None
    user: User | None

    @property
    def full(self) -> bool:
        """May read the full copy (practitioners, the minute-taker, the chair, an admin)."""
        return may(self.role, "read_summary_full")


def _meeting(meeting_id: int) -> Meeting:
    meeting = db.session().get(Meeting, meeting_id)
    if meeting is None:
        abort(404, description=N_("No such meeting."))
    return meeting


def _viewer(meeting: Meeting) -> Viewer:
    session = db.session()
    person = current_participant(session, meeting)
    if person is not None and person.is_admitted:
        return Viewer(person.role, person, None)
    user = current_user(session)
    role = meeting_role(user, meeting)[0] if user is not None else None
    if role is not None:
        return Viewer(role, None, user)
    if user is None and person is None:
        abort(403, description=N_("Open this page from the device you used in the meeting, or sign in."))
    raise NotAllowed(N_("You were not in this meeting, so you cannot read its summary."))


def _require(viewer: Viewer, action: str) -> None:
    if not may(viewer.role, action):
        raise NotAllowed(N_("You cannot do this with this meeting's summary."))


def _version_for(meeting: Meeting, viewer: Viewer, number: int, copy: str) -> SummaryVersion:
    if copy not in build.COPIES:
        abort(404)
    _require(viewer, "read_summary_full" if copy == build.FULL else "read_summary_family")
    version = summaries.get_version(db.session(), meeting.id, number)
    # Drafts are for the people who check them; everyone else reads approved versions only.
    if version.status != summaries.APPROVED and not viewer.full:
        abort(404, description=N_("This summary has not been approved yet."))
    return version


def _lang(meeting: Meeting, viewer: Viewer, copy: str) -> str:
    asked = request.args.get("lang")
    if asked in render.LANGS:
        return asked
    if copy == build.FAMILY:
        if viewer.participant is not None and is_family(viewer.participant.role):
            # The language this device chose (on the join page, or its switch since), else theirs.
            return device_session.get("lang") or viewer.participant.language
        return meeting.language
    return current_locale()


def _info(version: SummaryVersion) -> VersionInfo:
    return VersionInfo(version.number, version.status, version.approved_at, version.corrections)


def _render(version: SummaryVersion, copy: str, fmt: str, lang: str):
    return render.render(
        summaries.record_of(version), summaries.edits_of(version), copy, fmt, lang, _info(version)
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _broadcast(meeting: Meeting) -> None:
    from ..extensions import socketio
    from ..live import broadcast

    # Approvals and corrections take a revision; an empty patch keeps every device's count whole.
    broadcast(socketio, meeting, Changes())


@bp.route("/meetings/<int:meeting_id>/summary")
def index(meeting_id: int):
    """The summary of a closed meeting: the chair's draft to check, versions, downloads, next steps."""
    meeting = _meeting(meeting_id)
    viewer = _viewer(meeting)
    session = db.session()
    if not viewer.full:
        _require(viewer, "read_summary_family")
        approved = (
            summaries.latest_approved(session, meeting.id) if meeting.status == MeetingStatus.CLOSED else None
        )
        if approved is None:
            return render_template("summary/not_ready.html", meeting=meeting), 404
        return redirect(url_for(".view", meeting_id=meeting.id, number=approved.number, copy=build.FAMILY))
    if meeting.status != MeetingStatus.CLOSED:
        return render_template("summary/not_ready.html", meeting=meeting), 404
    all_versions = summaries.versions(session, meeting.id)
    if not all_versions:
        return render_template("summary/not_ready.html", meeting=meeting), 404
    current = all_versions[0]
    approved = summaries.latest_approved(session, meeting.id)
    record = summaries.record_of(current)
    next_meeting = None
    if approved is not None and may(viewer.role, "approve_summary"):
        try:
            core_group.check_can_follow(summaries.record_of(approved), True, MeetingKind.CORE_GROUP)
            next_meeting = core_group.due_by(session, meeting, MeetingKind.CORE_GROUP)
        except MeetingError:
            next_meeting = None
    return render_template(
        "summary/index.html",
        meeting=meeting,
        viewer=viewer,
        versions=all_versions,
        current=current,
        approved=approved,
        body=_render(current, build.FULL, "html", current_locale()),
        dates=build.follow_on_dates(record),
        can_edit=may(viewer.role, "edit_summary"),
        can_approve=may(viewer.role, "approve_summary") and current.status == summaries.DRAFT,
        core_group_due=next_meeting,
        review_due=core_group.due_by(session, meeting, MeetingKind.REVIEW_CONFERENCE) if approved else None,
        can_start=approved is not None and may(viewer.role, "approve_summary"),
    )


@bp.route("/meetings/<int:meeting_id>/summary/<int:number>/<copy>")
def view(meeting_id: int, number: int, copy: str):
    """One copy of one version as a page that prints like a document (``?lang=cy|en|both``)."""
    meeting = _meeting(meeting_id)
    viewer = _viewer(meeting)
    version = _version_for(meeting, viewer, number, copy)
    lang = _lang(meeting, viewer, copy)
    return render_template(
        "summary/view.html",
        meeting=meeting,
        version=version,
        copy=copy,
        lang=lang,
        viewer=viewer,
        body=_render(version, copy, "html", lang),
    )


@bp.route("/meetings/<int:meeting_id>/summary/<int:number>/<copy>.<fmt>")
def download(meeting_id: int, number: int, copy: str, fmt: str):
    """One copy of one version as a Word document or a Markdown file."""
    if fmt not in MIMETYPES:
        abort(404)
    meeting = _meeting(meeting_id)
    viewer = _viewer(meeting)
    version = _version_for(meeting, viewer, number, copy)
    lang = _lang(meeting, viewer, copy)
    body = _render(version, copy, fmt, lang)
    name = f"summary-{meeting.id}-v{version.number}-{copy}-{lang}.{fmt}"
    response = Response(body, mimetype=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _correction_groups(record) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The correctable fields, grouped as the summary reads: (heading, [(key, label, text)])."""
    people = record.people_by_id()
    children = {c.id: c.first_name for c in record.children}
    area_fields = {
        "title": _("Title"),
        "not_good_enough": _("Not good enough"),
        "good_enough": _("Good enough"),
        "family_words": _("The family's own words"),
        "agreed_wording": _("Agreed wording"),
    }
    groups = []
    for decision in record.decisions:
        fields = [
            (f"decision.{decision.id}.reasons", _("Reasons"), decision.reasons),
            (f"decision.{decision.id}.dissent", _("Dissent"), decision.dissent),
            (f"decision.{decision.id}.family_view", _("The family's view"), decision.family_view),
        ]
        fields += [
            (
                f"view.{x.id}.reason",
                _(
                    "View of %(name)s",
                    name=people[x.participant_id].name if x.participant_id in people else "",
                ),
                x.reason,
            )
            for x in record.views
            if x.child_id == decision.child_id
        ]
        groups.append(
            (_("Registration decision: %(name)s", name=children.get(decision.child_id, "")), fields)
        )
    for area in sorted(record.areas, key=lambda a: a.position):
        fields = [(f"area.{area.id}.{f}", label, getattr(area, f)) for f, label in area_fields.items()]
        for c in record.contributions:
            if c.area_id == area.id:
                author = people[c.participant_id].name if c.participant_id in people else ""
                fields.append((f"contribution.{c.id}.text", _("Said by %(name)s", name=author), c.text))
        for b in record.behaviours:
            if b.area_id == area.id and b.status != "withdrawn":
                fields.append((f"behaviour.{b.id}.text", _("Behaviour"), b.text))
                fields.append((f"behaviour.{b.id}.who", _("Who helps"), b.who))
        for n, round_ in enumerate((x for x in record.rounds if x.area_id == area.id), start=1):
            fields.append(
                (
                    f"round.{round_.id}.agreed_rationale",
                    _("Scaling round %(n)s: rationale", n=n),
                    round_.agreed_rationale,
                )
            )
        groups.append((_("Area of change: %(title)s", title=area.title), fields))
    return groups


@bp.route("/meetings/<int:meeting_id>/summary/correct", methods=["GET", "POST"])
def correct(meeting_id: int):
    """Correct the newest version: a draft changes in place; an approved one gets a new version."""
    meeting = _meeting(meeting_id)
    viewer = _viewer(meeting)
    _require(viewer, "edit_summary")
    session = db.session()
    current = summaries.get_version(session, meeting.id)
    record = summaries.corrected_record(current)
    error = None
    if request.method == "POST":
        try:
            submitted = {k: val for k, val in request.form.items() if "." in k}
            version = summaries.correct_summary(
                session,
                meeting.id,
                viewer.participant,
                submitted,
                request.form.get("reason", ""),
                _now(),
                device(),
            )
            session.commit()
        except MeetingError as exc:
            session.rollback()
            error = exc.message
        else:
            _broadcast(meeting)
            return redirect(url_for(".index", meeting_id=meeting.id, _anchor=f"version-{version.number}"))
    edits = summaries.edits_of(current)
    return render_template(
        "summary/correct.html",
        meeting=meeting,
        current=current,
        groups=_correction_groups(record),
        note_everyone=edits.get(build.NOTE_EVERYONE, ""),
        note_practitioners=edits.get(build.NOTE_PRACTITIONERS, ""),
        NOTE_EVERYONE=build.NOTE_EVERYONE,
        NOTE_PRACTITIONERS=build.NOTE_PRACTITIONERS,
        error=error,
    ), (400 if error else 200)


@bp.route("/meetings/<int:meeting_id>/summary/<int:number>/approve", methods=["POST"])
def approve(meeting_id: int, number: int):
    """The chair approves the newest draft; it is fixed from now on."""
    meeting = _meeting(meeting_id)
    viewer = _viewer(meeting)
    _require(viewer, "approve_summary")
    session = db.session()
    summaries.approve_summary(session, meeting.id, viewer.participant, number, _now(), device())
    session.commit()
    _broadcast(meeting)
    return redirect(url_for(".index", meeting_id=meeting.id))


@bp.route("/meetings/<int:meeting_id>/next", methods=["POST"])
def start_next(meeting_id: int):
    """From an approved summary, the chair starts the Core Group (or the review conference)."""
    meeting = _meeting(meeting_id)
    viewer = _viewer(meeting)
    _require(viewer, "approve_summary")
    user = current_user(db.session())
    if user is None:
        raise NotAllowed(N_("Sign in to start the next meeting."))
    kind = v.choice(request.form.get("kind", MeetingKind.CORE_GROUP), N_("Kind of meeting"), MeetingKind)
    when = v.iso_date(request.form.get("meeting_date"), N_("Date of the meeting"), required=False)
    session = db.session()
    new = core_group.start_next_meeting(
        session, user, meeting.id, _now(), kind=kind, meeting_date=when, device=device()
    )
    session.commit()
    return redirect(url_for("meetings.console", meeting_id=new.id))


def _charts(meeting: Meeting, family: bool) -> list:
    records = summaries.case_records(db.session(), meeting)
    if family:
        records = [build.family_record(r) for r in records]
    return chart.progress(records, current_id=meeting.id)


@bp.route("/meetings/<int:meeting_id>/progress")
def progress(meeting_id: int):
    """The progress of each area of change across every meeting of the case so far."""
    meeting = _meeting(meeting_id)
    viewer = _viewer(meeting)
    _require(viewer, "view_progress")
    charts = _charts(meeting, family=not viewer.full)
    screen_url = None
    if may(viewer.role, "edit_meeting"):
        screen_url = url_for(".screen_progress", meeting_id=meeting.id, key=meeting.screen_key)
    return render_template("summary/progress.html", meeting=meeting, charts=charts, screen_url=screen_url)


@bp.route("/meetings/<int:meeting_id>/screen/progress")
def screen_progress(meeting_id: int):
    """The progress chart for the shared screen, opened with the meeting's screen key (family view)."""
    meeting = _meeting(meeting_id)
    key = request.args.get("key")
    if not screen_key_matches(meeting, key):
        abort(403, description=N_("This screen link is not valid. Open it again from the chair console."))
    charts = _charts(meeting, family=True)
    # The screen shows one area at a time when asked (?area=2): read from 5 m, one chart is enough.
    area = request.args.get("area", "")
    if area.isdigit() and 1 <= int(area) <= len(charts):
        charts = [charts[int(area) - 1]]
    return render_template("summary/screen_progress.html", meeting=meeting, charts=charts, screen_key=key)
