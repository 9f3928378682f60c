// The page's words, translated on the server and rendered as JSON into <script id="strings">,
// so the Welsh catalogue covers what JavaScript shows too.

let table = {};

/** Read the translated strings from the page (once, at start-up). */
export function loadStrings(doc = document) {
  const el = doc.getElementById("strings");
  try {
    table = el ? JSON.parse(el.textContent) : {};
  } catch {
    table = {};
  }
  return table;
}

/** A translated string by key ("scale.title" looks in table.scale.title); {name} placeholders filled. */
export function t(key, vars) {
  let value = key.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), table);
  if (typeof value !== "string") value = key;
  if (!vars) return value;
  return value.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** The readable word for a domain value ("roles", "parent" -> "Parent"), or the value itself. */
export function label(group, value) {
  const words = table[group];
  return words && typeof words[value] === "string" ? words[value] : String(value ?? "");
}
