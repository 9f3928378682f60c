// Correcting what was sent: the Edit control on a contribution or a behaviour, the form that opens
// in its place, and the edit's draft. The draft (the wording it started from, what is typed, and the
// id of the command once saved) lives in localStorage from the moment the form opens, so a reload, a
// dropped connection or a refusal reopens it as it was left. It is forgotten only when the server
// accepts the change, or on Cancel.

import { draftKey, loadDraft, saveDraft } from "../drafts.js";
import { button, field, h } from "../dom.js";
import { t } from "../strings.js";

const COMMAND = { contribution: "edit_contribution", behaviour: "edit_behaviour" };
const ID_ARG = { contribution: "contribution_id", behaviour: "behaviour_id" };
const MAX = { contribution: 4000, behaviour: 1000 };
const elements = new Map(); // draft key + field -> the one control, reused across renders
const problems = new Set(); // draft keys whose Save found the words empty

function editKey(meetingId, kind, id) {
  return draftKey(meetingId, `edit-${kind}-${id}`, "edit");
}

/** The fields an edit may change, as they are now on the server. */
function current(kind, item) {
  if (kind === "contribution") return { text: item.text, practitioners_only: item.visibility === "practitioners" };
  return { text: item.text, who: item.who || "", by_when: item.by_when || "" };
}

function readDraft(key) {
  try {
    const draft = JSON.parse(loadDraft(key) || "null");
    return draft && typeof draft === "object" && draft.values ? draft : null;
  } catch {
    return null;
  }
}

function writeDraft(key, draft) {
  saveDraft(key, draft ? JSON.stringify(draft) : "");
}

function forget(key) {
  writeDraft(key, null);
  problems.delete(key);
  for (const name of [...elements.keys()]) if (name.startsWith(`${key}|`)) elements.delete(name);
}

function focusSoon(selector) {
  // After the store's render (a microtask away) has put the element in place.
  queueMicrotask(() => queueMicrotask(() => {
    const el = document.querySelector(selector);
    if (el) el.focus();
  }));
}

const editButtonKey = (kind, id) => `edit-${kind}-${id}`;
const textId = (kind, id) => `edit-${kind}-${id}-text`;

/**
 * Where an item's edit stands on this device:
 *   mode     "none" | "editing" (the form is open) | "waiting" (saved here, not yet by the server)
 *   text     what the item should show (the change waiting to send, else the server's words)
 *   failed   the last Save was refused, or never answered before the page was closed
 */
export function editState(state, act, kind, item) {
  const key = editKey(act.meetingId, kind, item.id);
  const draft = readDraft(key);
  if (!draft) return { mode: "none", text: item.text, key };
  const pending = draft.sent && state.outbox.some((c) => c.id === draft.sent);
  if (pending) return { mode: "waiting", text: draft.values.text, key, draft };
  if (draft.sent) {
    const now = current(kind, item);
    // Accepted, though this page never heard the answer (it was closed or reloaded meanwhile).
    if (Object.keys(draft.values).every((name) => draft.values[name] === now[name])) {
      forget(key);
      return { mode: "none", text: item.text, key };
    }
  }
  return { mode: "editing", text: item.text, key, draft, failed: Boolean(draft.sent) };
}

/** What a region's memo must compare so that it redraws when an edit opens, waits or settles. */
export function editMemo(state, act, kind, items) {
  return items.map((item) => {
    const s = editState(state, act, kind, item);
    return s.mode === "none" ? null : [item.id, s.mode, s.text, Boolean(s.failed), problems.has(s.key), s.draft && s.draft.base];
  }).filter(Boolean);
}

/** Open the form with the item's words (or what is waiting to send), and move the keyboard to it. */
export function openEdit(act, kind, item) {
  const key = editKey(act.meetingId, kind, item.id);
  const waiting = readDraft(key);
  const values = waiting ? { ...waiting.values } : current(kind, item);
  forget(key);
  writeDraft(key, { base: current(kind, item), values, sent: null });
  act.refresh();
  focusSoon(`#${textId(kind, item.id)}`);
}

function closeEdit(act, kind, item) {
  act.refresh();
  focusSoon(`[data-key="${editButtonKey(kind, item.id)}"]`);
}

/** Forget an edit once the server has accepted it (from the page's onAck); true if it was one. */
export function settleEdit(meetingId, command) {
  const kind = Object.keys(COMMAND).find((k) => COMMAND[k] === command.name);
  if (!kind) return false;
  const key = editKey(meetingId, kind, command.args[ID_ARG[kind]]);
  const draft = readDraft(key);
  if (draft && draft.sent === command.id) forget(key);
  return true;
}

/** The "edited" tag of a contribution or behaviour whose words were changed after it was sent. */
export function editedTag(item) {
  return item.edited ? h("span", { class: "tag tag-edited" }, t("badge.edited")) : null;
}

/** The "Edit" button; its description is the item's words, so a screen reader says what it edits. */
export function editButton(act, kind, item, describedBy) {
  return button(t("action.edit"), () => openEdit(act, kind, item), {
    class: "button button-secondary button-small edit-button",
    "aria-describedby": describedBy || null,
    dataset: { key: editButtonKey(kind, item.id) },
  });
}

function bound(key, draft, name, make, read) {
  const id = `${key}|${name}`;
  let el = elements.get(id);
  if (!el) {
    el = make(draft.values[name]);
    const update = () => {
      const now = readDraft(key);
      if (!now) return; // saved or cancelled already: a late "change" must not bring it back
      now.values = { ...now.values, [name]: read(el) };
      writeDraft(key, now);
    };
    el.addEventListener("input", update);
    el.addEventListener("change", update);
    elements.set(id, el);
  }
  return el;
}

/**
 * The form that takes the item's place while it is edited.
 *   own       the person wrote it ("Change what you wrote"), else they tidy someone's wording
 *   fields    which of the item's fields may change: ["text"], or with "who", "by_when"
 *   restrict  offer "practitioners only" (a practitioner's own or the chair's, never the family's)
 *   family    the family's words for the notes
 */
export function editForm(state, act, kind, item, { own = false, fields = ["text"], restrict = false, family = false } = {}) {
  const s = editState(state, act, kind, item);
  const { key, draft } = s;
  const live = state.meeting.status === "open";
  const prefix = `edit-${kind}-${item.id}`;
  const text = bound(key, draft, "text",
    (value) => h("textarea", { class: "textarea", rows: 4, maxlength: MAX[kind], value: value || "", dataset: { key: textId(kind, item.id) } }),
    (el) => el.value);
  const problem = problems.has(key);
  if (problem) text.setAttribute("aria-invalid", "true");
  else text.removeAttribute("aria-invalid");
  const notes = [];
  const now = current(kind, item);
  if (draft.base && draft.base.text !== now.text) {
    notes.push(h("p", { class: "edit-note" }, t("edit.changed_meanwhile", { text: now.text })));
  }
  if (!live) notes.push(h("p", { class: "edit-note edit-note-problem" }, t("edit.closed")));
  else if (s.failed) notes.push(h("p", { class: "edit-note edit-note-problem" }, t("edit.not_saved")));
  const textField = field(`${prefix}-text`, own ? t("edit.own_label") : t("edit.tidy_label"), text,
    family ? t("family.kept_note") : t("device.kept_note"));
  if (problem) {
    const errorId = `${prefix}-error`;
    textField.insertBefore(h("p", { class: "field-error", id: errorId }, t("edit.empty")), text);
    text.setAttribute("aria-describedby", `${errorId} ${prefix}-text-hint`);
  }
  const extra = [];
  if (kind === "contribution" && restrict) {
    const box = bound(key, draft, "practitioners_only",
      (value) => h("input", { type: "checkbox", checked: Boolean(value) }),
      (el) => el.checked);
    box.id = `${prefix}-restricted`;
    extra.push(h("div", { class: "checkbox" }, box, h("label", { for: box.id }, t("contrib.practitioners_only"))));
  }
  const inputs = {};
  if (kind === "behaviour" && fields.includes("who")) {
    inputs.who = bound(key, draft, "who", (value) => h("input", { class: "input", maxlength: 200, value: value || "" }), (el) => el.value);
    inputs.by_when = bound(key, draft, "by_when", (value) => h("input", { class: "input", type: "date", value: value || "" }), (el) => el.value);
    extra.push(h("div", { class: "field-row" },
      field(`${prefix}-who`, t("behaviour.who_label"), inputs.who),
      field(`${prefix}-when`, t("behaviour.when_label"), inputs.by_when)));
  }
  const form = h("form", { class: ["form", "edit-form", problem && "has-problem"], novalidate: true },
    notes,
    textField,
    extra,
    h("div", { class: "button-row" },
      live ? h("button", { type: "submit", class: "button button-small" }, t("action.save")) : null,
      button(t("action.cancel"), () => {
        if (draft.sent) act.dismissFailure(draft.sent);
        forget(key);
        closeEdit(act, kind, item);
      }, { class: "button button-secondary button-small" })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const latest = readDraft(key) || draft;
    const values = { ...latest.values, text: text.value };
    const words = values.text.trim();
    if (!words) {
      problems.add(key);
      act.refresh();
      text.focus();
      return;
    }
    const args = { [ID_ARG[kind]]: item.id };
    if (kind === "contribution") {
      args.text = words;
      if (restrict && values.practitioners_only !== now.practitioners_only) args.practitioners_only = Boolean(values.practitioners_only);
    } else {
      if (words !== now.text) args.text = words;
      for (const name of ["who", "by_when"]) {
        if (fields.includes(name) && (values[name] || "").trim() !== now[name]) args[name] = (values[name] || "").trim();
      }
    }
    if (draft.sent) act.dismissFailure(draft.sent);
    const unchanged = kind === "contribution"
      ? words === now.text && !("practitioners_only" in args)
      : Object.keys(args).length === 1;
    if (unchanged) {
      forget(key);
    } else {
      const sent = act.send(COMMAND[kind], args);
      writeDraft(key, { ...latest, values: { ...values, text: words }, sent });
      problems.delete(key);
    }
    closeEdit(act, kind, item);
  });
  return form;
}
