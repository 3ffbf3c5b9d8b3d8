import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from quiver.core.models import AuditEntry
from quiver.library import services
from quiver.library.models import AssetVersion, CollectionGrant


def _edit_data(asset, **overrides):
    data = {
        "title": asset.title,
        "description": asset.description,
        "asset_type": asset.asset_type,
        "owner": asset.owner_id,
        "status": asset.status,
        "language": asset.language,
        "link_url": asset.link_url,
        "collections": list(asset.collections.values_list("pk", flat=True)),
        "tags": "pricing",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "name, method",
    [
        ("asset_edit", "get"),
        ("asset_edit", "post"),
        ("asset_archive", "get"),
        ("asset_archive", "post"),
        ("asset_restore", "post"),
    ],
)
def test_viewer_cannot_change_anything_even_by_direct_post(logged_in, viewer, pdf_asset, name, method):
    client = logged_in(viewer)
    url = reverse(f"library:{name}", args=[pdf_asset.pk])
    response = getattr(client, method)(url, _edit_data(pdf_asset, title="Hacked") if method == "post" else None)
    assert response.status_code == 403
    pdf_asset.refresh_from_db()
    assert pdf_asset.title == "Pricing deck" and pdf_asset.status == "published"


def test_viewer_cannot_retry(logged_in, viewer, pdf_asset):
    AssetVersion.objects.filter(pk=pdf_asset.current_version_id).update(status="failed", failure_reason="x")
    response = logged_in(viewer).post(reverse("library:version_retry", args=[pdf_asset.pk, 1]))
    assert response.status_code == 403
    assert AssetVersion.objects.get(pk=pdf_asset.current_version_id).status == "failed"


def test_csrf_is_enforced(client, editor, pdf_asset):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    response = strict.post(reverse("library:asset_archive", args=[pdf_asset.pk]))
    assert response.status_code == 403
    pdf_asset.refresh_from_db()
    assert pdf_asset.status == "published"


def test_editor_edits_metadata_tags_and_collections(logged_in, editor, admin_user, root, pdf_asset):
    sub = services.create_collection(admin_user, name="EMEA", parent=root)
    client = logged_in(editor)
    form = client.get(reverse("library:asset_edit", args=[pdf_asset.pk]))
    assert form.status_code == 200
    assert 'for="id_title"' in form.content.decode()
    response = client.post(
        reverse("library:asset_edit", args=[pdf_asset.pk]),
        _edit_data(
            pdf_asset,
            title="Pricing 2026",
            description="Updated",
            status="draft",
            collections=[sub.pk],
            tags="pricing, emea",
        ),
    )
    assert response.status_code == 302
    pdf_asset.refresh_from_db()
    assert pdf_asset.title == "Pricing 2026" and pdf_asset.status == "draft"
    assert list(pdf_asset.collections.all()) == [sub]
    assert {t.name for t in pdf_asset.tags.all()} == {"pricing", "emea"}
    entry = AuditEntry.objects.filter(action="asset.update").first()
    assert entry.before["title"] == "Pricing deck" and entry.after["title"] == "Pricing 2026"


def test_editor_cannot_move_out_of_a_collection_they_cannot_edit(logged_in, editor, admin_user, pdf_asset):
    other = services.create_collection(admin_user, name="Board only", parent=None)
    # Marketing may see it but not edit it: it is offered in the form, and removing it is refused.
    CollectionGrant.objects.create(collection=other, group=Group.objects.get(name="Marketing"), level="view")
    services.update_asset(admin_user, pdf_asset, collections=[*pdf_asset.collections.all(), other])
    client = logged_in(editor)
    keep = list(pdf_asset.collections.exclude(pk=other.pk).values_list("pk", flat=True))
    response = client.post(reverse("library:asset_edit", args=[pdf_asset.pk]), _edit_data(pdf_asset, collections=keep))
    assert response.status_code == 200
    assert "may not move" in response.content.decode()
    assert other in pdf_asset.collections.all()


def test_archive_and_restore_with_confirmation(logged_in, editor, viewer, pdf_asset):
    client = logged_in(editor)
    url = reverse("library:asset_archive", args=[pdf_asset.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and b'method="post"' in confirm.content
    pdf_asset.refresh_from_db()
    assert pdf_asset.status == "published"  # a GET changes nothing
    assert client.post(url).status_code == 302
    pdf_asset.refresh_from_db()
    assert pdf_asset.status == "archived"
    assert logged_in(viewer).get(pdf_asset.get_absolute_url()).status_code == 404
    client = logged_in(editor)
    assert (
        reverse("library:asset_restore", args=[pdf_asset.pk])
        in client.get(pdf_asset.get_absolute_url()).content.decode()
    )
    assert client.post(reverse("library:asset_restore", args=[pdf_asset.pk])).status_code == 302
    pdf_asset.refresh_from_db()
    assert pdf_asset.status == "published"


def test_editor_retries_failed_version(logged_in, editor, pdf_asset, django_capture_on_commit_callbacks):
    AssetVersion.objects.filter(pk=pdf_asset.current_version_id).update(status="failed", failure_reason="boom")
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(editor).post(reverse("library:version_retry", args=[pdf_asset.pk, 1]))
    assert response.status_code == 302
    version = AssetVersion.objects.get(pk=pdf_asset.current_version_id)
    assert version.failure_reason != "boom"
    assert AuditEntry.objects.filter(action="version.retry").exists()
