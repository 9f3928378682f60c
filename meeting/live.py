"""Socket.IO handlers: thin glue. Parse, check, call one operation, commit, then emit and ack."""

from datetime import UTC, datetime

from flask import current_app, request
from flask_socketio import ConnectionRefusedError, SocketIO, disconnect, join_room

from . import db, payloads, presence, security
from .domain.errors import N_, InvalidCommand, MeetingError, NotAllowed, NotFound
from .domain.roles import Audience, Role, audience_for, require
from .i18n import translate_marked
from .identity import command_actor, current_participant, screen_key_matches
from .models import Meeting, Participant
from .operations.dispatch import apply_command


def room(meeting_id: int, audience: Audience) -> str:
    """The Socket.IO room of one audience of one meeting."""
    return f"m{meeting_id}:{audience}"


def person_room(participant_id: int) -> str:
    """The room of one person's devices (admission, removal)."""
    return f"p{participant_id}"


def now() -> datetime:
    """The clock is read here, at the edge, and passed in."""
    return datetime.now(UTC)


def broadcast(socketio: SocketIO, meeting: Meeting, changes) -> None:
    """Send each audience its own patch; a notice goes to the people it concerns."""
    for audience in Audience:
        body = payloads.patch(
            changes.upserts, changes.removes, audience, meeting.revision, changes.created, changes.withdrawn
        )
        socketio.emit("patch", body, to=room(meeting.id, audience))
    for participant_id, notice in changes.notices:
        # A declined device is turned away as a removed one is: its token is already dead.
        if notice in ("removed", "declined"):
            # Told, then disconnected, on whichever process each of their devices is connected to.
            presence.disconnect_person(socketio, participant_id, notice)
        else:
            socketio.emit("notice", {"notice": notice}, to=person_room(participant_id))


def _check_origin() -> None:
    # Engine.IO checks the Origin of the HTTP requests it serves; checking again here covers any
    # path that reaches the handler without that check (the test client does), so a page on another
    # site can never open a socket with the user's cookies.
    origin = request.headers.get("Origin")
    if origin is not None and not security.allowed_origins(current_app)(origin, request.environ):
        raise NotAllowed(N_("This page may not connect to the meeting."))


def _identify(auth) -> tuple[Meeting, Participant | None, Audience]:
    if not isinstance(auth, dict):
        raise NotAllowed(N_("Missing meeting."))
    meeting_id = auth.get("meeting")
    if isinstance(meeting_id, bool) or not isinstance(meeting_id, int):
        raise InvalidCommand(N_("Missing meeting."))
    session = db.session()
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(N_("No such meeting."))
    if "screen_key" in auth:
        if not screen_key_matches(meeting, auth.get("screen_key")):
            raise NotAllowed(N_("This screen link is not valid."))
        return meeting, None, Audience.SCREEN
    person = current_participant(session, meeting)
    if (
        person is None
        or person.admission in ("removed", "declined")
        or not (person.is_admitted or person.admission == "waiting")
    ):
        raise NotAllowed(N_("You are not in this meeting."))
    return meeting, person, audience_for(person.role)


def register(socketio: SocketIO) -> None:
    """Attach the handlers to the Socket.IO server."""

    @socketio.on("connect")
    def on_connect(auth=None):
        """A device opens its socket: join its audience room, or its lobby room while waiting."""
        try:
            _check_origin()
            meeting, person, audience = _identify(auth)
            require(person.role if person is not None else Role.SCREEN, "view_meeting")
        except MeetingError as error:
            raise ConnectionRefusedError(error.message, error.as_ack()) from None
        admitted = person is not None and person.is_admitted
        presence.listen_for_removals(socketio)
        first = presence.remember(request.sid, meeting.id, person.id if person else None, audience, admitted)
        if person is not None:
            join_room(person_room(person.id))
            if not admitted:
                return True
        join_room(room(meeting.id, audience))
        if first:
            _set_online(socketio, meeting, person, True)
        return True

    @socketio.on("disconnect")
    def on_disconnect(*_args):
        """Presence: a person is offline once their last device goes."""
        entry, last = presence.forget(request.sid)
        if last:
            session = db.session()
            meeting = session.get(Meeting, entry.meeting_id)
            person = session.get(Participant, entry.participant_id)
            if meeting is not None and person is not None and person.is_admitted:
                _set_online(socketio, meeting, person, False)

    @socketio.on("command")
    def on_command(raw):
        """Any device sends a command; the answer is its acknowledgement."""
        entry = presence.lookup(request.sid)
        if entry is None or entry.participant_id is None:
            return NotAllowed(N_("This device cannot send commands.")).as_ack()
        session = db.session()
        try:
            security.check_command_size(raw, current_app.config["MAX_COMMAND_BYTES"])
            actor = command_actor(session, entry.participant_id)
            if actor is None:
                disconnect()
                raise NotAllowed(N_("You are signed out. Sign in again to continue."), code="signed_out")
            applied = apply_command(session, entry.meeting_id, actor, raw, now(), device=presence.device())
            session.commit()
        except MeetingError as error:
            session.rollback()
            return error.as_ack()
        if applied.changes is not None:
            broadcast(socketio, applied.meeting, applied.changes)
        return applied.ack

    @socketio.on("catch_up")
    def on_catch_up(raw=None):
        """A device that missed broadcasts (a gap, a reconnect, a restart) asks for the state."""
        entry = presence.lookup(request.sid)
        if entry is None:
            return NotAllowed(N_("Not connected to a meeting.")).as_ack()
        session = db.session()
        meeting = session.get(Meeting, entry.meeting_id)
        viewer = None
        if entry.participant_id is not None:
            viewer = session.get(Participant, entry.participant_id)
            if viewer is None or not viewer.is_admitted:
                # Someone still waiting stays connected to hear "admitted"; only the turned-away go.
                if viewer is None or viewer.admission in ("removed", "declined"):
                    disconnect()
                return NotAllowed(N_("You are not in this meeting.")).as_ack()
        require(viewer.role if viewer else Role.SCREEN, "catch_up")
        state = payloads.snapshot(session, meeting, entry.audience, viewer.id if viewer else None)
        return {"ok": True, "state": state, "me": viewer.id if viewer else None}

    @socketio.on_error_default
    def on_error(error):
        """Any unexpected failure becomes a clean error acknowledgement; the server keeps running."""
        db.session().rollback()
        current_app.logger.exception("socket handler failed", exc_info=error)
        message = translate_marked(N_("Something went wrong; nothing was changed."))
        return {"ok": False, "code": "server_error", "message": message}


def _set_online(socketio: SocketIO, meeting: Meeting, person: Participant, online: bool) -> None:
    session = db.session()
    person.online = online
    session.commit()
    body = {"participant_id": person.id, "online": online}
    for audience in Audience:
        socketio.emit("presence", body, to=room(meeting.id, audience))
