"""What an administrative document says, independent of how it is laid out.

A document is header data (who issues it, its number, place and date, type and summary), a
sequence of body blocks, a signature and a list of recipients. The renderer (`docx.py`) owns the
Decree 30/2020/NĐ-CP layout, so callers describe content only and never pick fonts or sizes.

Every class is a frozen dataclass; sequences passed as lists are stored as tuples so documents
are hashable and can't change after they are built. Invalid shapes (a table row with the wrong
number of cells, an unknown alignment) raise ValueError at construction: they are programming
errors, not user input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, get_args

Align: TypeAlias = Literal["justify", "center", "left", "right"]
ALIGNS: frozenset[str] = frozenset(get_args(Align))


def _tuple(obj: object, name: str, value: Sequence[Any] | None) -> None:
    # Callers naturally build lists; freeze them so the dataclass stays immutable and hashable.
    if value is not None and not isinstance(value, tuple):
        object.__setattr__(obj, name, tuple(value))


def _check_align(value: str, where: str) -> None:
    if value not in ALIGNS:
        raise ValueError(f"{where}: alignment {value!r} is not one of {sorted(ALIGNS)}")


@dataclass(frozen=True)
class Run:
    """A stretch of text with its own emphasis inside a paragraph, e.g. a bold "Điều 1." lead."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    """A section heading. Level 1 is bold capitals ("I. MỤC ĐÍCH, YÊU CẦU"; the text is upper-cased
    when rendered), level 2 bold ("1. Mục đích"), level 3 bold italic ("a) Thời gian")."""

    text: str
    level: int = 1

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"Heading level must be 1, 2 or 3, not {self.level}")


@dataclass(frozen=True)
class Paragraph:
    """Body text. `text` is plain text or a sequence of `Run`s for mixed emphasis; `bold` and
    `italic` apply to the whole paragraph on top of any run's own emphasis."""

    text: str | tuple[Run, ...]
    italic: bool = False
    bold: bool = False
    indent_first_line: bool = True
    align: Align = "justify"

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            _tuple(self, "text", self.text)
        _check_align(self.align, "Paragraph")

    @property
    def runs(self) -> tuple[Run, ...]:
        return (Run(self.text),) if isinstance(self.text, str) else self.text


@dataclass(frozen=True)
class BulletList:
    """Items written as Vietnamese documents write them: each its own indented paragraph that
    starts with `marker` ("- " dashes by default, or "+" for a nested level)."""

    items: tuple[str, ...]
    marker: str = "-"

    def __post_init__(self) -> None:
        _tuple(self, "items", self.items)


@dataclass(frozen=True)
class Table:
    """A bordered table spanning the text width, with a bold centred header row that repeats on
    every page.

    `column_widths` are relative (centimetres are a natural unit, but they are scaled so the
    columns fill the text width); None means equal columns. `align` gives each column's
    alignment (default "left"). `total_row`, when given, is appended in bold. `caption` is printed
    bold and centred above the table.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    column_widths: tuple[float, ...] | None = None
    align: tuple[Align, ...] | None = None
    font_size_pt: float = 12
    caption: str = ""
    total_row: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        _tuple(self, "headers", self.headers)
        object.__setattr__(self, "rows", tuple(tuple(row) for row in self.rows))
        for name in ("column_widths", "align", "total_row"):
            _tuple(self, name, getattr(self, name))
        n = len(self.headers)
        if n == 0:
            raise ValueError("Table needs at least one column header")
        for index, row in enumerate(self.rows):
            if len(row) != n:
                raise ValueError(f"Table row {index} has {len(row)} cells; the header has {n}")
        for name in ("column_widths", "align", "total_row"):
            value = getattr(self, name)
            if value is not None and len(value) != n:
                raise ValueError(f"Table {name} has {len(value)} entries; the header has {n} columns")
        if self.column_widths is not None and any(w <= 0 for w in self.column_widths):
            raise ValueError("Table column_widths must all be positive")
        for value in self.align or ():
            _check_align(value, "Table column")
        if not 6 <= self.font_size_pt <= 16:
            raise ValueError(f"Table font_size_pt {self.font_size_pt} is outside 6-16 pt")


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""


Block: TypeAlias = Heading | Paragraph | BulletList | Table | PageBreak


@dataclass(frozen=True)
class Signature:
    """The signer's block, right of the recipients.

    `authority` is the capacity line ("TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN"; empty when the head
    signs in their own name), `title` the signer's post ("PHÓ TRƯỞNG BAN"), `name` their full name
    (empty on drafts), `note` replaces the blank space left for the signature and seal, e.g.
    "(Đã ký)" on a copy typed from the signed original.
    """

    title: str
    authority: str = ""
    name: str = ""
    note: str = ""


@dataclass(frozen=True)
class OfficialDocument:
    """One administrative document (Decree 30/2020/NĐ-CP, Appendix I).

    Header: `parent_body` ("UBND TỈNH KHÁNH HÒA", may be empty) above `issuing_body` ("BAN CHỈ
    ĐẠO 138"; "\\n" splits it over two lines), both rendered in capitals. `number` and `symbol`
    give the "Số:" line (see `vietnamese.number_line`: "4955" or "4955/KH-BCĐ", empty for the
    blank draft form). `place`, `date` and `year` give the place-and-date line (see
    `vietnamese.place_and_date`; `year` only matters when `date` is None and defaults to
    `date.year`).

    `doc_type` ("KẾ HOẠCH", "BÁO CÁO", "QUYẾT ĐỊNH", …) and `summary` (the trích yếu) are centred
    under the header with a short rule. With an empty `doc_type` the document is a letter (công
    văn): the summary goes under the number in the left header column, as "V/v …" is written.

    `recipients` are rendered as given, one per line after "Nơi nhận:", each prefixed "- "; the
    caller supplies the punctuation ("Ban Chỉ đạo 138 Bộ Công an;", "Lưu: VT, PV01."). Wide tables
    want `landscape`. `draft_watermark` marks a document not yet issued with a boxed "DỰ THẢO" at
    the top right of the first page. `title` becomes the .docx title (default: type + summary).
    """

    issuing_body: str
    doc_type: str
    summary: str
    blocks: tuple[Block, ...]
    signature: Signature
    parent_body: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: dt.date | None = None
    year: int | None = None
    recipients: tuple[str, ...] = field(default=())
    landscape: bool = False
    draft_watermark: bool = False
    title: str = ""

    def __post_init__(self) -> None:
        _tuple(self, "blocks", self.blocks)
        _tuple(self, "recipients", self.recipients)
        if self.year is None and self.date is not None:
            object.__setattr__(self, "year", self.date.year)
        for block in self.blocks:
            if not isinstance(block, Heading | Paragraph | BulletList | Table | PageBreak):
                raise ValueError(f"Unknown document block {block!r}")

    @property
    def display_title(self) -> str:
        """The .docx title: `title`, or the type and summary ("Kế hoạch Tổ chức …")."""
        if self.title:
            return self.title
        return " ".join(part for part in (self.doc_type.capitalize(), self.summary) if part)
