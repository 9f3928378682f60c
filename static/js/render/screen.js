// The shared screen: one area at a time, read from across the room. Not good enough on the
// left, good enough on the right, the scale running between them; the family's words with equal
// weight; agreed behaviours; who has placed themselves (never values) until the reveal.

import { h, memo } from "../dom.js";
import { t, tb } from "../strings.js";
import { activeClosedSession, behavioursFor, childNames, focusArea, positionsFor, roundFor, scalers } from "../view.js";
import { placedList, scaleDisplay } from "./scale.js";

function panel(cls, heading, text) {
  return h("section", { class: ["screen-panel", cls] },
    h("h2", { class: "screen-panel-heading" }, heading),
    h("p", { class: ["screen-panel-text", !text && "is-empty"] }, text || tb("area.not_written")));
}

/** The main area of the shared screen. */
export function renderScreen(region, state) {
  const m = state.meeting;
  const area = focusArea(state);
  const round = area ? roundFor(state, area.id) : null;
  const closed = Boolean(activeClosedSession(state));
  const data = {
    status: m.status, closed, area,
    children: area ? childNames(state, area) : [],
    round,
    positions: round ? positionsFor(state, round.id) : [],
    people: scalers(state).map((p) => [p.id, p.name, p.agency, p.is_family]),
    agreed: area ? behavioursFor(state, area.id).filter((b) => b.status === "agreed").map((b) => [b.text, b.edited]) : [],
  };
  memo(region, data, () => {
    if (m.status === "closed") {
      return h("div", { class: "screen-message" }, h("h1", {}, tb("screen.finished")), h("p", {}, tb("screen.thanks")));
    }
    if (closed) {
      return h("div", { class: "screen-message screen-private" },
        h("h1", {}, tb("screen.private_title")), h("p", {}, tb("screen.private_body")));
    }
    if (!area) {
      return h("div", { class: "screen-message" }, h("h1", {}, m.title), h("p", {}, tb("screen.waiting")));
    }
    const lo = m.scale_min;
    const hi = m.scale_max;
    let roundPart;
    if (round && round.status === "open") {
      const people = scalers(state);
      roundPart = h("div", { class: "screen-round" },
        h("p", { class: "screen-round-state" }, tb("screen.placing", { placed: data.positions.length, total: people.length })),
        placedList(state, round, people),
        scaleDisplay(state, null, { lo, hi, large: true }));
    } else {
      roundPart = h("div", { class: "screen-round" },
        round && round.status === "agreed"
          ? h("p", { class: "screen-round-state" }, tb("round.agreed_at", { n: round.agreed_value }))
          : round ? h("p", { class: "screen-round-state" }, tb("screen.revealed")) : null,
        scaleDisplay(state, round && round.status !== "open" ? round : null, { lo, hi, large: true }));
    }
    return [
      h("header", { class: "screen-header" },
        h("h1", { class: "screen-title" }, area.title),
        data.children.length ? h("p", { class: "screen-children" }, data.children.join(" · ")) : null),
      h("div", { class: "screen-statements" },
        panel("screen-not-good", tb("area.not_good_enough"), area.not_good_enough),
        panel("screen-good", tb("area.good_enough"), area.good_enough)),
      roundPart,
      h("div", { class: "screen-lower" },
        panel("screen-words", tb("area.family_words"), area.family_words),
        h("section", { class: "screen-panel screen-behaviours" },
          h("h2", { class: "screen-panel-heading" }, tb("screen.agreed_behaviours")),
          data.agreed.length
            ? h("ul", {}, data.agreed.map(([text, edited]) => h("li", {},
              h("span", { class: "behaviour-text" }, text),
              edited ? [" ", h("span", { class: "tag tag-edited" }, tb("badge.edited"))] : null)))
            : h("p", { class: "screen-panel-text is-empty" }, tb("screen.none_agreed")))),
    ];
  });
}

/** While the lobby is open: the join code, very large, and a QR code to the join page. */
export function renderJoin(region, state, { qrBase, joinUrl }) {
  const m = state.meeting;
  const show = Boolean(m.lobby_open && m.join_code && m.status !== "closed" && !activeClosedSession(state));
  memo(region, { show, code: m.join_code }, () => {
    region.hidden = !show;
    document.body.classList.toggle("has-join", show);
    if (!show) return [];
    return [
      h("h2", { class: "join-heading" }, tb("screen.join_heading")),
      h("p", { class: "join-where" }, tb("screen.join_at"), " ", h("strong", {}, joinUrl)),
      h("p", { class: "join-code-label" }, tb("screen.join_code")),
      h("p", { class: "join-code-huge", "aria-label": m.join_code.split("").join(" ") }, m.join_code),
      h("img", { class: "join-qr", src: `${qrBase}&code=${encodeURIComponent(m.join_code)}`, alt: t("screen.qr_alt"), width: 320, height: 320 }),
    ];
  });
}
