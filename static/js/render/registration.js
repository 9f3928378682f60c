// Registration, per child (conferences only): everyone's views, a view given (or recorded for a
// family member), and the chair's decision with categories, reasons, dissent and the family's view.

import { clearDraft, draftField, draftKey } from "../drafts.js";
import { button, field, h, memo } from "../dom.js";
import { label, t } from "../strings.js";
import { all, person, personOption } from "../view.js";

export const CATEGORIES = ["physical", "sexual", "emotional", "neglect", "financial"];

function slots(region, children) {
  memo(region, children.map((c) => [c.id, c.first_name]), () => children.map((c) =>
    h("section", { class: "child-registration", dataset: { child: String(c.id) } },
      h("h3", {}, t("reg.child_heading", { name: c.first_name })),
      h("div", { class: "slot-views" }), h("div", { class: "slot-view-form" }), h("div", { class: "slot-decision" }))));
  return children.map((c) => {
    const box = region.querySelector(`[data-child="${c.id}"]`);
    return { child: c, views: box.querySelector(".slot-views"), viewForm: box.querySelector(".slot-view-form"), decision: box.querySelector(".slot-decision") };
  });
}

function categoryBoxes(prefix, chosen = []) {
  return h("fieldset", { class: "categories" }, h("legend", {}, t("reg.categories")),
    CATEGORIES.map((c) => h("div", { class: "checkbox" },
      h("input", { type: "checkbox", id: `${prefix}-${c}`, value: c, checked: chosen.includes(c), class: "category-box" }),
      h("label", { for: `${prefix}-${c}` }, label("categories", c)))));
}

function radios(prefix, name, options, chosen) {
  return options.map(([value, text]) => h("div", { class: "radio" },
    h("input", { type: "radio", id: `${prefix}-${value}`, name, value, checked: chosen === value }),
    h("label", { for: `${prefix}-${value}` }, text)));
}

function viewsList(state, childId) {
  const views = all(state, "views").filter((v) => v.child_id === childId);
  if (!views.length) return h("p", { class: "hint" }, t("reg.no_views"));
  return h("ul", { class: "views" }, views.map((v) => {
    const p = person(state, v.participant_id);
    return h("li", { class: `view view-${v.view}` },
      h("strong", {}, p ? p.name : "?"), p && p.agency ? ` (${p.agency})` : p && p.is_family ? ` (${t("scale.family")})` : "",
      ": ", label("views", v.view),
      v.categories.length ? ` — ${v.categories.map((c) => label("categories", c)).join(", ")}` : "",
      v.recorded_by_chair ? h("span", { class: "tag tag-chair" }, t("badge.recorded_by_chair")) : null,
      v.reason ? h("span", { class: "reason" }, `: ${v.reason}`) : null);
  }));
}

/**
 * A form to give a view on one child. For the chair, `forPeople` lists family members it may be
 * recorded for. `family` words it for a family member ("I'm not sure" allowed).
 */
export function viewForm(state, act, child, { family = false, forPeople = [], mine = null }) {
  const prefix = `view-${child.id}`;
  const key = draftKey(act.meetingId, `child-${child.id}`, "view-reason");
  const reason = draftField(key, { rows: 2, class: "textarea", maxlength: 4000 });
  const options = family
    ? [["register", t("family.reg_yes")], ["do_not_register", t("family.reg_no")], ["unsure", t("family.reg_unsure")]]
    : [["register", label("views", "register")], ["do_not_register", label("views", "do_not_register")]];
  const forWhom = forPeople.length ? h("select", { class: "select" },
    h("option", { value: "" }, t("contrib.for_me")),
    forPeople.map((p) => h("option", { value: String(p.id) }, t("contrib.for_person", { name: personOption(p) })))) : null;
  const boxes = categoryBoxes(`${prefix}-cat`, mine ? mine.categories : []);
  const form = h("form", { class: "form compose" },
    forWhom ? field(`${prefix}-for`, t("contrib.recorded_for"), forWhom) : null,
    h("fieldset", {}, h("legend", {}, family ? t("family.reg_question", { name: child.first_name }) : t("reg.your_view")),
      radios(prefix, `${prefix}-view`, options, mine ? mine.view : null)),
    family ? null : boxes,
    field(`${prefix}-reason`, family ? t("family.reg_reason") : t("reg.reason"), reason),
    h("button", { type: "submit", class: "button button-secondary" }, family ? t("family.send") : t("reg.give_view")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = form.querySelector(`input[name="${prefix}-view"]:checked`);
    if (!chosen) return form.querySelector(`input[name="${prefix}-view"]`).focus();
    const args = { child_id: child.id, view: chosen.value };
    if (chosen.value === "register" && !family) {
      args.categories = [...boxes.querySelectorAll(".category-box")].filter((b) => b.checked).map((b) => b.value);
    }
    if (reason.value.trim()) args.reason = reason.value.trim();
    if (forWhom && forWhom.value) act.recordFor(Number(forWhom.value), "give_registration_view", args);
    else act.send("give_registration_view", args);
    clearDraft(key);
  });
  return form;
}

function decisionForm(state, act, child, existing) {
  const prefix = `decision-${child.id}`;
  const scope = `child-${child.id}`;
  const reasons = draftField(draftKey(act.meetingId, scope, "reasons"), { rows: 3, class: "textarea", maxlength: 4000 });
  const dissent = draftField(draftKey(act.meetingId, scope, "dissent"), { rows: 2, class: "textarea", maxlength: 4000 });
  const familyView = draftField(draftKey(act.meetingId, scope, "family-view"), { rows: 2, class: "textarea", maxlength: 4000 });
  if (existing && !reasons.value) reasons.value = existing.reasons || "";
  const boxes = categoryBoxes(`${prefix}-cat`, existing ? existing.categories : []);
  const form = h("form", { class: "form compose decision-form" },
    h("h4", {}, t("reg.decision_heading")),
    h("fieldset", {}, h("legend", {}, t("reg.decision")),
      radios(prefix, `${prefix}-decision`, [["register", label("views", "register")], ["do_not_register", label("views", "do_not_register")]],
        existing ? existing.decision : null)),
    boxes,
    field(`${prefix}-reasons`, t("reg.reasons"), reasons),
    field(`${prefix}-dissent`, t("reg.dissent"), dissent, t("reg.dissent_hint")),
    field(`${prefix}-family`, t("reg.family_view"), familyView),
    h("button", { type: "submit", class: "button" }, t("reg.record_decision")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = form.querySelector(`input[name="${prefix}-decision"]:checked`);
    if (!chosen) return form.querySelector(`input[name="${prefix}-decision"]`).focus();
    if (!reasons.value.trim()) return reasons.focus();
    const args = { child_id: child.id, decision: chosen.value, reasons: reasons.value.trim() };
    if (chosen.value === "register") {
      args.categories = [...boxes.querySelectorAll(".category-box")].filter((b) => b.checked).map((b) => b.value);
    }
    if (dissent.value.trim()) args.dissent = dissent.value.trim();
    if (familyView.value.trim()) args.family_view = familyView.value.trim();
    act.send("record_registration_decision", args);
    for (const name of ["reasons", "dissent", "family-view"]) clearDraft(draftKey(act.meetingId, scope, name));
    act.setUi({ [`redecide-${child.id}`]: false });
  });
  return form;
}

function decisionSummary(d) {
  return h("div", { class: `decision decision-${d.decision}` },
    h("p", {}, h("strong", {}, t("reg.decided")), " ", label("views", d.decision),
      d.categories.length ? ` — ${d.categories.map((c) => label("categories", c)).join(", ")}` : ""),
    h("p", {}, h("strong", {}, t("reg.reasons")), " ", d.reasons),
    d.dissent ? h("p", {}, h("strong", {}, t("reg.dissent")), " ", d.dissent) : null,
    d.family_view ? h("p", {}, h("strong", {}, t("reg.family_view")), " ", d.family_view) : null);
}

/** The chair's registration panel: one block per child. */
export function renderChairRegistration(region, state, act, family) {
  const live = state.meeting.status === "open";
  const children = all(state, "children");
  for (const s of slots(region, children)) {
    const { child } = s;
    memo(s.views, { views: all(state, "views").filter((v) => v.child_id === child.id), names: all(state, "participants").map((p) => p.name) },
      () => viewsList(state, child.id));
    memo(s.viewForm, { live, family: family.map((p) => [p.id, p.name]) }, () =>
      (live ? [h("h4", {}, t("reg.give_view_heading")), viewForm(state, act, child, { forPeople: family })] : []));
    const decision = all(state, "decisions").find((d) => d.child_id === child.id);
    const redo = Boolean(state.ui[`redecide-${child.id}`]);
    memo(s.decision, { decision, live, redo }, () => {
      if (decision && !redo) {
        return [decisionSummary(decision), live ? button(t("reg.change"), () => act.setUi({ [`redecide-${child.id}`]: true }),
          { class: "button button-secondary button-small" }) : null];
      }
      return live ? decisionForm(state, act, child, decision) : h("p", { class: "hint" }, t("reg.none"));
    });
  }
}

/** A device's registration panel: its own view per child (and, for family, in plain words). */
export function renderDeviceRegistration(region, state, act, { family }) {
  const children = all(state, "children");
  const live = state.meeting.status === "open";
  for (const s of slots(region, children)) {
    const { child } = s;
    const mine = all(state, "views").find((v) => v.child_id === child.id && v.participant_id === state.me) || null;
    const waiting = state.outbox.some((c) => c.name === "give_registration_view" && c.args.child_id === child.id);
    memo(s.views, { mine, waiting }, () => [
      mine ? h("p", { class: "sent-state is-saved" }, t("reg.your_view_is", { view: family ? label("family_views", mine.view) : label("views", mine.view) }), " ", h("span", { class: "tag tag-saved" }, t("sent.saved"))) : null,
      waiting ? h("p", { class: "sent-state is-waiting" }, h("span", { class: "tag tag-waiting" }, t("sent.waiting"))) : null,
    ]);
    memo(s.viewForm, { live, has: Boolean(mine) }, () => (live ? viewForm(state, act, child, { family, mine }) : []));
    const decision = family ? null : all(state, "decisions").find((d) => d.child_id === child.id);
    memo(s.decision, { decision }, () => (decision ? decisionSummary(decision) : []));
  }
}
