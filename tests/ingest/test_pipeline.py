import pytest
from django.core.files.storage import default_storage

from quiver.demo.files import make_docx, make_pdf, make_pptx, make_xlsx
from quiver.ingest.pipeline import process_version
from quiver.library import services
from quiver.library.models import AssetPage, ProcessingStatus

from .conftest import corpus_file

pytestmark = pytest.mark.django_db


def test_pdf_ready_with_text_thumbnail_and_page_images(ingest, previews):
    version = ingest(
        make_pdf(["Pricing overview\nQuiver costs less", "Second page\nROI calculator"], title="Pricing"), "pricing.pdf"
    )
    version.refresh_from_db()
    assert version.status == ProcessingStatus.READY, version.failure_reason
    assert version.mime_type == "application/pdf"
    assert version.page_count == 2
    assert version.metadata["title"] == "Pricing"
    pages = list(version.pages.all())
    assert [p.number for p in pages] == [1, 2]
    assert "Quiver costs less" in pages[0].text and "ROI calculator" in pages[1].text
    assert version.thumbnail and default_storage.exists(version.thumbnail.name)
    assert all(p.image and default_storage.exists(p.image.name) for p in pages)
    assert default_storage.open(pages[0].image.name).read(4) == b"RIFF"  # WebP
    assert [s["step"] for s in version.steps] == ["copy", "analyse", "save", "previews"]  # previews: own task
    assert "preview" not in version.metadata
    assert version.attempts == 1 and version.processed_at and version.processing_seconds > 0


def test_pptx_slides_notes_and_tables(ingest):
    version = ingest(make_pptx([("Why Quiver", ["Find assets fast"]), ("Proof", ["Acme saved 40%"])]), "deck.pptx")
    version.refresh_from_db()
    assert version.status == "ready", version.failure_reason
    assert version.page_count == 2
    texts = list(version.pages.values_list("text", flat=True))
    assert "Find assets fast" in texts[0] and "Acme saved 40%" in texts[1]


def test_docx_and_xlsx(ingest):
    docx = ingest(make_docx("Battlecard", [("Against Rival", "Rival is slow.\nWe are fast.")]), "card.docx")
    xlsx = ingest(make_xlsx({"Prices": [["Plan", "Price"], ["Pro", 49]], "Notes": [["hello"]]}), "p.xlsx")
    docx.refresh_from_db(), xlsx.refresh_from_db()
    assert docx.status == xlsx.status == "ready"
    assert "Rival is slow." in docx.pages.get(number=1).text
    assert xlsx.page_count == 2
    assert "Pro\t49" in xlsx.pages.get(number=1).text and "hello" in xlsx.pages.get(number=2).text


def test_mismatched_name_fails_with_reason_and_keeps_original(ingest):
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buf, "PNG")
    version = ingest(buf.getvalue(), "datasheet.pdf")
    version.refresh_from_db()
    assert version.status == "failed"
    assert version.failure_reason == "content is a PNG image but the file is named .pdf"
    assert default_storage.open(version.file.name).read() == buf.getvalue()


def test_unsupported_zip_is_stored_and_failed(ingest):
    version = ingest(path=corpus_file("unstructured-example-docs", "example-docs", "simple.zip"))
    version.refresh_from_db()
    assert version.status == "failed"
    assert version.failure_reason == "unsupported type: ZIP archive"
    assert default_storage.exists(version.file.name)


def test_encrypted_pdf(ingest):
    version = ingest(path=corpus_file("unstructured-example-docs", "example-docs", "pdf", "password.pdf"))
    version.refresh_from_db()
    assert (version.status, version.failure_reason) == ("failed", "encrypted: password protected")


def test_missing_original_fails_gracefully(ingest):
    version = ingest(make_pdf(["one"]), "one.pdf")
    default_storage.delete(version.file.name)
    assert process_version(version.pk) == "skipped"  # ready: a duplicate task claims nothing
    version.status = "failed"
    version.save(update_fields=["status"])
    services.retry_version(None, version)
    assert process_version(version.pk) == "failed"
    version.refresh_from_db()
    assert version.failure_reason == "the original file is missing or unreadable"
    assert version.attempts == 2


def test_retry_recreates_pages_idempotently(ingest, editor):
    version = ingest(make_pdf(["alpha", "beta", "gamma"]), "three.pdf")
    AssetPage.objects.filter(version=version, number=2).update(text="stale")
    version.status = "failed"
    version.save(update_fields=["status"])
    services.retry_version(editor, version)
    assert process_version(version.pk) == "ready"
    version.refresh_from_db()
    assert version.pages.count() == 3
    assert "beta" in version.pages.get(number=2).text
    assert version.attempts >= 2


def test_unknown_version_id():
    assert process_version(999999) == "missing"


def test_office_preview_through_libreoffice(ingest, previews):
    from quiver.ingest.libreoffice import find_libreoffice
    from tests.conftest import require

    require(find_libreoffice() is not None, "LibreOffice (soffice) is not installed")
    version = ingest(make_pptx([("Slide one", ["a"]), ("Slide two", ["b"])]), "deck.pptx")
    version.refresh_from_db()
    assert version.status == "ready", version.failure_reason
    assert version.thumbnail and default_storage.exists(version.thumbnail.name)
    images = [p.image.name for p in version.pages.all()]
    assert len(images) == 2 and all(images)


def test_office_preview_placeholder_without_libreoffice(ingest, previews):
    previews.QUIVER_LIBREOFFICE = "/nonexistent/soffice"
    version = ingest(make_docx("Title", [("H", "text")]), "doc.docx")
    version.refresh_from_db()
    assert version.status == "ready"
    assert version.metadata["preview"] == "unavailable: LibreOffice is not installed"
    assert not version.thumbnail


def test_image_gets_thumbnail_and_dimensions(ingest, previews):
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (1600, 900), "navy").save(buf, "JPEG")
    version = ingest(buf.getvalue(), "hero.jpg")
    version.refresh_from_db()
    assert version.status == "ready"
    assert (version.metadata["width"], version.metadata["height"]) == (1600, 900)
    with default_storage.open(version.thumbnail.name) as fh:
        assert Image.open(fh).size[0] == 400


def test_text_is_ready_before_previews_are_drawn(ingest, previews, django_capture_on_commit_callbacks):
    from quiver.ingest.pipeline import render_previews

    version = ingest(make_pdf(["Early text"]), "early.pdf")
    version.status = "failed"
    version.save(update_fields=["status"])
    services.retry_version(None, version)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert process_version(version.pk) == "ready"
    version.refresh_from_db()
    assert version.metadata["preview"] == "pending" and "Early text" in version.pages.get().text
    assert [c for c in callbacks if getattr(c, "__qualname__", "").startswith("_run")]  # the preview task, on commit
    assert render_previews(version.pk) == "previews"
    version.refresh_from_db()
    assert "preview" not in version.metadata and version.thumbnail and version.pages.get().image
    assert render_previews(999999) == "skipped"
