// What this person has sent, each with a clear state: "saved" (the server has it) or "waiting to
// send" (kept on this device until the connection is back). Also the practitioners' feed.

import { h, memo } from "../dom.js";
import { label, t } from "../strings.js";
import { all, behavioursFor, get } from "../view.js";
import { contributionItem } from "./contributions.js";

const SHOWN = ["add_contribution", "propose_behaviour"];

function itemText(state, name, args, { family }) {
  if (name === "propose_behaviour") return t("sent.behaviour", { text: args.text });
  if (family) return args.text;
  return `${label("contribution_kinds", args.kind)}: ${args.text}`;
}

/** My sent items, newest first: the outbox's, then the server's. */
export function renderSent(region, state, { family = false } = {}) {
  const waiting = state.outbox.filter((c) => SHOWN.includes(c.name) && !c.args.on_behalf_of);
  const saved = [
    ...all(state, "contributions").filter((c) => c.participant_id === state.me && !c.recorded_by_chair)
      .map((c) => ({ key: `c${c.id}`, at: c.created_at, area: c.area_id, text: itemText(state, "add_contribution", c, { family }), restricted: c.visibility === "practitioners" })),
    ...all(state, "behaviours").filter((b) => b.proposed_by_id === state.me)
      .map((b) => ({ key: `b${b.id}`, at: "", area: b.area_id, text: itemText(state, "propose_behaviour", b, { family }), restricted: false })),
  ].reverse();
  const data = {
    waiting: waiting.map((c) => [c.id, c.args.area_id, itemText(state, c.name, c.args, { family })]),
    saved: saved.slice(0, 30).map((s) => [s.key, s.area, s.text, s.restricted]),
    titles: all(state, "areas").map((a) => a.title),
  };
  memo(region, data, () => {
    if (!data.waiting.length && !data.saved.length) return [];
    const row = (key, areaId, text, status, restricted) => h("li", { class: ["sent-item", `is-${status}`] },
      h("span", { class: `tag tag-${status}` }, status === "saved" ? t("sent.saved") : t("sent.waiting")),
      restricted ? h("span", { class: "tag tag-restricted" }, t("badge.practitioners_only")) : null,
      h("p", { class: "sent-text" }, text),
      get(state, "areas", areaId) ? h("p", { class: "sent-area" }, get(state, "areas", areaId).title) : null);
    return [
      h("h2", {}, family ? t("family.sent_heading") : t("sent.heading")),
      h("ul", { class: "sent-list", "aria-live": "polite" },
        data.waiting.slice().reverse().map(([key, areaId, text]) => row(key, areaId, text, "waiting", false)),
        data.saved.map(([key, areaId, text, restricted]) => row(key, areaId, text, "saved", restricted))),
    ];
  });
}

/** A practitioner's read-only view of the area: behaviours and contributions so far. */
export function renderFeed(region, state, areaId) {
  const behaviours = behavioursFor(state, areaId).filter((b) => b.status !== "withdrawn");
  const contributions = all(state, "contributions").filter((c) => c.area_id === areaId);
  const names = all(state, "participants").map((p) => p.name);
  memo(region, { areaId, behaviours, contributions, names }, () => [
    behaviours.length ? h("h2", {}, t("behaviour.heading")) : null,
    behaviours.length ? h("ul", { class: "behaviour-list" }, behaviours.map((b) =>
      h("li", { class: ["behaviour", `status-${b.status}`] },
        h("span", { class: `tag tag-status-${b.status}` }, label("behaviour_statuses", b.status)),
        h("p", { class: "behaviour-text" }, b.text)))) : null,
    h("h2", {}, t("contrib.heading"), " ", h("span", { class: "count" }, `(${contributions.length})`)),
    contributions.length
      ? h("ul", { class: "contribution-list" }, contributions.slice().reverse().map((c) => contributionItem(state, c)))
      : h("p", { class: "hint" }, t("contrib.none")),
  ]);
}
