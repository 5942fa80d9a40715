"""Render an `OfficialDocument` as .docx in the layout of Decree 30/2020/NĐ-CP, Appendix I.

The layout decisions live here and nowhere else:

- A4, margins top/bottom 2 cm, left 3 cm, right 2 cm (the Decree allows 2-2.5 / 3-3.5 / 1.5-2);
  landscape swaps the page size and keeps the margins.
- Times New Roman throughout, body 14 pt justified with a 1.27 cm first-line indent, 6 pt after
  each paragraph and 1.15 line spacing (the Decree wants 6 pt or more and single to 1.5 lines).
- The header is a borderless two-column table: issuing body on the left, national title and motto
  on the right, "Số:" and the place-and-date line sharing the second row so they line up.
- Horizontal rules are bottom borders on short empty paragraphs, narrowed with indents. Word and
  LibreOffice both draw these at the length asked for, unlike underscores or drawing shapes.
- The recipients ("Nơi nhận:") and the signature share a borderless two-column table, half the
  text width each, so the two blocks start on the same line as on any paper document; its single
  row never splits over pages.
- Page numbers are centred in the header from the second page on (a different first-page header).

Every paragraph sets its own size, emphasis and spacing, so the result does not depend on the
template's styles; the `Normal` style and document defaults carry the font and language so text
typed later in Word matches.
"""

from __future__ import annotations

from antq.core.documents.docx.renderer import Renderer
from antq.core.documents.model import OfficialDocument


def render_docx(document: OfficialDocument) -> bytes:
    """The document as .docx bytes.

    Output is self-contained (no external styles or fonts are referenced beyond Times New Roman,
    which LibreOffice replaces by the metric-compatible Liberation Serif when it is missing) and
    opens in Word and LibreOffice with the same line breaks.
    """
    return Renderer(document).render()
