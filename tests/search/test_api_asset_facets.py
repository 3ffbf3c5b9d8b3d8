"""Asset JSON carries `tags` (names) and `facets` ({field: [values]}); PATCH /api/v1/assets/{id} takes both, and the
search index follows (the taxonomy engineer's request, wired into library/api.py)."""

import pytest
from django.test import Client

from quiver.accounts.services import issue_token
from quiver.library import services

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {issue_token(user)}"})


@pytest.fixture
def asset(editor, root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.create_asset(
            editor, title="Osprey deck", link_url="https://example.com/osprey", collections=[root], tags=["launch"]
        )


def test_asset_json_carries_tags_and_facets(editor, viewer, asset, search_index, django_capture_on_commit_callbacks):
    client = api(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.patch(
            f"/api/v1/assets/{asset.pk}",
            {"tags": ["launch", "emea"], "facets": {"topic": ["ROI", "Security"], "industry": ["Retail"]}},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert sorted(body["tags"]) == ["emea", "launch"]
    assert body["facets"]["topic"] == ["ROI", "Security"] and body["facets"]["industry"] == ["Retail"]
    listed = {item["id"]: item for item in api(viewer).get("/api/v1/assets").json()["items"]}
    assert listed[asset.pk]["facets"]["industry"] == ["Retail"]
    found = api(viewer).get("/api/v1/search", {"industry": "Retail", "tag": "emea"}).json()
    assert [r["id"] for r in found["results"]] == [asset.pk]

    with django_capture_on_commit_callbacks(execute=True):  # other fields are kept; a field sent is replaced
        body = client.patch(
            f"/api/v1/assets/{asset.pk}", {"facets": {"topic": ["AI"]}}, content_type="application/json"
        ).json()
    assert body["facets"]["topic"] == ["AI"] and body["facets"]["industry"] == ["Retail"]
    assert api(viewer).get("/api/v1/search", {"topic": "ROI"}).json()["count"] == 0


def test_bad_facets_are_refused_and_nothing_changes(editor, viewer, asset):
    client = api(editor)
    response = client.patch(
        f"/api/v1/assets/{asset.pk}",
        {"title": "Renamed", "facets": {"topic": ["Nope"]}},
        content_type="application/json",
    )
    assert response.status_code == 400
    asset.refresh_from_db()
    assert asset.title == "Osprey deck"
    assert "topic" not in api(editor).get(f"/api/v1/assets/{asset.pk}").json()["facets"]
    assert (
        api(viewer)
        .patch(f"/api/v1/assets/{asset.pk}", {"facets": {"topic": ["ROI"]}}, content_type="application/json")
        .status_code
        == 403
    )
