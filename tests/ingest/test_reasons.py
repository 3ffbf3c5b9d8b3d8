"""Valid files of less common shapes get a correct outcome, and files we cannot read an accurate, human sentence
(issue 10: found on Apache Tika/POI, corkami, Pillow, pdf.js and PyMuPDF test files). In-process analyse(); the
pipeline tests (database save) are in test_clean_text.py."""

import pytest

from quiver.ingest.analyse import analyse

from . import makers
from .makers import DOCS

NO_LIBREOFFICE = "/nonexistent/soffice"
SOURCES = {"docx": (*DOCS, "fake.docx"), "pptx": (*DOCS, "fake-power-point.pptx"), "xlsx": (*DOCS, "stanley-cups.xlsx")}
HDRFTR = ("python-docx-test-files", "features", "steps", "test_files")


def run(tmp_path, data: bytes, name: str, **options) -> dict:
    path = tmp_path / "original.bin"
    path.write_bytes(data)
    return analyse(str(path), name, **options)


def everything(result: dict) -> str:
    return f"{result['reason']} {result.get('pages')} {result.get('metadata')}"


@pytest.mark.parametrize("ext", sorted(makers.OOXML_VARIANTS))
def test_template_and_macro_enabled_ooxml_are_read(tmp_path, ext):
    base = makers.OOXML_VARIANTS[ext][0]
    plain = analyse(makers.corpus_file(*SOURCES[base]), f"plain.{base}")
    result = run(tmp_path, makers.ooxml_variant(makers.read(*SOURCES[base]), ext), f"variant.{ext}")
    assert (result["kind"], result["status"], result["reason"]) == (base, "ready", ""), everything(result)
    assert result["pages"] == plain["pages"] and result["pages"]


def test_wrong_main_part_is_corrupt_without_a_python_repr(tmp_path):
    data = makers.read(*SOURCES["docx"])
    glossary = makers.rewrite_zip(
        data,
        lambda name, body: (
            body.replace(
                makers.OOXML_DOCUMENT["docx"].encode(),
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml",
            )
            if name == "[Content_Types].xml"
            else body
        ),
    )
    result = run(tmp_path, glossary, "odd.docx")
    assert result["status"] == "failed"
    assert result["reason"].startswith("corrupt Word document: its main part is application/vnd.openxml")
    assert "object at 0x" not in result["reason"] and "BytesIO" not in result["reason"]


def test_xlsb_is_named_not_called_corrupt(tmp_path):
    result = run(tmp_path, makers.xlsb_container(), "figures.xlsb")
    assert (result["kind"], result["status"]) == ("xlsb", "failed")
    assert result["reason"] == (
        "Excel binary workbooks (.xlsb) are not supported; save it as .xlsx (Excel: File > Save As) and upload that"
    )


def test_openoffice_odt_with_its_standard_doctype_is_read(tmp_path):
    original = analyse(makers.corpus_file(*DOCS, "fake.odt"), "fake.odt")
    result = run(tmp_path, makers.ooo_odt(makers.read(*DOCS, "fake.odt")), "ooo.odt")
    assert (result["kind"], result["status"]) == ("odt", "ready"), result["reason"]
    assert result["pages"] == original["pages"] and result["pages"]


def test_odf_template_is_read_like_its_document(tmp_path):
    original = analyse(makers.corpus_file(*DOCS, "fake.odt"), "fake.odt")
    result = run(tmp_path, makers.odf_template(makers.read(*DOCS, "fake.odt")), "letter.ott")
    assert (result["kind"], result["status"]) == ("odt", "ready"), result["reason"]
    assert result["pages"] == original["pages"]


def test_odt_declaring_an_entity_is_still_refused(tmp_path):
    result = run(tmp_path, makers.odt_with_entity(makers.read(*DOCS, "fake.odt")), "bomb.odt")
    assert result["reason"] == "unsafe archive: XML part content.xml declares a DOCTYPE or ENTITY"


@pytest.mark.parametrize(
    "source,old,new,kind,label",
    [
        ("tests-example.xls", "Workbook", "WORKBOOK", "xls", "legacy Excel workbook"),
        ("fake.doc", "WordDocument", "WORDDOCUMENT", "doc", "legacy Word document"),
        ("fake-power-point.ppt", "PowerPoint Document", "POWERPOINT DOCUMENT", "ppt", "legacy PowerPoint deck"),
    ],
)
def test_legacy_office_with_unusual_stream_names(tmp_path, source, old, new, kind, label):
    data = makers.rename_ole_stream(makers.read(*DOCS, source), old, new)
    result = run(tmp_path, data, source, libreoffice=NO_LIBREOFFICE)
    assert result["kind"] == kind
    assert result["reason"] == f"unsupported type: {label} (LibreOffice is not installed)"


def test_legacy_with_unusual_stream_name_is_converted_by_libreoffice(tmp_path):
    from quiver.ingest.previews import find_libreoffice
    from tests.conftest import require

    require(find_libreoffice() is not None, "LibreOffice (soffice) is not installed")
    data = makers.rename_ole_stream(makers.read(*DOCS, "fake.doc"), "WordDocument", "WORDDOCUMENT")
    result = run(tmp_path, data, "fake.doc")
    assert (result["kind"], result["status"]) == ("doc", "ready"), result["reason"]
    assert "Lorem ipsum" in "\n".join(result["pages"])


PRINTER = (
    "python-pptx-test-files",
    "tests",
    "test_files",
    "expanded_pptx",
    "ppt",
    "printerSettings",
    "printerSettings1.bin",
)
NO_SIGNATURE = "the file's content is not a recognised document format (no known signature)"


@pytest.mark.parametrize(
    "name,reason",
    [
        ("printerSettings1.bin", NO_SIGNATURE),
        ("settings", NO_SIGNATURE),
        (
            "report.doc",
            f"{NO_SIGNATURE}; it is named .doc (a legacy Word document) but its bytes do not look like one: "
            "it may be damaged, truncated or another format",
        ),
        (
            "scan.png",
            f"{NO_SIGNATURE}; it is named .png (an image) but its bytes do not look like one: it may be "
            "damaged, truncated or another format",
        ),
        ("notes.txt", f"{NO_SIGNATURE}; it is named .txt"),
    ],
)
def test_bytes_without_a_signature_get_a_sentence(name, reason, tmp_path):
    result = run(tmp_path, makers.read(*PRINTER), name)
    assert (result["kind"], result["status"], result["reason"]) == ("unknown", "failed", reason)


def test_docx_headers_and_footers_are_extracted():
    result = analyse(makers.corpus_file(*HDRFTR, "hdr-header-footer.docx"), "h.docx")
    assert result["pages"][0].startswith("Header for section-1\n")
    assert result["pages"][-1].endswith("\nFooter for section 1")
    both = analyse(makers.corpus_file(*HDRFTR, "doc-odd-even-hdrs.docx"), "o.docx")["pages"][0]
    assert "Even page header." in both and "Odd page header." in both


def test_docx_header_written_by_python_docx(tmp_path):
    import io

    from docx import Document

    doc = Document()
    doc.add_paragraph("Body text")
    doc.sections[0].header.paragraphs[0].text = "Confidential - Acme pricing"
    doc.sections[0].footer.paragraphs[0].text = "Page footer 2026"
    buf = io.BytesIO()
    doc.save(buf)
    result = run(tmp_path, buf.getvalue(), "made.docx")
    assert result["pages"] == ["Confidential - Acme pricing\nBody text\nPage footer 2026"]


def test_rtf_with_invalid_unicode_is_read_clean(tmp_path):
    result = run(tmp_path, makers.rtf_with_bad_unicode(), "bad.rtf")
    assert result["status"] == "ready", result["reason"]
    text = "\n".join(result["pages"])
    assert "lonehigh lonelow nulhere pair\U0001f600smile rawbyte" in text
    assert not any("\ud800" <= ch <= "\udfff" or ch == "\x00" for ch in text)


@pytest.mark.parametrize(
    "name,reason",
    [
        (
            "fake.doc",
            "corrupt legacy Word document: its compound-file (OLE2) structure cannot be read (damaged or truncated)",
        ),
        (
            "fake.xls",
            "corrupt legacy Excel workbook: its compound-file (OLE2) structure cannot be read (damaged or truncated)",
        ),
        ("fake.pdf", "content is a damaged Microsoft compound file (OLE2) but the file is named .pdf"),
    ],
)
def test_truncated_legacy_office_is_called_damaged(tmp_path, name, reason):
    result = run(tmp_path, makers.read(*DOCS, "fake.doc")[:2048], name)
    assert (result["status"], result["reason"]) == ("failed", reason)
