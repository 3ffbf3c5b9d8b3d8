from django.contrib.auth.models import Group
from django.urls import reverse

from quiver.library import services
from quiver.library.models import Collection, CollectionGrant


def test_tree_and_collection_page_show_only_visible(logged_in, editor, viewer, admin_user, root):
    emea = services.create_collection(admin_user, name="EMEA", parent=root)
    services.create_collection(admin_user, name="Germany", parent=emea)
    services.create_asset(editor, title="Visible", link_url="https://e.com/1", collections=[emea])
    services.create_asset(editor, title="Draft one", link_url="https://e.com/2", collections=[emea], status="draft")
    client = logged_in(viewer)
    tree = client.get(reverse("library:collections")).content.decode()
    assert "EMEA" in tree and "Germany" in tree
    assert "1 asset<" in tree  # EMEA: the visible asset only, not the draft
    page = client.get(reverse("library:collection", args=[emea.pk])).content.decode()
    assert "Visible" in page and "Draft one" not in page and "Germany" in page
    assert "New sub-collection" not in page


def test_hidden_collection_is_404(logged_in, viewer, admin_user, root):
    secret = services.create_collection(admin_user, name="Secret", parent=None)
    client = logged_in(viewer)
    assert client.get(reverse("library:collection", args=[secret.pk])).status_code == 404
    assert "Secret" not in client.get(reverse("library:collections")).content.decode()


def test_editor_creates_sub_collection_viewer_cannot(logged_in, editor, viewer, root):
    client = logged_in(editor)
    assert "New sub-collection" in client.get(reverse("library:collection", args=[root.pk])).content.decode()
    response = client.post(reverse("library:collection_create", args=[root.pk]), {"name": "Healthcare"})
    created = Collection.objects.get(name="Healthcare")
    assert response.status_code == 302 and created.parent == root
    duplicate = client.post(reverse("library:collection_create", args=[root.pk]), {"name": "Healthcare"}, follow=True)
    assert "not created" in duplicate.content.decode()
    assert (
        logged_in(viewer).post(reverse("library:collection_create", args=[root.pk]), {"name": "Nope"}).status_code
        == 403
    )
    assert logged_in(editor).post(reverse("library:collection_create_top"), {"name": "Top"}).status_code == 403
    assert not Collection.objects.filter(name__in=["Nope", "Top"]).exists()


def test_editor_without_edit_grant_cannot_create_below(logged_in, editor, admin_user, root):
    locked = services.create_collection(admin_user, name="Locked", parent=None)
    CollectionGrant.objects.create(collection=locked, group=Group.objects.get(name="Marketing"), level="view")
    client = logged_in(editor)
    assert client.get(reverse("library:collection", args=[locked.pk])).status_code == 200
    assert client.post(reverse("library:collection_create", args=[locked.pk]), {"name": "X"}).status_code == 403


def test_admin_creates_top_level_collection(logged_in, admin_user):
    response = logged_in(admin_user).post(reverse("library:collection_create_top"), {"name": "Partners"})
    assert response.status_code == 302
    assert Collection.objects.get(name="Partners").parent is None


def test_error_pages_are_styled(logged_in, viewer, settings):
    settings.DEBUG = False
    client = logged_in(viewer)
    missing = client.get(reverse("library:asset", args=[424242]))
    assert missing.status_code == 404 and b"Back to the library" in missing.content
    denied = client.get(reverse("library:upload"))
    assert denied.status_code == 403 and b"You may not do this" in denied.content


def test_collection_pages_query_count_is_bounded(
    logged_in, editor, viewer, admin_user, root, django_assert_max_num_queries
):
    for i in range(6):
        services.create_collection(admin_user, name=f"Region {i}", parent=root)
    for i in range(32):
        services.create_asset(
            editor, title=f"Asset {i}", link_url=f"https://e.com/{i}", collections=[root], tags=[f"t{i % 4}"]
        )
    for user in (viewer, editor):
        client = logged_in(user)
        # the page itself (12) plus the smart-rule panel of the taxonomy (3)
        with django_assert_max_num_queries(16):
            page = client.get(reverse("library:collection", args=[root.pk]), {"view": "list"})
        assert len(page.context["page"].object_list) == 24
        with django_assert_max_num_queries(10):
            assert client.get(reverse("library:collections")).status_code == 200


def test_breadcrumbs_link_only_collections_the_user_can_open(logged_in, admin_user, root):
    from quiver.accounts.services import create_user, set_groups

    products = services.create_collection(admin_user, name="Products", parent=root)
    ledger = services.create_collection(admin_user, name="Ledger", parent=products)
    group = Group.objects.create(name="Partners")
    CollectionGrant.objects.create(collection=ledger, group=group, level="view")
    partner = create_user("pat", "viewer", "pw-partner-123")
    set_groups(partner, [group])
    page = logged_in(partner).get(reverse("library:collection", args=[ledger.pk])).content.decode()
    crumbs = page[page.find('class="breadcrumbs"') : page.find("</nav>", page.find('class="breadcrumbs"'))]
    assert "Products" in crumbs and reverse("library:collection", args=[products.pk]) not in crumbs
    admin_page = logged_in(admin_user).get(reverse("library:collection", args=[ledger.pk])).content.decode()
    assert reverse("library:collection", args=[products.pk]) in admin_page
