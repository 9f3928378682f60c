// Polite announcements for screen readers: what arrives while the person is busy elsewhere on the
// page (new contributions, behaviours to answer, scale reveals and agreed positions). One live
// region per page, present from the start, so assistive technology is listening before anything
// is said; it is fed from the store, so it works the same after a reconnect.

import { label, t } from "./strings.js";
import { get, person } from "./view.js";

const timers = new WeakMap();

/**
 * Say something in a polite live region: what the page's own actions lead to ("saved") as well as
 * what arrives. One speaker per region, so a later message replaces a pending one.
 */
export function say(region, text) {
  if (!region) return;
  // Emptied first, then filled a moment later: the same words twice are still announced.
  clearTimeout(timers.get(region));
  region.textContent = "";
  timers.set(region, setTimeout(() => { region.textContent = text; }, 120));
}

/**
 * Announce changes into `region` (an element with aria-live="polite").
 *   contributions  announce new contributions (pages that list them)
 *   behaviours     announce newly proposed behaviours (family pages, which ask about them)
 */
export function watchAnnouncements(store, region, { contributions = false, behaviours = false } = {}) {
  if (!region) return;
  let seenContributions = null;
  let seenBehaviours = null;
  let rounds = null;

  store.subscribe((state) => {
    if (!state.loaded) return;
    const roundStatus = new Map([...state.items.rounds.values()].map((r) => [r.id, r.status]));
    if (seenContributions === null) {
      // The first snapshot is what the page shows on arrival: nothing to announce.
      seenContributions = new Set(state.items.contributions.keys());
      seenBehaviours = new Set(state.items.behaviours.keys());
      rounds = roundStatus;
      return;
    }
    const messages = [];
    for (const c of state.items.contributions.values()) {
      if (seenContributions.has(c.id)) continue;
      seenContributions.add(c.id);
      if (!contributions || (c.participant_id === state.me && !c.recorded_by_chair)) continue;
      const who = person(state, c.participant_id);
      messages.push(t("announce.contribution", {
        kind: label("contribution_kinds", c.kind), name: who ? who.name : "", text: c.text,
      }));
    }
    for (const b of state.items.behaviours.values()) {
      if (seenBehaviours.has(b.id)) continue;
      seenBehaviours.add(b.id);
      if (behaviours && b.proposed_by_id !== state.me) messages.push(t("announce.behaviour", { text: b.text }));
    }
    for (const [id, status] of roundStatus) {
      const before = rounds.get(id);
      if (before === status) continue;
      const round = get(state, "rounds", id);
      const area = round ? get(state, "areas", round.area_id) : null;
      const title = area ? area.title : "";
      if (status === "revealed") messages.push(t("announce.revealed", { title }));
      else if (status === "agreed") messages.push(t("announce.agreed", { title, n: round.agreed_value }));
      else if (status === "open" && before === undefined) messages.push(t("announce.round_open", { title }));
    }
    rounds = roundStatus;
    if (messages.length) say(region, messages.join(" "));
  });
}
