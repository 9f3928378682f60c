// Drafts: whatever someone types is kept in localStorage as they type (per meeting, area and
// field), so a reload, a dropped connection or the chair moving on never loses it.

const PREFIX = "ecp:draft:";
const fields = new Map(); // key -> the one textarea/input for that draft, reused across renders
let listener = () => {};

function store() {
  try {
    return window.localStorage;
  } catch {
    return null; // private mode or storage disabled: drafts live only in the page
  }
}

/** The storage key of a draft: meeting, scope (an area id, "new", "child-3"...) and field. */
export function draftKey(meetingId, scope, field) {
  return `${PREFIX}${meetingId}:${scope}:${field}`;
}

export function loadDraft(key) {
  const s = store();
  return (s && s.getItem(key)) || "";
}

export function saveDraft(key, value) {
  const s = store();
  if (!s) return;
  if (value && value.trim()) s.setItem(key, value);
  else s.removeItem(key);
}

/** Forget a draft once what it held has been queued for sending. */
export function clearDraft(key) {
  saveDraft(key, "");
  const el = fields.get(key);
  if (el) el.value = "";
  listener(key, "");
}

/** Every non-empty draft of a meeting: [{scope, field, value}]. */
export function draftsOf(meetingId) {
  const s = store();
  const out = [];
  if (!s) return out;
  const prefix = `${PREFIX}${meetingId}:`;
  for (let i = 0; i < s.length; i += 1) {
    const key = s.key(i);
    if (!key || !key.startsWith(prefix)) continue;
    const [scope, field] = key.slice(prefix.length).split(":");
    out.push({ scope, field, value: s.getItem(key) || "" });
  }
  return out;
}

/** Be told (key, value) whenever a draft changes between empty and not empty, or is cleared. */
export function onDraftChange(fn) {
  listener = fn;
}

/**
 * The text field bound to a draft. The same element is returned on every render, so re-rendering
 * a region keeps what is typed, the caret and (with dom.mount) the keyboard focus.
 */
export function draftField(key, attrs = {}, tag = "textarea") {
  let el = fields.get(key);
  if (!el) {
    el = document.createElement(tag);
    el.value = loadDraft(key);
    el.dataset.key = key;
    el.addEventListener("input", () => {
      const before = Boolean(loadDraft(key).trim());
      saveDraft(key, el.value);
      if (before !== Boolean(el.value.trim())) listener(key, el.value);
    });
    fields.set(key, el);
  }
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  return el;
}

/** Put a value into a draft field (e.g. an area's current wording when an editor opens). */
export function seedDraft(key, value) {
  const el = draftField(key);
  if (!loadDraft(key)) {
    el.value = value || "";
  }
  return el;
}
