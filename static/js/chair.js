// The chair console: wires the store, the socket and the renderers of each panel.

import { say, watchAnnouncements } from "./announce.js";
import { draftsOf } from "./drafts.js";
import { h, mount, settings } from "./dom.js";
import { renderChairArea } from "./render/area.js";
import { renderAgenda, renderAreaEditor } from "./render/agenda.js";
import { renderChairBehaviours, renderChairPropose } from "./render/behaviours.js";
import { renderChairContribute, renderContributions } from "./render/contributions.js";
import { settleEdit } from "./render/edit.js";
import { renderAddPerson, renderExpected, renderLobby, renderPresent } from "./render/people.js";
import { renderChairRegistration } from "./render/registration.js";
import { renderChairRound, renderChairRoundForm } from "./render/round.js";
import { renderCloseMeeting, renderClosedBanner, renderClosedControls } from "./render/session.js";
import { renderConnection, renderFailures } from "./render/status.js";
import { startLive } from "./socket.js";
import { createStore } from "./state.js";
import { loadStrings, t } from "./strings.js";
import { familyMembers, focusArea, isConference, person } from "./view.js";

loadStrings();
const cfg = settings();
const meetingId = Number(cfg.meeting);
const $ = (id) => document.getElementById(id);

// An area editor left half-typed before a reload opens again with its draft.
const openDraft = draftsOf(meetingId).find((d) => d.scope === "new" || d.scope.startsWith("area-"));
const store = createStore({
  editingArea: openDraft ? (openDraft.scope === "new" ? "new" : Number(openDraft.scope.slice(5))) : null,
});

const live = startLive({
  store,
  meetingId,
  participantId: Number(cfg.me),
  onAck(command, ack) {
    if (command.name === "place_position" && !command.args.on_behalf_of) {
      store.setMine(command.args.round_id, { value: ack.value, reason: command.args.reason || "" });
    }
    if (settleEdit(meetingId, command)) {
      say($("announce"), t("edit.saved"));
      store.notify();
    }
  },
  onServerDisconnect() {
    // Signed out elsewhere, or no longer a chair of this meeting: say so rather than spin.
    store.setConn({ status: "refused" });
    this.onRefused();
  },
  onRefused() {
    $("app-body").hidden = true;
    $("loading").hidden = false;
    mount($("loading"), h("div", { class: "notice notice-error", role: "alert" }, h("h2", {}, t("refused.title")), h("p", {}, t("refused.chair"))));
  },
});

const dialog = $("confirm-dialog");

/** Ask before something hard to undo; resolves true if confirmed. */
function confirmDialog({ title, body, problems = [], confirm, danger = false }) {
  $("confirm-title").textContent = title;
  $("confirm-body").textContent = body || "";
  mount($("confirm-problems"), problems.map((p) => h("li", {}, p)));
  $("confirm-problems").hidden = !problems.length;
  const ok = $("confirm-ok");
  ok.textContent = confirm;
  ok.className = danger ? "button button-danger" : "button";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
    $("confirm-cancel").focus();
  });
}

const act = {
  meetingId,
  joinUrl: cfg.joinUrl,
  summaryUrl: cfg.summaryUrl,
  send: (name, args, meta) => live.send(name, args, meta),
  setUi: (partial) => store.setUi(partial),
  refresh: () => store.notify(),
  dismissFailure: (id) => store.dismissFailure(id),
  confirm: confirmDialog,
  /** Record for a family member without a device: they are in the room, so mark them present. */
  recordFor(participantId, name, args) {
    const p = person(store.state, participantId);
    if (p && p.admission !== "admitted" && p.attendance !== "present") {
      live.send("record_attendance", { participant_id: participantId, attendance: "present" });
    }
    live.send(name, { ...args, on_behalf_of: participantId });
  },
};

function render(state) {
  renderConnection($("conn"), state);
  renderFailures($("failures"), state, store);
  if (!state.loaded || state.conn.status === "refused") return;
  $("loading").hidden = true;
  $("app-body").hidden = false;
  const m = state.meeting;
  $("meeting-status").textContent = t(`status.${m.status}`);
  document.body.classList.toggle("is-closed-session", Boolean(state.items.closed_sessions.size && [...state.items.closed_sessions.values()].some((s) => s.active)));
  const family = familyMembers(state);
  const area = focusArea(state);
  renderClosedBanner($("closed-banner"), state, act);
  renderAgenda($("agenda"), state, act);
  renderAreaEditor($("area-editor"), state, act);
  renderChairArea($("area"), state, act);
  for (const id of ["round", "round-form", "behaviours", "behaviour-form", "contribute", "contributions"]) $(id).hidden = !area;
  if (area) {
    renderChairRound($("round"), state, act, area.id, family);
    renderChairRoundForm($("round-form"), state, act, area.id, family);
    renderChairBehaviours($("behaviours"), state, act, area.id, family);
    renderChairPropose($("behaviour-form"), state, act, area.id, family);
    renderChairContribute($("contribute"), state, act, area.id, family);
    renderContributions($("contributions"), state, act, area.id);
  }
  renderLobby($("lobby"), state, act);
  renderPresent($("people"), state, act);
  renderExpected($("expected"), state, act);
  renderAddPerson($("add-person"), state, act);
  renderClosedControls($("closed-session"), state, act);
  $("registration-panel").hidden = !isConference(state);
  if (isConference(state)) renderChairRegistration($("registration"), state, act, family);
  renderCloseMeeting($("close"), state, act);
}

store.subscribe(render);
watchAnnouncements(store, $("announce"), { contributions: true });
render(store.state);
