from django.contrib.auth.models import Group

from quiver.accounts import services
from quiver.accounts.models import User
from quiver.core.roles import Role

from .helpers import client_for, count_queries, csrf_post, last_audit


def test_create_user_through_the_form(admin_user):
    client = client_for(admin_user)
    partners = Group.objects.create(name="Partners")
    response = csrf_post(
        client,
        "/accounts/users/new/",
        {
            "username": "nina",
            "first_name": "Nina",
            "last_name": "Ng",
            "email": "nina@example.com",
            "role": "editor",
            "password": "a-long-password-1",
            "groups": [partners.pk],
        },
    )
    user = User.objects.get(username="nina")
    assert response.status_code == 302 and response["Location"] == f"/accounts/users/{user.pk}/"
    assert user.role == Role.EDITOR and user.check_password("a-long-password-1")
    assert list(user.groups.values_list("name", flat=True)) == ["Partners"]
    assert last_audit("user.create").actor == admin_user
    assert last_audit("user.groups").after == {"groups": ["Partners"]}


def test_create_user_rejects_short_password_and_duplicates(admin_user, viewer):
    client = client_for(admin_user)
    response = csrf_post(client, "/accounts/users/new/", {"username": "VERA", "role": "viewer", "password": "short"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "already exists" in html and "too short" in html
    assert User.objects.count() == 2


def test_change_role_groups_profile(admin_user, viewer):
    client = client_for(admin_user)
    assert csrf_post(client, f"/accounts/users/{viewer.pk}/role/", {"role": "editor"}).status_code == 302
    viewer.refresh_from_db()
    assert viewer.role == Role.EDITOR
    assert (last_audit("user.role").before, last_audit("user.role").after) == ({"role": "viewer"}, {"role": "editor"})
    marketing = Group.objects.get(name="Marketing")
    csrf_post(client, f"/accounts/users/{viewer.pk}/groups/", {"groups": [marketing.pk]})
    assert list(viewer.groups.values_list("name", flat=True)) == ["Marketing"]
    assert last_audit("user.groups").before == {"groups": ["Sales"]}
    csrf_post(
        client,
        f"/accounts/users/{viewer.pk}/profile/",
        {"first_name": "Vera", "last_name": "V", "email": "v@example.com"},
    )
    viewer.refresh_from_db()
    assert viewer.get_full_name() == "Vera V"
    assert last_audit("user.update").after["email"] == "v@example.com"


def test_deactivate_and_reactivate(admin_user, viewer):
    client = client_for(admin_user)
    csrf_post(client, f"/accounts/users/{viewer.pk}/active/", {"active": "0"})
    viewer.refresh_from_db()
    assert not viewer.is_active and User.objects.filter(pk=viewer.pk).exists()
    assert last_audit("user.deactivate").after == {"role": "viewer", "is_active": False}
    # A deactivated user is signed out of the web.
    assert client_for(viewer).get("/accounts/me/").status_code == 302
    csrf_post(client, f"/accounts/users/{viewer.pk}/active/", {"active": "1"})
    viewer.refresh_from_db()
    assert viewer.is_active and last_audit("user.activate").before["is_active"] is False


def test_last_admin_cannot_demote_or_deactivate_self_via_ui(admin_user):
    client = client_for(admin_user)
    response = csrf_post(client, f"/accounts/users/{admin_user.pk}/role/", {"role": "viewer"})
    assert response.status_code == 400 and b"last active admin" in response.content
    response = csrf_post(client, f"/accounts/users/{admin_user.pk}/active/", {"active": "0"})
    assert response.status_code == 400
    admin_user.refresh_from_db()
    assert admin_user.is_active and admin_user.role == Role.ADMIN
    assert last_audit("user.role") is None and last_audit("user.deactivate") is None


def test_user_text_is_escaped(admin_user):
    services.create_user("mallory", "viewer", "pw-mallory-1", first_name="<script>alert(1)</script>")
    Group.objects.create(name="<img src=x onerror=alert(1)>")
    html = client_for(admin_user).get("/accounts/users/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    groups_html = client_for(admin_user).get("/accounts/groups/").content.decode()
    assert "<img src=x" not in groups_html and "&lt;img src=x" in groups_html


def test_user_list_filters(admin_user, editor, viewer):
    client = client_for(admin_user)
    html = client.get("/accounts/users/?role=editor").content.decode()
    assert "eddie" in html and "vera" not in html
    services.set_active(viewer, False, actor=admin_user)
    html = client.get("/accounts/users/?active=no").content.decode()
    assert "vera" in html and "eddie" not in html


def test_user_list_has_no_n_plus_one(admin_user):
    client = client_for(admin_user)
    for i in range(3):
        services.create_user(f"u{i}", "viewer", "pw-user-1234")
    few = count_queries(client, "/accounts/users/")
    groups = [Group.objects.create(name=f"G{i}") for i in range(5)]
    for i in range(3, 30):
        user = services.create_user(f"u{i}", "editor", "pw-user-1234")
        user.groups.add(*groups[: i % 5])
    assert count_queries(client, "/accounts/users/") == few
    assert few <= 8


def test_user_detail_shows_tokens_and_history_link(admin_user, editor):
    services.issue_token(editor, "Zapier")
    html = client_for(admin_user).get(f"/accounts/users/{editor.pk}/").content.decode()
    assert "Zapier" in html
    assert f"/audit/?object_type=user&amp;object_id={editor.pk}" in html
