from django.contrib.auth.models import Group

from quiver.accounts import services

from .helpers import client_for, count_queries, csrf_post, last_audit


def test_create_rename_and_members(admin_user, editor, viewer):
    client = client_for(admin_user)
    response = csrf_post(client, "/accounts/groups/", {"name": "Partners"})
    group = Group.objects.get(name="Partners")
    assert response.status_code == 302 and response["Location"] == f"/accounts/groups/{group.pk}/"
    assert last_audit("group.create").after == {"name": "Partners"}

    assert csrf_post(client, "/accounts/groups/", {"name": "partners"}).status_code == 400
    assert Group.objects.filter(name__iexact="partners").count() == 1

    csrf_post(client, f"/accounts/groups/{group.pk}/rename/", {"name": "Channel partners"})
    group.refresh_from_db()
    assert group.name == "Channel partners"
    entry = last_audit("group.rename")
    assert (entry.before, entry.after) == ({"name": "Partners"}, {"name": "Channel partners"})

    response = csrf_post(client, f"/accounts/groups/{group.pk}/rename/", {"name": "Sales"})
    assert response.status_code == 400 and b"already exists" in response.content

    csrf_post(client, f"/accounts/groups/{group.pk}/members/", {"members": [editor.pk, viewer.pk]})
    assert set(group.user_set.values_list("username", flat=True)) == {"eddie", "vera"}
    assert last_audit("group.members").after == {"members": ["eddie", "vera"]}
    csrf_post(client, f"/accounts/groups/{group.pk}/members/", {})
    assert group.user_set.count() == 0
    assert last_audit("group.members").before == {"members": ["eddie", "vera"]}


def test_group_list_counts_without_n_plus_one(admin_user, editor, viewer):
    client = client_for(admin_user)
    few = count_queries(client, "/accounts/groups/")
    for i in range(15):
        group = services.create_group(f"Team {i}")
        group.user_set.add(editor, viewer)
    assert count_queries(client, "/accounts/groups/") == few
    html = client.get("/accounts/groups/").content.decode()
    assert "Team 14" in html


def test_group_detail_lists_members_and_grants(admin_user, viewer, root):
    html = client_for(admin_user).get(f"/accounts/groups/{Group.objects.get(name='Sales').pk}/").content.decode()
    assert "vera" in html and root.name in html and "View and download" in html
