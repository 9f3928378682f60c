// Behaviours on the chair console: each with the family's answers, the chair's agree / withdraw /
// edit, answers recorded for a family member, and the form to propose one.

import { clearDraft, draftField, draftKey } from "../drafts.js";
import { button, day, field, h, memo } from "../dom.js";
import { label, t } from "../strings.js";
import { behavioursFor, person, personOption } from "../view.js";
import { editButton, editForm, editMemo, editState } from "./edit.js";

function answersLine(state, b, family) {
  const answers = new Map(b.answers.map((a) => [a.participant_id, a]));
  // Family in the room, and anyone who has answered (not every name on the expected list).
  const asked = family.filter((p) => answers.has(p.id) || p.admission === "admitted" || p.attendance === "present");
  if (!asked.length) return null;
  return h("ul", { class: "answers" }, asked.map((p) => {
    const a = answers.get(p.id);
    const answer = a ? a.answer : "not_asked";
    return h("li", { class: `answer answer-${answer}` },
      h("span", { class: "answer-icon", "aria-hidden": "true" }, { agreed: "✓", not_agreed: "✗", not_asked: "–" }[answer]),
      ` ${p.name}: ${label("answers", answer)}`,
      a && a.recorded_by_chair ? h("span", { class: "tag tag-chair" }, t("badge.recorded_by_chair")) : null);
  }));
}

/** The behaviours of an area, for the chair. */
export function renderChairBehaviours(region, state, act, areaId, family) {
  const list = behavioursFor(state, areaId);
  const live = state.meeting.status === "open";
  const data = {
    areaId, list, family: family.map((p) => [p.id, p.name]), live, answerFor: state.ui.answerFor || "",
    edits: editMemo(state, act, "behaviour", list),
  };
  memo(region, data, () => {
    const items = list.map((b) => {
      const by = person(state, b.proposed_by_id);
      const edit = editState(state, act, "behaviour", b);
      const editing = edit.mode === "editing";
      const textId = `behaviour-text-${b.id}`;
      const statusButtons = [];
      if (live && b.status !== "withdrawn" && !editing) {
        statusButtons.push(editButton(act, "behaviour", b, textId));
      }
      if (live && b.status !== "agreed") {
        statusButtons.push(button(t("behaviour.agree"), () => act.send("set_behaviour_status", { behaviour_id: b.id, status: "agreed" }),
          { class: "button button-small", dataset: { key: `agree-${b.id}` } }));
      }
      if (live && b.status !== "withdrawn") {
        statusButtons.push(button(t("behaviour.withdraw"), () => act.send("set_behaviour_status", { behaviour_id: b.id, status: "withdrawn" }),
          { class: "button button-secondary button-small", dataset: { key: `withdraw-${b.id}` } }));
      }
      if (live && b.status !== "proposed") {
        statusButtons.push(button(t("behaviour.reopen"), () => act.send("set_behaviour_status", { behaviour_id: b.id, status: "proposed" }),
          { class: "button button-secondary button-small" }));
      }
      const forWhom = data.answerFor ? Number(data.answerFor) : null;
      const record = live && forWhom && b.status !== "withdrawn" && b.visibility === "everyone"
        ? h("div", { class: "button-row" },
          h("span", { class: "hint" }, t("behaviour.record_answer", { name: person(state, forWhom)?.name || "" })),
          button(t("family.agree"), () => act.recordFor(forWhom, "respond_to_behaviour", { behaviour_id: b.id, answer: "agreed" }),
            { class: "button button-secondary button-small" }),
          button(t("family.not_yet"), () => act.recordFor(forWhom, "respond_to_behaviour", { behaviour_id: b.id, answer: "not_agreed" }),
            { class: "button button-secondary button-small" }))
        : null;
      return h("li", { class: ["behaviour", `status-${b.status}`, editing && "is-editing"] },
        h("div", { class: "behaviour-head" },
          h("span", { class: `tag tag-status-${b.status}` }, label("behaviour_statuses", b.status)),
          b.visibility === "practitioners" ? h("span", { class: "tag tag-restricted" }, t("badge.practitioners_only")) : null,
          h("span", { class: `tag tag-family-${b.family_agreement}` }, label("family_agreement", b.family_agreement)),
          edit.mode === "waiting" ? h("span", { class: "tag tag-waiting" }, t("sent.waiting")) : null),
        editing
          ? editForm(state, act, "behaviour", b, { own: b.proposed_by_id === state.me, fields: ["text", "who", "by_when"] })
          : h("p", { class: "behaviour-text", id: textId }, edit.text),
        h("p", { class: "contribution-meta" },
          by ? t("behaviour.proposed_by", { name: by.name }) : "",
          b.who ? ` · ${t("behaviour.who", { who: b.who })}` : "",
          b.by_when ? ` · ${t("behaviour.by_when", { date: day(b.by_when) })}` : "",
          b.edited ? ` · ${t("badge.edited")}` : ""),
        family.length ? answersLine(state, b, family) : null,
        statusButtons.length ? h("div", { class: "button-row" }, statusButtons) : null,
        record,
      );
    });
    const chooser = h("select", { class: "select" },
      h("option", { value: "" }, t("behaviour.no_one")),
      family.map((p) => h("option", { value: String(p.id) }, personOption(p))));
    chooser.value = data.answerFor;
    chooser.addEventListener("change", () => act.setUi({ answerFor: chooser.value }));
    return [
      h("h3", {}, t("behaviour.heading"), " ", h("span", { class: "count" }, `(${list.length})`)),
      list.length ? h("ul", { class: "behaviour-list" }, items) : h("p", { class: "hint" }, t("behaviour.none")),
      live && family.length && list.length ? field("answer-for", t("behaviour.answer_for"), chooser) : null,
    ];
  });
}

/** The chair's form to propose a behaviour (its own region, so arrivals do not reset it). */
export function renderChairPropose(region, state, act, areaId, family) {
  const live = state.meeting.status === "open";
  memo(region, { areaId, live, family: family.map((p) => [p.id, p.name]) }, () =>
    (live ? proposeForm(state, act, areaId, family) : []));
}

function proposeForm(state, act, areaId, family) {
  const key = draftKey(act.meetingId, areaId, "chair-behaviour");
  const text = draftField(key, { rows: 2, class: "textarea", maxlength: 1000 });
  const who = h("input", { class: "input", maxlength: 200 });
  const when = h("input", { class: "input", type: "date" });
  const forWhom = h("select", { class: "select" },
    h("option", { value: "" }, t("contrib.for_me")),
    family.map((p) => h("option", { value: String(p.id) }, t("contrib.for_person", { name: personOption(p) }))));
  const form = h("form", { class: "form compose" },
    h("h4", {}, t("behaviour.propose")),
    field("chair-behaviour-text", t("behaviour.text"), text, t("behaviour.text_hint")),
    h("div", { class: "field-row" },
      field("chair-behaviour-who", t("behaviour.who_label"), who),
      field("chair-behaviour-when", t("behaviour.when_label"), when),
      field("chair-behaviour-for", t("contrib.recorded_for"), forWhom)),
    h("button", { type: "submit", class: "button button-secondary" }, t("behaviour.propose_button")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const words = text.value.trim();
    if (!words) return text.focus();
    const args = { area_id: areaId, text: words };
    if (who.value.trim()) args.who = who.value.trim();
    if (when.value) args.by_when = when.value;
    if (forWhom.value) act.recordFor(Number(forWhom.value), "propose_behaviour", args);
    else act.send("propose_behaviour", args);
    clearDraft(key);
    who.value = "";
    when.value = "";
  });
  return form;
}
