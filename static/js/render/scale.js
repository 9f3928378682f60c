// The scale: a picker (a row of numbered stops, a native radio group so arrow keys work and
// screen readers say "4, radio button, 4 of 10") and a display of revealed positions.

import { h, initials } from "../dom.js";
import { t } from "../strings.js";
import { person, positionsFor } from "../view.js";

/**
 * A radio group of stops from lo to hi.
 *   name      the radio group's name (unique on the page)
 *   value     the chosen value or null
 *   onChange  (value) => void
 */
export function scalePicker({ name, legend, lo, hi, value, onChange, ends }) {
  const stops = [];
  for (let v = lo; v <= hi; v += 1) {
    const id = `${name}-${v}`;
    const input = h("input", {
      type: "radio", name, id, value: String(v), class: "scale-radio",
      checked: value === v, dataset: { key: id },
      onchange: () => onChange(v),
    });
    stops.push(h("div", { class: "scale-stop" }, input, h("label", { for: id }, String(v))));
  }
  return h("fieldset", { class: "scale-picker" },
    h("legend", { class: "scale-legend" }, legend),
    h("div", { class: "scale-track", style: { "--stops": hi - lo + 1 } }, stops),
    h("div", { class: "scale-ends", "aria-hidden": "true" },
      h("span", {}, ends ? ends[0] : t("scale.low_end")),
      h("span", {}, ends ? ends[1] : t("scale.high_end")),
    ),
  );
}

/** Initials and, for a practitioner, their agency (or "family"), for a marker. */
export function markerLabel(state, participantId) {
  const p = person(state, participantId);
  if (!p) return { who: "?", where: "" };
  return { who: initials(p.name), where: p.is_family ? t("scale.family") : (p.agency || "") };
}

/**
 * The scale with every revealed position as a labelled marker above its stop, and the agreed
 * position drawn distinctly. Values exist in the state only once the round is revealed.
 */
export function scaleDisplay(state, round, { lo, hi, large = false }) {
  const positions = round ? positionsFor(state, round.id).filter((p) => typeof p.value === "number") : [];
  const columns = [];
  for (let v = lo; v <= hi; v += 1) {
    const here = positions.filter((p) => p.value === v);
    const agreedHere = round && round.status === "agreed" && round.agreed_value === v;
    const markers = here.map((p) => {
      const { who, where } = markerLabel(state, p.participant_id);
      const family = person(state, p.participant_id)?.is_family;
      return h("li", { class: ["marker", family ? "marker-family" : "marker-practitioner"] },
        h("span", { class: "marker-shape", "aria-hidden": "true" }),
        h("span", { class: "marker-who" }, who),
        where ? h("span", { class: "marker-where" }, where) : null,
      );
    });
    columns.push(h("div", { class: ["scale-col", agreedHere && "is-agreed"] },
      h("ul", { class: "markers", "aria-label": t("scale.at", { n: v }) }, markers),
      agreedHere ? h("div", { class: "agreed-marker" }, h("span", { "aria-hidden": "true" }, "◆ "), h("span", { class: "agreed-word" }, t("scale.agreed_here"))) : null,
      h("div", { class: "scale-number" }, String(v)),
    ));
  }
  return h("div", { class: ["scale-display", large && "scale-display-large"] },
    h("div", { class: "scale-columns", style: { "--stops": hi - lo + 1 } }, columns),
    h("div", { class: "scale-ends" },
      h("span", {}, t("scale.low_end")),
      h("span", {}, t("scale.high_end")),
    ),
  );
}

/** Who has placed themselves in an open round: initials with a tick, never a value. */
export function placedList(state, round, people) {
  const placed = new Set(positionsFor(state, round.id).map((p) => p.participant_id));
  return h("ul", { class: "placed-list", "aria-label": t("round.who_placed") },
    people.map((p) => {
      const done = placed.has(p.id);
      return h("li", { class: ["placed", done ? "is-placed" : "is-waiting"], title: p.name },
        h("span", { class: "placed-tick", "aria-hidden": "true" }, done ? "✓" : "…"),
        h("span", { class: "placed-who" }, initials(p.name)),
        h("span", { class: "visually-hidden" }, `${p.name}: ${done ? t("round.placed") : t("round.not_placed")}`),
      );
    }),
  );
}
