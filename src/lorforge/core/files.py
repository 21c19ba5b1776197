"""Uploaded materials (CV, personal statement draft): PDF or DOCX only, judged by content.

The file name is never trusted. A PDF starts with "%PDF-" and ends with an
"%%EOF" marker; a DOCX is a zip holding ``[Content_Types].xml`` that declares a
Word main document and a ``word/document.xml``. Macro-enabled Word files,
templates, other zips, legacy .doc files and anything else are refused with a
message that says what to do instead. Nothing inside a zip is extracted except
the small content-types list, so a zip bomb costs nothing.
"""

from __future__ import annotations

import io
import zipfile

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

_PDF_MAGIC = b"%PDF-"
_PDF_END_MARKER = b"%%EOF"
_PDF_TAIL_BYTES = 8192  # writers may add a little whitespace or junk after %%EOF
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, .xls, .ppt
_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAX_CONTENT_TYPES_BYTES = 256 * 1024


def sniff_document(data: bytes) -> str | None:
    """ "pdf", "docx" or None, from the bytes alone."""
    if data.startswith(_PDF_MAGIC) and _PDF_END_MARKER in data[-_PDF_TAIL_BYTES:]:
        return "pdf"
    if data.startswith(_ZIP_MAGIC) and _is_docx(data):
        return "docx"
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                return False
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                return False
            return _DOCX_MAIN_TYPE in archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, NotImplementedError):
        return False  # damaged, encrypted or oddly compressed: not a document we can accept


def check_upload(name: str, data: bytes) -> tuple[str | None, str | None]:
    """(kind, None) for an acceptable file, or (None, a clear message) for one to refuse."""
    shown = f"“{name}”" if name else "This file"
    if not data:
        return None, f"{shown} is empty. Choose the saved PDF or Word (.docx) file and try again."
    if len(data) > MAX_UPLOAD_BYTES:
        return None, (f"{shown} is {len(data) / 1024 / 1024:.1f} MB; the limit is "
                      f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB. Save a smaller PDF (without large images) "
                      "and try again.")
    kind = sniff_document(data)
    if kind:
        return kind, None
    if data.startswith(_OLE_MAGIC):
        return None, f"{shown} is an old Word .doc file. Save it as .docx or PDF and upload that instead."
    if data.startswith(_ZIP_MAGIC):
        return None, (f"{shown} is a zip archive but not a Word document (.docx); macro-enabled files and "
                      "templates are not accepted either. Upload a PDF or a .docx.")
    if data.startswith(_PDF_MAGIC):
        return None, f"{shown} looks like an incomplete PDF. Save or export it again and upload the new copy."
    return None, f"{shown} is not a PDF or a Word (.docx) file, whatever its name says. Upload a PDF or a .docx."
