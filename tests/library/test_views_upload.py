import json

from django.contrib.auth.models import Group
from django.urls import reverse

from quiver.library import services
from quiver.library.models import Asset, CollectionGrant
from tests.factories import make_pdf, make_pptx

UPLOAD = reverse("library:upload")


def test_viewer_cannot_upload_or_add_links(logged_in, viewer, root, upload):
    client = logged_in(viewer)
    assert client.get(UPLOAD).status_code == 403
    response = client.post(UPLOAD, {"collections": [root.pk], "files": [upload(make_pdf(["x"]), "x.pdf")]})
    assert response.status_code == 403
    assert (
        client.post(
            reverse("library:link_create"), {"link_url": "https://e.com", "title": "t", "collections": [root.pk]}
        ).status_code
        == 403
    )
    assert not Asset.objects.exists()


def test_upload_page_offers_only_editable_collections(logged_in, editor, admin_user, root):
    locked = services.create_collection(admin_user, name="Locked", parent=None)
    body = logged_in(editor).get(UPLOAD).content.decode()
    assert "Library" in body and "Locked" not in body
    assert 'type="file" name="files" id="id_files" multiple' in body
    assert 'for="id_files"' in body
    del locked


def test_plain_multi_file_upload_without_js(logged_in, editor, root, upload):
    files = [
        upload(make_pdf(["One page"]), "brief.pdf"),
        upload(make_pptx([("Slide", ["point"])]), "deck.pptx"),
        upload(b"", "empty.pdf"),
    ]
    response = logged_in(editor).post(UPLOAD, {"collections": [root.pk], "tags": "launch, emea", "files": files})
    assert response.status_code == 200
    results = {r["name"]: r for r in response.context["results"]}
    assert results["brief.pdf"]["ok"] and results["deck.pptx"]["ok"]
    assert results["empty.pdf"]["error"] == "The file is empty."
    assert "The file is empty." in response.content.decode()
    deck = Asset.objects.get(title="deck")
    assert deck.asset_type == "deck"
    assert {t.name for t in deck.tags.all()} == {"launch", "emea"}
    assert list(deck.collections.all()) == [root]
    assert Asset.objects.count() == 2


def test_xhr_upload_returns_json_per_file(logged_in, editor, root, upload, settings):
    client = logged_in(editor)
    ok = client.post(
        UPLOAD, {"collections": [root.pk], "files": upload(make_pdf(["A"]), "a.pdf")}, HTTP_ACCEPT="application/json"
    )
    assert ok.status_code == 201
    data = json.loads(ok.content)
    assert data["ok"] and data["url"] == Asset.objects.get().get_absolute_url()
    settings.QUIVER_MAX_UPLOAD_BYTES = 100
    big = client.post(
        UPLOAD, {"collections": [root.pk], "files": upload(b"x" * 500, "big.pdf")}, HTTP_ACCEPT="application/json"
    )
    assert big.status_code == 400 and "larger than" in json.loads(big.content)["error"]
    missing = client.post(UPLOAD, {"files": upload(make_pdf(["A"]), "b.pdf")}, HTTP_ACCEPT="application/json")
    assert missing.status_code == 400 and "Collections" in json.loads(missing.content)["error"]
    assert Asset.objects.count() == 1


def test_upload_into_a_collection_without_edit_grant_is_refused(logged_in, editor, admin_user, root, upload):
    locked = services.create_collection(admin_user, name="Locked", parent=None)
    CollectionGrant.objects.create(collection=locked, group=Group.objects.get(name="Sales"), level="view")
    response = logged_in(editor).post(UPLOAD, {"collections": [locked.pk], "files": upload(make_pdf(["A"]), "a.pdf")})
    assert response.status_code == 200 and response.context["form"].errors["collections"]
    assert not Asset.objects.exists()


def test_web_link_form(logged_in, editor, root):
    client = logged_in(editor)
    bad = client.post(
        reverse("library:link_create"), {"link_url": "javascript:alert(1)", "title": "x", "collections": [root.pk]}
    )
    assert bad.status_code == 200 and not Asset.objects.exists()
    response = client.post(
        reverse("library:link_create"),
        {"link_url": "https://example.com/demo", "title": "Demo video", "collections": [root.pk], "tags": "video"},
    )
    asset = Asset.objects.get()
    assert response.status_code == 302 and response["Location"] == asset.get_absolute_url()
    assert asset.link_url == "https://example.com/demo" and asset.asset_type == "link"


def test_new_version_keeps_the_url(logged_in, editor, viewer, pdf_asset, upload):
    url = pdf_asset.get_absolute_url()
    response = logged_in(editor).post(
        reverse("library:version_create", args=[pdf_asset.pk]),
        {"file": upload(make_pdf(["v2"]), "pricing-v2.pdf"), "change_note": "Q4 prices"},
    )
    assert response.status_code == 302 and response["Location"] == url
    pdf_asset.refresh_from_db()
    assert pdf_asset.current_version.number == 2 and pdf_asset.current_version.change_note == "Q4 prices"
    empty = logged_in(editor).post(
        reverse("library:version_create", args=[pdf_asset.pk]), {"file": upload(b"", "empty.pdf")}, follow=True
    )
    assert "refused" in empty.content.decode()
    denied = logged_in(viewer).post(
        reverse("library:version_create", args=[pdf_asset.pk]), {"file": upload(make_pdf(["v3"]), "v3.pdf")}
    )
    assert denied.status_code == 403
    assert pdf_asset.versions.count() == 2
