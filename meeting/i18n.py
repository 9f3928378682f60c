"""Welsh and English: the language of each page, chosen per device and remembered."""

from flask import Flask, request, session
from flask_babel import Babel, get_locale

LANGUAGES = ("en", "cy")


def select_locale() -> str:
    """The device's choice (remembered in its session), else the browser's preference."""
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with the project's catalogues."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["current_locale"] = current_locale


def current_locale() -> str:
    """The language of the page being built: 'en' or 'cy'."""
    locale = get_locale()
    return locale.language if locale is not None else "en"
