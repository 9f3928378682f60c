// The chair's people panels: the lobby (open/close, join code, admit/decline), who is in the
// meeting (online state, remove with confirmation), who is expected or absent (apologies, report
// received), and adding someone.

import { button, field, h, memo } from "../dom.js";
import { label, t } from "../strings.js";
import { all } from "../view.js";

const JOINABLE = ["social_worker", "practitioner", "parent", "carer", "child", "advocate", "supporter", "minute_taker", "observer"];

function who(p) {
  return [label("roles", p.role), p.agency].filter(Boolean).join(" · ");
}

/** Lobby: open or close it, the join code and link, and the people waiting. */
export function renderLobby(region, state, act) {
  const m = state.meeting;
  const waiting = all(state, "participants").filter((p) => p.admission === "waiting");
  const data = { open: m.lobby_open, code: m.join_code, status: m.status, waiting: waiting.map((p) => [p.id, p.name, p.role, p.agency, p.language]) };
  memo(region, data, () => {
    const parts = [h("h2", {}, t("lobby.heading"))];
    if (m.status === "closed") return [...parts, h("p", { class: "hint" }, t("lobby.meeting_closed"))];
    if (m.lobby_open) {
      parts.push(h("p", { class: "join-code-line" }, t("lobby.code"), " ", h("strong", { class: "join-code" }, m.join_code || "")));
      parts.push(h("p", { class: "hint" }, t("lobby.join_at", { url: act.joinUrl })));
      parts.push(button(t("lobby.close"), () => act.send("close_lobby", {}), { class: "button button-secondary button-small" }));
    } else {
      if (m.status === "draft") parts.push(h("p", { class: "hint" }, t("lobby.opens_meeting")));
      parts.push(button(t("lobby.open"), () => act.send("open_lobby", {}), { class: "button" }));
    }
    parts.push(h("h3", {}, t("lobby.waiting"), " ", h("span", { class: "count" }, `(${waiting.length})`)));
    if (!waiting.length) parts.push(h("p", { class: "hint" }, t("lobby.nobody_waiting")));
    parts.push(h("ul", { class: "people-list", "aria-live": "polite" }, waiting.map((p) =>
      h("li", { class: "person is-waiting" },
        h("div", {}, h("strong", {}, p.name), h("span", { class: "person-detail" }, who(p))),
        h("div", { class: "button-row" },
          button(t("lobby.admit"), () => act.send("admit_participant", { participant_id: p.id }),
            { class: "button button-small", "aria-label": t("lobby.admit_person", { name: p.name }) }),
          button(t("lobby.decline"), async () => {
            if (await act.confirm({ title: t("lobby.decline_title", { name: p.name }), body: t("lobby.decline_body"), confirm: t("lobby.decline") })) {
              act.send("decline_participant", { participant_id: p.id });
            }
          }, { class: "button button-secondary button-small", "aria-label": t("lobby.decline_person", { name: p.name }) }))))));
    return parts;
  });
}

/** People in the meeting, with an online dot (and the word), and Remove. */
export function renderPresent(region, state, act) {
  const people = all(state, "participants").filter((p) => p.admission === "admitted");
  const data = { people: people.map((p) => [p.id, p.name, p.role, p.agency, p.online]), me: state.me, closed: state.meeting.status === "closed" };
  memo(region, data, () => [
    h("h2", {}, t("people.heading"), " ", h("span", { class: "count" }, `(${people.length})`)),
    h("ul", { class: "people-list" }, people.map((p) =>
      h("li", { class: ["person", p.online ? "is-online" : "is-offline"] },
        h("span", { class: "online-dot", "aria-hidden": "true" }),
        h("div", { class: "person-main" },
          h("strong", {}, p.name), " ",
          h("span", { class: "online-word" }, p.online ? t("people.online") : t("people.offline")),
          h("span", { class: "person-detail" }, who(p))),
        p.id === state.me || data.closed ? null : button(t("people.remove"), async () => {
          if (await act.confirm({ title: t("people.remove_title", { name: p.name }), body: t("people.remove_body"), confirm: t("people.remove") })) {
            act.send("remove_participant", { participant_id: p.id });
          }
        }, { class: "button button-danger button-small", "aria-label": t("people.remove_person", { name: p.name }) })))),
  ]);
}

/** Expected and absent people: record apologies, a report received, or present without a device. */
export function renderExpected(region, state, act) {
  const people = all(state, "participants").filter((p) => p.admission === "expected" || p.admission === "declined" || p.admission === "removed");
  const data = { people: people.map((p) => [p.id, p.name, p.role, p.agency, p.admission, p.attendance, p.report_provided]), closed: state.meeting.status === "closed" };
  memo(region, data, () => {
    const rows = people.map((p) => {
      const status = p.admission === "expected"
        ? (p.attendance ? label("attendance", p.attendance) : t("expected.not_arrived"))
        : label("admission", p.admission);
      const record = (attendance, extra = {}) => act.send("record_attendance", { participant_id: p.id, attendance, ...extra });
      const actions = data.closed || p.admission !== "expected" ? null : h("div", { class: "button-row" },
        p.attendance !== "apologies" ? button(t("expected.apologies"), () => record("apologies"), { class: "button button-secondary button-small" }) : null,
        !p.report_provided ? button(t("expected.report"), () => record(p.attendance === "apologies" ? "apologies" : "report_only", { report_provided: true }),
          { class: "button button-secondary button-small" }) : null,
        p.attendance !== "present" ? button(t("expected.present"), () => record("present"), { class: "button button-secondary button-small" }) : null);
      return h("li", { class: "person" },
        h("div", { class: "person-main" },
          h("strong", {}, p.name),
          h("span", { class: "person-detail" }, who(p)),
          h("span", { class: "person-status" }, status, p.report_provided ? ` · ${t("expected.report_received")}` : "")),
        actions);
    });
    return [
      h("h2", {}, t("expected.heading"), " ", h("span", { class: "count" }, `(${people.length})`)),
      people.length ? h("ul", { class: "people-list" }, rows) : h("p", { class: "hint" }, t("expected.none")),
    ];
  });
}

/** Add someone: expected to come, or absent with apologies or a report. */
export function renderAddPerson(region, state, act) {
  memo(region, { closed: state.meeting.status === "closed" }, ({ closed }) => {
    if (closed) return [];
    const name = h("input", { class: "input", maxlength: 120, autocomplete: "off" });
    const role = h("select", { class: "select" }, JOINABLE.map((r) => h("option", { value: r }, label("roles", r))));
    role.value = "practitioner";
    const agency = h("input", { class: "input", maxlength: 200 });
    const lang = h("select", { class: "select" }, h("option", { value: "en", lang: "en" }, "English"), h("option", { value: "cy", lang: "cy" }, "Cymraeg"));
    const kind = h("select", { class: "select" },
      ["expected", "apologies", "report_only"].map((k) => h("option", { value: k }, t(`add_person.${k}`))));
    const report = h("input", { type: "checkbox", id: "add-report" });
    const form = h("form", { class: "form compose" },
      h("h3", {}, t("add_person.heading")),
      field("add-name", t("add_person.name"), name),
      h("div", { class: "field-row" }, field("add-role", t("add_person.role"), role), field("add-lang", t("add_person.language"), lang)),
      field("add-agency", t("add_person.agency"), agency),
      field("add-kind", t("add_person.kind"), kind),
      h("div", { class: "checkbox" }, report, h("label", { for: "add-report" }, t("add_person.report"))),
      h("button", { type: "submit", class: "button button-secondary" }, t("add_person.button")));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!name.value.trim()) return name.focus();
      const base = { name: name.value.trim(), role: role.value };
      if (agency.value.trim()) base.agency = agency.value.trim();
      if (kind.value === "expected") {
        act.send("add_expected_participant", { ...base, language: lang.value });
      } else {
        act.send("record_attendance", { ...base, attendance: kind.value, report_provided: report.checked || kind.value === "report_only" });
      }
      name.value = "";
      agency.value = "";
      report.checked = false;
      name.focus();
    });
    return form;
  });
}
