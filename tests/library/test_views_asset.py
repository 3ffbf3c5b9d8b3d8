from django.contrib.auth.models import Group
from django.urls import reverse

from quiver.insights.models import UsageEvent
from quiver.library import services
from quiver.library.models import AssetVersion, CollectionGrant


def _events(asset, kind):
    return list(UsageEvent.objects.filter(asset=asset, kind=kind).order_by("created_at", "id"))


def test_asset_page_shows_preview_metadata_versions_and_records_usage(logged_in, viewer, paged_asset):
    client = logged_in(viewer)
    response = client.get(paged_asset.get_absolute_url(), {"page": 2})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pricing deck" in body
    image_url = reverse("library:page_image", args=[paged_asset.pk, 1, 2])
    assert image_url in body
    assert "Page <span data-page-number>2</span> of 3" in body
    assert "pricing.pdf" in body and "v1" in body
    assert "pricing" in body and "Q3" in body  # tags
    assert reverse("library:download", args=[paged_asset.pk]) in body
    assert reverse("library:asset_edit", args=[paged_asset.pk]) not in body  # no edit controls for a viewer
    [view] = _events(paged_asset, "view")
    assert view.user == viewer and view.version_id == paged_asset.current_version_id
    [preview] = _events(paged_asset, "preview")
    assert preview.page == 2


def test_page_number_is_clamped(logged_in, viewer, paged_asset):
    response = logged_in(viewer).get(paged_asset.get_absolute_url(), {"page": "99"})
    assert response.context["page_number"] == 3
    assert logged_in(viewer).get(paged_asset.get_absolute_url(), {"page": "x"}).context["page_number"] == 1


def test_preview_partial_records_preview_only(logged_in, viewer, paged_asset):
    client = logged_in(viewer)
    response = client.get(reverse("library:asset_preview", args=[paged_asset.pk]), {"page": 3}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="preview"' in body and "<html" not in body
    assert reverse("library:page_image", args=[paged_asset.pk, 1, 3]) in body
    assert [e.page for e in _events(paged_asset, "preview")] == [3]
    assert _events(paged_asset, "view") == []


def test_extracted_text_of_real_pdf_is_shown(logged_in, viewer, pdf_asset):
    version = pdf_asset.current_version
    if version.status != "ready" or not version.pages.exists():
        import pytest

        pytest.skip("the ingest pipeline does not extract pages yet")
    body = logged_in(viewer).get(pdf_asset.get_absolute_url(), {"page": 2}).content.decode()
    assert "Volume discounts" in body


def test_editor_sees_edit_controls(logged_in, editor, paged_asset):
    body = logged_in(editor).get(paged_asset.get_absolute_url()).content.decode()
    assert reverse("library:asset_edit", args=[paged_asset.pk]) in body
    assert reverse("library:asset_archive", args=[paged_asset.pk]) in body
    assert reverse("library:version_create", args=[paged_asset.pk]) in body


def test_hidden_asset_is_404_everywhere(logged_in, editor, viewer, admin_user, root, paged_asset):
    secret = services.create_collection(admin_user, name="Secret", parent=root)
    services.update_asset(admin_user, paged_asset, collections=[secret])
    CollectionGrant.objects.filter(collection=root, group=Group.objects.get(name="Sales")).delete()
    client = logged_in(viewer)
    pk = paged_asset.pk
    for url in [
        reverse("library:asset", args=[pk]),
        reverse("library:asset_preview", args=[pk]),
        reverse("library:asset_status", args=[pk]),
        reverse("library:download", args=[pk]),
        reverse("library:download_version", args=[pk, 1]),
        reverse("library:thumbnail", args=[pk, 1]),
        reverse("library:page_image", args=[pk, 1, 1]),
        reverse("library:open_link", args=[pk]),
        reverse("library:asset_edit", args=[pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("library:asset", args=[999999])).status_code == 404
    assert not UsageEvent.objects.filter(user=viewer).exists()


def test_draft_is_hidden_from_viewer(logged_in, editor, viewer, root):
    draft = services.create_asset(
        editor, title="Draft", link_url="https://example.com/d", collections=[root], status="draft"
    )
    assert logged_in(viewer).get(draft.get_absolute_url()).status_code == 404


def test_processing_state_polls_and_failed_state_offers_retry(logged_in, editor, viewer, paged_asset):
    version = paged_asset.current_version
    AssetVersion.objects.filter(pk=version.pk).update(status="processing")
    client = logged_in(viewer)
    body = client.get(paged_asset.get_absolute_url()).content.decode()
    status_url = reverse("library:asset_status", args=[paged_asset.pk])
    assert f'hx-get="{status_url}"' in body and 'hx-trigger="every 2s"' in body
    polled = client.get(status_url, HTTP_HX_REQUEST="true")
    assert polled.status_code == 200 and "Processing version 1" in polled.content.decode()
    AssetVersion.objects.filter(pk=version.pk).update(status="failed", failure_reason="The PDF is encrypted.")
    done = client.get(status_url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
    body = client.get(paged_asset.get_absolute_url()).content.decode()
    assert "The PDF is encrypted." in body
    retry_url = reverse("library:version_retry", args=[paged_asset.pk, 1])
    assert retry_url not in body  # viewers cannot retry
    assert retry_url in logged_in(editor).get(paged_asset.get_absolute_url()).content.decode()


def test_web_link_asset_opens_and_records(logged_in, editor, viewer, root):
    link = services.create_asset(editor, title="Product tour", link_url="https://example.com/tour", collections=[root])
    client = logged_in(viewer)
    body = client.get(link.get_absolute_url()).content.decode()
    assert "https://example.com/tour" in body
    response = client.get(reverse("library:open_link", args=[link.pk]))
    assert response.status_code == 302 and response["Location"] == "https://example.com/tour"
    assert len(_events(link, "open_link")) == 1


def test_asset_page_query_count(logged_in, editor, paged_asset, django_assert_max_num_queries):
    client = logged_in(editor)
    # the page itself (~20) plus five apps' panels (categorize, lifecycle, similarity, detected signals); grants
    # are read once per GET (policy.read_cache)
    with django_assert_max_num_queries(40):
        assert client.get(paged_asset.get_absolute_url()).status_code == 200


def test_file_without_pages_previews_its_thumbnail(logged_in, viewer, paged_asset):
    paged_asset.current_version.pages.all().delete()
    body = logged_in(viewer).get(paged_asset.get_absolute_url()).content.decode()
    assert reverse("library:thumbnail", args=[paged_asset.pk, 1]) in body
    assert "data-preview-nav" not in body
