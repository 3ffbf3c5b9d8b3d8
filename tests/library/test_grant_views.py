from django.contrib.auth.models import Group

from quiver.library import grants, policy
from quiver.library import services as library
from quiver.library.models import CollectionGrant
from tests.accounts.helpers import client_for, count_queries, csrf_post, last_audit


def _tree(admin_user, root):
    emea = library.create_collection(admin_user, name="EMEA", parent=root)
    germany = library.create_collection(admin_user, name="Germany", parent=emea)
    return emea, germany


def test_effective_access_is_inherited_down_the_tree(admin_user, root):
    emea, germany = _tree(admin_user, root)
    partners = Group.objects.create(name="Partners")
    grants.set_grant(emea, partners, "view", actor=admin_user)
    rows = {row.collection.name: row for row in grants.access_tree()}
    by_group = {a.group.name: a for a in rows["Germany"].effective}
    assert by_group["Partners"].level == "view" and by_group["Partners"].inherited
    assert by_group["Partners"].source == emea
    assert by_group["Marketing"].level == "edit" and by_group["Marketing"].source == root
    assert "Partners" not in {a.group.name for a in rows["Library"].effective}
    # A nearer edit grant outranks an inherited view.
    grants.set_grant(germany, partners, "edit", actor=admin_user)
    access = grants.collection_access(germany)
    partners_access = next(a for a in access.effective if a.group == partners)
    assert partners_access.level == "edit" and not partners_access.inherited


def test_grant_set_and_remove_through_the_ui_changes_policy(admin_user, root, editor):
    emea, germany = _tree(admin_user, root)
    partners = Group.objects.create(name="Partners")
    CollectionGrant.objects.filter(group__name="Marketing").delete()
    editor.groups.set([partners])
    assert not policy.can_add_to_collection(editor, germany)

    client = client_for(admin_user)
    response = csrf_post(client, f"/accounts/grants/{emea.pk}/set/", {"group": partners.pk, "level": "edit"})
    assert response.status_code == 302
    assert policy.can_add_to_collection(editor, germany)
    entry = last_audit("grant.set")
    assert entry.object_type == "collection" and entry.object_id == str(emea.pk)
    assert entry.before == {"grants": []} and entry.after == {"grants": ["Partners: edit"]}

    csrf_post(client, f"/accounts/grants/{emea.pk}/set/", {"group": partners.pk, "level": "view"})
    assert list(CollectionGrant.objects.filter(collection=emea).values_list("level", flat=True)) == ["view"]
    assert not policy.can_add_to_collection(editor, germany)
    assert policy.viewable_collections(editor).filter(pk=germany.pk).exists()
    assert last_audit("grant.set").before == {"grants": ["Partners: edit"]}

    page = client.get(f"/accounts/grants/{germany.pk}/").content.decode()
    assert "inherited from" in page and "EMEA" in page and "eddie" in page

    csrf_post(client, f"/accounts/grants/{emea.pk}/remove/{partners.pk}/")
    assert not CollectionGrant.objects.filter(collection=emea).exists()
    assert not policy.viewable_collections(editor).filter(pk=germany.pk).exists()
    entry = last_audit("grant.remove")
    assert entry.before == {"grants": ["Partners: view"]} and entry.after == {"grants": []}


def test_bad_grant_level_rejected(admin_user, root):
    response = csrf_post(
        client_for(admin_user),
        f"/accounts/grants/{root.pk}/set/",
        {"group": Group.objects.get(name="Sales").pk, "level": "own"},
    )
    assert response.status_code == 400
    assert set(CollectionGrant.objects.values_list("level", flat=True)) == {"view", "edit"}


def test_people_capability_is_capped_by_role(admin_user, root, editor, viewer):
    access = grants.collection_access(root)
    people = {u.username: capability for u, _level, capability, _via in grants.members_access(access)}
    assert people["eddie"] == "edit" and people["vera"] == "view published"
    assert people["ada"] == "admin (everything)"
    viewer.groups.add(Group.objects.get(name="Marketing"))  # an edit grant does not let a viewer edit
    people = {u.username: c for u, _l, c, _v in grants.members_access(grants.collection_access(root))}
    assert people["vera"] == "view published"


def test_overview_has_no_n_plus_one(admin_user, root):
    client = client_for(admin_user)
    few = count_queries(client, "/accounts/grants/")
    parent = root
    for i in range(12):
        parent = library.create_collection(admin_user, name=f"C{i}", parent=parent if i % 2 else root)
        grants.set_grant(parent, Group.objects.get(name="Sales"), "edit", actor=admin_user)
    assert count_queries(client, "/accounts/grants/") == few
    many = count_queries(client, f"/accounts/grants/{parent.pk}/")
    assert many <= 10


def test_user_page_shows_the_users_effective_access(admin_user, root, viewer):
    emea, germany = _tree(admin_user, root)
    partners = Group.objects.create(name="Partners")
    grants.set_grant(emea, partners, "edit", actor=admin_user)
    viewer.groups.set([partners])
    rows = {c.name: (level, capability) for c, level, capability, _via in grants.user_access(viewer)}
    assert rows == {"EMEA": ("edit", "view published"), "Germany": ("edit", "view published")}
    html = client_for(admin_user).get(f"/accounts/users/{viewer.pk}/").content.decode()
    assert "Germany" in html and "view published" in html
    viewer.groups.clear()
    assert grants.user_access(viewer) == []
