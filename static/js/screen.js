// The shared screen (projector or TV): read-only, opened with the meeting's screen key.

import { watchAnnouncements } from "./announce.js";
import { h, mount, settings } from "./dom.js";
import { renderJoin, renderScreen } from "./render/screen.js";
import { renderConnection } from "./render/status.js";
import { startLive } from "./socket.js";
import { createStore } from "./state.js";
import { loadStrings, tb } from "./strings.js";

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
    mount($("screen-main"), h("div", { class: "screen-message" }, h("h1", {}, tb("refused.screen"))));
  },
});

/**
 * Nobody scrolls a projector: when an area's words do not fit the screen (long statements, or both
 * languages), the main region is zoomed out just enough, never below 70%.
 */
function fit() {
  const main = $("screen-main");
  main.style.setProperty("zoom", "1");
  const room = window.innerHeight - main.getBoundingClientRect().top;
  const needed = main.scrollHeight;
  if (needed <= room) return;
  const zoom = Math.max(0.7, Math.floor((room / needed) * 100) / 100);
  main.style.setProperty("zoom", String(zoom));
}

function render(state) {
  renderConnection($("conn"), state);
  if (!state.loaded) return;
  renderScreen($("screen-main"), state);
  renderJoin($("join-panel"), state, { qrBase: cfg.qrUrl, joinUrl: cfg.joinUrl.replace(/^https?:\/\//, "") });
  fit();
}

window.addEventListener("resize", fit);

store.subscribe(render);
watchAnnouncements(store, $("announce"));
render(store.state);
