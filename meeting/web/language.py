"""The language switch on every page: the device's choice is kept in its session."""

from flask import Blueprint, redirect, request, session

from ..i18n import LANGUAGES

bp = Blueprint("i18n", __name__)


@bp.route("/language", methods=["POST"])
def choose():
    """Remember this device's language and go back to the page it came from."""
    lang = request.form.get("lang")
    if lang in LANGUAGES:
        session["lang"] = lang
    target = request.form.get("next") or "/"
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    return redirect(target)
