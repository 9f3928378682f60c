// The normalised store: the meeting as this audience sees it, by kind and id, plus what only this
// browser knows (connection, outbox, failures, and the page's own choices). Socket callbacks
// change the store; renderers read it. Nothing here touches the DOM.

export const KINDS = [
  "participants", "children", "areas", "contributions", "behaviours", "rounds",
  "positions", "views", "decisions", "closed_sessions",
];

/** A new store; `ui` holds the page's own starting choices. */
export function createStore(ui = {}) {
  const state = {
    loaded: false,
    revision: 0,
    meeting: null,
    me: null,
    items: Object.fromEntries(KINDS.map((kind) => [kind, new Map()])),
    // The viewer's own hidden scale positions, by round id: {value, reason}.
    mine: new Map(),
    conn: { status: "connecting", attempts: 0 },
    lobby: "unknown", // a device's admission: waiting | admitted | declined | removed
    outbox: [],
    failures: [],
    ui: { ...ui },
  };
  const subscribers = new Set();
  let scheduled = false;

  function notify() {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      for (const fn of subscribers) fn(state);
    });
  }

  function upsert(kind, obj) {
    const map = state.items[kind];
    if (map && obj && obj.id !== undefined) map.set(obj.id, obj);
  }

  return {
    state,
    notify,

    /** Call fn(state) after every change (batched); returns an unsubscribe function. */
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },

    /** Replace everything with a catch_up snapshot. */
    load(snapshot, me) {
      state.revision = snapshot.revision;
      state.meeting = snapshot.meeting;
      state.me = me ?? state.me;
      for (const kind of KINDS) {
        state.items[kind] = new Map((snapshot[kind] || []).map((obj) => [obj.id, obj]));
      }
      state.mine = new Map(((snapshot.mine && snapshot.mine.positions) || []).map((p) => [p.round_id, p]));
      state.loaded = true;
      notify();
    },

    /** Apply one patch whose revision follows ours (the socket checks the order). */
    applyPatch(patch) {
      if (patch.meeting) state.meeting = patch.meeting;
      for (const [kind, list] of Object.entries(patch.upsert || {})) {
        for (const obj of list) upsert(kind, obj);
      }
      for (const [kind, ids] of Object.entries(patch.remove || {})) {
        const map = state.items[kind];
        if (map) for (const id of ids) map.delete(id);
      }
      state.revision = patch.revision;
      notify();
    },

    /** A person came online or went offline. */
    setPresence({ participant_id: id, online }) {
      const person = state.items.participants.get(id);
      if (person) {
        state.items.participants.set(id, { ...person, online });
        notify();
      }
    },

    /** Remember the value of one's own (hidden) position from its acknowledgement. */
    setMine(roundId, position) {
      state.mine.set(roundId, { round_id: roundId, ...position });
      notify();
    },

    setConn(partial) {
      state.conn = { ...state.conn, ...partial };
      notify();
    },

    setLobby(admission) {
      state.lobby = admission;
      notify();
    },

    setOutbox(list) {
      state.outbox = list.slice();
      notify();
    },

    addFailure(failure) {
      state.failures = [...state.failures, failure];
      notify();
    },

    dismissFailure(id) {
      state.failures = state.failures.filter((f) => f.id !== id);
      notify();
    },

    /** Change the page's own choices (what it looks at, which form is open). */
    setUi(partial) {
      state.ui = { ...state.ui, ...partial };
      notify();
    },
  };
}
