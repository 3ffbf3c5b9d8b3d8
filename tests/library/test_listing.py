"""The web library and `GET /api/v1/assets` are one listing (library.selectors.asset_listing): same assets for the
same filters, same permission path, and a page costs the same number of queries whatever the library's size."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quiver.accounts.services import issue_token
from quiver.library import services
from quiver.library.models import AssetStatus, AssetVersion

HOME = reverse("library:home")


@pytest.fixture
def world(editor, admin_user, root, pdf_asset):
    sub = services.create_collection(admin_user, name="Battlecards", parent=root)
    leaf = services.create_collection(admin_user, name="Globex", parent=sub)
    secret = services.create_collection(admin_user, name="Secret", parent=None)
    make = services.create_asset
    assets = {
        "pdf": pdf_asset,
        "card": make(
            editor, title="Globex battlecard", link_url="https://e.com/a", asset_type="battlecard", collections=[leaf]
        ),
        "draft": make(
            admin_user,
            title="Draft pricing",
            description="internal numbers",
            link_url="https://e.com/b",
            collections=[root],
            status=AssetStatus.DRAFT,
        ),
        "old": make(
            editor,
            title="Old deck",
            link_url="https://e.com/c",
            asset_type="deck",
            collections=[sub],
            status=AssetStatus.ARCHIVED,
        ),
        "secret": make(admin_user, title="Secret plan", link_url="https://e.com/d", collections=[secret]),
    }
    AssetVersion.objects.filter(pk=pdf_asset.current_version_id).update(status="failed")
    return {"assets": assets, "root": root, "sub": sub, "leaf": leaf, "secret": secret}


def _web_ids(user, params: dict) -> list[int]:
    client = Client()
    client.force_login(user)
    response = client.get(HOME, params)
    assert response.status_code == 200
    return [a.pk for a in response.context["page"].object_list]


def _api_ids(user, params: dict) -> list[int]:
    client = Client(headers={"Authorization": f"Bearer {issue_token(user)}"})
    response = client.get("/api/v1/assets", {**params, "page_size": 100})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


# (web query, API query): the same filter under each interface's names (the web's `status` is the lifecycle).
CASES = [
    ({}, {}),
    ({"q": "pricing"}, {"q": "pricing"}),
    ({"q": "NUMBERS"}, {"q": "NUMBERS"}),
    ({"asset_type": "battlecard"}, {"asset_type": "battlecard"}),
    ({"collection": "sub"}, {"collection": "sub"}),
    ({"collection": "root"}, {"collection": "root"}),
    ({"status": "draft"}, {"lifecycle": "draft"}),
    ({"status": "archived"}, {"lifecycle": "archived"}),
    ({"processing": "failed"}, {"status": "failed"}),
    ({"processing": "ready"}, {"status": "ready"}),
    ({"sort": "title"}, {"sort": "title"}),
    ({"sort": "created"}, {"sort": "created"}),
    ({"owner": "editor", "sort": "title"}, {"owner": "editor", "sort": "title"}),
]


def _resolve(params: dict, world, users) -> dict:
    out = dict(params)
    if "collection" in out:
        out["collection"] = world[out["collection"]].pk
    if "owner" in out:
        out["owner"] = users[out["owner"]].pk
    return out


@pytest.mark.parametrize("role", ["admin", "editor", "viewer"])
def test_web_and_api_list_the_same_assets_in_the_same_order(role, world, admin_user, editor, viewer):
    users = {"admin": admin_user, "editor": editor, "viewer": viewer}
    user = users[role]
    for web, api in CASES:
        if role == "viewer" and ({"status", "processing"} & set(web)):
            continue  # the web offers these filters to editors only (viewers only ever see published assets)
        web_ids = _web_ids(user, _resolve(web, world, users))
        assert web_ids == _api_ids(user, _resolve(api, world, users)), (role, web)
    assets = world["assets"]
    every = set(_api_ids(user, {"include_archived": "true"}))
    assert set(_api_ids(user, {})) == every - {assets["old"].pk}  # archived only when asked for
    expected = {
        "admin": set(assets.values()),
        "editor": {assets[k] for k in ("pdf", "card", "draft", "old")},
        "viewer": {assets[k] for k in ("pdf", "card")},
    }[role]
    assert every == {a.pk for a in expected}  # the one permission path: visible_to


def test_filters_select_what_they_say(world, admin_user):
    assets, ids = world["assets"], lambda **p: _api_ids(admin_user, p)
    assert ids(asset_type="battlecard") == [assets["card"].pk]
    assert ids(q="pricing", sort="title") == [assets["draft"].pk, assets["pdf"].pk]
    assert set(ids(collection=world["sub"].pk, include_archived="true")) == {assets["card"].pk, assets["old"].pk}
    assert ids(status="failed") == [assets["pdf"].pk]
    assert ids(lifecycle="archived") == [assets["old"].pk]
    titles = {a.pk: a.title for a in assets.values()}
    assert [titles[pk] for pk in ids(sort="title")] == sorted(titles[pk] for pk in ids())
    client = Client(headers={"Authorization": f"Bearer {issue_token(admin_user)}"})
    assert client.get("/api/v1/assets", {"sort": "nonsense"}).status_code == 422


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def _add_assets(editor, root, n: int, start: int) -> None:
    for i in range(start, start + n):
        services.create_asset(
            editor, title=f"Link {i}", link_url=f"https://e.com/{i}", collections=[root], tags=[f"t{i}", "shared"]
        )


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_list_pages_cost_the_same_queries_for_3_or_20_assets(role, editor, viewer, root, pdf_asset):
    user = {"viewer": viewer, "editor": editor}[role]
    web = Client()
    web.force_login(user)
    api = Client(headers={"Authorization": f"Bearer {issue_token(user)}"})
    pages = [
        (web, HOME, {"view": "grid"}),
        (web, HOME, {"view": "list", "sort": "title"}),
        (web, reverse("library:collection", args=[root.pk]), {}),
        (api, "/api/v1/assets", {"page_size": 100}),
    ]
    _add_assets(editor, root, 2, 0)
    for client, url, params in pages:
        _queries(client, url, params)  # warm up: session, token last used...
    few = [_queries(client, url, params) for client, url, params in pages]
    _add_assets(editor, root, 18, 2)
    many = [_queries(client, url, params) for client, url, params in pages]
    assert many == few, (few, many)
    assert max(few) <= 16
