"""HTTP blueprints and the one place where domain errors become HTTP responses."""

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..domain.errors import MeetingError


def init_app(app: Flask) -> None:
    """Register blueprints and error handlers."""
    from . import auth, join, language, meetings

    app.register_blueprint(auth.bp)
    app.register_blueprint(meetings.bp)
    app.register_blueprint(join.bp)
    app.register_blueprint(language.bp)

    @app.errorhandler(MeetingError)
    def _meeting_error(error: MeetingError):
        from .. import db

        db.session().rollback()
        if request.accept_mimetypes.best == "application/json" or request.is_json:
            return jsonify(error.as_ack()), error.http_status
        return render_template("error.html", message=error.message, code=error.code), error.http_status

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if request.accept_mimetypes.best == "application/json" or request.is_json:
            return jsonify({"ok": False, "code": error.name.lower().replace(" ", "_"), "message": error.description}), error.code
        return render_template("error.html", message=error.description, code=error.code), error.code
