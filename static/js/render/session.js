// The closed session (start/end, with an unmissable banner while on) and closing the meeting.

import { button, field, h, memo } from "../dom.js";
import { t } from "../strings.js";
import { activeClosedSession, all } from "../view.js";

/** The banner across the chair console while a closed session is on. */
export function renderClosedBanner(region, state, act) {
  const session = activeClosedSession(state);
  memo(region, { on: Boolean(session), reason: session ? session.reason || "" : "" }, ({ on, reason }) => {
    region.hidden = !on;
    if (!on) return [];
    return [
      h("p", {}, h("strong", {}, t("closed.banner_title")), " ", t("closed.banner_body"), reason ? ` (${reason})` : ""),
      button(t("closed.end"), () => act.send("end_closed_session", {}), { class: "button button-inverse button-small" }),
    ];
  });
}

/** Start or end a closed session. */
export function renderClosedControls(region, state, act) {
  const session = activeClosedSession(state);
  const live = state.meeting.status === "open";
  memo(region, { on: Boolean(session), live, closed: state.meeting.status === "closed" }, ({ on, closed }) => {
    if (closed) return [];
    const parts = [h("h2", {}, t("closed.heading"))];
    if (!live) return [...parts, h("p", { class: "hint" }, t("closed.not_live"))];
    if (on) {
      parts.push(h("p", {}, t("closed.on")));
      parts.push(button(t("closed.end"), () => act.send("end_closed_session", {}), { class: "button" }));
      return parts;
    }
    const reason = h("input", { class: "input", maxlength: 200 });
    const form = h("form", { class: "form" },
      h("p", { class: "hint" }, t("closed.explain")),
      field("closed-reason", t("closed.reason"), reason, t("closed.reason_hint")),
      h("button", { type: "submit", class: "button button-warning" }, t("closed.start")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const args = reason.value.trim() ? { reason: reason.value.trim() } : {};
      act.send("start_closed_session", args);
    });
    parts.push(form);
    return parts;
  });
}

/** Close the meeting, after a confirmation dialog that says what is still unfinished. */
export function renderCloseMeeting(region, state, act) {
  const m = state.meeting;
  const hidden = all(state, "rounds").some((r) => r.status === "open");
  const closedOn = Boolean(activeClosedSession(state));
  memo(region, { status: m.status, hidden, closedOn }, () => {
    if (m.status === "closed") {
      return [h("h2", {}, t("close.heading")), h("p", { class: "notice" }, t("close.done")),
        act.summaryUrl ? h("p", {}, h("a", { class: "button", href: act.summaryUrl }, t("close.summary"))) : null];
    }
    if (m.status !== "open") return [];
    return [
      h("h2", {}, t("close.heading")),
      h("p", { class: "hint" }, t("close.explain")),
      button(t("close.button"), async () => {
        const problems = [];
        if (closedOn) problems.push(t("close.problem_closed"));
        if (hidden) problems.push(t("close.problem_round"));
        const ok = await act.confirm({
          title: t("close.confirm_title"),
          body: t("close.confirm_body"),
          problems,
          confirm: t("close.confirm_button"),
          danger: true,
        });
        if (ok) act.send("close_meeting", { confirm: true });
      }, { class: "button button-danger" }),
    ];
  });
}
