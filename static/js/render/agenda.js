// The chair's agenda: areas of change in order, the focus highlighted, move up/down, set the
// focus, undo a focus move, and add or edit an area (its wording kept as a draft while typed).
// An area added in a closed session is practitioners-only until the chair shares it.

import { clearDraft, draftField, draftKey, seedDraft } from "../drafts.js";
import { button, field, h, memo } from "../dom.js";
import { t } from "../strings.js";
import { activeClosedSession, all, areas, childNames, get, isPrivateArea } from "../view.js";

export { isPrivateArea };

/** Ask, then share a practitioners-only area with everyone: the family see it from now on. */
export async function shareArea(act, area) {
  const ok = await act.confirm({
    title: t("area.share_title", { title: area.title }), body: t("area.share_body"), confirm: t("area.share"),
  });
  if (ok) act.send("share_area", { area_id: area.id });
}

/** The "Share with the family" button, for a practitioners-only area once the family are back. */
export function shareButton(state, act, area) {
  if (!isPrivateArea(area) || state.meeting.status === "closed") return null;
  const out = Boolean(activeClosedSession(state));
  return button(t("area.share"), () => shareArea(act, area), {
    class: "button button-secondary button-small", disabled: out,
    title: out ? t("area.share_after_closed") : null,
    "aria-label": t("area.share_named", { title: area.title }), dataset: { key: `share-${area.id}` } });
}

const TEXT_FIELDS = ["not_good_enough", "good_enough", "family_words", "agreed_wording"];

/** The agenda list (left column). */
export function renderAgenda(region, state, act) {
  const list = areas(state);
  const m = state.meeting;
  const data = {
    areas: list.map((a) => [a.id, a.title, childNames(state, a), isPrivateArea(a)]),
    focus: m.focus_area_id,
    undo: m.can_undo_focus,
    closed: m.status === "closed",
    out: Boolean(activeClosedSession(state)),
    pending: state.outbox.filter((c) => c.name === "set_focus").map((c) => c.args.area_id),
  };
  memo(region, data, () => {
    const ids = list.map((a) => a.id);
    const move = (index, delta) => {
      const order = ids.slice();
      const [id] = order.splice(index, 1);
      order.splice(index + delta, 0, id);
      act.send("reorder_areas", { area_ids: order });
    };
    const items = list.map((a, i) => {
      const focused = a.id === m.focus_area_id;
      const moving = data.pending.includes(a.id);
      return h("li", { class: ["agenda-item", focused && "is-focus"], "aria-current": focused ? "true" : null },
        h("div", { class: "agenda-title" },
          h("span", { class: "agenda-number" }, `${i + 1}.`), " ", a.title,
          focused ? h("span", { class: "tag tag-focus" }, t("agenda.in_focus")) : null,
          isPrivateArea(a) ? h("span", { class: "tag tag-restricted" }, t("badge.practitioners_only")) : null,
          moving ? h("span", { class: "tag" }, t("sent.waiting")) : null),
        h("p", { class: "agenda-children" }, childNames(state, a).join(", ")),
        data.closed ? null : h("div", { class: "agenda-actions" },
          focused ? null : button(t("agenda.focus"), () => act.send("set_focus", { area_id: a.id }),
            { class: "button button-small", dataset: { key: `focus-${a.id}` } }),
          button("↑", () => move(i, -1), {
            class: "button button-secondary button-small", disabled: i === 0,
            "aria-label": t("agenda.move_up", { title: a.title }), dataset: { key: `up-${a.id}` } }),
          button("↓", () => move(i, 1), {
            class: "button button-secondary button-small", disabled: i === list.length - 1,
            "aria-label": t("agenda.move_down", { title: a.title }), dataset: { key: `down-${a.id}` } }),
          button(t("action.edit"), () => act.setUi({ editingArea: a.id }), {
            class: "button button-secondary button-small", "aria-label": t("agenda.edit", { title: a.title }) }),
          shareButton(state, act, a),
        ),
      );
    });
    return [
      data.undo && !data.closed
        ? button(t("agenda.undo_focus"), () => act.send("undo_focus", {}), { class: "button button-warning button-small" })
        : null,
      list.length ? h("ol", { class: "agenda-list" }, items) : h("p", { class: "hint" }, t("agenda.empty")),
      data.closed ? null : button(t("agenda.add"), () => act.setUi({ editingArea: "new" }), { class: "button button-secondary" }),
    ];
  });
}

/** The add/edit form for an area, when one is open (shown in a dialog-like panel). */
export function renderAreaEditor(region, state, act) {
  const editing = state.ui.editingArea;
  const area = editing && editing !== "new" ? get(state, "areas", editing) : null;
  if (!editing || (editing !== "new" && !area)) {
    memo(region, null, () => []);
    region.hidden = true;
    return;
  }
  region.hidden = false;
  const children = all(state, "children");
  memo(region, { editing, children: children.map((c) => [c.id, c.first_name]) }, () => {
    const scope = editing === "new" ? "new" : `area-${editing}`;
    const key = (name) => draftKey(act.meetingId, scope, name);
    const title = seedDraft(key("title"), area ? area.title : "");
    draftField(key("title"), { maxlength: 200, required: true, class: "input" }, "input");
    // The agreed wording comes once an area has been discussed; add_area does not take it.
    const fieldsShown = area ? TEXT_FIELDS : TEXT_FIELDS.filter((name) => name !== "agreed_wording");
    const texts = fieldsShown.map((name) => {
      const el = seedDraft(key(name), area ? area[name] : "");
      draftField(key(name), { rows: 3, class: "textarea", maxlength: 4000 });
      return field(`${scope}-${name}`, t(`area.${name}`), el, t(`area.${name}_hint`));
    });
    const chosen = new Set(area ? area.child_ids : children.map((c) => c.id));
    const boxes = children.map((c) => h("div", { class: "checkbox" },
      h("input", { type: "checkbox", id: `${scope}-child-${c.id}`, value: String(c.id), checked: chosen.has(c.id), class: "child-box" }),
      h("label", { for: `${scope}-child-${c.id}` }, c.first_name)));
    const form = h("form", { class: "area-editor form", novalidate: true },
      h("h2", {}, area ? t("area.edit_title", { title: area.title }) : t("area.add_title")),
      field(`${scope}-title`, t("area.title"), title, t("area.title_hint")),
      children.length ? h("fieldset", {}, h("legend", {}, t("area.children")), boxes) : null,
      texts,
      h("div", { class: "button-row" },
        h("button", { type: "submit", class: "button" }, area ? t("action.save") : t("area.add_button")),
        button(t("action.cancel"), () => {
          for (const name of ["title", ...TEXT_FIELDS]) clearDraft(key(name));
          act.setUi({ editingArea: null });
        }, { class: "button button-secondary" }),
        area ? button(t("area.remove"), async () => {
          const ok = await act.confirm({ title: t("area.remove_title", { title: area.title }), body: t("area.remove_body"), confirm: t("area.remove"), danger: true });
          if (!ok) return;
          act.send("remove_area", { area_id: area.id });
          for (const name of ["title", ...TEXT_FIELDS]) clearDraft(key(name));
          act.setUi({ editingArea: null });
        }, { class: "button button-danger button-small" }) : null,
      ),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values = { title: title.value.trim() };
      for (const name of fieldsShown) values[name] = draftField(key(name)).value.trim();
      if (!values.title) {
        title.focus();
        title.setAttribute("aria-invalid", "true");
        return;
      }
      const childIds = [...form.querySelectorAll(".child-box")].filter((b) => b.checked).map((b) => Number(b.value));
      if (area) {
        // Only what changed, so a minute-taker's tidying of another field is not overwritten.
        const args = { area_id: area.id };
        for (const [name, value] of Object.entries(values)) if (value !== (area[name] || "")) args[name] = value;
        if (JSON.stringify(childIds) !== JSON.stringify(area.child_ids)) args.child_ids = childIds;
        if (Object.keys(args).length > 1) act.send("update_area", args);
      } else {
        const args = { title: values.title, child_ids: childIds };
        for (const name of ["not_good_enough", "good_enough", "family_words"]) if (values[name]) args[name] = values[name];
        act.send("add_area", args);
      }
      for (const name of ["title", ...TEXT_FIELDS]) clearDraft(key(name));
      act.setUi({ editingArea: null });
    });
    return form;
  });
}
