// Contributions to an area as they arrive, and the form to add one (for oneself or, for the
// chair, on behalf of a family member without a device).

import { clearDraft, draftField, draftKey } from "../drafts.js";
import { clock, field, h, memo } from "../dom.js";
import { label, t } from "../strings.js";
import { contributionsFor, get, person, personOption } from "../view.js";
import { editButton, editForm, editMemo, editState } from "./edit.js";

const seen = new Set();

/**
 * Who may change a contribution's wording on this page, and how: its author corrects it, the chair
 * and the minute-taker tidy anyone's. "Practitioners only" is offered unless the family wrote it, it
 * was said in a closed session, or its area is not shared with the family (the server keeps those
 * audiences as they are).
 */
export function contributionEdit(state, act, c, { tidy = false, family = false } = {}) {
  const own = c.participant_id === state.me && !c.recorded_by_chair;
  if (!own && !tidy) return null;
  const author = person(state, c.participant_id);
  const area = get(state, "areas", c.area_id);
  const fixed = c.in_closed_session || (author && author.is_family) || (area && area.visibility === "practitioners");
  return { act, own, family, restrict: !family && !fixed };
}

/**
 * One contribution: kind, text, who (and agency), when, and its badges. With `edit` (from
 * contributionEdit) it has an Edit button, and while edited its form takes the text's place.
 */
export function contributionItem(state, c, { fresh = false, edit = null, idPrefix = "contribution" } = {}) {
  const author = person(state, c.participant_id);
  const who = author ? (author.agency ? `${author.name}, ${author.agency}` : author.name) : "";
  const s = edit ? editState(state, edit.act, "contribution", c) : null;
  const editing = Boolean(s && s.mode === "editing");
  const textId = `${idPrefix}-text-${c.id}`;
  const live = state.meeting.status === "open";
  return h("li", { class: ["contribution", `kind-${c.kind}`, fresh && "is-new", c.visibility === "practitioners" && "is-restricted", editing && "is-editing"] },
    h("div", { class: "contribution-head" },
      h("span", { class: `tag tag-${c.kind}` }, label("contribution_kinds", c.kind)),
      c.visibility === "practitioners" ? h("span", { class: "tag tag-restricted" }, t("badge.practitioners_only")) : null,
      c.in_closed_session ? h("span", { class: "tag tag-closed" }, t("badge.closed_session")) : null,
      c.recorded_by_chair ? h("span", { class: "tag tag-chair" }, t("badge.recorded_by_chair")) : null,
      s && s.mode === "waiting" ? h("span", { class: "tag tag-waiting" }, t("sent.waiting")) : null,
    ),
    editing
      ? editForm(state, edit.act, "contribution", c, edit)
      : h("p", { class: "contribution-text", id: textId }, s ? s.text : c.text),
    h("p", { class: "contribution-meta" }, who, who ? " · " : "", clock(c.created_at), c.edited ? ` · ${t("badge.edited")}` : ""),
    edit && live && !editing ? h("div", { class: "item-actions" }, editButton(edit.act, "contribution", c, textId)) : null,
  );
}

/** The live list of an area's contributions, newest first; new arrivals slide in. The chair may
 *  tidy the wording of any of them. */
export function renderContributions(region, state, act, areaId) {
  const list = contributionsFor(state, areaId);
  const names = list.map((c) => person(state, c.participant_id)?.name);
  const live = state.meeting.status === "open";
  memo(region, { areaId, list, names, live, edits: editMemo(state, act, "contribution", list) }, () => {
    const items = list.slice().reverse().map((c) => {
      const fresh = seen.size > 0 && !seen.has(c.id);
      return contributionItem(state, c, { fresh, edit: contributionEdit(state, act, c, { tidy: true }) });
    });
    for (const c of list) seen.add(c.id);
    if (!seen.size) seen.add(0); // from now on, anything unseen is new
    return [
      h("h3", {}, t("contrib.heading"), " ", h("span", { class: "count" }, `(${list.length})`)),
      list.length ? h("ul", { class: "contribution-list" }, items) : h("p", { class: "hint" }, t("contrib.none")),
    ];
  });
}

/**
 * The chair's form: kind, words, practitioners only, and whom it is recorded for.
 * `people` is the list the chair may record for (family members).
 */
export function renderChairContribute(region, state, act, areaId, people) {
  const ui = state.ui;
  const data = { areaId, people: people.map((p) => [p.id, p.name]), closed: state.meeting.status !== "open" };
  memo(region, data, () => {
    if (data.closed) return h("p", { class: "hint" }, t("contrib.not_open"));
    const key = draftKey(act.meetingId, areaId, "chair-contribution");
    const text = draftField(key, { rows: 3, class: "textarea", maxlength: 4000 });
    const kind = h("select", { class: "select" },
      ["worry", "strength", "evidence", "family_words"].map((k) =>
        h("option", { value: k }, label("contribution_kinds", k))));
    kind.value = ui.chairKind || "worry";
    kind.addEventListener("change", () => act.setUi({ chairKind: kind.value }));
    const forWhom = h("select", { class: "select" },
      h("option", { value: "" }, t("contrib.for_me")),
      people.map((p) => h("option", { value: String(p.id) }, t("contrib.for_person", { name: personOption(p) }))));
    forWhom.value = ui.chairFor || "";
    forWhom.addEventListener("change", () => act.setUi({ chairFor: forWhom.value }));
    const restricted = h("input", { type: "checkbox", id: "chair-pro-only", checked: Boolean(ui.chairProOnly) });
    restricted.addEventListener("change", () => act.setUi({ chairProOnly: restricted.checked }));
    const form = h("form", { class: "form compose" },
      h("div", { class: "field-row" },
        field("chair-kind", t("contrib.kind"), kind),
        field("chair-for", t("contrib.recorded_for"), forWhom)),
      field("chair-text", t("contrib.text"), text),
      h("div", { class: "checkbox" }, restricted, h("label", { for: "chair-pro-only" }, t("contrib.practitioners_only"))),
      h("button", { type: "submit", class: "button" }, t("contrib.add")),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const words = text.value.trim();
      if (!words) return text.focus();
      const args = { area_id: areaId, kind: kind.value, text: words };
      if (restricted.checked && !forWhom.value) args.practitioners_only = true;
      if (forWhom.value) act.recordFor(Number(forWhom.value), "add_contribution", args);
      else act.send("add_contribution", args);
      clearDraft(key);
      text.focus();
    });
    return form;
  });
}

