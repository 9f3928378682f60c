"""Headers, CSRF, cookies, the Socket.IO origin check and the command size cap: safeguards applied
to every request, response and socket."""

import json
import secrets
from collections.abc import Callable

from flask import Flask, abort, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from .domain.errors import N_, InvalidCommand

# Only this site's own files: no inline script or style, no third-party origin, never framed.
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
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_MESSAGE = N_(
    "This form has expired or did not come from this site. Go back, reload the page and try again."
)


def allowed_origins(app: Flask) -> Callable[[str, dict], bool]:
    """The Socket.IO origin check: the page's own origin, plus any configured. Never '*'.

    Engine.IO calls it for every request that carries an Origin header (browsers always send one
    on a WebSocket), so a page on another site cannot open a socket with the user's cookies. A
    callable rather than a list: with a list Engine.IO would stop allowing the server's own origin.
    """
    configured = frozenset(
        [o for o in app.config.get("ALLOWED_ORIGINS", []) if o != "*"]
        + ([app.config["PUBLIC_URL"]] if app.config.get("PUBLIC_URL") else [])
    )

    def check(origin: str, environ: dict) -> bool:
        own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
        return origin == own or origin in configured

    return check


def check_command_size(raw, limit: int) -> None:
    """Refuse a socket command whose JSON is over the limit, with a message a person can act on."""
    size = len(json.dumps(raw, ensure_ascii=False, separators=(",", ":"), default=str).encode())
    if size > limit:
        raise InvalidCommand(
            N_(
                "This is too much to send at once ({size} KB; the most is {most} KB). "
                "Shorten the text and try again."
            ),
            code="too_large",
            size=size // 1024,
            most=limit // 1024,
        )


def csrf_token() -> str:
    """The session's CSRF token, made on first use; forms carry it in a hidden field."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


class SessionInterface(SecureCookieSessionInterface):
    """Signed cookie sessions whose cookie is Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or (has_request_context() and request.is_secure)

    def open_session(self, app: Flask, request):
        # Flask opens (verifies and decodes) the cookie for every Socket.IO event; Flask-SocketIO
        # then swaps in the copy it took at the socket's first event ("saved_session" in the
        # socket's environ), so from then on the work is thrown away: skip it.
        if "saved_session" in request.environ:
            return self.make_null_session(app)
        return super().open_session(app, request)


def init_app(app: Flask) -> None:
    """Check CSRF on every state-changing request and add security headers to every response."""
    app.session_interface = SessionInterface()
    if app.config.get("TRUSTED_PROXIES"):
        # Wraps the Socket.IO middleware too, so the origin check sees the proxy's host and scheme.
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    @app.before_request
    def _check_csrf():
        if request.method in SAFE_METHODS:
            return None
        sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token", "")
        expected = session.get("csrf")
        if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
            abort(400, description=CSRF_MESSAGE)
        return None

    @app.after_request
    def _headers(response):
        response.headers.update(HEADERS)
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"
        return response

    app.jinja_env.globals["csrf_token"] = csrf_token
