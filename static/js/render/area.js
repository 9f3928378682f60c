// An area of change as the chair sees it: title, children, and its statements side by side.

import { button, h, memo } from "../dom.js";
import { t } from "../strings.js";
import { activeClosedSession, childNames, focusArea } from "../view.js";
import { isPrivateArea, shareButton } from "./agenda.js";

/** A labelled statement block; an empty one says so rather than disappearing. */
export function statement(kind, heading, text) {
  return h("section", { class: ["statement", `statement-${kind}`] },
    h("h3", { class: "statement-heading" }, heading),
    text ? h("p", { class: "statement-text" }, text) : h("p", { class: "statement-text is-empty" }, t("area.not_written")));
}

/** The area in focus, at the top of the console's middle column. */
export function renderChairArea(region, state, act) {
  const area = focusArea(state);
  const data = area ? {
    area, children: childNames(state, area), live: state.meeting.status !== "closed", out: Boolean(activeClosedSession(state)),
  } : null;
  memo(region, data, () => {
    if (!area) return h("p", { class: "hint" }, t("area.no_focus"));
    return [
      h("p", { class: "eyebrow" }, data.live ? t("area.now_discussing") : t("area.last_discussed")),
      h("div", { class: "area-title-row" },
        h("h2", { class: "area-title", id: "focus-title" }, area.title),
        data.live ? button(t("action.edit"), () => act.setUi({ editingArea: area.id }),
          { class: "button button-secondary button-small", "aria-label": t("agenda.edit", { title: area.title }) }) : null),
      isPrivateArea(area) ? h("p", { class: "area-private", role: "note" },
        h("span", { class: "tag tag-restricted" }, t("badge.practitioners_only")), " ", t("area.private_note"), " ",
        shareButton(state, act, area)) : null,
      data.children.length ? h("p", { class: "area-children" }, t("area.concerns", { names: data.children.join(", ") })) : null,
      h("div", { class: "statements" },
        statement("not-good", t("area.not_good_enough"), area.not_good_enough),
        statement("good", t("area.good_enough"), area.good_enough),
        statement("words", t("area.family_words"), area.family_words),
        area.agreed_wording ? statement("agreed", t("area.agreed_wording"), area.agreed_wording) : null),
    ];
  });
}
