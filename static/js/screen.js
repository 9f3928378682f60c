// The shared screen (projector or TV): read-only, opened with the meeting's screen key.

import { h, mount, settings } from "./dom.js";
import { renderJoin, renderScreen } from "./render/screen.js";
import { renderConnection } from "./render/status.js";
import { startLive } from "./socket.js";
import { createStore } from "./state.js";
import { loadStrings, t } from "./strings.js";

loadStrings();
const cfg = settings();
const $ = (id) => document.getElementById(id);
const store = createStore();

startLive({
  store,
  meetingId: Number(cfg.meeting),
  participantId: null,
  screenKey: cfg.screenKey,
  onRefused() {
    mount($("screen-main"), h("div", { class: "screen-message" }, h("h1", {}, t("refused.screen"))));
  },
});

function render(state) {
  renderConnection($("conn"), state);
  if (!state.loaded) return;
  renderScreen($("screen-main"), state);
  renderJoin($("join-panel"), state, { qrBase: cfg.qrUrl, joinUrl: cfg.joinUrl.replace(/^https?:\/\//, "") });
}

store.subscribe(render);
render(store.state);
