// Placing oneself on the scale from a device: the stops, a reason, "save my place"; then, once
// the chair reveals, everyone's places; once agreed, the agreed place.

import { clearDraft, draftField, draftKey } from "../drafts.js";
import { h, memo } from "../dom.js";
import { t } from "../strings.js";
import { person, roundFor } from "../view.js";
import { markerLabel, scaleDisplay, scalePicker } from "./scale.js";

/** Everyone's revealed places as a list: the markers alone are small on a phone. */
function positionList(state, positions) {
  return h("ul", { class: "position-list" }, positions.slice().sort((a, b) => a.value - b.value).map((p) => {
    const who = person(state, p.participant_id);
    const { where } = markerLabel(state, p.participant_id);
    return h("li", {}, h("span", { class: "position-value" }, String(p.value)), " ",
      who ? who.name : "?", where ? ` (${where})` : "", p.reason ? h("span", { class: "reason" }, `: ${p.reason}`) : null);
  }));
}

export function renderMyScale(region, state, act, areaId, { family }) {
  const round = roundFor(state, areaId);
  const m = state.meeting;
  const mine = round ? state.mine.get(round.id) : null;
  const waiting = round ? state.outbox.find((c) => c.name === "place_position" && c.args.round_id === round.id) : null;
  const revealed = round && round.status !== "open"
    ? [...state.items.positions.values()].filter((p) => p.round_id === round.id) : [];
  const data = {
    areaId, round, live: m.status === "open", mine: mine ? mine.value : null,
    waiting: waiting ? waiting.args.value : null, revealed,
    names: revealed.map((p) => state.items.participants.get(p.participant_id)?.name),
  };
  memo(region, data, () => {
    region.hidden = !round;
    if (!round) return [];
    const heading = h("h2", { id: "scale-heading" }, family ? t("family.scale_heading") : t("device.scale_heading"));
    if (round.status !== "open") {
      return [heading,
        round.status === "agreed" ? h("p", { class: "round-state" }, t("round.agreed_at", { n: round.agreed_value })) : h("p", { class: "round-state" }, t("device.revealed")),
        scaleDisplay(state, round, { lo: m.scale_min, hi: m.scale_max }),
        positionList(state, revealed),
        round.agreed_rationale ? h("p", { class: "rationale" }, round.agreed_rationale) : null];
    }
    // The radios keep their own state until "save": only one's own saved place rebuilds them.
    const current = data.waiting ?? data.mine;
    const key = draftKey(act.meetingId, areaId, "scale-reason");
    const reason = draftField(key, { rows: 3, class: "textarea", maxlength: 4000 });
    const form = h("form", { class: "form my-scale" },
      h("p", { class: "hint" }, family ? t("family.scale_explain") : t("device.scale_explain")),
      scalePicker({
        name: `scale-${round.id}`, legend: family ? t("family.scale_question") : t("device.scale_question"),
        lo: m.scale_min, hi: m.scale_max, value: current,
        onChange: () => {},
        ends: family ? [t("family.scale_low"), t("family.scale_high")] : null,
      }),
      h("label", { for: "scale-reason" }, family ? t("family.scale_reason") : t("round.reason")),
      reason,
      h("button", { type: "submit", class: "button button-big" }, data.mine === null ? t("device.save_place") : t("device.change_place")),
      data.waiting !== null
        ? h("p", { class: "sent-state is-waiting" }, h("span", { class: "tag tag-waiting" }, t("sent.waiting")), " ", t("device.place_is", { n: data.waiting }))
        : data.mine !== null
          ? h("p", { class: "sent-state is-saved" }, h("span", { class: "tag tag-saved" }, t("sent.saved")), " ", t("device.place_is", { n: data.mine }), " ", t("device.hidden_until"))
          : null);
    reason.id = "scale-reason";
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const checked = form.querySelector("input[type=radio]:checked");
      if (!checked) {
        form.querySelector("input[type=radio]").focus();
        return;
      }
      const args = { round_id: round.id, value: Number(checked.value) };
      if (reason.value.trim()) args.reason = reason.value.trim();
      act.send("place_position", args);
      clearDraft(key);
    });
    return [heading, form];
  });
}
