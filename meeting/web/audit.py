"""A meeting's audit log for its chair and admins (view_audit): every change, who made it, from
which device, when; and the same as CSV. Read-only: nothing here (or anywhere) edits an entry."""

import csv
import io
import json
import logging
import re
from datetime import UTC, datetime

from flask import Blueprint, Response, g, render_template
from sqlalchemy import select

from .. import db
from ..domain.scaling import values_visible
from ..models import AuditEntry, ScalingRound
from .auth import meeting_required

bp = Blueprint("audit", __name__)
log = logging.getLogger("ecp.audit")

HIDDEN = "(hidden until the round is revealed)"
# Fields of a command that must not be shown while the scaling round they belong to still takes
# positions: the log is read during the meeting too, and nobody may anchor on a hidden value (the
# reason usually gives the value away). After an undo of a reveal they are hidden again.
HIDDEN_UNTIL_REVEAL = {"place_position": ("value", "reason")}
CSV_COLUMNS = [
    "revision",
    "time_utc",
    "who",
    "role",
    "participant_id",
    "user_id",
    "device",
    "command",
    "command_id",
    "payload",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def visible_payload(command: str, payload: dict, round_status: dict[int, str]) -> dict:
    """The payload as it may be shown now: hidden scale values replaced until their reveal."""
    payload = dict(payload or {})
    fields = HIDDEN_UNTIL_REVEAL.get(command)
    if fields:
        status = round_status.get(payload.get("round_id"))
        # A round that cannot be found is treated as unrevealed: fail closed.
        if status is None or not values_visible(status):
            for field in fields:
                if field in payload:
                    payload[field] = HIDDEN
    return payload


def _short(value, limit: int = 80) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summarise(payload: dict) -> str:
    """One line saying what a command carried."""
    return "; ".join(f"{key.replace('_', ' ')}: {_short(value)}" for key, value in payload.items())


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time stored is UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def entries(meeting_id: int) -> list[dict]:
    """The meeting's audit entries in revision order, each as it may be shown now."""
    session = db.session()
    round_status = dict(
        session.execute(
            select(ScalingRound.id, ScalingRound.status).where(ScalingRound.meeting_id == meeting_id)
        ).all()
    )
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.meeting_id == meeting_id).order_by(AuditEntry.revision)
    ).all()
    out = []
    for e in rows:
        payload = visible_payload(e.command, e.payload, round_status)
        out.append(
            {
                "revision": e.revision,
                "time": _utc(e.created_at),
                "who": e.actor_name,
                "role": e.actor_role,
                "participant_id": e.actor_participant_id,
                "user_id": e.actor_user_id,
                "device": e.device,
                "command": e.command,
                "command_id": e.command_id,
                "payload": payload,
                "summary": summarise(payload),
            }
        )
    return out


@bp.route("/meetings/<int:meeting_id>/audit")
@meeting_required("view_audit")
def view(meeting_id: int):
    """Every change in the meeting, oldest first."""
    log.info("audit log of meeting %s viewed by account %s", meeting_id, g.user.id)
    return render_template("audit/view.html", meeting=g.meeting, entries=entries(meeting_id))


def _cell(value) -> str:
    text = "" if value is None else str(value)
    # A cell starting like a formula would run in a spreadsheet: CSV injection.
    return "'" + text if text.startswith(_FORMULA_START) else text


@bp.route("/meetings/<int:meeting_id>/audit.csv")
@meeting_required("view_audit")
def export(meeting_id: int):
    """The audit log as CSV (UTF-8 with a byte-order mark, so spreadsheets read Welsh letters)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for e in entries(meeting_id):
        row = {
            **e,
            "time_utc": e["time"].strftime("%Y-%m-%dT%H:%M:%SZ"),
            "payload": json.dumps(e["payload"], ensure_ascii=False, sort_keys=True),
        }
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    log.info("audit log of meeting %s exported by account %s", meeting_id, g.user.id)
    reference = re.sub(r"[^A-Za-z0-9_-]", "_", g.meeting.case_reference)[:40]
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="audit-{meeting_id}-{reference}.csv"'},
    )
