// The page's words, translated on the server and rendered as JSON into <div id="strings" data-json>,
// so the Welsh catalogue covers what JavaScript shows too. The shared screen may show both
// languages side by side (Welsh first): it then carries <div id="strings-cy"> and
// <div id="strings-en">, and t() gives "Cymraeg / English" while tb() gives two marked spans.

let table = {};
let second = null; // the English table when the page shows both languages

function parse(el) {
  try {
    return el ? JSON.parse(el.dataset.json) : {};
  } catch {
    return {};
  }
}

/** Read the translated strings from the page (once, at start-up). */
export function loadStrings(doc = document) {
  const cy = doc.getElementById("strings-cy");
  const en = doc.getElementById("strings-en");
  if (cy && en) {
    table = parse(cy);
    second = parse(en);
  } else {
    table = parse(doc.getElementById("strings"));
    second = null;
  }
  return table;
}

/** January to December in the page's (first) language. */
export function monthNames() {
  return Array.isArray(table.months) ? table.months : [];
}

/** Whether the page shows Welsh and English side by side. */
export function bilingual() {
  return second !== null;
}

function lookup(words, key, vars) {
  let value = key.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), words);
  if (typeof value !== "string") value = key;
  if (!vars) return value;
  return value.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** A translated string by key ("scale.title" looks in table.scale.title); {name} placeholders filled.
 *  On a page in both languages: "Welsh / English" (for attributes and short labels). */
export function t(key, vars) {
  const first = lookup(table, key, vars);
  if (second === null) return first;
  const other = lookup(second, key, vars);
  return first === other ? first : `${first} / ${other}`;
}

function span(lang, text) {
  const el = document.createElement("span");
  el.lang = lang;
  el.className = `lang-${lang}`;
  el.textContent = text;
  return el;
}

/** Like t(), but on a page in both languages: a Welsh span then an English one (for visible text). */
export function tb(key, vars) {
  const first = lookup(table, key, vars);
  if (second === null) return first;
  const other = lookup(second, key, vars);
  return first === other ? first : [span("cy", first), " ", span("en", other)];
}

/** The readable word for a domain value ("roles", "parent" -> "Parent"), or the value itself. */
export function label(group, value) {
  const pick = (words) => (words && typeof words[group]?.[value] === "string" ? words[group][value] : null);
  const first = pick(table);
  if (first === null) return String(value ?? "");
  const other = second === null ? null : pick(second);
  return other === null || other === first ? first : `${first} / ${other}`;
}
