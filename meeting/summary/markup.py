"""The one way free text becomes markup: Markdown (CommonMark, through markdown-it-py), rendered,
then cleaned by nh3 to a small tag set.

Every back end starts from ``clean_html``: the HTML page uses it as it is, the Markdown copy and the
Word document walk its (already safe) tree. Nothing a person typed reaches a page or a document by
another road, so no script, event handler, style or dangerous link can survive.
"""

import html
import re
from functools import lru_cache
from xml.etree import ElementTree

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Plain text needs no Markdown pass: no markup characters, no list or quote starts, no links.
_PLAIN = re.compile(r"^[^*_`\[\]<>&\\#!|~\n-]*$")
# CommonMark, with raw HTML shown as text and no block forms the small tag set would not keep anyway.
_MD = MarkdownIt("commonmark", {"html": False}).disable(
    ["image", "heading", "lheading", "code", "fence", "hr", "html_block", "html_inline"]
)
# Characters XML 1.0 cannot hold (a Word document is XML): dropped from every free text on the way in.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sanitise(raw_html: str) -> str:
    return nh3.clean(
        raw_html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@lru_cache(maxsize=8192)
def clean_html(text: str) -> str:
    """Free text (Markdown) as safe HTML: block elements from the small allowed set only."""
    text = NOT_XML.sub("", text or "").strip()
    if not text:
        return ""
    if _PLAIN.match(text) and not re.match(r"^\s*(\d+[.)]\s|\+\s|>)", text):
        return f"<p>{html.escape(text, quote=False)}</p>"
    return _sanitise(_MD.render(text)).strip()


def to_markup(text: str) -> Markup:
    """Free text for a Jinja template, already sanitised."""
    return Markup(clean_html(text))


@lru_cache(maxsize=8192)
def tree(text: str) -> ElementTree.Element:
    """The sanitised HTML of a free text as an element tree under a <div> (for DOCX and Markdown)."""
    body = clean_html(text)
    # nh3 outputs well-formed HTML fragments; <br> is the one void element we allow.
    xml = "<div>" + body.replace("<br>", "<br/>") + "</div>"
    xml = xml.replace("&nbsp;", "&#160;")
    return ElementTree.fromstring(xml)


# --- Markdown back out, from the safe tree --------------------------------------------------------

_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")
# Characters Markdown acts on anywhere in a line; "(" and ")" matter only after "]", which is escaped.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# ...and those it acts on only at the start of a line: headings, lists, quotes, numbered lists.
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))", re.M)


def escape_markdown(text: str) -> str:
    """Plain text made literal in Markdown: every character Markdown could act on is escaped."""
    text = _ENTITY.sub(r"&amp;\1", _MD_SPECIAL.sub(r"\\\1", text))
    return _LINE_START.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), text
    )


def _inline_md(el: ElementTree.Element) -> str:
    out = [escape_markdown(el.text or "")]
    for child in el:
        inner = _inline_md(child)
        if child.tag == "strong":
            out.append(f"**{inner}**" if inner.strip() else inner)
        elif child.tag == "em":
            out.append(f"*{inner}*" if inner.strip() else inner)
        elif child.tag == "code":
            out.append(f"`{(child.text or '').replace('`', '')}`")
        elif child.tag == "a":
            href = child.get("href", "")
            if href and href.split(":", 1)[0].lower() in URL_SCHEMES:
                if out and out[-1].endswith("!"):
                    out[-1] = out[-1][:-1] + "\\!"  # "![" would make it an image
                out.append(f"[{inner}](<{href.replace('<', '%3C').replace('>', '%3E').replace(' ', '%20')}>)")
            else:
                out.append(inner)
        elif child.tag == "br":
            out.append("  \n")
        else:
            out.append(inner)
        out.append(escape_markdown(child.tail or ""))
    return "".join(out)


def _block_md(el: ElementTree.Element, indent: str = "") -> list[str]:
    lines: list[str] = []
    loose = (el.text or "").strip()
    if loose:
        lines.append(indent + escape_markdown(loose))
    for child in el:
        if child.tag in ("ul", "ol"):
            for n, li in enumerate(child, start=1):
                marker = f"{n}. " if child.tag == "ol" else "- "
                sub = _block_md(li, indent + "   ") if any(c.tag in ("p", "ul", "ol") for c in li) else []
                first = _inline_md(li).strip().replace("\n", " ") if not sub else sub.pop(0).strip()
                lines.append(indent + marker + first)
                lines.extend(sub)
            lines.append("")
        elif child.tag == "blockquote":
            lines.extend(indent + "> " + line for line in _block_md(child) if line is not None)
            lines.append("")
        elif child.tag == "p":
            lines.append(indent + _inline_md(child).strip())
            lines.append("")
        else:
            lines.append(indent + _inline_md(_wrap(child)).strip())
        tail = (child.tail or "").strip()
        if tail:
            lines.append(indent + escape_markdown(tail))
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _wrap(el: ElementTree.Element) -> ElementTree.Element:
    holder = ElementTree.Element("span")
    copy = ElementTree.Element(el.tag, el.attrib)
    copy.text, copy[:] = el.text, list(el)
    holder.append(copy)
    return holder


@lru_cache(maxsize=8192)
def to_markdown(text: str) -> str:
    """Free text as safe Markdown: rebuilt from the sanitised tree, every literal character escaped."""
    if not (text or "").strip():
        return ""
    return "\n".join(_block_md(tree(text)))


def plain(text: str) -> str:
    """Free text as plain words (for titles and table cells that take no formatting)."""
    return " ".join("".join(tree(text).itertext()).split())
