"""HTTP blueprints and the one place where domain errors become HTTP responses."""

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..domain.errors import N_, MeetingError
from ..domain.roles import may
from ..i18n import translate_marked


def init_app(app: Flask) -> None:
    """Register blueprints and error handlers."""
    from . import admin, audit, auth, join, language, meetings, summaries

    app.register_blueprint(auth.bp)
    app.register_blueprint(meetings.bp)
    app.register_blueprint(join.bp)
    app.register_blueprint(language.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(audit.bp)
    app.register_blueprint(summaries.bp)
    # Pages show links and buttons only to those the permission table lets use them.
    app.jinja_env.globals["may"] = may

    @app.errorhandler(MeetingError)
    def _meeting_error(error: MeetingError):
        from .. import db

        db.session().rollback()
        headers = {"Retry-After": str(error.retry_after)} if hasattr(error, "retry_after") else {}
        if request.accept_mimetypes.best == "application/json" or request.is_json:
            return jsonify(error.as_ack()), error.http_status, headers
        page = render_template("error.html", message=error.message, code=error.code)
        return page, error.http_status, headers

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        message = _http_message(error)
        if request.accept_mimetypes.best == "application/json" or request.is_json:
            code = error.name.lower().replace(" ", "_")
            return jsonify({"ok": False, "code": code, "message": message}), error.code
        return render_template("error.html", message=message, code=error.code), error.code


# Werkzeug's own descriptions are technical and English only: people read these instead.
_HTTP_MESSAGES = {
    400: N_("Something in that request was not right. Go back, reload the page and try again."),
    403: N_("You cannot open this page."),
    404: N_("There is no page at this address. Check the address, or go back to the page you came from."),
    405: N_("This page cannot be used that way. Go back and try again."),
    413: N_("That is too much to send at once."),
    429: N_("Too many attempts. Please wait a few minutes and try again."),
    500: N_("Something went wrong on our side. Nothing you wrote is lost: try again in a moment."),
}


def _http_message(error: HTTPException) -> str:
    """The error's message in the page's language: ours (marked with N_) or a plain generic one."""
    if error.description and error.description != type(error).description:
        return translate_marked(error.description)
    return translate_marked(_HTTP_MESSAGES.get(error.code or 500, _HTTP_MESSAGES[500]))
