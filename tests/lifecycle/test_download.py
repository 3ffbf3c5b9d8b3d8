"""Expired and internal-only assets: marked everywhere, readable, not downloadable by viewers (who are told why
and what replaces it); editors of the asset still download them."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from quiver.accounts.services import issue_token
from quiver.library import policy
from quiver.library import services as library
from quiver.lifecycle import services
from tests.search.index_fixtures import search_index  # noqa: F401  (fixture)

from .conftest import pdf_file


@pytest.fixture
def replacement(editor, root):
    return library.create_asset(
        editor, title="Q4 pricing deck", collections=[root], file=pdf_file("q4.pdf"), enqueue=False
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_viewer_cannot_download_an_expired_asset_and_is_told_what_replaces_it(published, replacement, editor, viewer):
    services.set_expiry(editor, published, timezone.now() - timedelta(minutes=1), replacement)
    assert policy.can_view_asset(viewer, published) and not policy.can_download(viewer, published)
    assert not policy.can_share(viewer, published)
    assert policy.can_download(editor, published)
    response = _client(viewer).get(f"/assets/{published.pk}/download/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "expired on" in body and "Q4 pricing deck" in body and replacement.get_absolute_url() in body
    assert _client(editor).get(f"/assets/{published.pk}/download/").status_code == 200
    page = _client(viewer).get(published.get_absolute_url()).content.decode()
    assert "Expired" in page and "Q4 pricing deck" in page and "can no longer be downloaded" in page


def test_a_replacement_the_viewer_cannot_see_is_not_named(published, editor, viewer, admin_user):
    secret = library.create_collection(admin_user, name="Board room")
    hidden = library.create_asset(
        admin_user, title="Secret successor", collections=[secret], link_url="https://example.com/s"
    )
    services.set_expiry(admin_user, published, timezone.now() - timedelta(minutes=1), hidden)
    body = _client(viewer).get(f"/assets/{published.pk}/download/").content.decode()
    assert "expired on" in body and "Secret successor" not in body
    api = Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"})
    response = api.get(f"/api/v1/assets/{published.pk}/download")
    assert response.status_code == 403 and "Secret successor" not in response.json()["detail"]
    assert api.get(f"/api/v1/assets/{published.pk}/lifecycle").json()["replaced_by"] is None


def test_internal_only_is_read_not_downloaded(published, editor, viewer):
    services.set_internal_only(editor, published, True)
    response = _client(viewer).get(f"/assets/{published.pk}/download/")
    assert response.status_code == 403 and "internal use only" in response.content.decode()
    assert _client(viewer).get(f"/assets/{published.pk}/versions/1/download/").status_code == 403
    assert _client(viewer).get(published.get_absolute_url()).status_code == 200
    api = Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"})
    response = api.get(f"/api/v1/assets/{published.pk}/download")
    assert response.status_code == 403 and "internal use only" in response.json()["detail"]
    assert api.get(f"/api/v1/assets/{published.pk}/lifecycle").json()["can_download"] is False
    services.set_internal_only(editor, published, False)
    assert _client(viewer).get(f"/assets/{published.pk}/download/").status_code == 200


def test_not_yet_expired_downloads_normally(published, editor, viewer):
    services.set_expiry(editor, published, timezone.now() + timedelta(minutes=5))
    assert _client(viewer).get(f"/assets/{published.pk}/download/").status_code == 200


def test_badges_in_listings(published, replacement, editor, viewer):
    services.set_expiry(editor, published, timezone.now() - timedelta(days=1), replacement)
    services.set_internal_only(editor, replacement, True)
    services.verify(editor, replacement)
    home = _client(viewer).get("/").content.decode()
    assert "Expired — replaced by Q4 pricing deck" in home
    assert "Internal only" in home and "Verified until" in home


def test_listing_badges_cost_no_query_per_asset(editor, viewer, root, replacement, django_assert_max_num_queries):
    past = timezone.now() - timedelta(days=1)
    for i in range(6):
        asset = library.create_asset(editor, title=f"Old {i}", collections=[root], link_url=f"https://e.com/{i}")
        services.set_expiry(editor, asset, past, replacement)
    client = _client(viewer)
    client.get("/")  # warm (sessions, content types)
    with django_assert_max_num_queries(40) as ctx:
        body = client.get("/").content.decode()
    assert body.count("Expired — replaced by") == 6
    first = len(ctx.captured_queries)
    for i in range(6, 12):
        asset = library.create_asset(editor, title=f"Old {i}", collections=[root], link_url=f"https://e.com/{i}")
        services.set_expiry(editor, asset, past, replacement)
    with django_assert_max_num_queries(first) as ctx:
        assert client.get("/").content.decode().count("Expired — replaced by") == 12


def test_collection_page_and_search_mark_expired_assets(
    search_index,  # noqa: F811 (the fixture)
    replacement,
    editor,
    viewer,
    root,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        old = library.create_asset(
            editor, title="Zebra pricing 2024", collections=[root], link_url="https://e.com/zebra"
        )
        services.set_expiry(editor, old, timezone.now() - timedelta(days=1), replacement)
    page = _client(viewer).get(f"/collections/{root.pk}/").content.decode()
    assert "Expired — replaced by Q4 pricing deck" in page
    results = _client(viewer).get("/search/", {"q": "zebra"}).content.decode()
    assert "Zebra pricing 2024" in results and "Expired — replaced by Q4 pricing deck" in results
