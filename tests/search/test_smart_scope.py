"""Searching in a collection covers its smart members (taxonomy.SmartMembership) and everything filed below it,
while permissions stay on the hand-filed collections' grants -- on both engines, through the page and the API."""

import pytest
from django.test import Client
from django.urls import reverse

from quiver.accounts.services import issue_token
from quiver.library import services
from quiver.taxonomy import smart

pytestmark = pytest.mark.django_db
API = "/api/v1/search"


@pytest.fixture
def search_index(search_index_each_engine):
    """The indexed library of index_fixtures on each engine (PostgreSQL in the PostgreSQL pass)."""
    return search_index_each_engine


def api_ids(user, collection, q="") -> set[int]:
    client = Client(headers={"Authorization": f"Bearer {issue_token(user)}"})
    response = client.get(API, {"q": q, "in": collection.pk, "facets": "tag"})
    assert response.status_code == 200
    return {hit["id"] for hit in response.json()["results"]}


def page_ids(client, collection, q="") -> set[int]:
    import re

    response = client.get(reverse("search:search"), {"q": q, "in": collection.pk})
    assert response.status_code == 200
    return {int(x) for x in re.findall(r'class="hit" data-asset="(\d+)"', response.content.decode())}


@pytest.fixture
def picks(library, admin_user, root, django_capture_on_commit_callbacks):
    """A smart collection under Products whose rule files every asset tagged "pricing"."""
    with django_capture_on_commit_callbacks(execute=True):
        picks = services.create_collection(admin_user, name="Pricing picks", parent=library["products"])
        smart.set_rule(admin_user, picks, {"tags": ["pricing"]})
    return picks


def test_smart_members_are_found_in_the_collection_and_above(viewer, admin_user, library, picks):
    a = library["assets"]
    # roi and battle are filed by hand in the root only; the rule files them in "Pricing picks" (under Products)
    assert api_ids(viewer, picks) == {a["roi"].pk, a["battle"].pk}
    assert api_ids(viewer, picks, "calculator") == {a["roi"].pk}
    # Products: its hand-filed deck and case study, and the smart members of the collection below it
    assert api_ids(viewer, library["products"]) == {a["deck"].pk, a["case"].pk, a["roi"].pk, a["battle"].pk}
    # the draft and the board's secret plan match the rule too, but the viewer may not see them
    assert api_ids(admin_user, picks) == {a["roi"].pk, a["battle"].pk, a["draft"].pk, a["secret"].pk}


def test_retagging_files_in_and_out_of_the_search_scope(
    client, viewer, editor, library, picks, django_capture_on_commit_callbacks
):
    a = library["assets"]
    client.force_login(viewer)
    assert a["roi"].pk in page_ids(client, picks, "calculator")
    with django_capture_on_commit_callbacks(execute=True):
        services.update_asset(editor, a["roi"], tags=["retail"])
    assert page_ids(client, picks, "calculator") == set()
    assert page_ids(client, picks) == {a["battle"].pk}
    with django_capture_on_commit_callbacks(execute=True):
        services.update_asset(editor, a["case"], tags=["healthcare", "pricing"])
    assert page_ids(client, picks) == {a["battle"].pk, a["case"].pk}


def test_changing_or_removing_the_rule_reaches_the_index(
    viewer, admin_user, library, picks, django_capture_on_commit_callbacks
):
    a = library["assets"]
    with django_capture_on_commit_callbacks(execute=True):
        smart.set_rule(admin_user, picks, {"tags": ["healthcare"]})
    assert api_ids(viewer, picks) == {a["case"].pk}
    with django_capture_on_commit_callbacks(execute=True):
        smart.remove_rule(admin_user, picks)
    assert api_ids(viewer, picks) == set()


def test_a_viewer_never_sees_nor_counts_hidden_smart_members(viewer, library, picks):
    client = Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"})
    body = client.get(API, {"q": "pricing", "in": picks.pk, "facets": "tag,collection"}).json()
    assert library["assets"]["secret"].pk not in {hit["id"] for hit in body["results"]}
    tags = {f["value"]: f["count"] for f in body["facets"]["tag"]}
    assert "board" not in tags and tags["pricing"] == 2  # roi and battle; not the draft nor the secret plan
    assert str(library["secret"].pk) not in {f["value"] for f in body["facets"]["collection"]}
    # a smart collection inside a hidden collection cannot be searched at all
    assert client.get(API, {"in": library["secret"].pk}).status_code == 404


def test_document_scope_holds_hand_filed_and_smart_collections_with_their_ancestors(library, picks, root):
    from quiver.search.documents import build_document, documents_by_ids

    roi = library["assets"]["roi"]
    (doc,) = documents_by_ids([roi.pk])
    assert doc.collection_ids == (root.pk,)  # permissions: the hand-filed collection only
    assert set(doc.scope_ids) == {root.pk, library["products"].pk, picks.pk}
    assert doc.facet_values()["scope"] == sorted(str(pk) for pk in doc.scope_ids)
    assert build_document(library["assets"]["deck"]).scope_ids == tuple(sorted((root.pk, library["products"].pk)))
