import hashlib
import re

from quiver.accounts import services
from quiver.accounts.models import ApiToken
from quiver.accounts.tokens import user_for_token
from tests.conftest import require

from .helpers import client_for, count_queries, csrf_post, last_audit

RAW_RE = re.compile(r'value="(qv_[A-Za-z0-9_-]+)"')


def test_token_shown_once_hash_stored_and_usable(viewer):
    client = client_for(viewer)
    response = csrf_post(client, "/accounts/tokens/", {"name": "Laptop script"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = RAW_RE.search(response.content.decode()).group(1)
    token = ApiToken.objects.get(user=viewer)
    assert token.name == "Laptop script" and token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert user_for_token(raw) == viewer
    assert last_audit("token.issue").actor == viewer
    # Never again: not on the list, not on my account page, not in the audit log.
    for url in ("/accounts/tokens/", "/accounts/me/"):
        html = client.get(url).content.decode()
        assert raw not in html and token.prefix in html
    assert raw not in str(last_audit("token.issue").after)


def test_token_usable_on_the_api_when_mounted(viewer, client):
    """The API (another engineer's) authenticates with accounts.tokens; a revoked token gets 401 there."""
    raw = services.issue_token(viewer, "api")
    url = "/api/v1/assets"
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")
    require(response.status_code != 404, "the /api/v1/assets endpoint is not mounted yet")
    assert response.status_code == 200
    services.revoke_token(ApiToken.objects.get(user=viewer), actor=viewer)
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_user_revokes_own_token(viewer):
    raw = services.issue_token(viewer, "old")
    token = ApiToken.objects.get(user=viewer)
    response = csrf_post(client_for(viewer), f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302 and response["Location"] == "/accounts/tokens/"
    token.refresh_from_db()
    assert token.revoked and user_for_token(raw) is None
    assert last_audit("token.revoke").actor == viewer


def test_admin_sees_and_revokes_anyones_tokens(admin_user, editor, viewer):
    services.issue_token(editor, "eddie-crm")
    services.issue_token(viewer, "vera-sheet")
    client = client_for(admin_user)
    html = client.get("/accounts/tokens/all/").content.decode()
    assert "eddie-crm" in html and "vera-sheet" in html
    assert "vera-sheet" not in client.get("/accounts/tokens/all/?user=eddie").content.decode()
    token = ApiToken.objects.get(user=viewer)
    response = csrf_post(client, f"/accounts/tokens/{token.pk}/revoke/", {"next": "admin"})
    assert response["Location"] == "/accounts/tokens/all/"
    token.refresh_from_db()
    assert token.revoked and last_audit("token.revoke").actor == admin_user
    assert "vera-sheet" not in client.get("/accounts/tokens/all/").content.decode()
    assert "vera-sheet" in client.get("/accounts/tokens/all/?revoked=1").content.decode()


def test_users_see_only_their_own_tokens(editor, viewer):
    services.issue_token(editor, "eddie-secret-name")
    assert b"eddie-secret-name" not in client_for(viewer).get("/accounts/tokens/").content


def test_all_tokens_list_has_no_n_plus_one(admin_user, editor, viewer):
    client = client_for(admin_user)
    services.issue_token(editor, "a")
    few = count_queries(client, "/accounts/tokens/all/")
    for i in range(20):
        services.issue_token([editor, viewer, admin_user][i % 3], f"t{i}")
    assert count_queries(client, "/accounts/tokens/all/") == few


def test_empty_token_name_rejected(viewer):
    response = csrf_post(client_for(viewer), "/accounts/tokens/", {"name": "  "})
    assert response.status_code == 400 and not ApiToken.objects.exists()
