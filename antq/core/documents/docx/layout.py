"""The measures and fixed wording of the Decree 30/2020 layout (see the package docstring)."""

from __future__ import annotations

from typing import TypedDict

from docx.enum.text import WD_ALIGN_PARAGRAPH

from antq.core.documents.model import (
    Align,
)

FONT = "Times New Roman"


LANGUAGE = "vi-VN"


PAGE_SHORT_CM, PAGE_LONG_CM = 21.0, 29.7


MARGIN_TOP_CM, MARGIN_BOTTOM_CM, MARGIN_LEFT_CM, MARGIN_RIGHT_CM = 2.0, 2.0, 3.0, 2.0


HEADER_DISTANCE_CM = 1.0


BODY_PT = 14.0


BODY_LINE_SPACING = 1.15


FIRST_LINE_INDENT_CM = 1.27


# Left header column width. Portrait: 6.5 + 9.5 = the 16 cm text width, and 9.5 cm fits the
# national title on one line. Landscape gives the issuing body a third of the wider page.
HEADER_LEFT_CM = {False: 6.5, True: 9.0}


# The recipients ("Nơi nhận:") and the signature share the text width half and half, as the
# Decree's samples do: 8 cm in portrait holds a usual recipient line at 11 pt ("- Cục Cảnh sát quản
# lý hành chính về TTXH;") on one line and the longest signer titles ("TRƯỞNG CÔNG AN ĐẶC KHU") at
# 14 pt. A narrower recipients column wrapped such lines mid-phrase.
SIGNATURE_SHARE = 0.5


NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


MOTTO = "Độc lập - Tự do - Hạnh phúc"


DRAFT_MARK = "DỰ THẢO"


ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


class Format(TypedDict, total=False):
    """Paragraph formatting accepted by `_Renderer._format` (see there)."""

    align: Align
    first_line: bool
    space_before: float
    space_after: float
    line: float
    keep_with_next: bool


# Single-spaced lines without paragraph spacing, as in the header, recipients and signature.
CENTRED_SINGLE: Format = {"align": "center", "space_after": 0, "line": 1.0}


LEFT_SINGLE: Format = {"align": "left", "space_after": 0, "line": 1.0}
