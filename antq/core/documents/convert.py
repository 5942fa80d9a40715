"""PDF (and page images) from .docx through LibreOffice and poppler.

Every conversion runs LibreOffice headless in its own temporary directory with its own user
profile: LibreOffice locks a shared profile, so concurrent conversions (two users exporting at
once, parallel tests) would otherwise fail or hand each other's work to one process. A fresh
profile costs a second or two of start-up; see `convert_docx_to_pdf`.

The binary is `$ANTQ_SOFFICE` when set (a path or a program name), else `soffice` or
`libreoffice` on PATH. Without it the callers get `DocumentConversionUnavailable` (HTTP 503) and
should offer the .docx instead.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from antq.core.documents.docx import render_docx
from antq.core.documents.model import OfficialDocument
from antq.core.errors import DomainError

logger = logging.getLogger(__name__)

CONVERSION_TIMEOUT_S = 120.0


class DocumentConversionUnavailable(DomainError):
    """No PDF can be produced on this server right now; the .docx is still available."""

    status = 503
    code = "conversion_unavailable"

    def __init__(self, message: str = "", *, errors: dict[str, str] | None = None) -> None:
        super().__init__(
            message or _("PDF export needs LibreOffice on the server; download the .docx instead."), errors=errors
        )


class DocumentConversionFailed(DocumentConversionUnavailable):
    """LibreOffice is installed but this conversion crashed, produced nothing or timed out.

    A subclass of `DocumentConversionUnavailable` so a caller that falls back to the .docx
    handles both with one `except`."""

    code = "conversion_failed"

    def __init__(self, message: str = "", *, errors: dict[str, str] | None = None) -> None:
        super().__init__(message or _("The PDF could not be produced; download the .docx instead."), errors=errors)


def _soffice() -> str | None:
    override = os.environ.get("ANTQ_SOFFICE", "").strip()
    if override:
        if os.path.isfile(override) and os.access(override, os.X_OK):
            return override
        return shutil.which(override)
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_available() -> bool:
    """Whether `convert_docx_to_pdf` can run here (the binary exists; it is not started)."""
    return _soffice() is not None


def _run(command: list[str], *, cwd: Path, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run `command` in its own process group and kill the whole group on timeout: `soffice` is
    a launcher whose `soffice.bin` child would otherwise outlive a plain kill."""
    env = {**os.environ, "HOME": str(cwd)}  # LibreOffice writes under $HOME; the web user may have none
    process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell, binary path resolved above
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def convert_docx_to_pdf(data: bytes, *, timeout: float = CONVERSION_TIMEOUT_S) -> bytes:
    """The PDF LibreOffice makes of the .docx `data`.

    Takes a few seconds (LibreOffice starts for every call); call it from a request only if that
    is acceptable, otherwise from a background job. Raises `DocumentConversionUnavailable` when
    LibreOffice is not installed and `DocumentConversionFailed` when it fails or runs past
    `timeout` seconds (it is then killed).
    """
    binary = _soffice()
    if binary is None:
        raise DocumentConversionUnavailable()
    with tempfile.TemporaryDirectory(prefix="antq-soffice-") as tmp:
        root = Path(tmp)
        source = root / "document.docx"
        source.write_bytes(data)
        outdir = root / "out"
        outdir.mkdir()
        command = [
            binary,
            f"-env:UserInstallation={(root / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ]
        try:
            result = _run(command, cwd=root, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            logger.error("LibreOffice conversion killed after %.0f s", timeout)
            raise DocumentConversionFailed(_("PDF export took too long; try again or download the .docx.")) from exc
        except OSError as exc:
            logger.error("LibreOffice could not be started: %s", exc)
            raise DocumentConversionUnavailable() from exc
        pdf = outdir / "document.pdf"
        if result.returncode != 0 or not pdf.is_file():
            logger.error(
                "LibreOffice conversion failed (exit %s): %s",
                result.returncode,
                result.stderr.decode(errors="replace")[-2000:],
            )
            raise DocumentConversionFailed()
        return pdf.read_bytes()


def render_pdf(document: OfficialDocument, *, timeout: float = CONVERSION_TIMEOUT_S) -> bytes:
    """`render_docx` then `convert_docx_to_pdf`: the document as PDF bytes."""
    return convert_docx_to_pdf(render_docx(document), timeout=timeout)


def pdf_to_png_pages(pdf: bytes, dpi: int = 60, *, timeout: float = CONVERSION_TIMEOUT_S) -> list[bytes]:
    """Each page of `pdf` as PNG bytes, first page first, rasterised by poppler's `pdftoppm` at
    `dpi`. For previews and visual checks; raises `DocumentConversionUnavailable` without
    poppler-utils and `DocumentConversionFailed` when the PDF cannot be read."""
    binary = shutil.which("pdftoppm")
    if binary is None:
        raise DocumentConversionUnavailable(_("Page images need poppler-utils (pdftoppm) on the server."))
    with tempfile.TemporaryDirectory(prefix="antq-pdftoppm-") as tmp:
        root = Path(tmp)
        source = root / "document.pdf"
        source.write_bytes(pdf)
        try:
            result = _run([binary, "-png", "-r", str(dpi), str(source), str(root / "page")], cwd=root, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise DocumentConversionFailed(_("The page images could not be produced.")) from exc
        if result.returncode != 0:
            logger.error("pdftoppm failed (exit %s): %s", result.returncode, result.stderr.decode(errors="replace"))
            raise DocumentConversionFailed(_("The page images could not be produced."))
        # pdftoppm names pages page-1.png … or page-01.png … depending on the page count.
        pages = sorted(root.glob("page-*.png"), key=lambda path: int(path.stem.rpartition("-")[2]))
        return [page.read_bytes() for page in pages]
