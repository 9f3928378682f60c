// A practitioner's big buttons, the practitioners-only switch, and the form each button opens.
// What is typed is a draft of the area it was started on, so it follows that area, not the focus.

import { clearDraft, draftField, draftKey } from "../drafts.js";
import { button, field, h, memo } from "../dom.js";
import { t } from "../strings.js";
import { activeClosedSession, get, isConference, isPrivateArea, roundFor } from "../view.js";

const KINDS = ["worry", "strength", "evidence"];

/** What is added to an area the family cannot see stays with practitioners, whatever the switch. */
const privateArea = (state, areaId) => isPrivateArea(get(state, "areas", areaId));

/** The practitioners-only switch: obvious when on; forced on in a closed session, and on an area
 * the family cannot see. */
export function renderSwitch(region, state, act, areaId) {
  const closed = Boolean(activeClosedSession(state));
  const hidden = privateArea(state, areaId);
  const forced = closed || hidden;
  const on = forced || Boolean(state.ui.proOnly);
  document.body.classList.toggle("is-restricted", on);
  const note = closed ? t("device.closed_session_note") : hidden ? t("device.private_area_note") : t("device.pro_only_note");
  memo(region, { on, forced, note }, () => [
    h("button", {
      type: "button", role: "switch", class: ["switch", on && "is-on"], "aria-checked": on ? "true" : "false",
      disabled: forced, dataset: { key: "pro-switch" }, onclick: () => act.setUi({ proOnly: !state.ui.proOnly }),
    },
    h("span", { class: "switch-track", "aria-hidden": "true" }, h("span", { class: "switch-thumb" })),
    h("span", { class: "switch-label" }, t("device.pro_only")),
    h("span", { class: "switch-state" }, on ? t("device.on") : t("device.off"))),
    on ? h("p", { class: "restricted-note" }, note) : null,
  ]);
}

/** The big buttons for the area shown. */
export function renderActions(region, state, act, areaId) {
  const round = roundFor(state, areaId);
  const roundOpen = Boolean(round && round.status === "open");
  const data = { areaId, roundOpen, open: state.ui.composer, conference: isConference(state) };
  memo(region, data, () => {
    const big = (key, text, onclick, extra = {}) => button(text, onclick,
      { class: ["button", "button-big", data.open === key && "is-active"], "aria-expanded": data.open === key ? "true" : "false", dataset: { key: `action-${key}` }, ...extra });
    const toggle = (key) => () => act.openComposer(data.open === key ? null : key);
    return h("div", { class: "big-buttons" },
      big("worry", t("device.add_worry"), toggle("worry")),
      big("strength", t("device.add_strength"), toggle("strength")),
      big("evidence", t("device.add_evidence"), toggle("evidence")),
      big("behaviour", t("device.propose_behaviour"), toggle("behaviour")),
      big("scale", roundOpen ? t("device.place_on_scale") : t("device.scale_not_open"), () => act.jumpTo("scale"),
        { disabled: !roundOpen }),
      data.conference ? big("registration", t("device.registration"), toggle("registration")) : null);
  });
}

/** The open form: a worry, strength, evidence or a behaviour, about the area shown. */
export function renderComposer(region, state, act, areaId) {
  const kind = state.ui.composer;
  const closed = Boolean(activeClosedSession(state));
  const hidden = privateArea(state, areaId);
  const restricted = closed || hidden || Boolean(state.ui.proOnly);
  const writing = KINDS.includes(kind) || kind === "behaviour";
  // The switch is not asked for a behaviour; one proposed in a closed session or on a hidden area
  // stays with practitioners all the same.
  const banner = hidden ? t("device.private_area_note")
    : closed || (restricted && kind !== "behaviour") ? t("device.pro_only_banner") : null;
  memo(region, { kind: writing ? kind : null, areaId, restricted, banner }, () => {
    if (!writing) return [];
    const key = draftKey(act.meetingId, areaId, kind);
    const text = draftField(key, { rows: 5, class: "textarea textarea-big", maxlength: kind === "behaviour" ? 1000 : 4000 });
    const heading = kind === "behaviour" ? t("device.propose_behaviour") : t(`device.add_${kind}`);
    const form = h("form", { class: ["form", "composer", restricted && "is-restricted"] },
      h("h2", { id: "composer-heading" }, heading),
      banner ? h("p", { class: "restricted-banner" }, banner) : null,
      field(`composer-${kind}`, kind === "behaviour" ? t("behaviour.text") : t("device.your_words"), text,
        kind === "behaviour" ? t("behaviour.text_hint") : t(`device.hint_${kind}`)),
      h("div", { class: "button-row" },
        h("button", { type: "submit", class: "button button-big" }, t("device.send")),
        button(t("device.close_form"), () => act.openComposer(null), { class: "button button-secondary" })),
      h("p", { class: "hint" }, t("device.kept_note")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const words = text.value.trim();
      if (!words) return text.focus();
      if (kind === "behaviour") {
        act.send("propose_behaviour", { area_id: areaId, text: words });
      } else {
        const args = { area_id: areaId, kind, text: words };
        if (restricted) args.practitioners_only = true;
        act.send("add_contribution", args);
      }
      clearDraft(key);
      act.openComposer(null);
      act.announce(t("device.queued"));
    });
    return form;
  });
}
