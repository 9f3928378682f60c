"""The blocks a summary is laid out in (headings, paragraphs, fields, tables), for every back end."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar


@dataclass(frozen=True)
class Rich:
    """Free text someone typed: Markdown, always sanitised on the way out."""

    text: str


Cell = str | Rich


@dataclass(frozen=True)
class Heading:
    """A heading (level 1 to 4)."""

    kind: ClassVar[str] = "heading"

    level: int
    text: str


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text, or of free text."""

    kind: ClassVar[str] = "para"

    text: Cell
    note: bool = False


@dataclass(frozen=True)
class Fields:
    """Label and value pairs (a definition list; a two-column table in Word)."""

    kind: ClassVar[str] = "fields"

    items: tuple[tuple[str, Cell], ...]


@dataclass(frozen=True)
class Table:
    """A table with a caption and a header row."""

    kind: ClassVar[str] = "table"

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Section:
    """A part of the summary; areas of change each start on a new page when printed."""

    kind: str
    blocks: list = field(default_factory=list)
    page_break: bool = False


@dataclass(frozen=True)
class VersionInfo:
    """Which version of the summary this is."""

    number: int
    status: str
    approved_at: datetime | None = None
    corrections: str = ""


@dataclass(frozen=True)
class Document:
    """A summary in words: a title, the language, and its sections."""

    title: str
    lang: str
    copy: str
    sections: tuple[Section, ...]
