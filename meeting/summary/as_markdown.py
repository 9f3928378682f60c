"""The summary as a Markdown file: headings, label lines and pipe tables; free text made safe."""

from .blocks import Cell, Document, Fields, Heading, Para, Rich, Table
from .markup import escape_markdown, to_markdown


def _cell(value: Cell) -> str:
    if isinstance(value, Rich):
        return " ".join(to_markdown(value.text).split()) or " "
    return escape_markdown(value).replace("\n", " ") or " "


def _block(block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + escape_markdown(block.text), ""]
    if isinstance(block, Para):
        text = to_markdown(block.text.text) if isinstance(block.text, Rich) else escape_markdown(block.text)
        return [text, ""]
    if isinstance(block, Fields):
        lines = []
        for label, value in block.items:
            text = to_markdown(value.text) if isinstance(value, Rich) else escape_markdown(value)
            if "\n" in text:
                lines += [f"**{escape_markdown(label)}:**", "", text, ""]
            else:
                lines += [f"**{escape_markdown(label)}:** {text}  "]
        return lines + [""]
    if isinstance(block, Table):
        if not block.rows:
            return []
        lines = [f"*{escape_markdown(block.caption)}*", ""]
        lines.append("| " + " | ".join(escape_markdown(h) for h in block.headers) + " |")
        lines.append("|" + "|".join("---" for _ in block.headers) + "|")
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
        return lines + [""]
    raise TypeError(f"unknown block {block!r}")


def render(document: Document) -> str:
    """The whole summary as Markdown text."""
    lines: list[str] = []
    for section in document.sections:
        if section.page_break and lines:
            lines += ["---", ""]
        for block in section.blocks:
            lines += _block(block)
    return "\n".join(lines).rstrip() + "\n"


def render_both(welsh: Document, english: Document) -> str:
    """Both languages in one file: Welsh first, as Welsh public bodies do."""
    return render(welsh) + "\n---\n\n" + render(english)
