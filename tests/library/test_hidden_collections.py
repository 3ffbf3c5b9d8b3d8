"""Pages never name a collection the reader has no grant on, and editing keeps such collections."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from quiver.library import services
from quiver.library.models import CollectionGrant


@pytest.fixture
def world(root, admin_user, editor, viewer):
    open_ = services.create_collection(admin_user, name="Open shelf", parent=None)
    secret = services.create_collection(admin_user, name="Board room", parent=None)
    for group in ("Sales", "Marketing"):
        CollectionGrant.objects.create(
            collection=open_, group=Group.objects.get(name=group), level="edit" if group == "Marketing" else "view"
        )
    CollectionGrant.objects.filter(collection=root).delete()
    asset = services.create_asset(
        admin_user, title="Shared deck", link_url="https://example.com/d", collections=[open_, secret]
    )
    return {"open": open_, "secret": secret, "asset": asset}


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_asset_page_names_only_visible_collections(world, viewer, editor):
    for user in (viewer, editor):
        html = _client(user).get(reverse("library:asset", args=[world["asset"].pk])).content.decode()
        assert "Open shelf" in html
        assert "Board room" not in html


def test_edit_keeps_hidden_collections_without_naming_them(world, editor):
    client = _client(editor)
    url = reverse("library:asset_edit", args=[world["asset"].pk])
    assert "Board room" not in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "Renamed deck",
            "description": "",
            "asset_type": "deck",
            "owner": "",
            "status": "published",
            "language": "en",
            "link_url": "https://example.com/d",
            "collections": [world["open"].pk],
            "tags": "",
        },
    )
    assert response.status_code == 302
    world["asset"].refresh_from_db()
    assert world["asset"].title == "Renamed deck"
    assert set(world["asset"].collections.all()) == {world["open"], world["secret"]}


def test_admin_sees_every_collection(world, admin_user):
    html = _client(admin_user).get(reverse("library:asset", args=[world["asset"].pk])).content.decode()
    assert "Open shelf" in html and "Board room" in html
