// The only module that talks to the server's socket. It connects (with the meeting and, for the
// shared screen, its key), catches up on every connect and on any gap in revisions, applies
// patches and presence to the store, and owns the outbox: every command is kept in localStorage
// until the server acknowledges it, and is sent again after a reconnect (the server applies a
// command id once, so a repeat is harmless).

import { io } from "/static/vendor/socket.io.esm.min.js";

const ACK_TIMEOUT = 12000;
const CATCH_UP_TIMEOUT = 15000;

/** A client command id: random, 8-64 of [A-Za-z0-9_-]. */
export function newCommandId() {
  if (window.crypto && typeof crypto.randomUUID === "function") return `c-${crypto.randomUUID()}`;
  // randomUUID needs a secure context; a phone on the venue's wifi over plain http has only this.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function outboxKey(meetingId, participantId) {
  return `ecp:outbox:${meetingId}:${participantId}`;
}

function readOutbox(key) {
  try {
    const list = JSON.parse(window.localStorage.getItem(key) || "[]");
    return Array.isArray(list) ? list.filter((c) => c && c.id && c.name) : [];
  } catch {
    return [];
  }
}

function writeOutbox(key, list) {
  try {
    if (list.length) window.localStorage.setItem(key, JSON.stringify(list));
    else window.localStorage.removeItem(key);
  } catch {
    /* storage full or disabled: the commands still live in memory */
  }
}

/**
 * Start the live connection.
 *   store       the page's store (state.js)
 *   meetingId   number
 *   participantId  this person's id (null for the shared screen: it sends no commands)
 *   screenKey   the shared screen's key, if this is the screen
 *   mayCatchUp  () => bool: false while a device waits in the lobby (the server would refuse)
 *   onConnect   called on each connect, before catching up
 *   onNotice    (notice) => void for "admitted" | "declined" | "removed"
 *   onRefused   ({code, message}) => void when the server will not have this connection
 *   onAck       (command, ack) => void after a command is acknowledged as done
 */
export function startLive(options) {
  const { store, meetingId, participantId, screenKey } = options;
  const auth = screenKey ? { meeting: meetingId, screen_key: screenKey } : { meeting: meetingId };
  const socket = io({ auth, reconnectionDelayMax: 5000 });
  const key = participantId ? outboxKey(meetingId, participantId) : null;
  let outbox = key ? readOutbox(key) : [];
  let caughtUp = false;
  let catchingUp = false;
  let buffered = [];
  let inFlight = 0; // token of the command being sent; 0 when none
  let tokens = 0;

  const publish = () => {
    if (key) writeOutbox(key, outbox);
    store.setOutbox(outbox);
  };
  publish();

  function setStatus() {
    let status = "online";
    if (!socket.connected) {
      status = navigator.onLine === false || store.state.conn.attempts >= 3 ? "offline" : "reconnecting";
    } else if (!caughtUp && (options.mayCatchUp ? options.mayCatchUp() : true)) {
      status = "syncing";
    }
    if (store.state.conn.status !== status) store.setConn({ status });
  }

  function catchUp() {
    if (catchingUp || !socket.connected) return;
    catchingUp = true;
    caughtUp = false;
    setStatus();
    socket.timeout(CATCH_UP_TIMEOUT).emit("catch_up", {}, (err, ack) => {
      catchingUp = false;
      if (err) {
        if (socket.connected) setTimeout(catchUp, 1000);
        return;
      }
      if (!ack || !ack.ok) {
        // Turned away for good, or a passing failure worth another try.
        if (ack && ["forbidden", "not_found", "signed_out"].includes(ack.code)) refused(ack);
        else setTimeout(catchUp, 2000);
        return;
      }
      store.load(ack.state, ack.me);
      caughtUp = true;
      const later = buffered.filter((p) => p.revision > store.state.revision).sort((a, b) => a.revision - b.revision);
      buffered = [];
      later.forEach(onPatch);
      setStatus();
      pump();
    });
  }

  function onPatch(patch) {
    if (!patch || typeof patch.revision !== "number") return;
    if (!caughtUp || catchingUp) {
      buffered.push(patch);
      return;
    }
    const revision = store.state.revision;
    if (patch.revision <= revision) return; // already have it
    if (patch.revision === revision + 1) {
      store.applyPatch(patch);
      return;
    }
    buffered.push(patch); // a gap: something was missed
    catchUp();
  }

  function refused(error) {
    store.setConn({ status: "refused" });
    if (options.onRefused) options.onRefused({ code: error.code || "forbidden", message: error.message || "" });
  }

  // Send the outbox one command at a time, in order: a family member's "agree" then "not yet"
  // must reach the server in that order.
  function pump() {
    if (inFlight || !outbox.length || !socket.connected || !caughtUp) return;
    const command = outbox[0];
    const token = ++tokens;
    inFlight = token;
    socket.timeout(ACK_TIMEOUT).emit("command", { id: command.id, name: command.name, args: command.args }, (err, ack) => {
      if (inFlight !== token) return; // a reconnect already sent it again
      inFlight = 0;
      if (err) {
        // No answer yet: keep it and try again (same id, so it is applied at most once).
        setTimeout(pump, 500);
        return;
      }
      settle(command.id, ack);
      pump();
    });
  }

  function settle(id, ack) {
    const index = outbox.findIndex((c) => c.id === id);
    if (index < 0) return; // a second answer to a command already settled
    const [command] = outbox.splice(index, 1);
    publish();
    if (ack && ack.ok) {
      if (options.onAck) options.onAck(command, ack);
    } else {
      // A refusal is final: sending it again would be refused again. Tell the person.
      store.addFailure({
        id: command.id,
        name: command.name,
        args: command.args,
        meta: command.meta || {},
        code: (ack && ack.code) || "error",
        message: (ack && ack.message) || "",
      });
    }
  }

  socket.on("connect", () => {
    store.setConn({ attempts: 0 });
    inFlight = 0; // whatever was in flight is sent again once caught up
    socket.sendBuffer = [];
    if (options.onConnect) options.onConnect();
    if (!options.mayCatchUp || options.mayCatchUp()) catchUp();
    setStatus();
  });

  socket.on("disconnect", (reason) => {
    caughtUp = false;
    catchingUp = false;
    buffered = [];
    setStatus();
    if (reason === "io server disconnect") {
      // The server closed this socket on purpose, so socket.io will not reconnect by itself.
      if (options.onServerDisconnect) options.onServerDisconnect();
      else setTimeout(() => socket.connect(), 3000);
    }
  });

  socket.on("connect_error", (err) => {
    if (!socket.active) {
      // The server refused the connection (not a network failure): it will not retry.
      // The code may come as err.data or, from some servers, only inside err.message.
      const data = err && err.data && typeof err.data === "object" ? err.data : {};
      // (python-socketio sends a one-argument ConnectionRefusedError as a message, not as data.)
      const code = data.code || (/'code': '([a-z_]+)'/.exec((err && err.message) || "") || [])[1];
      refused({ code, message: data.message || "" });
      return;
    }
    store.setConn({ attempts: store.state.conn.attempts + 1 });
    setStatus();
  });

  socket.io.on("reconnect_attempt", (attempt) => {
    store.setConn({ attempts: attempt });
    setStatus();
  });

  socket.on("patch", onPatch);
  socket.on("presence", (body) => store.setPresence(body));
  socket.on("notice", (body) => options.onNotice && options.onNotice(body && body.notice));
  window.addEventListener("online", setStatus);
  window.addEventListener("offline", setStatus);

  return {
    socket,

    /** Queue a command; it is kept until acknowledged. Returns its id. `meta` stays local. */
    send(name, args = {}, meta = {}) {
      if (!key) throw new Error("This page cannot send commands.");
      const command = { id: newCommandId(), name, args, meta, queuedAt: Date.now() };
      outbox.push(command);
      publish();
      pump();
      return command.id;
    },

    /** Reconnect, e.g. after admission (the server then joins this socket to its audience). */
    reconnect() {
      caughtUp = false;
      socket.disconnect();
      socket.connect();
    },

    catchUp,

    /** Drop commands a removed person can no longer send. */
    discardOutbox() {
      outbox = [];
      publish();
    },
  };
}
