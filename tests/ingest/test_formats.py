"""Each format parsed by its registry parser (in-process here; the pipeline tests go through the sandbox), with
files made by quiver.demo.files or read IN PLACE from the shared corpus."""

import io
import os

import pytest
from PIL import Image

from quiver.demo.files import make_docx, make_pdf, make_pptx, make_xlsx
from quiver.ingest.analyse import analyse

from .conftest import corpus_file

DOCS = ("unstructured-example-docs", "example-docs")


def run(tmp_path, data: bytes, name: str) -> dict:
    path = tmp_path / "original.bin"  # the name given to analyse is display text only
    path.write_bytes(data)
    return analyse(str(path), name)


def run_corpus(*parts: str) -> dict:
    return analyse(corpus_file(*parts), parts[-1])


def text(result: dict) -> str:
    return "\n".join(result["pages"])


def test_pdf(tmp_path):
    result = run(tmp_path, make_pdf(["Cover\nHello", "Two\nWorld"], title="T"), "a.pdf")
    assert (result["kind"], result["status"], result["page_count"]) == ("pdf", "ready", 2)
    assert "World" in result["pages"][1] and result["metadata"]["title"] == "T"


def test_pptx_with_notes_and_table():
    result = run_corpus(*DOCS, "fake-power-point-table.pptx")
    assert result["status"] == "ready" and result["kind"] == "pptx"
    assert "\t" in text(result)  # table cells
    notes = run_corpus("python-pptx-test-files", "features", "steps", "test_files", "sld-notes.pptx")
    assert notes["status"] == "ready"


def test_pptx_made_by_demo(tmp_path):
    result = run(tmp_path, make_pptx([("A", ["one"]), ("B", ["two"]), ("C", ["three"])]), "d.pptx")
    assert result["page_count"] == 3 and "three" in result["pages"][2]


def test_docx_explicit_page_breaks():
    result = run_corpus(*DOCS, "page-breaks.docx")
    assert result["status"] == "ready" and result["page_count"] > 1


def test_docx_long_document_is_chunked(tmp_path):
    body = "\n".join(f"Paragraph {i} " + "lorem ipsum " * 20 for i in range(100))
    result = run(tmp_path, make_docx("Long", [("Section", body)]), "long.docx")
    assert result["page_count"] > 5 and all(len(p) <= 3000 for p in result["pages"])
    assert "Paragraph 99" in text(result)


def test_docx_tables_and_metadata():
    result = run_corpus(*DOCS, "docx-tables.docx")
    assert result["status"] == "ready" and "\t" in text(result)


def test_xlsx_sheet_per_page(tmp_path):
    result = run(tmp_path, make_xlsx({"One": [["a", 1]], "Two": [["b", 2]]}), "x.xlsx")
    assert result["page_count"] == 2 and result["metadata"]["sheets"] == ["One", "Two"]
    assert run_corpus(*DOCS, "more-than-1k-cells.xlsx")["status"] == "ready"


def test_html_drops_script_and_style():
    result = run_corpus(*DOCS, "example-with-scripts.html")
    assert result["status"] == "ready" and result["kind"] == "html"
    assert "function" not in text(result) and "<script" not in text(result)
    assert result["metadata"]["active_content"] is True
    assert run_corpus(*DOCS, "fake-html.html")["metadata"]["active_content"] is False


def test_text_encodings():
    for name in ("fake-text-utf-16-be.txt", "fake-text-utf-16-le.txt", "fake-text-utf-16.txt", "fake-text.txt"):
        result = run_corpus(*DOCS, name)
        assert result["status"] == "ready" and "This is a test document" in text(result), name
    cp1252 = run_corpus(*DOCS, "fake-html-cp1252.html")
    assert cp1252["status"] == "ready" and "\ufffd" not in text(cp1252)


def test_markdown_title(tmp_path):
    result = run(tmp_path, b"# Launch plan\n\nSome *words*.\n", "plan.md")
    assert (result["kind"], result["metadata"]["title"]) == ("markdown", "Launch plan")


def test_rtf():
    result = run_corpus(*DOCS, "fake-doc.rtf")
    assert result["kind"] == "rtf" and result["status"] == "ready" and text(result).strip()


def test_odt():
    result = run_corpus(*DOCS, "fake.odt")
    assert result["kind"] == "odt" and result["status"] == "ready" and text(result).strip()


def test_eml_and_msg():
    eml = run_corpus(*DOCS, "eml", "fake-email.eml")
    assert eml["kind"] == "eml" and eml["status"] == "ready" and eml["metadata"]["title"]
    msg = run_corpus(*DOCS, "fake-email.msg")
    assert msg["kind"] == "msg" and msg["status"] == "ready" and msg["metadata"]["title"]
    utf16 = run_corpus(*DOCS, "eml", "fake-email-utf-16-le.eml")
    assert utf16["status"] == "ready" and "Subject" in text(utf16)


def test_epub():
    result = run_corpus(*DOCS, "winter-sports.epub")
    assert result["kind"] == "epub" and result["status"] == "ready" and len(text(result)) > 1000


def test_image_metadata(tmp_path):
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), "white").save(buf, "PNG")
    result = run(tmp_path, buf.getvalue(), "shot.png")
    assert result["kind"] == "image" and result["metadata"]["width"] == 640 and result["page_count"] is None


def test_video_duration():
    result = run_corpus("python-pptx-test-files", "features", "steps", "test_files", "just-two-mice.mp4")
    assert result["kind"] == "video" and result["status"] == "ready"
    assert result["metadata"]["duration_seconds"] > 0


def test_svg_clean(tmp_path):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>Logo</title></svg>'
    result = run(tmp_path, svg, "logo.svg")
    assert result["kind"] == "svg" and result["metadata"]["active_content"] is False
    assert result["metadata"]["title"] == "Logo"


@pytest.mark.parametrize(
    "name,reason",
    [
        ("password_protected.xlsx", "encrypted: password protected"),
        ("simple.zip", "unsupported type: ZIP archive"),
    ],
)
def test_refusals(name, reason):
    assert run_corpus(*DOCS, name)["reason"] == reason


def test_malformed_pptx_fails_with_reason():
    result = run_corpus(*DOCS, "fake-power-point-malformed.pptx")
    assert result["status"] in ("ready", "failed")
    if result["status"] == "failed":
        assert result["reason"]


def test_type_comes_from_bytes_not_name(tmp_path):
    pdf = make_pdf(["x"])
    assert run(tmp_path, pdf, "notes")["kind"] == "pdf"  # no extension at all
    assert run(tmp_path, pdf, "deck.pptx")["reason"] == "content is a PDF but the file is named .pptx"
    assert os.path.exists(tmp_path / "original.bin")


def test_legacy_word_through_libreoffice():
    from quiver.ingest.libreoffice import find_libreoffice
    from tests.conftest import require

    require(find_libreoffice() is not None, "LibreOffice (soffice) is not installed")
    result = run_corpus(*DOCS, "fake.doc")
    assert (result["kind"], result["status"]) == ("doc", "ready")
    assert "Lorem ipsum" in text(result) and result["metadata"]["converted_by"] == "LibreOffice"


def test_legacy_without_libreoffice_is_unsupported():
    result = analyse(corpus_file(*DOCS, "fake.doc"), "fake.doc", libreoffice="/nonexistent/soffice")
    assert result["reason"] == "unsupported type: legacy Word document (LibreOffice is not installed)"
