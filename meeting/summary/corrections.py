"""The chair's corrections: an edited field set applied to a record before either copy is built."""

import dataclasses

from .record import (
    MeetingRecord,
)

NOTE_EVERYONE = "note.everyone"
NOTE_PRACTITIONERS = "note.practitioners"

# The fields the chair may correct, by kind of item. Keys of ``edits`` are "<kind>.<id>.<field>".
EDITABLE: dict[str, tuple[str, ...]] = {
    "area": ("title", "not_good_enough", "good_enough", "family_words", "agreed_wording"),
    "contribution": ("text",),
    "behaviour": ("text", "who"),
    "round": ("agreed_rationale",),
    "decision": ("reasons", "dissent", "family_view"),
    "view": ("reason",),
}
_COLLECTIONS = {
    "area": "areas",
    "contribution": "contributions",
    "behaviour": "behaviours",
    "round": "rounds",
    "decision": "decisions",
    "view": "views",
}
CORRECTION_LIMIT = 8000


def apply_edits(record: MeetingRecord, edits: dict[str, str]) -> MeetingRecord:
    """The record with the chair's corrections applied; keys that name nothing are ignored."""
    by_kind: dict[str, dict[int, dict[str, str]]] = {}
    for key, value in edits.items():
        parts = key.split(".")
        if len(parts) != 3 or parts[0] not in EDITABLE or parts[2] not in EDITABLE[parts[0]]:
            continue
        if not parts[1].isdigit():
            continue
        by_kind.setdefault(parts[0], {}).setdefault(int(parts[1]), {})[parts[2]] = value
    changes = {}
    for kind, items in by_kind.items():
        name = _COLLECTIONS[kind]
        changes[name] = tuple(
            dataclasses.replace(item, **items[item.id]) if item.id in items else item
            for item in getattr(record, name)
        )
    return dataclasses.replace(record, **changes) if changes else record


def editable_fields(record: MeetingRecord) -> list[tuple[str, str]]:
    """Every correctable field of a record as (edit key, current text), in document order."""
    out: list[tuple[str, str]] = []
    for area in sorted(record.areas, key=lambda a: a.position):
        out += [(f"area.{area.id}.{f}", getattr(area, f)) for f in EDITABLE["area"]]
    for kind in ("contribution", "behaviour", "round", "decision", "view"):
        for item in getattr(record, _COLLECTIONS[kind]):
            out += [(f"{kind}.{item.id}.{f}", getattr(item, f)) for f in EDITABLE[kind]]
    return out


def clean_edits(record: MeetingRecord, submitted: dict[str, str]) -> dict[str, str]:
    """From a submitted form, the corrections that differ from the record (and the two notes)."""
    current = dict(editable_fields(record))
    edits = {}
    for key, value in submitted.items():
        value = (value or "").replace("\r\n", "\n").strip()[:CORRECTION_LIMIT]
        if key in (NOTE_EVERYONE, NOTE_PRACTITIONERS):
            if value:
                edits[key] = value
        elif key in current and value != current[key].strip():
            edits[key] = value
    return edits
