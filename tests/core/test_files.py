import io
import zipfile
from datetime import date

import pytest

from lorforge.core.documents import HelperContent, render_docx, render_pdf
from lorforge.core.files import MAX_UPLOAD_BYTES, check_upload, sniff_document
from lorforge.core.records import Applicant, Person

CONTENT = HelperContent(
    Applicant("Ana Peña"), Person("Dr. Smith"), None, {"patient_care": ["Followed a patient"]}, [], date(2026, 9, 23)
)
REAL_PDF = render_pdf(CONTENT)
REAL_DOCX = render_docx(CONTENT)
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def content_types(main_type: str) -> bytes:
    return (
        f'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>'
    ).encode()


MINIMAL_DOCX = zip_of({"[Content_Types].xml": content_types(MAIN), "word/document.xml": b"<w:document/>"})
DOCM = zip_of(
    {
        "[Content_Types].xml": content_types("application/vnd.ms-word.document.macroEnabled.main+xml"),
        "word/document.xml": b"<w:document/>",
    }
)
XLSX_LIKE = zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
PLAIN_ZIP = zip_of({"cv.txt": b"hello"})
LEGACY_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
TRUNCATED_PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


@pytest.mark.parametrize(
    "data, kind",
    [
        (REAL_PDF, "pdf"),
        (REAL_DOCX, "docx"),
        (MINIMAL_DOCX, "docx"),
        (REAL_PDF + b"\n\n", "pdf"),
        (DOCM, None),
        (XLSX_LIKE, None),
        (PLAIN_ZIP, None),
        (LEGACY_DOC, None),
        (TRUNCATED_PDF, None),
        (b"<html>%PDF-1.4 %%EOF</html>", None),
        (b"MZ\x90\x00 this is an exe", None),
        (b"PK\x03\x04 not really a zip", None),
        (b"", None),
    ],
)
def test_sniff_by_content(data, kind):
    assert sniff_document(data) == kind


@pytest.mark.parametrize(
    "name, data, kind, words",
    [
        ("cv.pdf", REAL_PDF, "pdf", None),
        ("cv.docx", REAL_PDF, "pdf", None),  # the name is ignored: content decides
        ("statement.pdf", REAL_DOCX, "docx", None),
        ("cv.pdf", b"", None, "is empty"),
        ("cv.pdf", b"%PDF-1.4" + b"0" * MAX_UPLOAD_BYTES, None, "the limit is 5 MB"),
        ("cv.doc", LEGACY_DOC, None, "old Word .doc"),
        ("cv.docx", DOCM, None, "macro-enabled"),
        ("cv.docx", PLAIN_ZIP, None, "not a Word document"),
        ("cv.pdf", TRUNCATED_PDF, None, "not a complete, readable PDF"),
        ("cv.pdf", b"GIF89a...", None, "whatever its name says"),
    ],
)
def test_check_upload(name, data, kind, words):
    got_kind, error = check_upload(name, data)
    assert got_kind == kind
    if words is None:
        assert error is None
    else:
        assert words in error and name in error


def test_limit_is_inclusive():
    end = REAL_PDF.rindex(b"startxref")  # padding before the final pointer keeps the PDF readable
    padded = REAL_PDF[:end] + b" " * (MAX_UPLOAD_BYTES - len(REAL_PDF)) + REAL_PDF[end:]
    assert len(padded) == MAX_UPLOAD_BYTES
    assert check_upload("big.pdf", padded) == ("pdf", None)
