// Building DOM without innerHTML: every piece of data goes in through textContent or attributes.

import { monthNames } from "./strings.js";

/** Create an element: h("button", {class: "button", onclick: fn, "aria-pressed": "true"}, "Text"). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    } else if (name === "style") {
      // CSSOM, not the style attribute: the CSP forbids inline style attributes.
      for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, String(v));
    } else if (name === "dataset") {
      Object.assign(el.dataset, value);
    } else if (name === "value" || name === "checked" || name === "disabled" || name === "hidden") {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === "") continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace a region's content, keeping keyboard focus (and the caret) where it was. */
export function mount(region, nodes) {
  const active = document.activeElement;
  const had = active && region.contains(active) ? active : null;
  const key = had && had.dataset ? had.dataset.key : null;
  const selection = had && typeof had.selectionStart === "number"
    ? [had.selectionStart, had.selectionEnd] : null;
  region.replaceChildren(...[nodes].flat(Infinity).filter((n) => n));
  if (!had) return;
  let target = had.isConnected ? had : null;
  if (!target && key) target = region.querySelector(`[data-key="${CSS.escape(key)}"]`);
  if (!target) return;
  target.focus({ preventScroll: true });
  if (selection && typeof target.setSelectionRange === "function") {
    try { target.setSelectionRange(selection[0], selection[1]); } catch { /* not a text field */ }
  }
}

/** Rebuild a region only when the data it shows has changed (compared by its JSON). */
export function memo(region, data, build) {
  if (!region) return;
  const key = JSON.stringify(data);
  if (region.__memo === key) return;
  region.__memo = key;
  mount(region, build(data));
}


/** A button that never submits a form by accident. */
export function button(text, onclick, attrs = {}) {
  return h("button", { type: "button", class: "button", onclick, ...attrs }, text);
}

/** A label and a control, with an optional hint, wired together by ids. */
export function field(id, labelText, control, hint) {
  control.id = id;
  const parts = [h("label", { for: id }, labelText)];
  if (hint) {
    const hintId = `${id}-hint`;
    parts.push(h("p", { class: "hint", id: hintId }, hint));
    control.setAttribute("aria-describedby", hintId);
  }
  parts.push(control);
  return h("div", { class: "field" }, parts);
}

/** Initials for a name: "Sian Hughes" -> "SH", "DC Tom Hayes" -> "TH" (titles dropped). */
export function initials(name) {
  const titles = new Set(["dc", "ds", "pc", "dr", "mr", "mrs", "ms", "miss", "prof"]);
  const words = String(name || "").split(/\s+/).filter((w) => w && !titles.has(w.toLowerCase().replace(".", "")));
  if (!words.length) return "?";
  const first = words[0][0];
  const last = words.length > 1 ? words[words.length - 1][0] : "";
  return (first + last).toUpperCase();
}

/**
 * A date ("2026-12-01") in words in the page's language: "1 Rhagfyr 2026", "1 December 2026". The
 * month names come from the server's catalogue: browsers carry no Welsh calendar.
 */
export function day(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return iso || "";
  const name = monthNames()[Number(m[2]) - 1];
  return name ? `${Number(m[3])} ${name} ${m[1]}` : iso;
}

/** A short time "14:05" from an ISO timestamp. */
export function clock(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  // The 24-hour clock of Wales whatever the browser's own locale: "14:05", never "2:05 PM".
  const options = { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" };
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString("en-GB", options);
}

/** Read the page's data-* settings from #app. */
export function settings() {
  const app = document.getElementById("app");
  return { app, ...app.dataset };
}
