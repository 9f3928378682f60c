"""One hierarchy of domain errors, turned into HTTP responses and socket acks in one place each."""


class MeetingError(Exception):
    """Base of every refusal the domain makes; carries a stable code and a human message."""

    code = "error"
    http_status = 400

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

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
