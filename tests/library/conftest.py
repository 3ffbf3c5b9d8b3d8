import pytest
from django.core.files.storage import default_storage

from quiver.library import services
from quiver.library.models import AssetPage
from tests.factories import make_pdf


@pytest.fixture
def logged_in(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def pdf_asset(editor, root, upload, django_capture_on_commit_callbacks):
    """A real 3-page PDF asset, processed by the ingest pipeline at commit."""
    with django_capture_on_commit_callbacks(execute=True):
        asset = services.create_asset(
            editor,
            title="Pricing deck",
            file=upload(
                make_pdf(["Pricing overview\nPlans and tiers", "Enterprise\nVolume discounts", "Contact\nsales"]),
                "pricing.pdf",
            ),
            collections=[root],
            tags=["pricing", "Q3"],
        )
    asset.refresh_from_db()
    return asset


@pytest.fixture
def paged_asset(pdf_asset):
    """The PDF asset with page rows and images, whatever the state of the ingest pipeline."""
    version = pdf_asset.current_version
    for n in (1, 2, 3):
        page, _ = AssetPage.objects.get_or_create(version=version, number=n, defaults={"text": f"text of page {n}"})
        if not page.image:
            page.image = default_storage.save(f"derived/test/{version.sha256}/p{n}.png", _png())
            page.save(update_fields=["image"])
    if not version.thumbnail:
        version.thumbnail = default_storage.save(f"derived/test/{version.sha256}/thumb.png", _png())
        version.save(update_fields=["thumbnail"])
    return pdf_asset


def _png():
    import io

    from django.core.files.base import ContentFile

    try:
        from PIL import Image
    except ImportError:  # pragma: no cover
        return ContentFile(b"\x89PNG\r\n\x1a\n")
    buf = io.BytesIO()
    Image.new("RGB", (8, 10), "white").save(buf, "PNG")
    return ContentFile(buf.getvalue())
