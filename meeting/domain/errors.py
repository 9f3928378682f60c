"""One hierarchy of domain errors, turned into HTTP responses and socket acks in one place each.

Messages are written in English and marked with ``N_`` so the catalogues (Welsh and English) hold
them; the domain never translates. The web edge installs the catalogue's translator with
``use_translator`` (meeting/i18n.py), so a message is put into the reader's language only when it
is read there: ``error.message`` is English outside a request, and in the request's language inside.
Values that vary go in as ``{name}`` placeholders, filled after translation.
"""

from collections.abc import Callable


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools look for)
    """Mark a message for the catalogues without translating it here."""
    return message


_translate: Callable[[str], str] = N_


def use_translator(translate: Callable[[str], str]) -> None:
    """Install the function that puts a marked message into the reader's language (the web edge)."""
    global _translate
    _translate = translate


def _fill(template: str, params: dict) -> str:
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class MeetingError(Exception):
    """Base of every refusal the domain makes; carries a stable code and a human message.

    ``message`` is marked with N_; ``params`` fill its ``{placeholders}``. A ``field`` parameter is a
    field's name (itself a marked message when a person typed it), so it is translated too.
    """

    code = "error"
    http_status = 400

    def __init__(self, message: str, *, code: str | None = None, **params):
        super().__init__(_fill(message, params))
        self.template = message
        self.params = params
        if code:
            self.code = code

    @property
    def message(self) -> str:
        """The message in the reader's language (English where no translator is installed)."""
        params = dict(self.params)
        if isinstance(params.get("field"), str):
            params["field"] = _translate(params["field"])
        return _fill(_translate(self.template), params)

    def as_ack(self) -> dict:
        """The acknowledgement a client receives for this refusal."""
        return {"ok": False, "code": self.code, "message": self.message}


class InvalidCommand(MeetingError):
    """The payload is malformed, too long, out of range or names an unknown value."""

    code = "invalid"
    http_status = 400


class NotAllowed(MeetingError):
    """The sender's role may not do this."""

    code = "forbidden"
    http_status = 403


class NotFound(MeetingError):
    """The meeting, area or item named does not exist (or is not visible to the sender)."""

    code = "not_found"
    http_status = 404


class Conflict(MeetingError):
    """The command does not fit the current state (a round already open, a meeting closed...)."""

    code = "conflict"
    http_status = 409


class RateLimited(MeetingError):
    """Too many attempts from one address."""

    code = "rate_limited"
    http_status = 429
