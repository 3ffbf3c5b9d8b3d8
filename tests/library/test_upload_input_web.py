"""The web upload form and the new-version form get the API's upload checks, with human messages (issue 10)."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from quiver.library import services
from quiver.library.models import Asset
from tests.api.test_upload_input import BOUNDARY, Unreadable, field, multipart
from tests.factories import make_pdf

UPLOAD = reverse("library:upload")


def test_a_file_whose_name_is_not_utf8_is_uploaded(logged_in, editor, root):
    pdf = make_pdf(["Tarifs"])
    body = multipart(field("collections", str(root.pk)), (b'name="files"; filename="tarifs \xe9t\xe9.pdf"', pdf))
    response = logged_in(editor).post(
        UPLOAD, body, content_type=f"multipart/form-data; boundary={BOUNDARY}", HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 201, response.content
    assert json.loads(response.content)["name"] == "tarifs été.pdf"
    assert Asset.objects.get().current_version.original_filename == "tarifs été.pdf"


def test_a_second_file_in_a_new_version_is_refused(logged_in, editor, root):
    asset = services.create_asset(editor, title="Page", link_url="https://example.com", collections=[root])
    pdf = make_pdf(["v2"])
    response = logged_in(editor).post(
        reverse("library:version_create", args=[asset.pk]),
        {"file": [SimpleUploadedFile("a.pdf", pdf), SimpleUploadedFile("b.pdf", pdf)]},
        follow=True,
    )
    assert "Send one file per upload" in response.content.decode()
    assert not asset.versions.exists()


@override_settings(QUIVER_MAX_UPLOAD_BYTES=1000, DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_oversized_web_uploads_are_refused_before_reading(logged_in, editor, root):
    client = logged_in(editor)
    asset = services.create_asset(editor, title="Page", link_url="https://example.com", collections=[root])
    huge = {
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(10 * 1024**3),
        "wsgi.input": Unreadable(),
    }
    xhr = client.generic("POST", UPLOAD, b"", HTTP_ACCEPT="application/json", **huge)
    assert xhr.status_code == 413
    assert json.loads(xhr.content) == {"ok": False, "error": "The file is larger than the 1000 bytes limit."}
    page = client.generic("POST", UPLOAD, b"", **huge)
    assert page.status_code == 413 and "The file is larger than the 1000 bytes limit." in page.content.decode()
    version = client.generic("POST", reverse("library:version_create", args=[asset.pk]), b"", **huge)
    assert version.status_code == 413
    assert not asset.versions.exists() and Asset.objects.count() == 1
