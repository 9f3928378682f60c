// Read-only questions about the store's state, shared by every page's renderers.

import { t } from "./strings.js";

const FAMILY_ROLES = new Set(["parent", "carer", "child", "advocate", "supporter"]);
const PRACTITIONER_ROLES = new Set(["chair", "social_worker", "practitioner"]);
// Who may place themselves on the scale (the permission table's place_position).
const SCALERS = new Set([...FAMILY_ROLES, ...PRACTITIONER_ROLES]);

export const maySetScale = (role) => SCALERS.has(role);

/** Every item of a kind, oldest first (ids grow with time). */
export function all(state, kind) {
  return [...state.items[kind].values()].sort((a, b) => a.id - b.id);
}

export function get(state, kind, id) {
  return id === null || id === undefined ? undefined : state.items[kind].get(Number(id));
}

/** The agenda in order. */
export function areas(state) {
  return all(state, "areas").sort((a, b) => a.position - b.position || a.id - b.id);
}

/** Whether the family have not been told of this area (added in a closed session, not yet shared).
 * Only practitioners' payloads say so: the family are never sent such an area. */
export const isPrivateArea = (area) => Boolean(area) && area.visibility === "practitioners";

export function focusArea(state) {
  return state.meeting ? get(state, "areas", state.meeting.focus_area_id) : undefined;
}

export function person(state, id) {
  return get(state, "participants", id);
}

export function me(state) {
  return person(state, state.me);
}

/** The latest scaling round of an area (open, revealed or agreed), if any. */
export function roundFor(state, areaId) {
  const rounds = all(state, "rounds").filter((r) => r.area_id === areaId);
  return rounds.length ? rounds[rounds.length - 1] : undefined;
}

export function positionsFor(state, roundId) {
  return all(state, "positions").filter((p) => p.round_id === roundId);
}

export function contributionsFor(state, areaId) {
  return all(state, "contributions").filter((c) => c.area_id === areaId);
}

export function behavioursFor(state, areaId) {
  return all(state, "behaviours").filter((b) => b.area_id === areaId);
}

export function activeClosedSession(state) {
  return all(state, "closed_sessions").find((s) => s.active);
}

export function isConference(state) {
  return Boolean(state.meeting && state.meeting.kind !== "core_group");
}

/** People in the room now: admitted (with a device) or recorded present by the chair. */
export function present(state) {
  return all(state, "participants").filter(
    (p) => p.admission === "admitted" || (p.attendance === "present" && p.admission !== "removed"),
  );
}

/** People who could place themselves on the scale (present, and allowed to). */
export function scalers(state) {
  return present(state).filter((p) => maySetScale(p.role));
}

/** Family members the chair may record for (not removed or declined). */
export function familyMembers(state) {
  return all(state, "participants").filter(
    (p) => p.is_family && !["removed", "declined"].includes(p.admission),
  );
}

/** The scale's stops, e.g. [1..10]. */
export function stops(state) {
  const m = state.meeting || { scale_min: 1, scale_max: 10 };
  const out = [];
  for (let v = m.scale_min; v <= m.scale_max; v += 1) out.push(v);
  return out;
}

/** Children an area concerns, as first names. */
export function childNames(state, area) {
  return (area.child_ids || []).map((id) => get(state, "children", id)).filter(Boolean).map((c) => c.first_name);
}


/** A family member as the chair picks them: their name, and whether they joined on a device. */
export function personOption(p) {
  return p.admission === "admitted" ? p.name : t("people.without_device", { name: p.name });
}
