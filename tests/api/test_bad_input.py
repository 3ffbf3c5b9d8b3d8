import pytest
from django.test import override_settings

from quiver.library.models import Asset

from .conftest import upload


def test_empty_file_is_400_and_nothing_is_created(as_editor, root):
    response = upload(as_editor, b"", "empty.pdf", collection=[root.pk])
    assert response.status_code == 400
    assert "empty" in response.json()["detail"]
    assert not Asset.objects.exists()


@override_settings(QUIVER_MAX_UPLOAD_BYTES=1000)
def test_too_large_file_is_413(as_editor, root, pdf):
    assert len(pdf) > 1000
    response = upload(as_editor, pdf, "big.pdf", collection=[root.pk])
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]
    assert not Asset.objects.exists()


@override_settings(QUIVER_MAX_UPLOAD_BYTES=1000)
def test_too_large_new_version_is_413_and_keeps_the_old_one(as_editor, root, link_asset, pdf):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = as_editor.post(f"/api/v1/assets/{link_asset.pk}/versions", {"file": SimpleUploadedFile("b.pdf", pdf)})
    assert response.status_code == 413 and "1000 bytes limit" in response.json()["detail"]
    assert not link_asset.versions.exists()


def test_create_without_file_or_link_and_with_bad_fields(as_editor, root, pdf):
    response = as_editor.post("/api/v1/assets", {"title": "Nothing"})
    assert response.status_code == 400 and "file or a link_url" in response.json()["detail"]
    assert upload(as_editor, pdf, "a.pdf", asset_type="bogus").status_code == 422
    assert upload(as_editor, pdf, "a.pdf", collection=["abc"]).status_code == 422
    response = upload(as_editor, pdf, "a.pdf", collection=[987654])
    assert response.status_code == 400 and "Unknown collection" in response.json()["detail"]
    response = as_editor.post("/api/v1/assets", {"link_url": "ftp:/broken"})
    assert response.status_code == 400
    assert not Asset.objects.exists()


def test_hostile_filename_is_display_text_only(as_editor, root, pdf):
    response = upload(as_editor, pdf, "../../etc/passwd.pdf", collection=[root.pk])
    assert response.status_code == 201
    version = response.json()["current_version"]
    assert version["filename"] == "passwd.pdf"
    assert Asset.objects.get().current_version.file.name.startswith("originals/")


def test_unknown_ids_are_404_json(as_admin):
    for url in [
        "/api/v1/assets/987654",
        "/api/v1/assets/987654/versions",
        "/api/v1/assets/987654/pages",
        "/api/v1/assets/987654/download",
        "/api/v1/collections/987654",
    ]:
        response = as_admin.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Not found."}
    for url in ["/api/v1/assets/987654/archive", "/api/v1/assets/987654/restore", "/api/v1/assets/987654/retry"]:
        assert as_admin.post(url).status_code == 404
    assert as_admin.get("/api/v1/assets/not-a-number").status_code == 404


def test_wrong_content_types_are_4xx(as_editor, link_asset):
    url = f"/api/v1/assets/{link_asset.pk}"
    assert as_editor.patch(url, "title=x", content_type="application/x-www-form-urlencoded").status_code // 100 == 4
    assert as_editor.post("/api/v1/tags", "[]", content_type="application/json").status_code == 422
    assert as_editor.post("/api/v1/collections", "null", content_type="application/json").status_code // 100 == 4


@pytest.mark.parametrize("field", ["title", "asset_type", "lifecycle", "owner"])
def test_null_for_a_required_field_is_400(as_editor, link_asset, field):
    response = as_editor.patch(f"/api/v1/assets/{link_asset.pk}", {field: None}, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["detail"]
    link_asset.refresh_from_db()
    assert link_asset.owner is not None and link_asset.title == "Competitor page"


def test_null_clears_optional_fields(as_editor, link_asset):
    response = as_editor.patch(
        f"/api/v1/assets/{link_asset.pk}",
        {"description": None, "tags": None, "collections": None},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["tags"] == ["competitive"]  # null leaves tags and collections as they are
