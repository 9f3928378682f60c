// A practitioner's or family member's own device: the lobby until admitted, then the live meeting.

import { say, watchAnnouncements } from "./announce.js";
import { draftsOf, onDraftChange } from "./drafts.js";
import { settings } from "./dom.js";
import { renderActions, renderComposer, renderSwitch } from "./render/composer.js";
import { settleEdit } from "./render/edit.js";
import { renderFamilyArea, renderFamilyBehaviours, renderFamilyWords, renderPractitionerArea } from "./render/family.js";
import { renderMyScale } from "./render/myscale.js";
import { areasWithDrafts, renderNow, renderOtherAreas, shownAreaId } from "./render/now.js";
import { renderDeviceRegistration } from "./render/registration.js";
import { renderFeed, renderSent } from "./render/sent.js";
import { renderConnection, renderFailures, renderReconnecting } from "./render/status.js";
import { startLive } from "./socket.js";
import { createStore } from "./state.js";
import { loadStrings, t } from "./strings.js";
import { activeClosedSession, get, isConference } from "./view.js";

loadStrings();
const cfg = settings();
const meetingId = Number(cfg.meeting);
const family = cfg.audience === "family";
// Minute-takers and observers read along; only these roles add or place (the permission table).
const contributes = family || ["chair", "social_worker", "practitioner"].includes(cfg.role);
// Those who run the meeting correct a behaviour it has agreed; its proposer no longer does (the server).
const tidies = ["chair", "minute_taker"].includes(cfg.role);
const $ = (id) => document.getElementById(id);

// After a reload, reopen the form whose draft was left half-typed on the area in focus.
function restoredComposer() {
  const kinds = ["worry", "strength", "evidence", "behaviour"];
  const d = draftsOf(meetingId).find((x) => kinds.includes(x.field) && x.value.trim());
  return d ? { composer: d.field, area: Number(d.scope) } : null;
}

const restored = family ? null : restoredComposer();
const store = createStore({ viewArea: null, composer: restored ? restored.composer : null, proOnly: false, restoredArea: restored ? restored.area : null });
store.setLobby(cfg.admission);

const live = startLive({
  store,
  meetingId,
  participantId: Number(cfg.me),
  mayCatchUp: () => store.state.lobby === "admitted",
  onConnect() {
    if (store.state.lobby !== "admitted") checkAdmission();
  },
  onNotice(notice) {
    if (notice === "admitted") {
      store.setLobby("admitted");
      live.reconnect(); // the server joins the new socket to this person's audience
    } else if (notice === "declined" || notice === "removed") {
      store.setLobby(notice);
      live.discardOutbox();
    }
  },
  onAck(command, ack) {
    if (command.name === "place_position") {
      store.setMine(command.args.round_id, { value: ack.value, reason: command.args.reason || "" });
    }
    if (settleEdit(meetingId, command)) {
      announce(t("edit.saved"));
      store.notify();
    } else if (command.name === "add_contribution" || command.name === "propose_behaviour") {
      announce(t("sent.saved"));
    }
  },
  onRefused() {
    store.setLobby("removed");
  },
  onServerDisconnect() {
    // Removed (the notice says so first), or something else: the page itself knows which.
    setTimeout(async () => {
      if (store.state.lobby === "removed" || store.state.lobby === "declined") return;
      const admission = await pageAdmission();
      if (admission === "gone") store.setLobby("removed");
      else live.socket.connect();
    }, 1000);
  },
});

// A device waiting in the lobby may miss the "admitted" notice while its connection is down;
// the page itself says where it stands, so ask it again on every (re)connect.
async function pageAdmission() {
  try {
    const response = await fetch(window.location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (response.status === 403) return "gone";
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    return page.getElementById("app")?.dataset.admission || null;
  } catch {
    return null; // offline: the next reconnect asks again
  }
}

async function checkAdmission() {
  const admission = await pageAdmission();
  if (admission === "gone") {
    store.setLobby("removed");
  } else if (admission === "admitted" && store.state.lobby !== "admitted") {
    store.setLobby("admitted");
    live.reconnect();
  }
}

function announce(text) {
  say($("announce"), text);
}

const act = {
  meetingId,
  send: (name, args) => live.send(name, args),
  setUi: (partial) => store.setUi(partial),
  refresh: () => store.notify(),
  dismissFailure: (id) => store.dismissFailure(id),
  announce,
  openComposer(kind) {
    store.setUi({ composer: kind });
    if (kind) {
      queueMicrotask(() => queueMicrotask(() => {
        const target = $("composer").querySelector("textarea") || $("registration");
        if (target && !target.hidden) target.focus();
      }));
    }
  },
  jumpTo(section) {
    const region = $(section);
    if (!region) return;
    region.scrollIntoView({ behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "start" });
    const first = region.querySelector("input:checked, input, textarea, button");
    if (first) first.focus({ preventScroll: true });
  },
};

onDraftChange(() => store.notify());

let lastFocus;

/** When the chair moves on, a half-typed item stays with the area it was started on. */
function followFocus(state) {
  const focus = state.meeting.focus_area_id;
  if (lastFocus === undefined) {
    lastFocus = focus;
    const area = state.ui.restoredArea;
    if (area && area !== focus && get(state, "areas", area)) store.setUi({ viewArea: area, restoredArea: null });
    return;
  }
  if (focus === lastFocus) return;
  const previous = lastFocus;
  lastFocus = focus;
  if (state.ui.viewArea === null && areasWithDrafts(meetingId).has(previous)) {
    store.setUi({ viewArea: previous });
  } else if (state.ui.viewArea === focus) {
    store.setUi({ viewArea: null });
  }
}

function show(screen) {
  for (const id of ["lobby-screen", "gone-screen", "private-screen", "live-screen", "loading"]) $(id).hidden = id !== screen;
}

function render(state) {
  renderConnection($("conn"), state);
  renderReconnecting($("reconnecting"), state);
  renderFailures($("failures"), state, store, { family });
  if (state.lobby === "declined" || state.lobby === "removed") return show("gone-screen");
  if (state.lobby !== "admitted") return show("lobby-screen");
  if (!state.loaded) return show("loading");
  if (family && activeClosedSession(state)) return show("private-screen");
  show("live-screen");
  followFocus(state);
  const m = state.meeting;
  const areaId = shownAreaId(state);
  $("finished").hidden = m.status !== "closed";
  renderNow($("now"), state, act);
  const hasArea = Boolean(get(state, "areas", areaId));
  if (family) {
    renderFamilyArea($("area"), state, areaId);
    if (hasArea) {
      renderFamilyWords($("words"), state, act, areaId);
      renderFamilyBehaviours($("behaviours"), state, act, areaId);
    }
  } else {
    renderPractitionerArea($("area"), state, areaId);
    $("practitioner-tools").hidden = !contributes || !hasArea || m.status !== "open";
    if (hasArea) {
      renderSwitch($("switch"), state, act, areaId);
      renderActions($("actions"), state, act, areaId);
      renderComposer($("composer"), state, act, areaId);
      renderFeed($("feed"), state, act, areaId, { tidy: cfg.role === "minute_taker" });
    }
  }
  if (hasArea && contributes) renderMyScale($("scale"), state, act, areaId, { family });
  else $("scale").hidden = true;
  const regOpen = contributes && isConference(state) && (family ? state.ui.showRegistration : state.ui.composer === "registration");
  $("registration-panel").hidden = !regOpen;
  if (regOpen) renderDeviceRegistration($("registration"), state, act, { family });
  if (family) $("registration-toggle").hidden = !isConference(state) || m.status !== "open";
  renderSent($("sent"), state, act, { family, areaId: hasArea ? areaId : null, tidy: tidies });
  renderOtherAreas($("other-areas"), state, act);
}

$("registration-toggle")?.addEventListener("click", () => store.setUi({ showRegistration: !store.state.ui.showRegistration }));
store.subscribe(render);
watchAnnouncements(store, $("announce"), { contributions: !family, behaviours: family });
render(store.state);
