"""Low-level OOXML: the elements python-docx does not model (borders, table geometry, fields),
written in the child order the schema requires."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from antq.core.documents.docx.layout import (
    FONT,
    LANGUAGE,
)

# OOXML validates child order inside property elements; python-docx only knows the positions of
# the children it models, so the ones added by hand here are slotted in by these sequences.
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()


RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
    "cs em lang eastAsianLayout specVanish oMath"
).split()


TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
).split()


TCPR_ORDER = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark"
).split()


SIDES = ("top", "left", "bottom", "right")


BORDER_ORDER = (*SIDES, "insideH", "insideV", "between", "bar")


def child(parent: _Element, tag: str, order: Sequence[str]) -> _Element:
    """The `w:tag` child of `parent`, created in its schema position when missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    element: _Element = OxmlElement(f"w:{tag}")
    position = order.index(tag)
    for existing in parent:
        local = existing.tag.rpartition("}")[2]
        if local in order and order.index(local) > position:
            existing.addprevious(element)
            return element
    parent.append(element)
    return element


def set_fonts(rpr: _Element, size_pt: float | None = None) -> None:
    """Times New Roman for every script slot. Theme font attributes are removed because Word lets
    them win over explicit names, which would bring back Calibri for some characters."""
    fonts = child(rpr, "rFonts", RPR_ORDER)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), FONT)
    if size_pt is not None:
        for tag in ("sz", "szCs"):
            child(rpr, tag, RPR_ORDER).set(qn("w:val"), str(round(size_pt * 2)))
    lang = child(rpr, "lang", RPR_ORDER)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def border(parent: _Element, side: str, *, visible: bool, size_eighths: int = 6, space: int = 0) -> None:
    edge = child(parent, side, BORDER_ORDER)
    if visible:
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(size_eighths))
        edge.set(qn("w:space"), str(space))
        edge.set(qn("w:color"), "000000")
    else:
        edge.set(qn("w:val"), "nil")


def paragraph_border(paragraph: DocxParagraph, sides: Iterable[str], *, space: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = child(ppr, "pBdr", PPR_ORDER)
    for side in sides:
        border(borders, side, visible=True, space=space)


def twips(cm: float) -> int:
    return round(cm * 1440 / 2.54)


def table_borders(table: DocxTable, *, visible: bool) -> None:
    tblpr = table._tbl.tblPr
    borders = child(tblpr, "tblBorders", TBLPR_ORDER)
    for side in (*SIDES, "insideH", "insideV"):
        border(borders, side, visible=visible, size_eighths=4)
    if not visible:
        # Cell-level "nil" too: Word and LibreOffice both let a cell border override the table's.
        for row in table.rows:
            for cell in row.cells:
                tcborders = child(cell._tc.get_or_add_tcPr(), "tcBorders", TCPR_ORDER)
                for side in SIDES:
                    border(tcborders, side, visible=False)


def table_geometry(table: DocxTable, widths_cm: Sequence[float], *, cell_margin_cm: float | None) -> None:
    """Fixed column widths that both Word (tcW) and LibreOffice (gridCol) honour."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tblpr = table._tbl.tblPr
    width = child(tblpr, "tblW", TBLPR_ORDER)
    width.set(qn("w:w"), str(sum(twips(w) for w in widths_cm)))
    width.set(qn("w:type"), "dxa")
    child(tblpr, "tblLayout", TBLPR_ORDER).set(qn("w:type"), "fixed")
    if cell_margin_cm is not None:
        margins = child(tblpr, "tblCellMar", TBLPR_ORDER)
        for side in ("left", "right"):
            edge = child(margins, side, ["top", "left", "start", "bottom", "right", "end"])
            edge.set(qn("w:w"), str(twips(cell_margin_cm)))
            edge.set(qn("w:type"), "dxa")
    for column, width_cm in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width_cm)
    for row in table.rows:
        for cell, width_cm in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width_cm)


def row_flags(row_element: _Element, *flags: str) -> None:
    trpr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    for flag in flags:  # trPr children form an unordered choice, so appending is valid
        if trpr.find(qn(f"w:{flag}")) is None:
            trpr.append(OxmlElement(f"w:{flag}"))


def estimate_width_cm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Rough printed width of `text` in Times New Roman, for sizing rules and picking font sizes.

    Average advance widths per character class, in ems, measured from rendered output; accurate to
    a few percent on Vietnamese text, which is all a rule length needs.
    """
    ems = 0.0
    for ch in text:
        if ch == " ":
            ems += 0.25
        elif ch.isdigit():
            ems += 0.5
        elif ch.isupper():
            ems += 0.74 if bold else 0.69
        elif ch.isalpha():
            ems += 0.5 if bold else 0.46
        else:
            ems += 0.33
    return ems * size_pt * 2.54 / 72


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(value, high))
