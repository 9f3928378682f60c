// The connection indicator on every live page, and the list of commands the server refused.

import { button, h, memo } from "../dom.js";
import { label, t } from "../strings.js";

/** Online / reconnecting / offline, with how many things are waiting to be sent. */
export function renderConnection(region, state) {
  const data = { status: state.conn.status, waiting: state.outbox.length };
  memo(region, data, ({ status, waiting }) => {
    const shown = status === "syncing" || status === "connecting" ? "reconnecting" : status;
    region.dataset.status = shown;
    const words = status === "connecting" ? t("conn.connecting") : t(`conn.${shown}`);
    const parts = [h("span", { class: "conn-dot", "aria-hidden": "true" }), h("span", {}, words)];
    if (waiting) parts.push(h("span", { class: "conn-waiting" }, t("conn.waiting", { n: waiting })));
    return parts;
  });
}

/**
 * A calm banner while the connection is away (for family pages: never a technical message).
 * Shown only after a short while, so a blink of the wifi does not alarm anyone.
 */
export function renderReconnecting(region, state) {
  const away = state.conn.status === "reconnecting" || state.conn.status === "offline";
  if (!away) {
    clearTimeout(region.__timer);
    region.__timer = null;
    region.hidden = true;
    return;
  }
  if (!region.hidden || region.__timer) return;
  region.__timer = setTimeout(() => {
    region.__timer = null;
    region.replaceChildren(h("p", {}, t("conn.calm")));
    region.hidden = false;
  }, 1500);
}

/**
 * What the server refused, in words. Practitioners see the server's reason; family see a calm
 * sentence (the chair can help), never a code.
 */
export function renderFailures(region, state, store, { family = false } = {}) {
  const data = state.failures.map((f) => ({ id: f.id, name: f.name, message: f.message, code: f.code }));
  memo(region, data, (list) => {
    region.hidden = !list.length;
    return list.map((f) =>
      h("div", { class: "failure", role: "alert" },
        h("p", {}, family
          ? t("failure.family")
          : t("failure.practitioner", { what: label("commands", f.name), why: f.message || f.code })),
        button(t("action.dismiss"), () => store.dismissFailure(f.id), { class: "button button-secondary button-small" }),
      ),
    );
  });
}
