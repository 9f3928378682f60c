"""The summary as HTML, through the templates in ``templates/summary``; free text via ``markup``.

The templates lay out the article and its sections; each block inside a section is written here in
Python (``block``), because a three-hour meeting has thousands of table cells and a Jinja macro call
per cell costs more than the rest of the page. Plain text is escaped; free text is the sanitised
HTML from ``markup.clean_html``.
"""

from flask import render_template
from markupsafe import Markup, escape

from .blocks import Cell, Document, Fields, Heading, Para, Rich, Table
from .markup import clean_html


def _cell(value: Cell) -> str:
    if isinstance(value, Rich):
        return clean_html(value.text)
    return str(escape(value))


def block(b) -> Markup:
    """One block of a section as HTML."""
    if isinstance(b, Heading):
        return Markup(f"<h{b.level}>{escape(b.text)}</h{b.level}>")
    if isinstance(b, Para):
        inner = clean_html(b.text.text) if isinstance(b.text, Rich) else f"<p>{escape(b.text)}</p>"
        note = " summary-note" if b.note else ""
        return Markup(f'<div class="summary-para{note}">{inner}</div>')
    if isinstance(b, Fields):
        items = "".join(
            f'<div class="summary-field"><dt>{escape(label)}</dt><dd>{_cell(value)}</dd></div>'
            for label, value in b.items
        )
        return Markup(f'<dl class="summary-fields">{items}</dl>')
    if isinstance(b, Table):
        if not b.rows:
            return Markup("")
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in b.headers)
        rows = "".join(
            '<tr><th scope="row">'
            + _cell(row[0])
            + "</th>"
            + "".join(f"<td>{_cell(v)}</td>" for v in row[1:])
            + "</tr>"
            for row in b.rows
        )
        return Markup(
            # A table wider than a phone scrolls sideways in its own box: reachable by keyboard too.
            f'<div class="summary-table-wrap" tabindex="0" role="region" aria-label="{escape(b.caption)}">'
            f'<table class="table summary-table"><caption>{escape(b.caption)}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )
    raise TypeError(f"unknown block {b!r}")


def render(document: Document) -> Markup:
    """The summary's sections as an HTML fragment, for a page or the print view."""
    return Markup(render_template("summary/_document.html", document=document))


def render_both(welsh: Document, english: Document) -> Markup:
    """Both languages side by side, Welsh first: each section a pair of columns."""
    pairs = list(zip(welsh.sections, english.sections, strict=True))
    return Markup(render_template("summary/_both.html", welsh=welsh, english=english, pairs=pairs))
