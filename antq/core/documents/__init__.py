"""Vietnamese administrative documents (Decree 30/2020/NĐ-CP) as .docx and PDF.

Build an `OfficialDocument` from header data, body blocks, a signature and recipients; `render_docx`
lays it out, `render_pdf` converts it with LibreOffice. The wording every document shares lives
here too: dates (`document_date`, `place_and_date`), phrases inside sentences (`in_sentence`,
`body_in_sentence`) and the author's typed text with its own outline (`text_blocks`).
"""

from antq.core.documents.capitals import body_in_sentence, in_sentence, sentence_start
from antq.core.documents.convert import (
    DocumentConversionFailed,
    DocumentConversionUnavailable,
    convert_docx_to_pdf,
    libreoffice_available,
    pdf_to_png_pages,
    render_pdf,
)
from antq.core.documents.docx import render_docx
from antq.core.documents.model import (
    Block,
    BulletList,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Table,
)
from antq.core.documents.outline import has_outline, text_blocks
from antq.core.documents.vietnamese import document_date, number_line, place_and_date

__all__ = [
    "Block",
    "BulletList",
    "DocumentConversionFailed",
    "DocumentConversionUnavailable",
    "Heading",
    "OfficialDocument",
    "PageBreak",
    "Paragraph",
    "Run",
    "Signature",
    "Table",
    "body_in_sentence",
    "convert_docx_to_pdf",
    "document_date",
    "has_outline",
    "in_sentence",
    "libreoffice_available",
    "number_line",
    "pdf_to_png_pages",
    "place_and_date",
    "render_docx",
    "render_pdf",
    "sentence_start",
    "text_blocks",
]
