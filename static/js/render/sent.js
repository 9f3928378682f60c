// What this person has sent, each with a clear state: "saved" (the server has it) or "waiting to
// send" (kept on this device until the connection is back). Also the practitioners' feed.

import { h, memo } from "../dom.js";
import { label, t } from "../strings.js";
import { all, behavioursFor, get } from "../view.js";
import { contributionEdit, contributionItem } from "./contributions.js";
import { editButton, editedTag, editForm, editMemo, editState } from "./edit.js";

const SHOWN = ["add_contribution", "propose_behaviour"];

function itemText(state, name, args, { family }) {
  if (name === "propose_behaviour") return t("sent.behaviour", { text: args.text });
  if (family) return args.text;
  return `${label("contribution_kinds", args.kind)}: ${args.text}`;
}

/**
 * My sent items, newest first: the outbox's, then the server's. Those about the area shown can be
 * corrected here (Edit opens the words in place); a change waiting to send says so. A behaviour the
 * meeting has agreed is corrected only by those who run the meeting (`tidy`: the chair, the
 * minute-taker), as the server has it.
 */
export function renderSent(region, state, act, { family = false, areaId = null, tidy = false } = {}) {
  const live = state.meeting.status === "open";
  const waiting = state.outbox.filter((c) => SHOWN.includes(c.name) && !c.args.on_behalf_of);
  const contributions = all(state, "contributions").filter((c) => c.participant_id === state.me && !c.recorded_by_chair);
  // The family may not reword a behaviour (the permission table): only practitioners edit theirs.
  const behaviours = all(state, "behaviours").filter((b) => b.proposed_by_id === state.me);
  const saved = [
    ...contributions.map((c) => ({ kind: "contribution", item: c, key: `c${c.id}` })),
    ...behaviours.map((b) => ({ kind: "behaviour", item: b, key: `b${b.id}` })),
  ].reverse().slice(0, 30);
  const mayEdit = ({ kind, item }) => live && item.area_id === areaId
    && (kind === "contribution" || (!family && item.status !== "withdrawn" && (item.status !== "agreed" || tidy)));
  const data = {
    waiting: waiting.map((c) => [c.id, c.args.area_id, itemText(state, c.name, c.args, { family })]),
    saved: saved.map((s) => [s.key, s.item, mayEdit(s)]),
    titles: all(state, "areas").map((a) => a.title),
    edits: [
      ...editMemo(state, act, "contribution", contributions),
      ...editMemo(state, act, "behaviour", family ? [] : behaviours),
    ],
  };
  memo(region, data, () => {
    if (!data.waiting.length && !data.saved.length) return [];
    const areaLine = (id) => (get(state, "areas", id) ? h("p", { class: "sent-area" }, get(state, "areas", id).title) : null);
    const waitingRow = ([id, areaId, text]) => h("li", { class: ["sent-item", "is-waiting"] },
      h("span", { class: "tag tag-waiting" }, t("sent.waiting")),
      h("p", { class: "sent-text" }, text),
      areaLine(areaId));
    const savedRow = (entry) => {
      const { kind, item } = entry;
      const editable = kind === "contribution" || !family;
      const s = editable ? editState(state, act, kind, item) : { mode: "none", text: item.text };
      const editing = s.mode === "editing";
      const status = s.mode === "waiting" ? "waiting" : "saved";
      const textId = `sent-text-${entry.key}`;
      const args = kind === "contribution" ? { kind: item.kind, text: s.text } : { text: s.text };
      const edit = kind === "contribution"
        ? contributionEdit(state, act, item, { family })
        : { act, own: true, family, fields: ["text"] };
      return h("li", { class: ["sent-item", `is-${status}`, editing && "is-editing"] },
        h("span", { class: `tag tag-${status}` }, status === "saved" ? t("sent.saved") : t("sent.waiting")),
        item.visibility === "practitioners" ? h("span", { class: "tag tag-restricted" }, t("badge.practitioners_only")) : null,
        editedTag(item),
        editing
          ? editForm(state, act, kind, item, edit)
          : h("p", { class: "sent-text", id: textId }, itemText(state, kind === "contribution" ? "add_contribution" : "propose_behaviour", args, { family })),
        areaLine(item.area_id),
        mayEdit(entry) && !editing ? h("div", { class: "item-actions" }, editButton(act, kind, item, textId)) : null);
    };
    return [
      h("h2", {}, family ? t("family.sent_heading") : t("sent.heading")),
      // Not a live region: it holds forms, and is redrawn whole. "Saved" is said by the page on the
      // server's acknowledgement (announce.js).
      h("ul", { class: "sent-list" },
        data.waiting.slice().reverse().map(waitingRow),
        saved.map(savedRow)),
    ];
  });
}

/**
 * A practitioner's view of the area: behaviours and contributions so far. A minute-taker (`tidy`)
 * may reword any of them here.
 */
export function renderFeed(region, state, act, areaId, { tidy = false } = {}) {
  const behaviours = behavioursFor(state, areaId).filter((b) => b.status !== "withdrawn");
  const contributions = all(state, "contributions").filter((c) => c.area_id === areaId);
  const names = all(state, "participants").map((p) => p.name);
  const live = state.meeting.status === "open";
  const edits = tidy ? [...editMemo(state, act, "contribution", contributions), ...editMemo(state, act, "behaviour", behaviours)] : [];
  memo(region, { areaId, behaviours, contributions, names, live, edits }, () => [
    behaviours.length ? h("h2", {}, t("behaviour.heading")) : null,
    behaviours.length ? h("ul", { class: "behaviour-list" }, behaviours.map((b) => {
      const editing = tidy && editState(state, act, "behaviour", b).mode === "editing";
      const textId = `feed-behaviour-text-${b.id}`;
      return h("li", { class: ["behaviour", `status-${b.status}`, editing && "is-editing"] },
        h("span", { class: `tag tag-status-${b.status}` }, label("behaviour_statuses", b.status)),
        editedTag(b),
        editing
          ? editForm(state, act, "behaviour", b, { fields: ["text", "who", "by_when"] })
          : h("p", { class: "behaviour-text", id: textId }, tidy ? editState(state, act, "behaviour", b).text : b.text),
        tidy && live && !editing ? h("div", { class: "item-actions" }, editButton(act, "behaviour", b, textId)) : null);
    })) : null,
    h("h2", {}, t("contrib.heading"), " ", h("span", { class: "count" }, `(${contributions.length})`)),
    contributions.length
      ? h("ul", { class: "contribution-list" }, contributions.slice().reverse().map((c) =>
        contributionItem(state, c, { idPrefix: "feed", edit: tidy ? contributionEdit(state, act, c, { tidy }) : null })))
      : h("p", { class: "hint" }, t("contrib.none")),
  ]);
}
