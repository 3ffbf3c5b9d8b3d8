"""The lifecycle API end to end: review flow by role, verification, lifecycle settings, trash, merge."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from quiver.accounts.services import issue_token


def _api(user):
    return Client(headers={"Authorization": f"Bearer {issue_token(user)}"})


@pytest.fixture
def clients(editor, approver, viewer, admin_user):
    return {"editor": _api(editor), "approver": _api(approver), "viewer": _api(viewer), "admin": _api(admin_user)}


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_review_flow(draft, clients):
    base = f"/api/v1/assets/{draft.pk}"
    assert _post(clients["viewer"], f"{base}/submit").status_code == 404  # drafts are invisible to viewers
    body = _post(clients["editor"], f"{base}/submit", {"comment": "For legal"}).json()
    assert body["lifecycle"] == "in_review" and body["request"]["status"] == "pending"
    assert [a["asset"] for a in clients["approver"].get("/api/v1/approvals").json()] == [draft.pk]
    assert clients["editor"].get("/api/v1/approvals").json() == []  # not their own
    assert clients["viewer"].get("/api/v1/approvals").status_code == 403
    assert _post(clients["editor"], f"{base}/approve").status_code == 403
    assert _post(clients["approver"], f"{base}/reject", {"comment": ""}).status_code == 400
    assert _post(clients["approver"], f"{base}/comment", {"comment": "Slide 2?"}).status_code == 200
    body = _post(clients["approver"], f"{base}/approve", {"comment": "OK"}).json()
    assert body["lifecycle"] == "published" and body["request"]["decided_by"] == "april"
    assert [e["kind"] for e in body["trail"]] == ["submitted", "comment", "approved", "published"]
    assert clients["viewer"].get(base).status_code == 200


def test_verify_and_lifecycle_settings(published, clients, viewer):
    base = f"/api/v1/assets/{published.pk}"
    assert _post(clients["viewer"], f"{base}/verify").status_code == 403
    body = _post(clients["editor"], f"{base}/verify", {"note": "ok"}).json()
    assert body["cadence_days"] == 180
    assert body["verified_until"] == (timezone.localdate() + timedelta(days=180)).isoformat()
    expires = (timezone.now() - timedelta(hours=1)).isoformat()
    response = clients["editor"].patch(
        f"{base}/lifecycle", {"expires_at": expires, "verifier": viewer.pk}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["expired"] is True
    assert response.json()["verifier"] == viewer.pk
    assert clients["viewer"].get(f"{base}/download").status_code == 403
    assert _post(clients["viewer"], f"{base}/verify").status_code == 200  # now the named verifier
    response = clients["editor"].patch(f"{base}/lifecycle", {"replaced_by": 999999}, content_type="application/json")
    assert response.status_code == 400


def test_delete_to_trash_and_restore(published, clients):
    base = f"/api/v1/assets/{published.pk}"
    assert clients["editor"].delete(base).status_code == 403
    assert clients["admin"].delete(base).status_code == 204
    assert clients["admin"].get(base).status_code == 404
    assert clients["viewer"].get(base).status_code == 404
    trash = clients["admin"].get("/api/v1/trash").json()
    assert [t["id"] for t in trash] == [published.pk] and trash[0]["deleted_by"] == "ada"
    assert clients["editor"].get("/api/v1/trash").status_code == 403
    assert _post(clients["editor"], f"/api/v1/trash/{published.pk}/restore").status_code == 403
    assert _post(clients["admin"], f"/api/v1/trash/{published.pk}/restore").json()["id"] == published.pk
    assert clients["viewer"].get(base).status_code == 200


def test_merge_via_api(published, clients, editor, root):
    from quiver.library import services as library

    twin = library.create_asset(editor, title="Twin", collections=[root], link_url="https://e.com/t")
    response = _post(clients["editor"], f"/api/v1/assets/{published.pk}/merge", {"into": twin.pk})
    assert response.status_code == 200 and response.json()["id"] == twin.pk
    response = clients["viewer"].get(f"/api/v1/assets/{published.pk}")
    assert response.status_code == 301 and response.json()["merged_into"] == twin.pk
    assert clients["viewer"].get("/api/v1/assets?page_size=100").json()["count"] == 1


def test_asset_json_carries_the_lifecycle(published, clients, editor):
    from quiver.lifecycle import services

    services.set_expiry(editor, published, timezone.now() - timedelta(minutes=1))
    services.set_internal_only(editor, published, True)
    item = clients["viewer"].get("/api/v1/assets").json()["items"][0]
    assert item["expired"] is True and item["internal_only"] is True and item["expires_at"]
