"""The Welsh catalogue against the strings in the code and templates: checking it, and updating it.

``python -m meeting.catalogue`` (``make catalogue``) extracts every marked string (``_``, ``_l``,
``N_`` ...) into ``meeting/translations/messages.pot`` and merges it into the Welsh catalogue: new
strings arrive untranslated, strings no longer used are dropped, translations and the translator's
``(proposed)`` notes on uncertain terms are kept. The test suite fails while any string has no Welsh.
"""

import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "meeting" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
CATALOGUE = TRANSLATIONS / "cy" / "LC_MESSAGES" / "messages.po"
METHOD_MAP = [("meeting/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "lazy_gettext": None, "_l": None, "N_": None, "ngettext": (1, 2)}
# A translator's note that a Welsh term is not yet checked against TermCymru (see GLOSSARY.md).
PROPOSED = "(proposed)"


def _extracted():
    return extract_from_dir(ROOT, METHOD_MAP, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",))


def source_messages() -> set[str]:
    """Every translatable string (msgid) in the Python code and the templates."""
    found: set[str] = set()
    for _file, _line, message, _comments, _context in _extracted():
        found.update([message] if isinstance(message, str) else [m for m in message if m])
    return found


def template() -> Catalog:
    """The catalogue template: every marked string, where it is used, and comments for translators."""
    catalog = Catalog(project="ECP Live", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in _extracted():
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read_welsh() -> Catalog:
    """The Welsh catalogue as it is on disk (an empty one if there is none yet)."""
    if not CATALOGUE.exists():
        return Catalog(locale="cy", project="ECP Live", fuzzy=False)
    with CATALOGUE.open("rb") as handle:
        return read_po(handle, locale="cy")


def missing_welsh() -> list[str]:
    """Strings with no Welsh translation (absent, empty or fuzzy in the catalogue)."""
    if not CATALOGUE.exists():
        return sorted(source_messages())
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in read_welsh()
        if m.id and not m.fuzzy and (m.string if isinstance(m.string, str) else all(m.string))
    }
    return sorted(source_messages() - translated)


def write_welsh(catalog: Catalog) -> None:
    """Write the Welsh catalogue (sorted by file, so a diff shows what moved where)."""
    CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    catalog.revision_date = datetime.now(UTC)
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_by_file=True, ignore_obsolete=True)


def compile_catalogues() -> None:
    """Compile each catalogue (.po) whose .mo is missing or older, as ``make translations`` does:
    for running the app or the tests without make."""
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle)
        with mo.open("wb") as handle:
            write_mo(handle, catalog)


def update() -> list[str]:
    """Extract, write the template, merge it into the Welsh catalogue; return what still lacks Welsh."""
    pot = template()
    with TEMPLATE.open("wb") as handle:
        write_po(handle, pot, width=100, sort_by_file=True, omit_header=False)
    welsh = read_welsh()
    notes = {m.id: [c for c in m.auto_comments if c.startswith(PROPOSED)] for m in welsh if m.id}
    # No fuzzy matching: a guessed translation of a changed sentence is worse than none.
    welsh.update(pot, no_fuzzy_matching=True)
    for message in welsh:
        for note in notes.get(message.id, []):
            if note not in message.auto_comments:
                message.auto_comments.append(note)
    write_welsh(welsh)
    return missing_welsh()


if __name__ == "__main__":
    missing = update()
    print(f"{CATALOGUE.relative_to(ROOT)}: {len(missing)} string(s) without Welsh", file=sys.stderr)
    for msgid in missing:
        print(f"  {msgid!r}", file=sys.stderr)
