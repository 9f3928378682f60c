"""Welsh and English: the language of each page, chosen per device and remembered.

The device's choice lives in its session (set by the language switch, and by the join page from the
language a person picks there). Messages the domain marks with ``N_`` are translated here, at the
edge, through the same catalogues as the pages.
"""

from datetime import date

from babel.dates import format_date, get_month_names
from flask import Flask, has_request_context, render_template, request, session
from flask_babel import Babel, force_locale, get_locale, gettext
from markupsafe import Markup

from .domain import errors

LANGUAGES = ("en", "cy")


def select_locale() -> str:
    """The device's choice (remembered in its session), else the browser's preference."""
    if not has_request_context():
        return "en"  # the command line (flask create-admin, purge-expired): no device to ask
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with the project's catalogues; translate domain messages where they are read."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    Babel(app, locale_selector=select_locale)
    errors.use_translator(translate_marked)
    app.jinja_env.globals.update(
        current_locale=current_locale, live_strings=live_strings, month_names=month_names
    )


def translate_marked(message: str) -> str:
    """A message marked with N_, in the language of the page or acknowledgement being built."""
    return gettext(message) if message else message


def current_locale() -> str:
    """The language of the page being built: 'en' or 'cy'."""
    locale = get_locale()
    return locale.language if locale is not None else "en"


def format_day(value: date | None, style: str = "long") -> str:
    """A date in the page's language: "30 Tachwedd 2026", or "30 November 2026" (British order)."""
    if not value:
        return ""
    return format_date(value, style, locale="en_GB" if current_locale() == "en" else current_locale())


def month_names() -> list[str]:
    """January to December in the page's language, for dates the pages' JavaScript writes (browsers
    ship no Welsh calendar data)."""
    names = get_month_names("wide", locale="en_GB" if current_locale() == "en" else current_locale())
    return [names[m] for m in range(1, 13)]


def live_strings(lang: str) -> Markup:
    """The live pages' words in one language, as the JSON block their JavaScript reads
    (``<script id="strings-cy">``): the shared screen shows Welsh and English side by side."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    with force_locale(lang):
        return Markup(render_template("live/_strings.html", strings_id=f"strings-{lang}"))
