// The family's view of an area, in plain words: what the meeting is worried about, what good
// enough would look like, their own words, and "I agree / I don't agree yet" on each behaviour.

import { clearDraft, draftField, draftKey } from "../drafts.js";
import { h, memo } from "../dom.js";
import { t } from "../strings.js";
import { behavioursFor, childNames, get, isPrivateArea } from "../view.js";
import { editedTag } from "./edit.js";

function block(cls, heading, text, empty) {
  return h("section", { class: ["plain-block", cls] },
    h("h2", {}, heading),
    text ? h("p", { class: "plain-text" }, text) : h("p", { class: "hint" }, empty));
}

/** The area's statements for a family member. */
export function renderFamilyArea(region, state, areaId) {
  const area = get(state, "areas", areaId);
  memo(region, area ? { area, children: childNames(state, area) } : null, () => {
    if (!area) return h("p", { class: "hint" }, t("now.nothing"));
    return [
      block("plain-worry", t("family.worried"), area.not_good_enough, t("family.not_written")),
      block("plain-good", t("family.good_enough"), area.good_enough, t("family.not_written")),
      area.family_words ? block("plain-words", t("family.your_family_words"), area.family_words, "") : null,
      area.agreed_wording ? block("plain-agreed", t("family.agreed_wording"), area.agreed_wording, "") : null,
    ];
  });
}

/** The area's statements for a practitioner (same blocks, practitioners' words). */
export function renderPractitionerArea(region, state, areaId) {
  const area = get(state, "areas", areaId);
  memo(region, area ? { area, children: childNames(state, area) } : null, () => {
    if (!area) return h("p", { class: "hint" }, t("now.nothing"));
    const children = childNames(state, area);
    return [
      isPrivateArea(area) ? h("p", { class: "area-private", role: "note" },
        area.in_closed_session ? t("area.private_note") : t("device.private_area_note")) : null,
      children.length ? h("p", { class: "area-children" }, t("area.concerns", { names: children.join(", ") })) : null,
      h("details", { class: "statements-details", open: true },
        h("summary", {}, t("device.statements")),
        block("plain-worry", t("area.not_good_enough"), area.not_good_enough, t("area.not_written")),
        block("plain-good", t("area.good_enough"), area.good_enough, t("area.not_written")),
        block("plain-words", t("area.family_words"), area.family_words, t("area.not_written"))),
    ];
  });
}

/** The family member's own words about the area shown. */
export function renderFamilyWords(region, state, act, areaId) {
  const live = state.meeting.status === "open";
  memo(region, { areaId, live }, () => {
    if (!live) return [];
    const key = draftKey(act.meetingId, areaId, "words");
    const text = draftField(key, { rows: 4, class: "textarea textarea-big", maxlength: 4000 });
    text.id = "family-words";
    const form = h("form", { class: "form plain-block plain-own" },
      h("h2", {}, h("label", { for: "family-words" }, t("family.own_words"))),
      h("p", { class: "hint" }, t("family.own_words_hint")),
      text,
      h("button", { type: "submit", class: "button button-big" }, t("family.send")),
      h("p", { class: "hint" }, t("family.kept_note")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const words = text.value.trim();
      if (!words) return text.focus();
      act.send("add_contribution", { area_id: areaId, kind: "family_words", text: words });
      clearDraft(key);
      act.announce(t("family.sent"));
    });
    return form;
  });
}

/** Each behaviour with "I agree" / "I don't agree yet", showing this person's answer. */
export function renderFamilyBehaviours(region, state, act, areaId) {
  const list = behavioursFor(state, areaId).filter((b) => b.status !== "withdrawn");
  const pending = new Map(state.outbox.filter((c) => c.name === "respond_to_behaviour").map((c) => [c.args.behaviour_id, c.args.answer]));
  const live = state.meeting.status === "open";
  const data = { list, pending: [...pending], me: state.me, live };
  memo(region, data, () => {
    if (!list.length) return [];
    return [
      h("h2", {}, t("family.behaviours_heading")),
      h("p", { class: "hint" }, t("family.behaviours_explain")),
      h("ul", { class: "family-behaviours" }, list.map((b) => {
        const saved = b.answers.find((a) => a.participant_id === state.me);
        const answer = pending.get(b.id) || (saved ? saved.answer : null);
        const choice = (value, text) => h("button", {
          type: "button", class: ["button", "button-choice", answer === value && "is-chosen"],
          "aria-pressed": answer === value ? "true" : "false", disabled: !live,
          dataset: { key: `answer-${b.id}-${value}` },
          onclick: () => act.send("respond_to_behaviour", { behaviour_id: b.id, answer: value }),
        }, answer === value ? h("span", { "aria-hidden": "true" }, "✓ ") : null, text);
        return h("li", { class: "family-behaviour" },
          editedTag(b),
          h("p", { class: "behaviour-text" }, b.text),
          b.status === "agreed" ? h("p", { class: "hint" }, t("family.meeting_agreed")) : null,
          h("div", { class: "choice-row", role: "group", "aria-label": b.text },
            choice("agreed", t("family.agree")), choice("not_agreed", t("family.not_yet"))),
          pending.has(b.id)
            ? h("p", { class: "sent-state is-waiting" }, h("span", { class: "tag tag-waiting" }, t("sent.waiting")))
            : saved && saved.answer !== "not_asked" ? h("p", { class: "sent-state is-saved" }, h("span", { class: "tag tag-saved" }, t("sent.saved"))) : null);
      })),
    ];
  });
}
