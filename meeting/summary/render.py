"""Every format of a summary, in a chosen language: the one entry point routes and the bench use.

``lang`` is "en", "cy" or "both" (Welsh and English side by side, Welsh first). Each language is
written under ``flask_babel.force_locale``, so the words come from that language's catalogue
whatever the page's own language is. Needs an app context.
"""

from flask_babel import force_locale
from flask_babel import gettext as _

from . import as_docx, as_html, as_markdown
from .blocks import Document, VersionInfo
from .build import summary_for
from .layout import layout
from .record import MeetingRecord

LANGS = ("en", "cy", "both")
FORMATS = ("html", "md", "docx")


def document(
    record: MeetingRecord, edits: dict, copy: str, lang: str, version: VersionInfo | None = None
) -> Document:
    """The summary in words, in one language."""
    summary = summary_for(record, copy, edits)
    with force_locale(lang):
        return layout(summary, version)


def _documents(record, edits, copy, lang, version) -> list[Document]:
    summary = summary_for(record, copy, edits)
    out = []
    for code in ("cy", "en") if lang == "both" else (lang,):
        with force_locale(code):
            out.append(layout(summary, version))
    return out


def render(
    record: MeetingRecord,
    edits: dict,
    copy: str,
    fmt: str,
    lang: str = "en",
    version: VersionInfo | None = None,
):
    """The summary as HTML (Markup), Markdown (str) or a Word document (bytes)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    docs = _documents(record, edits, copy, lang, version)
    if fmt == "html":
        if len(docs) == 2:
            return as_html.render_both(*docs)
        with force_locale(lang):
            return as_html.render(docs[0])
    if fmt == "md":
        return as_markdown.render_both(*docs) if len(docs) == 2 else as_markdown.render(docs[0])
    if fmt == "docx":
        if len(docs) == 2:
            return as_docx.render_both(*docs)
        with force_locale(lang):
            words = (_("Page"), _("of"))
        return as_docx.render(docs[0], words)
    raise ValueError(f"unknown format {fmt!r}")
