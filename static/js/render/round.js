// The chair's scaling controls for the area in focus: open a round, see who has placed
// themselves (never values), reveal, undo the reveal, and agree a position with its rationale.

import { clearDraft, draftField, draftKey } from "../drafts.js";
import { button, field, h, memo } from "../dom.js";
import { t } from "../strings.js";
import { person, positionsFor, roundFor, scalers, stops, personOption } from "../view.js";
import { markerLabel, placedList, scaleDisplay } from "./scale.js";

function valueSelect(state, chosen) {
  const select = h("select", { class: "select" }, h("option", { value: "" }, t("round.choose_value")),
    stops(state).map((v) => h("option", { value: String(v) }, String(v))));
  select.value = chosen === null || chosen === undefined ? "" : String(chosen);
  return select;
}

/** The scaling panel for an area, on the chair console. */
export function renderChairRound(region, state, act, areaId, family) {
  const round = roundFor(state, areaId);
  const m = state.meeting;
  const data = {
    areaId, round, live: m.status === "open",
    positions: round ? positionsFor(state, round.id) : [],
    people: scalers(state).map((p) => [p.id, p.name]),
    mine: round ? state.mine.get(round.id) || null : null,
    waiting: state.outbox.filter((c) => c.name.includes("scaling") || c.name === "undo_reveal" || c.name === "place_position").length,
  };
  memo(region, data, () => {
    const lo = m.scale_min;
    const hi = m.scale_max;
    const parts = [h("h3", {}, t("round.heading"))];
    if (!round || round.status === "agreed") {
      if (round) {
        parts.push(h("p", { class: "round-state" }, t("round.agreed_at", { n: round.agreed_value })));
        if (round.agreed_rationale) parts.push(h("p", { class: "rationale" }, round.agreed_rationale));
        parts.push(scaleDisplay(state, round, { lo, hi }));
      } else {
        parts.push(h("p", { class: "hint" }, t("round.none")));
      }
      if (data.live) {
        parts.push(button(round ? t("round.open_again") : t("round.open"), () => act.send("open_scaling_round", { area_id: areaId }),
          { class: "button", dataset: { key: "open-round" } }));
      }
      return parts;
    }
    if (round.status === "open") {
      const people = scalers(state);
      const placed = data.positions.length;
      parts.push(h("p", { class: "round-state" }, h("strong", {}, t("round.open_state")), " ",
        t("round.count", { placed, total: people.length })));
      parts.push(placedList(state, round, people));
      if (data.mine) parts.push(h("p", { class: "hint" }, t("round.your_place", { n: data.mine.value })));
      parts.push(h("div", { class: "button-row" },
        button(t("round.reveal"), () => act.send("reveal_scaling_round", { round_id: round.id }),
          { class: "button", dataset: { key: "reveal" } })));
      return parts;
    }
    // Revealed: every value is visible; the chair agrees one, or hides them again.
    parts.push(h("p", { class: "round-state" }, h("strong", {}, t("round.revealed_state"))));
    parts.push(scaleDisplay(state, round, { lo, hi }));
    parts.push(h("ul", { class: "reasons" }, data.positions.map((p) => {
      const who = person(state, p.participant_id);
      const { where } = markerLabel(state, p.participant_id);
      return h("li", {}, h("strong", {}, `${p.value}`), ` — ${who ? who.name : "?"}${where ? ` (${where})` : ""}`,
        p.recorded_by_chair ? h("span", { class: "tag tag-chair" }, t("badge.recorded_by_chair")) : null,
        p.reason ? h("span", { class: "reason" }, `: ${p.reason}`) : null);
    })));
    parts.push(h("div", { class: "button-row" },
      button(t("round.undo_reveal"), () => act.send("undo_reveal", { round_id: round.id }),
        { class: "button button-warning button-small", dataset: { key: "undo-reveal" } })));
    return parts;
  });
}

/** The round's forms (record a place; agree a position), apart so arrivals do not reset them. */
export function renderChairRoundForm(region, state, act, areaId, family) {
  const round = roundFor(state, areaId);
  const live = state.meeting.status === "open";
  const data = { round: round ? [round.id, round.status] : null, live, family: family.map((p) => [p.id, p.name]) };
  memo(region, data, () => {
    if (!round || !live) return [];
    if (round.status === "open") return placeForm(state, act, round, family);
    if (round.status === "revealed") return agreeForm(state, act, round);
    return [];
  });
}

function placeForm(state, act, round, family) {
  const key = draftKey(act.meetingId, `round-${round.id}`, "chair-reason");
  const forWhom = h("select", { class: "select" },
    h("option", { value: "" }, t("contrib.for_me")),
    family.map((p) => h("option", { value: String(p.id) }, t("contrib.for_person", { name: personOption(p) }))));
  const value = valueSelect(state, null);
  const reason = draftField(key, { rows: 2, class: "textarea", maxlength: 4000 });
  const form = h("form", { class: "form compose" },
    h("h4", {}, t("round.record_place")),
    h("div", { class: "field-row" },
      field("place-for", t("contrib.recorded_for"), forWhom),
      field("place-value", t("round.value"), value)),
    field("place-reason", t("round.reason"), reason),
    h("button", { type: "submit", class: "button button-secondary" }, t("round.record_place_button")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!value.value) return value.focus();
    const args = { round_id: round.id, value: Number(value.value) };
    if (reason.value.trim()) args.reason = reason.value.trim();
    if (forWhom.value) act.recordFor(Number(forWhom.value), "place_position", args);
    else act.send("place_position", args);
    clearDraft(key);
    value.value = "";
  });
  return form;
}

function agreeForm(state, act, round) {
  const key = draftKey(act.meetingId, `round-${round.id}`, "rationale");
  const value = valueSelect(state, null);
  const rationale = draftField(key, { rows: 3, class: "textarea", maxlength: 4000 });
  const form = h("form", { class: "form compose" },
    h("h4", {}, t("round.agree_heading")),
    field("agree-value", t("round.agreed_value"), value),
    field("agree-rationale", t("round.rationale"), rationale, t("round.rationale_hint")),
    h("button", { type: "submit", class: "button" }, t("round.agree_button")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!value.value) return value.focus();
    const args = { round_id: round.id, value: Number(value.value) };
    if (rationale.value.trim()) args.rationale = rationale.value.trim();
    act.send("agree_scaling_position", args);
    clearDraft(key);
  });
  return form;
}
