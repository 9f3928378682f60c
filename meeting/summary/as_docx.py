"""The summary as a Word document: real headings, real tables, page numbers, the document's language.

python-docx makes the package (styles, footer, properties, link relationships); the body is written
as WordprocessingML directly, because python-docx's object layer is far too slow for a three-hour
meeting (a second or more per document). Every piece of text is escaped on the way in.

Free text is written from the sanitised tree (``markup.tree``): paragraphs, lists, quotes, bold,
italic, code and links to http, https or mailto addresses only. Nothing a person typed becomes a
field, an embedded object or any other active content.
"""

import io
import re
from xml.etree import ElementTree

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from lxml import etree

from .blocks import Cell, Document, Fields, Heading, Para, Rich, Table
from .markup import URL_SCHEMES, tree

LANGS = {"en": "en-GB", "cy": "cy-GB"}
TEXT_WIDTH = 9638  # twips: A4 less 2 cm margins
LANDSCAPE_WIDTH = 14173
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# One pass: escape what XML escapes, drop what XML 1.0 cannot hold at all.
_ESCAPE = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_ESCAPE.update({c: None for c in (*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF)})


def _esc(text: str) -> str:
    return text.translate(_ESCAPE)


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;")


class _Styles:
    """Style ids looked up once per document (python-docx searches every style on each lookup)."""

    def __init__(self, doc):
        self.doc = doc
        self.ids: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = self.doc.styles[name].style_id
        return self.ids[name]


class _Body:
    """Writes blocks as WordprocessingML strings."""

    def __init__(self, doc, lang: str | None = None):
        self.part = doc.part
        self.style = _Styles(doc)
        self.lang = f'<w:lang w:val="{LANGS[lang]}"/>' if lang else ""
        self.links: dict[str, str] = {}

    # runs and paragraphs

    def run(self, text: str, bold=False, italic=False, code=False, link=False) -> str:
        if not text:
            return ""
        props = (
            ('<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>' if code else "")
            + ("<w:b/>" if bold else "")
            + ("<w:i/>" if italic else "")
            + ('<w:color w:val="0563C1"/><w:u w:val="single"/>' if link else "")
            + self.lang
        )
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'

    def para(self, inner: str, style: str | None = None) -> str:
        ppr = f'<w:pPr><w:pStyle w:val="{self.style(style)}"/></w:pPr>' if style else ""
        return f"<w:p>{ppr}{inner}</w:p>"

    def link(self, href: str, text: str, bold: bool, italic: bool) -> str:
        if href.split(":", 1)[0].lower() not in URL_SCHEMES:
            return self.run(text, bold, italic)
        if href not in self.links:
            self.links[href] = self.part.relate_to(href, RT.HYPERLINK, is_external=True)
        return (
            f'<w:hyperlink r:id="{self.links[href]}">{self.run(text, bold, italic, link=True)}</w:hyperlink>'
        )

    def inline(self, el: ElementTree.Element, bold=False, italic=False) -> str:
        out = [self.run(el.text or "", bold, italic)]
        for child in el:
            if child.tag == "br":
                out.append("<w:r><w:br/></w:r>")
            elif child.tag == "a":
                out.append(self.link(child.get("href", ""), "".join(child.itertext()), bold, italic))
            elif child.tag == "code":
                out.append(self.run("".join(child.itertext()), bold, italic, code=True))
            else:
                out.append(self.inline(child, bold or child.tag == "strong", italic or child.tag == "em"))
            out.append(self.run(child.tail or "", bold, italic))
        return "".join(out)

    # free text

    def rich(self, text: str, style: str | None = None) -> list[str]:
        root = tree(text)
        out = []
        if (root.text or "").strip():
            out.append(self.para(self.run(root.text.strip()), style))
        for child in root:
            out += self._rich_block(child, style)
            if (child.tail or "").strip():
                out.append(self.para(self.run(child.tail.strip()), style))
        return out or [self.para("", style)]

    def _rich_block(self, el: ElementTree.Element, style: str | None, depth: int = 0) -> list[str]:
        if el.tag in ("ul", "ol"):
            list_style = ("List Bullet" if el.tag == "ul" else "List Number") + (" 2" if depth else "")
            out = []
            for li in el:
                holder = ElementTree.Element("li")
                holder.text = li.text
                nested = []
                for c in li:
                    if c.tag in ("ul", "ol"):
                        nested.append(c)
                    elif c.tag == "p":
                        # A loose list item: its paragraphs become one line.
                        if len(holder) or (holder.text or "").strip():
                            holder.append(_text_el("br"))
                        holder.append(_copy(c, "span"))
                    else:
                        holder.append(c)
                out.append(self.para(self.inline(holder), list_style))
                for sub in nested:
                    out += self._rich_block(sub, style, depth + 1)
            return out
        if el.tag == "blockquote":
            out = []
            if (el.text or "").strip():
                out.append(self.para(self.run(el.text.strip()), "Quote"))
            for child in el:
                out += self._rich_block(child, "Quote", depth)
            return out
        if el.tag == "p":
            return [self.para(self.inline(el), style)]
        holder = ElementTree.Element("p")
        holder.append(el)
        return [self.para(self.inline(holder), style)]

    # blocks

    def cell(self, value: Cell, bold: bool = False) -> list[str]:
        if isinstance(value, Rich):
            return self.rich(value.text)
        return [self.para(self.run(value, bold=bold))]

    def block(self, block, width: int) -> list[str]:
        if isinstance(block, Heading):
            return [self.para(self.run(block.text), f"Heading {min(block.level, 4)}")]
        if isinstance(block, Para):
            if isinstance(block.text, Rich):
                return self.rich(block.text.text)
            return [self.para(self.run(block.text))]
        if isinstance(block, Fields):
            return self.table(None, None, block.items, width, label_column=True)
        if isinstance(block, Table):
            if not block.rows:
                return []
            return [self.para(self.run(block.caption), "Caption")] + self.table(
                block.caption, block.headers, block.rows, width
            )
        raise TypeError(f"unknown block {block!r}")

    def table(self, caption, headers, rows, width: int, label_column: bool = False) -> list[str]:
        columns = len(headers) if headers else 2
        if label_column:
            widths = [width * 3 // 10, width - width * 3 // 10]
        else:
            widths = [width // columns] * columns
        caption_xml = f'<w:tblCaption w:val="{_attr(caption[:250])}"/>' if caption else ""
        out = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style("Table Grid")}"/><w:tblW w:w="0" w:type="auto"/>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/>{caption_xml}</w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
            + "</w:tblGrid>"
        ]

        def row(cells: list[list[str]], header: bool = False) -> str:
            tr_pr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
            return (
                f"<w:tr>{tr_pr}"
                + "".join(
                    f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{"".join(c)}</w:tc>'
                    for w, c in zip(widths, cells, strict=True)
                )
                + "</w:tr>"
            )

        if headers:
            out.append(row([self.cell(h, bold=True) for h in headers], header=True))
        for values in rows:
            out.append(row([self.cell(v, bold=label_column and i == 0) for i, v in enumerate(values)]))
        out.append("</w:tbl>")
        # Word needs a paragraph between two tables, or they merge into one.
        out.append("<w:p/>")
        return ["".join(out)]


def _text_el(tag: str) -> ElementTree.Element:
    return ElementTree.Element(tag)


def _copy(el: ElementTree.Element, tag: str) -> ElementTree.Element:
    new = ElementTree.Element(tag)
    new.text = el.text
    new.extend(list(el))
    return new


_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def _append(doc, xml: list[str]) -> None:
    # One parse and one swap of the whole body: moving thousands of elements one by one is slow.
    body = doc.element.body
    section = etree.tostring(body.sectPr, encoding="unicode")
    text = f"<w:body {nsdecls('w', 'r')}>{''.join(xml)}{section}</w:body>"
    doc.element.replace(body, etree.fromstring(text.encode(), _PARSER))


def _set_lang(doc, lang: str) -> None:
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), LANGS.get(lang, "en-GB"))


def _field(paragraph, instruction: str) -> None:
    # Our own PAGE / NUMPAGES fields in the footer: never built from anything a person typed.
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _new(document: Document, footer_words: tuple[str, str], landscape: bool = False):
    doc = new_document()
    doc.core_properties.title = _NOT_XML.sub("", document.title)[:250]
    doc.core_properties.language = LANGS.get(document.lang, "en-GB")
    doc.core_properties.author = "ECP Live"
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    _set_lang(doc, document.lang)
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2)
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{_NOT_XML.sub('', document.title)[:120]} – {footer_words[0]} ")
    _field(footer, "PAGE")
    footer.add_run(f" {footer_words[1]} ")
    _field(footer, "NUMPAGES")
    return doc


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render(document: Document, footer_words: tuple[str, str] = ("Page", "of")) -> bytes:
    """The summary as a .docx file."""
    doc = _new(document, footer_words)
    body = _Body(doc)
    xml: list[str] = []
    for n, section in enumerate(document.sections):
        if section.page_break and n:
            xml.append(PAGE_BREAK)
        for block in section.blocks:
            xml += body.block(block, TEXT_WIDTH)
    _append(doc, xml)
    return _save(doc)


def render_both(
    welsh: Document, english: Document, footer_words: tuple[str, str] = ("Tudalen / Page", "o / of")
) -> bytes:
    """Both languages side by side, Welsh first: each section is a two-column row, landscape."""
    doc = _new(welsh, footer_words, landscape=True)
    column = LANDSCAPE_WIDTH // 2
    writers = {"cy": _Body(doc, "cy"), "en": _Body(doc, "en")}
    xml: list[str] = []
    for n, (cy, en) in enumerate(zip(welsh.sections, english.sections, strict=True)):
        if cy.page_break and n:
            xml.append(PAGE_BREAK)
        cells = []
        for section, lang in ((cy, "cy"), (en, "en")):
            inner = [x for block in section.blocks for x in writers[lang].block(block, column - 200)]
            content = "".join(inner) or "<w:p/>"
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{column}" w:type="dxa"/></w:tcPr>{content}</w:tc>')
        xml.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="0000"/>'
            f'<w:tblCaption w:val="Cymraeg / English"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{column}"/><w:gridCol w:w="{column}"/></w:tblGrid>'
            f"<w:tr>{''.join(cells)}</w:tr></w:tbl><w:p/>"
        )
    _append(doc, xml)
    return _save(doc)
