// The top of a device: what the meeting is discussing, what this person is looking at or writing
// about, and one tap back to the meeting's focus. Also the list of the other areas.

import { draftsOf } from "../drafts.js";
import { button, h, memo } from "../dom.js";
import { t } from "../strings.js";
import { areas, get, isPrivateArea } from "../view.js";

/** Fields whose draft ties a person to the area they started writing about. */
const AREA_DRAFT_FIELDS = new Set(["worry", "strength", "evidence", "behaviour", "words", "scale-reason"]);

/** Area ids (as numbers) that have an unsent draft. */
export function areasWithDrafts(meetingId) {
  return new Set(draftsOf(meetingId)
    .filter((d) => AREA_DRAFT_FIELDS.has(d.field) && /^\d+$/.test(d.scope) && d.value.trim())
    .map((d) => Number(d.scope)));
}

/** The area this device shows: the one it chose to look at, else the meeting's focus. */
export function shownAreaId(state) {
  return state.ui.viewArea ?? (state.meeting ? state.meeting.focus_area_id : null);
}

export function renderNow(region, state, act) {
  const focusId = state.meeting.focus_area_id;
  const shownId = shownAreaId(state);
  const focus = get(state, "areas", focusId);
  const shown = get(state, "areas", shownId);
  const drafts = areasWithDrafts(act.meetingId);
  const elsewhere = [...drafts].filter((id) => id !== shownId && get(state, "areas", id));
  const titled = shownId === focusId || !shown ? focus : shown; // the area whose title heads the bar
  const data = {
    focus: focus ? focus.title : null, shown: shown ? shown.title : null,
    private: isPrivateArea(titled),
    same: shownId === focusId, writing: drafts.has(shownId), elsewhere: elsewhere.map((id) => [id, get(state, "areas", id).title]),
  };
  region.classList.toggle("is-away", Boolean(focus && shown && !data.same));
  memo(region, data, () => {
    const back = button(data.writing ? t("now.go_to_focus") : t("now.back"), () => act.setUi({ viewArea: null, composer: null }),
      { class: "button button-now", dataset: { key: "back-to-focus" } });
    // A practitioner is shown, beside the title, that the family cannot see this area (the area's
    // own section says why). The family are never sent such an area.
    const heading = (text) => h("div", { class: "now-title-row" },
      h("h1", { class: "now-title" }, text),
      data.private ? h("span", { class: "tag tag-restricted" }, t("badge.practitioners_only")) : null);
    const parts = [];
    if (!focus) {
      parts.push(h("p", { class: "now-line" }, t("now.nothing")));
    } else if (data.same || !shown) {
      parts.push(h("p", { class: "now-label" }, t("now.discussing")), heading(focus.title));
    } else {
      parts.push(
        h("p", { class: "now-label" }, data.writing ? t("now.writing_about") : t("now.looking_at")),
        heading(shown.title),
        h("p", { class: "now-moved" }, t("now.meeting_is_on", { title: focus.title })),
        back,
      );
    }
    if (data.elsewhere.length) {
      parts.push(h("ul", { class: "now-drafts" }, data.elsewhere.map(([id, title]) =>
        h("li", {}, t("now.draft_elsewhere", { title }), " ",
          button(t("now.open_draft"), () => act.setUi({ viewArea: id === focusId ? null : id }), { class: "button button-link" })))));
    }
    return parts;
  });
}

/** Every area, to look at one that is not in focus (and see which have drafts). */
export function renderOtherAreas(region, state, act) {
  const focusId = state.meeting.focus_area_id;
  const shownId = shownAreaId(state);
  const drafts = areasWithDrafts(act.meetingId);
  const list = areas(state);
  memo(region, { list: list.map((a) => [a.id, a.title, isPrivateArea(a)]), focusId, shownId, drafts: [...drafts] }, () => [
    h("h2", {}, t("device.all_areas")),
    h("ul", { class: "area-links" }, list.map((a) =>
      h("li", { class: [a.id === shownId && "is-shown"] },
        a.id === shownId
          ? h("span", { class: "area-link-current", "aria-current": "true" }, a.title)
          : button(a.title, () => act.setUi({ viewArea: a.id === focusId ? null : a.id, composer: null }), { class: "button button-link" }),
        a.id === focusId ? h("span", { class: "tag tag-focus" }, t("agenda.in_focus")) : null,
        isPrivateArea(a) ? h("span", { class: "tag tag-restricted" }, t("badge.practitioners_only")) : null,
        drafts.has(a.id) ? h("span", { class: "tag" }, t("device.draft_saved")) : null))),
  ]);
}
