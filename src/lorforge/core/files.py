"""Uploaded materials (CV, personal statement draft): PDF or DOCX only, judged by content.

The file name is never trusted. A PDF must have a PDF's structure: the "%PDF-"
header, objects, a trailer naming the document catalog (/Root), and a final
"startxref" offset that points at the cross-reference table or stream, then
"%%EOF" (anything wrapped between a header and an end marker is not a PDF). A
DOCX is a well-formed zip package holding ``[Content_Types].xml`` that declares
a Word main document and a ``word/document.xml``, whose parts together unpack
to at most ``MAX_UNPACKED_BYTES`` (a zip bomb is refused from the sizes the zip
declares, and no part is ever read past what it declared). Macro-enabled Word
files, templates, other zips, legacy .doc files and anything else are refused
with a message that says what to do instead.
"""

from __future__ import annotations

import io
import re
import zipfile

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

_PDF_MAGIC = b"%PDF-"
_PDF_END_MARKER = b"%%EOF"
_PDF_TAIL_BYTES = 8192  # writers may add a little whitespace or junk after %%EOF
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, .xls, .ppt
_ZIP_MAGIC = b"PK\x03\x04"
_DOCX_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAX_CONTENT_TYPES_BYTES = 256 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # a long CV with images unpacks to a few MB
MAX_COMPRESSION_RATIO = 200  # text compresses ~10x; a zip bomb 1000x and more
_MAX_PARTS = 1000
_STARTXREF = re.compile(rb"startxref\s+(\d{1,12})\s+%%EOF\s*\Z")
_XREF_STREAM = re.compile(rb"\s*\d{1,10}\s+\d{1,5}\s+obj\b")
_OBJECT = re.compile(rb"\d{1,10}\s+\d{1,5}\s+obj\b")


def sniff_document(data: bytes) -> str | None:
    """ "pdf", "docx" or None, from the bytes alone."""
    if data.startswith(_PDF_MAGIC) and _PDF_END_MARKER in data[-_PDF_TAIL_BYTES:] and _is_pdf(data):
        return "pdf"
    if data.startswith(_ZIP_MAGIC) and _is_docx(data):
        return "docx"
    return None


def _is_pdf(data: bytes) -> bool:
    """The structure every PDF reader needs: objects, a catalog, and a last startxref that points at an xref."""
    tail = data[-_PDF_TAIL_BYTES:].rstrip(b"\x00 \t\r\n")
    found = _STARTXREF.search(tail[-64:] if len(tail) > 64 else tail)
    if not found:
        return False
    offset = int(found.group(1))
    if not 0 < offset < len(data):
        return False
    at = data[offset : offset + 64]
    if not (at.lstrip().startswith(b"xref") or _XREF_STREAM.match(at)):
        return False
    return b"/Root" in data and _OBJECT.search(data[: 1024 * 1024]) is not None and b"endobj" in data


def _is_docx(data: bytes) -> bool:
    return docx_problem(data) is None


def docx_problem(data: bytes) -> str | None:
    """None for a well-formed Word package; else what is wrong with it, in a few words."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > _MAX_PARTS:
                return "too many parts"
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_UNPACKED_BYTES or unpacked > max(len(data), 1) * MAX_COMPRESSION_RATIO:
                return "unpacks to far more than any document"
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                return "not a Word package"
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                return "not a Word package"
            if _DOCX_MAIN_TYPE not in read_capped(archive, info):
                return "not a Word document"
            document = read_capped(archive, archive.getinfo("word/document.xml"))
            if b"<" not in document[:512] or b"document" not in document:
                return "damaged"
            if archive.testzip() is not None:  # every part's checksum (sizes already bounded above)
                return "damaged"
            return None
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        RuntimeError,
        NotImplementedError,
        EOFError,
        ValueError,
        KeyError,
    ):
        return "damaged"  # damaged, encrypted or oddly compressed: not a document we can accept


class PartTooLarge(ValueError):
    """A zip part unpacks to more than its header declared."""


def read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A zip part's bytes, never more than it declared (a lying header cannot make it unpack a bomb): for Word
    packages here and for imported exports (``accounts.portability``)."""
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise PartTooLarge("part larger than declared")
    return data


def check_upload(name: str, data: bytes) -> tuple[str | None, str | None]:
    """(kind, None) for an acceptable file, or (None, a clear message) for one to refuse."""
    shown = f"“{name}”" if name else "This file"
    if not data:
        return None, f"{shown} is empty. Choose the saved PDF or Word (.docx) file and try again."
    if len(data) > MAX_UPLOAD_BYTES:
        return None, (
            f"{shown} is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB. Save a smaller PDF (without large images) "
            "and try again."
        )
    kind = sniff_document(data)
    if kind:
        return kind, None
    if data.startswith(_OLE_MAGIC):
        return None, f"{shown} is an old Word .doc file. Save it as .docx or PDF and upload that instead."
    if data.startswith(_ZIP_MAGIC):
        problem = docx_problem(data)
        if problem == "unpacks to far more than any document":
            return None, (
                f"{shown} unpacks to far more than any Word document (over "
                f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB): it was refused. Save it again as .docx or "
                "PDF and upload that."
            )
        if problem == "damaged":
            return None, (
                f"{shown} is damaged or incomplete: not a Word document LORforge can read. Save it "
                "again as .docx or PDF and upload that."
            )
        return None, (
            f"{shown} is a zip archive but not a Word document (.docx); macro-enabled files and "
            "templates are not accepted either. Upload a PDF or a .docx."
        )
    if data.startswith(_PDF_MAGIC):
        return None, (
            f"{shown} starts like a PDF but is not a complete, readable PDF. Save or export it again "
            "(File → Save as PDF) and upload the new copy."
        )
    return None, f"{shown} is not a PDF or a Word (.docx) file, whatever its name says. Upload a PDF or a .docx."
