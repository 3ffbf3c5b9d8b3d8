import hashlib

from quiver.core.models import AuditEntry
from quiver.insights.models import UsageEvent
from quiver.library import services
from quiver.library.models import Asset, AssetStatus, AssetVersion

from .conftest import upload


def test_upload_pdf_with_token_is_stored_then_processed(
    as_editor, editor, root, pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            as_editor,
            pdf,
            "Acme overview.pdf",
            title="Acme overview",
            description="For CIOs",
            asset_type="one_pager",
            collection=[root.pk],
            tags=["cloud, enterprise", "acme"],
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Acme overview"
    assert body["asset_type"] == "one_pager"
    assert body["lifecycle"] == "published"
    assert body["owner"]["username"] == editor.username
    assert sorted(body["tags"]) == ["acme", "cloud", "enterprise"]
    assert body["collections"] == [{"id": root.pk, "name": root.name}]
    version = body["current_version"]
    assert version["number"] == 1 and version["filename"] == "Acme overview.pdf"
    assert version["size"] == len(pdf) and version["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert body["versions"] == 1
    assert body["urls"]["download"].endswith(f"/api/v1/assets/{body['id']}/download")

    detail = as_editor.get(f"/api/v1/assets/{body['id']}").json()
    assert detail["status"] == "ready", detail
    assert detail["failure_reason"] == ""
    assert detail["current_version"]["status"] == "ready"
    assert detail["current_version"]["mime_type"] == "application/pdf"
    assert detail["current_version"]["page_count"] == 2
    pages = as_editor.get(f"/api/v1/assets/{body['id']}/pages").json()
    assert [p["number"] for p in pages["items"]] == [1, 2]
    assert "Acme cloud platform overview" in pages["items"][0]["text"]
    assert "Pricing and packaging" in pages["items"][1]["text"]


def test_upload_pptx_and_link(as_editor, root, pptx, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(as_editor, pptx, "why-acme.pptx", collection=[root.pk])
    assert response.status_code == 201
    asset_id = response.json()["id"]
    assert response.json()["title"] == "why acme"
    detail = as_editor.get(f"/api/v1/assets/{asset_id}").json()
    assert detail["status"] == "ready" and detail["current_version"]["page_count"] == 2
    slides = as_editor.get(f"/api/v1/assets/{asset_id}/pages").json()["items"]
    assert "Faster onboarding" in slides[0]["text"] and "Globex" in slides[1]["text"]

    response = as_editor.post(
        "/api/v1/assets",
        {"link_url": "https://example.com/demo", "title": "Demo video", "asset_type": "link", "collection": [root.pk]},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["link_url"] == "https://example.com/demo"
    assert body["status"] == "ready" and body["current_version"] is None and body["urls"]["download"] is None
    assert as_editor.get(f"/api/v1/assets/{body['id']}/download").status_code == 404


def test_list_is_paginated(as_viewer, editor, root):
    for i in range(7):
        services.create_asset(editor, title=f"Link {i}", link_url=f"https://example.com/{i}", collections=[root])
    first = as_viewer.get("/api/v1/assets?page_size=3").json()
    assert first["count"] == 7 and len(first["items"]) == 3 and first["previous"] is None
    assert "page=2" in first["next"] and "page_size=3" in first["next"]
    second = as_viewer.get(first["next"]).json()
    assert {a["id"] for a in second["items"]}.isdisjoint({a["id"] for a in first["items"]})
    last = as_viewer.get("/api/v1/assets?page_size=3&page=3").json()
    assert len(last["items"]) == 1 and last["next"] is None and "page=2" in last["previous"]
    assert as_viewer.get("/api/v1/assets?page_size=101").status_code == 422
    assert as_viewer.get("/api/v1/assets?page=0").status_code == 422
    assert as_viewer.get("/api/v1/assets?page=99").json()["items"] == []


def test_list_filters(as_editor, editor, admin_user, root):
    sub = services.create_collection(admin_user, name="Battlecards", parent=root)
    leaf = services.create_collection(admin_user, name="Globex", parent=sub)
    a = services.create_asset(
        editor, title="A", link_url="https://e.com/a", asset_type="battlecard", collections=[leaf]
    )
    b = services.create_asset(
        admin_user, title="B", link_url="https://e.com/b", collections=[root], status=AssetStatus.DRAFT
    )

    def ids(query):
        response = as_editor.get(f"/api/v1/assets?{query}")
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids("asset_type=battlecard") == {a.pk}
    assert ids(f"collection={sub.pk}") == {a.pk}
    assert ids(f"collection={root.pk}") == {a.pk, b.pk}
    assert ids("lifecycle=draft") == {b.pk}
    assert ids(f"owner={admin_user.pk}") == {b.pk}
    assert ids("status=ready") == {a.pk, b.pk}
    assert ids("status=failed") == set()
    assert ids("collection=999999") == set()
    assert as_editor.get("/api/v1/assets?asset_type=nonsense").status_code == 422


def test_list_has_no_n_plus_one(as_editor, editor, root):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = as_editor.get("/api/v1/assets?page_size=100")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    services.create_asset(editor, title="L", link_url="https://e.com/l", collections=[root], tags=["x"])
    count_queries()  # the first request also notes when the token was last used
    few = count_queries()
    for i in range(12):
        services.create_asset(
            editor, title=f"L{i}", link_url=f"https://e.com/{i}", collections=[root], tags=[f"t{i}", "shared"]
        )
    assert count_queries() == few <= 11  # (+1: the facet values of the whole page in one query)


def test_patch_metadata_tags_collections_lifecycle(as_editor, editor, admin_user, root, link_asset):
    sub = services.create_collection(admin_user, name="EMEA", parent=root)
    response = as_editor.patch(
        f"/api/v1/assets/{link_asset.pk}",
        {
            "title": "Globex battlecard",
            "description": "Updated",
            "tags": ["globex", "competitive"],
            "collections": [sub.pk],
            "lifecycle": "draft",
            "language": "de",
            "owner": admin_user.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "Globex battlecard" and body["lifecycle"] == "draft" and body["language"] == "de"
    assert sorted(body["tags"]) == ["competitive", "globex"]
    assert body["collections"] == [{"id": sub.pk, "name": "EMEA"}]
    assert body["owner"]["id"] == admin_user.pk
    link_asset.refresh_from_db()
    assert link_asset.status == AssetStatus.DRAFT
    entry = AuditEntry.objects.filter(action="asset.update", object_id=str(link_asset.pk)).get()
    assert entry.actor == editor and entry.before["title"] == "Competitor page"
    assert entry.after["title"] == "Globex battlecard"

    # only the fields sent change
    response = as_editor.patch(
        f"/api/v1/assets/{link_asset.pk}", {"description": "Again"}, content_type="application/json"
    )
    assert response.json()["title"] == "Globex battlecard" and response.json()["description"] == "Again"


def test_patch_bad_input_is_4xx(as_editor, link_asset):
    url = f"/api/v1/assets/{link_asset.pk}"
    assert as_editor.patch(url, "{not json", content_type="application/json").status_code == 400
    assert as_editor.patch(url, {"title": ""}, content_type="application/json").status_code == 422
    assert as_editor.patch(url, {"asset_type": "bogus"}, content_type="application/json").status_code == 422
    assert as_editor.patch(url, {"lifecycle": "deleted"}, content_type="application/json").status_code == 422
    response = as_editor.patch(url, {"collections": [987654]}, content_type="application/json")
    assert response.status_code == 400 and "Unknown collection" in response.json()["detail"]
    response = as_editor.patch(url, {"owner": 987654}, content_type="application/json")
    assert response.status_code == 400
    response = as_editor.patch(url, {"link_url": "javascript:alert(1)"}, content_type="application/json")
    assert response.status_code == 400 and "link_url" in response.json()["detail"]
    assert as_editor.patch("/api/v1/assets/987654", {"title": "x"}, content_type="application/json").status_code == 404
    link_asset.refresh_from_db()
    assert link_asset.title == "Competitor page" and link_asset.link_url == "https://example.com/battle"


def test_versions_keep_the_asset_and_its_history(as_editor, root, pdf, pptx, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asset_id = upload(as_editor, pdf, "deck.pdf", collection=[root.pk]).json()["id"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = as_editor.post(
            f"/api/v1/assets/{asset_id}/versions",
            {"file": SimpleUploadedFile("deck-v2.pptx", pptx), "change_note": "Q3 refresh"},
        )
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 2 and response.json()["change_note"] == "Q3 refresh"
    versions = as_editor.get(f"/api/v1/assets/{asset_id}/versions").json()
    assert [v["number"] for v in versions] == [2, 1]
    assert [v["filename"] for v in versions] == ["deck-v2.pptx", "deck.pdf"]
    detail = as_editor.get(f"/api/v1/assets/{asset_id}").json()
    assert detail["id"] == asset_id and detail["versions"] == 2
    assert detail["current_version"]["number"] == 2 and detail["status"] == "ready"
    old = as_editor.get(f"/api/v1/assets/{asset_id}/download?version=1")
    assert b"".join(old.streaming_content) == pdf
    assert as_editor.get(f"/api/v1/assets/{asset_id}/download?version=9").status_code == 404
    assert as_editor.post(f"/api/v1/assets/{asset_id}/versions", {"change_note": "no file"}).status_code == 422


def test_download_is_an_attachment_and_recorded(as_viewer, viewer, editor, root, pdf, upload):
    asset = services.create_asset(editor, title="Sheet", collections=[root], file=upload(pdf, "sheet.pdf"))
    AssetVersion.objects.filter(pk=asset.current_version_id).update(mime_type="application/pdf")
    response = as_viewer.get(f"/api/v1/assets/{asset.pk}/download")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="sheet.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    event = UsageEvent.objects.get(asset=asset)
    assert (event.kind, event.via, event.user, event.version_id) == (
        "download",
        "api",
        viewer,
        asset.current_version_id,
    )


def test_active_content_is_never_served_as_such(as_editor, editor, root, upload):
    html = b"<html><script>alert(document.cookie)</script></html>"
    asset = services.create_asset(editor, collections=[root], file=upload(html, 'x"; evil.html'))
    AssetVersion.objects.filter(pk=asset.current_version_id).update(mime_type="text/html")
    response = as_editor.get(f"/api/v1/assets/{asset.pk}/download")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert '"x evil.html"' in response["Content-Disposition"]


def test_pages_give_text_per_page(as_viewer, editor, root, pdf, upload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asset = services.create_asset(editor, collections=[root], file=upload(pdf, "two.pdf"))
    version = Asset.objects.get(pk=asset.pk).current_version
    version.pages.all().delete()
    version.pages.create(number=1, text="Acme cloud platform overview")
    version.pages.create(number=2, text="Pricing and packaging")
    body = as_viewer.get(f"/api/v1/assets/{asset.pk}/pages").json()
    assert body["version"] == 1
    assert body["items"] == [
        {"number": 1, "text": "Acme cloud platform overview"},
        {"number": 2, "text": "Pricing and packaging"},
    ]
    assert as_viewer.get(f"/api/v1/assets/{asset.pk}/pages?version=5").status_code == 404
