from quiver.library import services
from quiver.library.models import AssetVersion, ProcessingStatus

from .conftest import upload


def test_archive_and_restore(as_editor, as_viewer, link_asset):
    response = as_editor.post(f"/api/v1/assets/{link_asset.pk}/archive")
    assert response.status_code == 200 and response.json()["lifecycle"] == "archived"
    assert as_viewer.get(f"/api/v1/assets/{link_asset.pk}").status_code == 404  # viewers see published only
    assert as_viewer.post(f"/api/v1/assets/{link_asset.pk}/restore").status_code == 404
    response = as_editor.post(f"/api/v1/assets/{link_asset.pk}/restore")
    assert response.status_code == 200 and response.json()["lifecycle"] == "published"
    assert as_viewer.get(f"/api/v1/assets/{link_asset.pk}").status_code == 200


def test_retry_a_failed_version(as_editor, as_viewer, root, pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asset_id = upload(as_editor, pdf, "x.pdf", collection=[root.pk]).json()["id"]
    url = f"/api/v1/assets/{asset_id}/retry"
    response = as_editor.post(url)
    assert response.status_code == 400 and "failed" in response.json()["detail"]
    AssetVersion.objects.filter(asset_id=asset_id).update(
        status=ProcessingStatus.FAILED, failure_reason="Parser crashed"
    )
    body = as_viewer.get(f"/api/v1/assets/{asset_id}").json()
    assert (body["status"], body["failure_reason"]) == ("failed", "Parser crashed")
    assert as_viewer.post(url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = as_editor.post(url)
    assert response.status_code == 200
    assert response.json()["status"] == "processing" and response.json()["failure_reason"] == ""
    assert callbacks  # processing (and whatever else listens) is enqueued after commit
    assert as_editor.get(f"/api/v1/assets/{asset_id}").json()["status"] == "ready"


def test_collections_tree_and_create(as_admin, as_editor, as_viewer, admin_user, root):
    sub = services.create_collection(admin_user, name="Products", parent=root)
    tree = as_viewer.get("/api/v1/collections").json()
    assert [(c["name"], c["parent"], c["can_edit"]) for c in tree] == [
        ("Library", None, False),
        ("Products", root.pk, False),
    ]
    assert tree[1]["path"] == f"{root.path}{sub.pk}/"

    response = as_editor.post(
        "/api/v1/collections", {"name": "Widgets", "parent": sub.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    created = response.json()
    assert created["parent"] == sub.pk and created["depth"] == 2 and created["can_edit"]
    assert as_viewer.get(f"/api/v1/collections/{created['id']}").json()["name"] == "Widgets"

    assert as_editor.post("/api/v1/collections", {"name": "Top"}, content_type="application/json").status_code == 403
    assert (
        as_viewer.post(
            "/api/v1/collections", {"name": "X", "parent": root.pk}, content_type="application/json"
        ).status_code
        == 403
    )
    response = as_admin.post("/api/v1/collections", {"name": "Top"}, content_type="application/json")
    assert response.status_code == 201 and response.json()["parent"] is None
    duplicate = as_admin.post(
        "/api/v1/collections", {"name": "Widgets", "parent": sub.pk}, content_type="application/json"
    )
    assert duplicate.status_code == 400
    assert (
        as_admin.post(
            "/api/v1/collections", {"name": "X", "parent": 987654}, content_type="application/json"
        ).status_code
        == 400
    )
    assert as_admin.post("/api/v1/collections", {"name": ""}, content_type="application/json").status_code == 422


def test_tags(as_editor, as_viewer, editor, admin_user, root):
    hidden = services.create_collection(admin_user, name="Board only", parent=None)
    services.create_asset(editor, title="Pub", link_url="https://e.com/p", collections=[root], tags=["visible"])
    services.create_asset(
        admin_user, title="Secret", link_url="https://e.com/s", collections=[hidden], tags=["acquisition-target"]
    )
    assert [t["name"] for t in as_viewer.get("/api/v1/tags").json()] == ["visible"]
    response = as_editor.post("/api/v1/tags", {"name": "  New   tag "}, content_type="application/json")
    assert response.status_code == 201 and response.json()["name"] == "New tag"
    again = as_editor.post("/api/v1/tags", {"name": "new TAG"}, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == response.json()["id"]
    assert as_viewer.post("/api/v1/tags", {"name": "x"}, content_type="application/json").status_code == 403
    assert as_editor.post("/api/v1/tags", {"name": "   "}, content_type="application/json").status_code == 400


def test_collections_a_reader_cannot_see_are_neither_named_nor_lost(
    as_editor, as_viewer, as_admin, editor, admin_user, root
):
    secret = services.create_collection(admin_user, name="Board room", parent=None)
    sub = services.create_collection(admin_user, name="EMEA", parent=root)
    asset = services.create_asset(admin_user, title="Both", link_url="https://e.com/b", collections=[root, secret])
    for client in (as_viewer, as_editor):
        body = client.get(f"/api/v1/assets/{asset.pk}").json()
        assert body["collections"] == [{"id": root.pk, "name": "Library"}]
        assert "Board room" not in str(client.get("/api/v1/assets").content)
    assert {c["name"] for c in as_admin.get(f"/api/v1/assets/{asset.pk}").json()["collections"]} == {
        "Library",
        "Board room",
    }
    response = as_editor.patch(f"/api/v1/assets/{asset.pk}", {"collections": [sub.pk]}, content_type="application/json")
    assert response.status_code == 200
    assert set(asset.collections.values_list("pk", flat=True)) == {sub.pk, secret.pk}
