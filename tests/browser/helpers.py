"""Driving ECP Live in real Chromium: people on their own devices, axe-core, layout and keyboard checks."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"

LAPTOP = {"viewport": {"width": 1366, "height": 768}}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}
TIMEOUT = 20_000  # ms: long enough for a reconnect on a busy machine, short enough to fail clearly

# Failures a page may log while its network is deliberately cut.
OFFLINE_NOISE = re.compile(r"ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_CONNECTION_REFUSED")


@dataclass
class Device:
    """One person's browser (a context of its own: its own cookies, storage and network)."""

    name: str
    context: object
    page: object
    problems: list = field(default_factory=list)

    def watch(self):
        """Collect what the page's own code gets wrong: uncaught errors and console errors."""

        def on_console(message):
            if message.type != "error" or OFFLINE_NOISE.search(message.text):
                return
            # An error page visited on purpose (a 404, a refused link) is not the page's code failing.
            if "Failed to load resource" in message.text and message.location.get("url") == self.page.url:
                return
            self.problems.append(f"[{self.name}] console error: {message.text}")

        self.page.on("console", on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"[{self.name}] page error: {error}"))
        return self


def open_device(browser, name: str, kind: dict, **options) -> Device:
    """A fresh browser context (laptop, projector or phone) with one page, watched for errors."""
    context = browser.new_context(**kind, **options)
    context.set_default_timeout(TIMEOUT)
    return Device(name, context, context.new_page()).watch()


# ---------- axe-core ----------


class AxeReport:
    """axe-core on every page visited; what it finds, by page and rule."""

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.found: list[tuple[str, str, str, str, list]] = []  # (page, rule, impact, help, targets)
        self.pages: list[str] = []

    def check(self, page, label: str) -> list:
        """Run axe on the page as it is now; keep every violation; return the serious and critical."""
        result = self.axe.run(page)
        self.pages.append(label)
        serious = []
        for v in result.response["violations"]:
            entry = (label, v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:5])
            self.found.append(entry)
            if v["impact"] in ("serious", "critical"):
                serious.append(entry)
        return serious

    def serious(self) -> list:
        return [f for f in self.found if f[2] in ("serious", "critical")]

    def summary(self) -> str:
        lines = [f"axe-core checked {len(self.pages)} page states"]
        for label, rule, impact, help_, targets in self.found:
            lines.append(f"  {label}: {rule} ({impact}) {help_} {targets}")
        return "\n".join(lines)


# ---------- layout ----------

_LAYOUT = """
() => {
  const out = [];
  const doc = document.documentElement;
  const name = (el) => `${el.tagName.toLowerCase()}.${el.className}`;
  if (doc.scrollWidth > innerWidth + 1) out.push(`scrolls sideways: ${doc.scrollWidth}px in ${innerWidth}px`);
  const hidden = (el) => el.closest('.visually-hidden, [hidden], dialog:not([open])')
    || !el.getClientRects().length;
  for (const el of document.body.querySelectorAll('*')) {
    if (hidden(el)) continue;
    const style = getComputedStyle(el);
    if (style.position === 'fixed' && el.getBoundingClientRect().width === 0) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;  // visually hidden, for screen readers
    if (r.right > window.innerWidth + 1 && !el.closest('.table')) {
      out.push(`off the right edge: ${name(el)} (${Math.round(r.right)}px)`);
    }
    const clipping = (value) => value === 'hidden' || value === 'clip';
    const clips = clipping(style.overflowX) || clipping(style.overflowY);
    const over = el.scrollWidth > el.clientWidth + 2 || el.scrollHeight > el.clientHeight + 2;
    if (clips && over && el.textContent.trim()) {
      const size = `${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`;
      out.push(`cut off: ${name(el)} (${size})`);
    }
  }
  return [...new Set(out)].slice(0, 10);
}
"""


def below_the_fold(page) -> int:
    """How many pixels of the page lie below the window (a projector is never scrolled)."""
    return page.evaluate("() => Math.max(0, document.documentElement.scrollHeight - window.innerHeight)")


def layout_problems(page) -> list[str]:
    """Sideways scrolling, anything past the right edge, and text cut off by a clipping box."""
    return page.evaluate(_LAYOUT)


# ---------- keyboard ----------

# How an element is named in the results: radios by group (Tab stops once per group), else by id or text.
_KEY = """
const key = (el) => {
  if (el.type === 'radio') return `radio:${el.name}`;
  if (el.id) return `#${el.id}`;
  const words = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}:${words}`;
};
"""

_FOCUSABLE = (
    """
() => {
"""
    + _KEY
    + """
  return [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter((el) => !el.disabled && el.tabIndex >= 0 && el.type !== 'hidden'
      && !el.closest('[hidden], dialog:not([open]), [inert]')
      && (el.getClientRects().length || el.classList.contains('scale-radio')))
    .map(key);
}
"""
)

_FOCUSED = (
    """
() => {
"""
    + _KEY
    + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A visually hidden radio shows its focus on its label.
  const shown = el.classList.contains('scale-radio') ? el.nextElementSibling : el;
  const s = getComputedStyle(shown);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const ring = outline || (s.boxShadow && s.boxShadow !== 'none');
  const r = shown.getBoundingClientRect();
  const onScreen = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  return {key: key(el), ring, onScreen};
}
"""
)


def keyboard_walk(page, limit: int = 200) -> dict:
    """Tab through the page from the top: what was reached, and any stop without a visible focus."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    wanted = set(page.evaluate(_FOCUSABLE))
    reached, unseen = set(), []
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None:
            continue
        if focused["key"] == first:
            break
        first = first or focused["key"]
        reached.add(focused["key"])
        if not focused["ring"] or not focused["onScreen"]:
            unseen.append(focused["key"])
        if wanted <= reached:
            break
    return {"missed": sorted(wanted - reached), "no_visible_focus": unseen}


def screenshot(page, name: str) -> Path:
    """A picture for the README, the size of the viewport: docs/screenshots/<name>.png when it is
    missing or ECP_UPDATE_SCREENSHOTS=1, else test-artifacts/screenshots/ (each run shows a new join
    code, port and clock, so rewriting the committed pictures every run would only make noise)."""
    update = os.environ.get("ECP_UPDATE_SCREENSHOTS") == "1" or not (SCREENSHOTS / f"{name}.png").exists()
    folder = SCREENSHOTS if update else ARTIFACTS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled", caret="initial")
    return path
