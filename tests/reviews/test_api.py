"""GET /api/v1/reviews/queue and the sessions API."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from quiver.accounts.services import issue_token
from quiver.library.models import Asset, AssetStatus, AssetType
from quiver.reviews.models import ReviewSession

DAY = dt.timedelta(days=1)


@pytest.fixture
def api():
    def _api(user):
        return Client(headers={"Authorization": f"Bearer {issue_token(user)}"})

    return _api


@pytest.fixture
def library(make, admin_user, secret):
    now = timezone.now()
    return {
        "expired": make("Old pricing", expires_at=now - DAY, created_at=now - DAY),
        "expiring": make("Soon gone", asset_type=AssetType.IMAGE, expires_at=now + DAY, created_at=now - DAY),
        "fine": make("Fine", created_at=now - DAY),
        "hidden": make(
            "Board plan", actor=admin_user, collections=[secret], expires_at=now - DAY, created_at=now - DAY
        ),
    }


def test_queue_returns_asset_ids_and_reasons(library, editor, api):
    response = api(editor).get("/api/v1/reviews/queue")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2 and data["counts"]["expired"] == 1 and data["counts"]["expiring"] == 1
    by_id = {item["asset_id"]: item for item in data["items"]}
    assert set(by_id) == {library["expired"].pk, library["expiring"].pk}
    reason = by_id[library["expired"].pk]["reasons"][0]
    assert reason["signal"] == "expired" and reason["label"] == "Expired" and reason["text"].startswith("Expired on")
    assert by_id[library["expired"].pk]["web_url"].endswith(f"/assets/{library['expired'].pk}/")


def test_queue_filters_and_pages(library, editor, api):
    client = api(editor)
    data = client.get("/api/v1/reviews/queue?signal=expiring").json()
    assert [i["asset_id"] for i in data["items"]] == [library["expiring"].pk]
    data = client.get("/api/v1/reviews/queue?asset_type=image").json()
    assert [i["asset_id"] for i in data["items"]] == [library["expiring"].pk]
    data = client.get(f"/api/v1/reviews/queue?owner={library['fine'].owner_id}&page_size=1").json()
    assert data["count"] == 2 and len(data["items"]) == 1 and "page=2" in data["next"]
    response = client.get("/api/v1/reviews/queue?signal=nonsense")
    assert response.status_code == 400 and "Unknown signal" in str(response.json()["detail"])
    assert client.get("/api/v1/reviews/queue?asset_type=nonsense").status_code == 400
    assert client.get("/api/v1/reviews/queue?owner=x").status_code == 422  # not a number: refused by the schema


def test_queue_permissions(library, viewer, admin_user, api, client):
    assert client.get("/api/v1/reviews/queue").status_code == 401
    assert api(viewer).get("/api/v1/reviews/queue").status_code == 403
    assert api(viewer).get("/api/v1/reviews/signals").status_code == 403
    data = api(admin_user).get("/api/v1/reviews/queue").json()
    assert library["hidden"].pk in {i["asset_id"] for i in data["items"]}


def test_signals_list_every_registered_signal(library, editor, api):
    signals = api(editor).get("/api/v1/reviews/signals").json()
    assert [s["key"] for s in signals][:2] == ["expired", "verification_overdue"]
    assert {s["key"]: s["count"] for s in signals}["expired"] == 1


def test_sessions_through_the_api(library, editor, other_editor, api):
    client = api(editor)
    response = client.post(
        "/api/v1/reviews/sessions", {"kind": "queue", "signal": "expired"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    session = response.json()
    assert session["scope_label"] == "The review queue" and [i["asset_title"] for i in session["items"]] == [
        "Old pricing"
    ]
    item = session["items"][0]
    url = f"/api/v1/reviews/sessions/{session['id']}"
    response = client.post(
        f"{url}/items/{item['id']}/action", {"action": "archive", "note": "gone"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["outcome"] == "archived"
    assert Asset.objects.get(pk=library["expired"].pk).status == AssetStatus.ARCHIVED
    bad = client.post(f"{url}/items/{item['id']}/action", {"action": "explode"}, content_type="application/json")
    assert bad.status_code == 400
    assert api(other_editor).get(url).status_code == 404
    assert client.post(f"{url}/pause").json()["status"] == "paused"
    assert (
        client.post(f"{url}/items/{item['id']}/action", {"action": "skip"}, content_type="application/json").status_code
        == 400
    )
    assert client.post(f"{url}/resume").json()["status"] == "active"
    assert client.post(f"{url}/finish").json()["status"] == "finished"
    detail = client.get(url).json()
    assert detail["summary"]["outcomes"]["archived"] == 1 and detail["summary"]["reviewed"] == 1
    assert detail["items"][0]["note"] == "gone"
    assert [s["id"] for s in client.get("/api/v1/reviews/sessions").json()] == [session["id"]]


def test_starting_a_session_over_nothing_is_a_400(editor, api):
    response = api(editor).post("/api/v1/reviews/sessions", {"kind": "queue"}, content_type="application/json")
    assert response.status_code == 400 and "Nothing to review" in response.json()["detail"]
    assert not ReviewSession.objects.exists()
