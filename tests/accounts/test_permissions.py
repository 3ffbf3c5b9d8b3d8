"""Every administration page against every role: anonymous -> login, non-admins -> 403, admins -> 200."""

import pytest
from django.contrib.auth.models import Group

from quiver.accounts import services
from quiver.accounts.models import ApiToken

from .helpers import client_for, csrf_post

ADMIN_PAGES = [
    "/accounts/users/",
    "/accounts/users/new/",
    "/accounts/users/{viewer}/",
    "/accounts/groups/",
    "/accounts/groups/{sales}/",
    "/accounts/grants/",
    "/accounts/grants/{root}/",
    "/accounts/tokens/all/",
    "/audit/",
    "/audit/usage/",
]
ADMIN_POSTS = [
    "/accounts/users/new/",
    "/accounts/users/{viewer}/role/",
    "/accounts/users/{viewer}/groups/",
    "/accounts/users/{viewer}/active/",
    "/accounts/users/{viewer}/profile/",
    "/accounts/groups/",
    "/accounts/groups/{sales}/rename/",
    "/accounts/groups/{sales}/members/",
    "/accounts/grants/{root}/set/",
    "/accounts/grants/{root}/remove/{sales}/",
]
SELF_PAGES = ["/accounts/me/", "/accounts/me/password/", "/accounts/tokens/"]


@pytest.fixture
def ids(root, viewer):
    return {"viewer": viewer.pk, "sales": Group.objects.get(name="Sales").pk, "root": root.pk}


@pytest.fixture
def people(admin_user, editor, viewer):
    return {"admin": admin_user, "editor": editor, "viewer": viewer, "anonymous": None}


@pytest.mark.parametrize("url", ADMIN_PAGES + SELF_PAGES)
def test_anonymous_is_sent_to_login(client, ids, url):
    response = client.get(url.format(**ids))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("role", ["editor", "viewer"])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_non_admins_get_403_on_admin_pages(people, ids, role, url):
    assert client_for(people[role]).get(url.format(**ids)).status_code == 403


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_render_for_admins(people, ids, url):
    response = client_for(people["admin"]).get(url.format(**ids))
    assert response.status_code == 200
    assert b"admin.css" in response.content


@pytest.mark.parametrize("role", ["admin", "editor", "viewer"])
@pytest.mark.parametrize("url", SELF_PAGES)
def test_self_service_pages_for_everyone(people, role, url):
    assert client_for(people[role]).get(url).status_code == 200


@pytest.mark.parametrize("role", ["editor", "viewer"])
@pytest.mark.parametrize("url", ADMIN_POSTS)
def test_non_admin_posts_refused_and_change_nothing(people, ids, role, url):
    from quiver.core.models import AuditEntry

    before = AuditEntry.objects.count()
    response = csrf_post(
        client_for(people[role]),
        url.format(**ids),
        {
            "role": "admin",
            "name": "Hacked",
            "active": "0",
            "username": "x",
            "password": "pw-xxxxxxx1",
            "group": ids["sales"],
            "level": "edit",
            "members": [people[role].pk],
        },
    )
    assert response.status_code == 403
    assert AuditEntry.objects.count() == before
    people[role].refresh_from_db()
    assert people[role].role == role


def test_admin_posts_need_csrf(people, ids):
    client = client_for(people["admin"])
    response = client.post(f"/accounts/users/{ids['viewer']}/role/", {"role": "admin"})
    assert response.status_code == 403
    people["viewer"].refresh_from_db()
    assert people["viewer"].role == "viewer"


def test_get_on_action_urls_not_allowed(people, ids):
    client = client_for(people["admin"])
    assert client.get(f"/accounts/users/{ids['viewer']}/role/").status_code == 405


def test_someone_elses_token_cannot_be_revoked_by_non_admin(editor, viewer):
    services.issue_token(viewer, "mine")
    token = ApiToken.objects.get(user=viewer)
    response = csrf_post(client_for(editor), f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert not token.revoked


def test_admin_nav_links_only_for_admins(people):
    admin_page = client_for(people["admin"]).get("/accounts/me/").content.decode()
    viewer_page = client_for(people["viewer"]).get("/accounts/me/").content.decode()
    assert 'href="/accounts/users/"' in admin_page
    assert 'href="/accounts/users/"' not in viewer_page
