from django.contrib.auth.models import Group

from .helpers import client_for, csrf_post, last_audit


def test_my_account_shows_role_and_groups(editor):
    editor.groups.add(Group.objects.create(name="Field marketing"))
    html = client_for(editor).get("/accounts/me/").content.decode()
    assert "Editor (marketing)" in html and "Field marketing" in html and "Marketing" in html


def test_change_password(viewer):
    client = client_for(viewer)
    response = csrf_post(
        client,
        "/accounts/me/password/",
        {
            "old_password": "pw-viewer-123",
            "new_password1": "a-new-long-password",
            "new_password2": "a-new-long-password",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/me/"
    viewer.refresh_from_db()
    assert viewer.check_password("a-new-long-password")
    entry = last_audit("user.password")
    assert entry.actor == viewer and "a-new-long-password" not in str(entry.after)
    assert client.get("/accounts/me/").status_code == 200  # still signed in (session hash updated)


def test_change_password_needs_the_old_one(viewer):
    response = csrf_post(
        client_for(viewer),
        "/accounts/me/password/",
        {"old_password": "wrong", "new_password1": "a-new-long-password", "new_password2": "a-new-long-password"},
    )
    assert response.status_code == 200 and b"incorrectly" in response.content
    viewer.refresh_from_db()
    assert viewer.check_password("pw-viewer-123") and last_audit("user.password") is None
