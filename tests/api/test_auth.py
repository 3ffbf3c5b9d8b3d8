from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from quiver.accounts.models import ApiToken
from quiver.accounts.services import issue_token


def test_no_credentials_is_401_json(db, link_asset):
    for url in ["/api/v1/assets", f"/api/v1/assets/{link_asset.pk}", "/api/v1/collections", "/api/v1/tags"]:
        response = Client().get(url)
        assert response.status_code == 401, url
        assert "detail" in response.json()
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert Client().post("/api/v1/tags", {"name": "x"}, content_type="application/json").status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer qv_not-a-real-token", "Bearer ", "Token abc", "Basic dXNlcjpwdw==", "Bearer " + "x" * 5000]
)
def test_wrong_token_is_401(db, header):
    assert Client(headers={"Authorization": header}).get("/api/v1/assets").status_code == 401


def test_revoked_token_and_inactive_user_are_401(viewer):
    raw = issue_token(viewer)
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    assert client.get("/api/v1/assets").status_code == 200
    ApiToken.objects.filter(user=viewer).update(revoked=True)
    assert client.get("/api/v1/assets").status_code == 401
    raw = issue_token(viewer)
    viewer.is_active = False
    viewer.save()
    assert Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/assets").status_code == 401


def test_last_used_at_is_written_at_most_once_a_minute(viewer):
    raw = issue_token(viewer)
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    token = ApiToken.objects.get(user=viewer)
    assert token.last_used_at is None
    client.get("/api/v1/tags")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/v1/tags")
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get("/api/v1/tags")
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(seconds=1)
    assert timezone.now() - token.last_used_at < timedelta(seconds=30)


def test_token_of_one_user_never_acts_as_another(editor, viewer, link_asset):
    client = Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"})
    response = client.patch(f"/api/v1/assets/{link_asset.pk}", {"title": "Hacked"}, content_type="application/json")
    assert response.status_code == 403


def test_session_cookie_works_and_unsafe_methods_need_csrf(editor, link_asset):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(f"/api/v1/assets/{link_asset.pk}").status_code == 200
    body = {"title": "Renamed"}
    response = client.patch(f"/api/v1/assets/{link_asset.pk}", body, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    client.get("/api/v1/docs")  # any page that sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.patch(
        f"/api/v1/assets/{link_asset.pk}", body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Renamed"


def test_a_bad_bearer_header_does_not_fall_back_to_the_session(editor):
    client = Client(headers={"Authorization": "Bearer wrong"})
    client.force_login(editor)
    assert client.get("/api/v1/assets").status_code == 401


def test_openapi_schema_and_docs_load(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    for path in [
        "/api/v1/assets",
        "/api/v1/assets/{asset_id}",
        "/api/v1/assets/{asset_id}/versions",
        "/api/v1/assets/{asset_id}/download",
        "/api/v1/collections",
        "/api/v1/tags",
    ]:
        assert path in paths
    assert {"get", "post"} <= set(paths["/api/v1/assets"])
    assert "patch" in paths["/api/v1/assets/{asset_id}"]
    assert any(s.get("scheme") == "bearer" for s in schema["components"]["securitySchemes"].values())
    asset = schema["components"]["schemas"]["AssetOut"]["properties"]
    assert {"status", "failure_reason", "lifecycle", "current_version", "urls"} <= set(asset)
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"swagger-ui-bundle.js" in docs.content and b"cdn.jsdelivr" not in docs.content
    assert "script-src 'self'" in docs["Content-Security-Policy"]


def test_me_tells_whose_token_it_is(editor, viewer):
    body = Client(headers={"Authorization": f"Bearer {issue_token(editor)}"}).get("/api/v1/me").json()
    assert (body["username"], body["role"], body["can_create_assets"], body["is_admin"]) == (
        "eddie",
        "editor",
        True,
        False,
    )
    body = Client(headers={"Authorization": f"Bearer {issue_token(viewer)}"}).get("/api/v1/me").json()
    assert (body["username"], body["can_create_assets"]) == ("vera", False)
