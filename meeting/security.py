"""Headers, CSRF and the Socket.IO origin check: safeguards applied to every response."""

import secrets

from flask import Flask, abort, request, session

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def allowed_origins(app: Flask) -> list[str] | None:
    """Origins allowed to open a socket: the server's own (None), plus any configured. Never '*'."""
    extra = [o for o in app.config.get("ALLOWED_ORIGINS", []) if o != "*"]
    if app.config.get("PUBLIC_URL"):
        extra.append(app.config["PUBLIC_URL"])
    return extra or None


def csrf_token() -> str:
    """The session's CSRF token, made on first use; forms carry it in a hidden field."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def init_app(app: Flask) -> None:
    """Check CSRF on every state-changing request and add security headers to every response."""

    @app.before_request
    def _check_csrf():
        if request.method in SAFE_METHODS:
            return None
        sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token", "")
        expected = session.get("csrf")
        if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
            abort(400, description="This form has expired or did not come from this site. Go back, reload the page and try again.")
        return None

    @app.after_request
    def _headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"
        return response

    app.jinja_env.globals["csrf_token"] = csrf_token
