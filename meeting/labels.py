"""Words people read for the domain's values, in Welsh and English (through the catalogues)."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from .i18n import format_day

KINDS = {
    "initial_conference": _l("Initial child protection conference"),
    "review_conference": _l("Review child protection conference"),
    "core_group": _l("Core group"),
}
STATUSES = {"draft": _l("Being prepared"), "open": _l("In progress"), "closed": _l("Closed")}
ROLES = {
    "chair": _l("Chair"),
    "social_worker": _l("Social worker"),
    "practitioner": _l("Practitioner"),
    "parent": _l("Parent"),
    "carer": _l("Carer"),
    "child": _l("Child or young person"),
    "advocate": _l("Advocate"),
    "supporter": _l("Supporter"),
    "minute_taker": _l("Minute-taker"),
    "observer": _l("Observer"),
}
ATTENDANCE = {
    "present": _l("Present"),
    "apologies": _l("Apologies"),
    "report_only": _l("Report provided, not present"),
    "left": _l("Left the meeting"),
}
CATEGORIES = {
    "physical": _l("Physical abuse"),
    "sexual": _l("Sexual abuse"),
    "emotional": _l("Emotional abuse"),
    "neglect": _l("Neglect"),
    "financial": _l("Financial abuse"),
}
CONTRIBUTION_KINDS = {
    "worry": _l("Worry"),
    "strength": _l("Strength"),
    "evidence": _l("Evidence"),
    "family_words": _l("In the family's own words"),
}
LANGUAGES = {"en": "English", "cy": "Cymraeg"}


def label(table: dict, value) -> str:
    """The readable word for a value, or the value itself if unknown."""
    return str(table.get(str(value), value))


def init_app(app: Flask) -> None:
    """Make the labels available to templates."""
    app.jinja_env.globals.update(
        kind_label=lambda v: label(KINDS, v),
        status_label=lambda v: label(STATUSES, v),
        role_label=lambda v: label(ROLES, v),
        attendance_label=lambda v: label(ATTENDANCE, v),
        category_label=lambda v: label(CATEGORIES, v),
        ROLE_LABELS=ROLES,
        KIND_LABELS=KINDS,
        LANGUAGE_LABELS=LANGUAGES,
    )
    app.jinja_env.filters["format_date"] = format_day
