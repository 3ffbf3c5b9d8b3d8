import io

import pytest
from django.urls import reverse

from quiver.insights.models import UsageEvent
from quiver.library import services
from tests.factories import make_pdf


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_download_is_an_attachment_with_hardened_headers(logged_in, viewer, pdf_asset):
    response = logged_in(viewer).get(reverse("library:download", args=[pdf_asset.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="pricing.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert _body(response).startswith(b"%PDF")
    [event] = UsageEvent.objects.filter(asset=pdf_asset, kind="download")
    assert event.user == viewer and event.version_id == pdf_asset.current_version_id


@pytest.mark.parametrize(
    "name, data",
    [
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("evil.html", b"<html><body><script>alert(document.cookie)</script></body></html>"),
    ],
)
def test_active_content_is_never_served_inline(
    logged_in, editor, viewer, root, upload, name, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asset = services.create_asset(editor, file=upload(data, name), collections=[root])
    response = logged_in(viewer).get(reverse("library:download", args=[asset.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_any_version(logged_in, editor, viewer, pdf_asset, upload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.add_version(
            editor, pdf_asset, upload(make_pdf(["Second edition"]), "pricing-v2.pdf"), change_note="new prices"
        )
    client = logged_in(viewer)
    v1 = client.get(reverse("library:download_version", args=[pdf_asset.pk, 1]))
    v2 = client.get(reverse("library:download", args=[pdf_asset.pk]))
    assert 'filename="pricing.pdf"' in v1["Content-Disposition"]
    assert 'filename="pricing-v2.pdf"' in v2["Content-Disposition"]
    assert _body(v1) != _body(v2)
    assert client.get(reverse("library:download_version", args=[pdf_asset.pk, 7])).status_code == 404
    assert UsageEvent.objects.filter(asset=pdf_asset, kind="download").count() == 2
    body = client.get(pdf_asset.get_absolute_url()).content.decode()
    assert "new prices" in body and "pricing-v2.pdf" in body


def test_page_images_and_thumbnails_are_permission_checked_images(logged_in, viewer, paged_asset):
    client = logged_in(viewer)
    image = client.get(reverse("library:page_image", args=[paged_asset.pk, 1, 2]))
    assert image.status_code == 200 and image["Content-Type"] in ("image/png", "image/webp", "image/jpeg")
    assert image["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in image.get("Content-Disposition", "")
    thumb = client.get(reverse("library:thumbnail", args=[paged_asset.pk, 1]))
    assert thumb.status_code == 200
    from PIL import Image

    assert Image.open(io.BytesIO(_body(thumb))).size[0] > 0
    assert client.get(reverse("library:page_image", args=[paged_asset.pk, 1, 9])).status_code == 404


def test_anonymous_cannot_download(client, pdf_asset):
    response = client.get(reverse("library:download", args=[pdf_asset.pk]))
    assert response.status_code == 302
    assert not UsageEvent.objects.exists()


def test_media_is_not_public(client, logged_in, viewer, pdf_asset):
    """There is no public media URL: the stored name of an original is not reachable."""
    name = pdf_asset.current_version.file.name
    assert logged_in(viewer).get("/media/" + name).status_code == 404
