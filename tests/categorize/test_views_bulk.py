"""Bulk retagging from listings: the controls only for editors and admins, services.bulk_edit honouring each
asset's permission, "changed N, skipped M" said back."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from quiver.library import services as library
from quiver.taxonomy.models import AssetFacetValue, FacetValue

BULK = reverse("categorize:bulk")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def assets(editor, admin_user, root):
    secret = library.create_collection(admin_user, name="Board room", parent=None)
    a = library.create_asset(
        editor, title="Alpha deck", link_url="https://example.com/a", collections=[root], tags=["old"]
    )
    b = library.create_asset(editor, title="Beta sheet", link_url="https://example.com/b", collections=[root])
    hidden = library.create_asset(
        admin_user, title="Hidden plan", link_url="https://example.com/h", collections=[secret]
    )
    return a, b, hidden


def test_listings_show_selection_to_editors_only(assets, editor, viewer, root):
    viewer.groups.add(Group.objects.get(name="Sales"))
    for url in ("/", "/?view=list", reverse("library:collection", args=[root.pk]), reverse("search:search")):
        body = _client(editor).get(url).content.decode()
        assert 'id="bulk-form"' in body, url
        if url != reverse("search:search"):
            assert f'form="bulk-form" name="asset" value="{assets[0].pk}"' in body, url
        body = _client(viewer).get(url).content.decode()
        assert "bulk-form" not in body and "data-bulk-select" not in body, url


def test_bulk_edit_adds_and_removes_and_reports_skips(assets, editor):
    a, b, hidden = assets
    retail = FacetValue.objects.get(field__slug="industry", name="Retail")
    response = _client(editor).post(
        BULK,
        {
            "asset": [a.pk, b.pk, hidden.pk],
            "add_tags": "launch, Q3",
            "remove_tags": "old",
            "add_values": [retail.pk],
            "next": "/?view=list",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/?view=list"
    assert "Changed 2 assets, skipped 1 (no edit permission)." in response.content.decode()
    assert set(a.tags.values_list("name", flat=True)) == {"launch", "Q3"}
    assert set(b.tags.values_list("name", flat=True)) == {"launch", "Q3"}
    assert not hidden.tags.exists()
    assert AssetFacetValue.objects.get(asset=b, value=retail).assigned_by == editor
    assert not AssetFacetValue.objects.filter(asset=hidden, value=retail).exists()

    response = _client(editor).post(BULK, {"asset": [a.pk, b.pk], "remove_values": [retail.pk]}, follow=True)
    assert "Changed 2 assets." in response.content.decode()
    assert not AssetFacetValue.objects.filter(value=retail).exists()


def test_bulk_form_errors_change_nothing(assets, editor):
    a = assets[0]
    client = _client(editor)
    response = client.post(BULK, {"asset": [a.pk]})
    assert response.status_code == 400 and "Choose tags or facet values" in response.content.decode()
    response = client.post(BULK, {"add_tags": "x"})
    assert response.status_code == 400 and "Select at least one asset." in response.content.decode()
    assert set(a.tags.values_list("name", flat=True)) == {"old"}


def test_no_js_path_lists_the_selection_without_naming_hidden_assets(assets, editor):
    a, b, hidden = assets
    response = _client(editor).post(BULK, {"asset": [a.pk, hidden.pk], "review": "1"})
    body = response.content.decode()
    assert response.status_code == 200 and "Alpha deck" in body and "Hidden plan" not in body
    assert set(a.tags.values_list("name", flat=True)) == {"old"}
    body = _client(editor).get(BULK, {"asset": [b.pk]}).content.decode()
    assert "Beta sheet" in body and 'name="add_tags"' in body


def test_viewers_are_refused(assets, viewer):
    viewer.groups.add(Group.objects.get(name="Sales"))
    a = assets[0]
    client = _client(viewer)
    assert client.post(BULK, {"asset": [a.pk], "add_tags": "x"}).status_code == 403
    assert client.get(BULK).status_code == 403
    assert client.get(reverse("categorize:bulk_fields")).status_code == 403
    assert set(a.tags.values_list("name", flat=True)) == {"old"}


def test_bar_fields_partial(assets, editor):
    body = _client(editor).get(reverse("categorize:bulk_fields")).content.decode()
    assert 'id="bulk-fields"' in body and '<optgroup label="Industry">' in body and "data-bulk-submit" in body
