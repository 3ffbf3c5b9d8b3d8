import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from quiver.library import services
from quiver.library.models import AssetStatus, CollectionGrant

HOME = reverse("library:home")


def test_login_required(client, db):
    response = client.get(HOME)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_login_page_and_login(client, viewer):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200
    assert b'for="id_username"' in page.content and b'for="id_password"' in page.content
    response = client.post(reverse("accounts:login"), {"username": "vera", "password": "pw-viewer-123"})
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200


def test_logout_is_a_post(logged_in, viewer):
    client = logged_in(viewer)
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(HOME).status_code == 302


def test_viewer_sees_only_visible_assets(logged_in, editor, viewer, root, admin_user):
    secret = services.create_collection(admin_user, name="Secret", parent=root)
    CollectionGrant.objects.filter(collection=root, group=Group.objects.get(name="Sales")).delete()
    sales_only = services.create_collection(admin_user, name="Sales kit", parent=root)
    CollectionGrant.objects.create(collection=sales_only, group=Group.objects.get(name="Sales"), level="view")
    services.create_asset(
        editor, title="Visible battlecard", link_url="https://example.com/a", collections=[sales_only]
    )
    services.create_asset(editor, title="Hidden roadmap", link_url="https://example.com/b", collections=[secret])
    services.create_asset(
        editor, title="Draft deck", link_url="https://example.com/c", collections=[sales_only], status=AssetStatus.DRAFT
    )
    body = logged_in(viewer).get(HOME).content.decode()
    assert "Visible battlecard" in body
    assert "Hidden roadmap" not in body
    assert "Draft deck" not in body
    assert 'name="status"' not in body  # the status filter is for editors


def test_filters_sort_and_layout(logged_in, editor, root, admin_user):
    sub = services.create_collection(admin_user, name="EMEA", parent=root)
    services.create_asset(
        editor, title="Alpha pricing", link_url="https://example.com/1", collections=[root], asset_type="pricing_sheet"
    )
    services.create_asset(
        editor,
        title="Beta case",
        description="a healthcare story",
        link_url="https://e.com/2",
        collections=[sub],
        asset_type="case_study",
    )
    services.create_asset(
        editor, title="Gamma draft", link_url="https://example.com/3", collections=[root], status=AssetStatus.DRAFT
    )
    archived = services.create_asset(editor, title="Old archived", link_url="https://e.com/4", collections=[root])
    services.archive_asset(editor, archived)
    client = logged_in(editor)

    def titles(**params):
        page = client.get(HOME, params).context["page"]
        return [a.title for a in page.object_list]

    assert "Old archived" not in titles()
    assert titles(status="archived") == ["Old archived"]
    assert titles(q="HEALTHCARE") == ["Beta case"]
    assert titles(q="healthcare", collection=999999) == ["Beta case"]  # a bad filter is dropped, not the rest
    assert titles(asset_type="pricing_sheet") == ["Alpha pricing"]
    assert titles(collection=sub.pk) == ["Beta case"]
    assert titles(status="draft") == ["Gamma draft"]
    assert titles(sort="title") == ["Alpha pricing", "Beta case", "Gamma draft"]
    response = client.get(HOME, {"view": "list"})
    assert response.context["layout"] == "list"
    assert b'class="asset-table"' in response.content


def test_htmx_filter_returns_results_partial(logged_in, editor, root):
    services.create_asset(editor, title="Partial one", link_url="https://example.com/p", collections=[root])
    client = logged_in(editor)
    response = client.get(HOME, {"q": "partial"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    body = response.content.decode()
    assert 'id="results"' in body and "Partial one" in body
    assert "<html" not in body
    assert "HX-Request" in response["Vary"]
    # A history restore (no target) gets the whole page.
    assert "<html" in client.get(HOME, {"q": "partial"}, HTTP_HX_REQUEST="true").content.decode()


def test_pagination(logged_in, editor, root):
    for i in range(30):
        services.create_asset(editor, title=f"Asset {i:02}", link_url=f"https://example.com/{i}", collections=[root])
    client = logged_in(editor)
    first = client.get(HOME, {"sort": "title"})
    assert first.context["page"].paginator.num_pages == 2
    second = client.get(HOME, {"sort": "title", "page": 2})
    assert [a.title for a in second.context["page"].object_list][0] == "Asset 24"
    assert b"sort=title" in first.content  # the page links keep the filters


@pytest.mark.parametrize("layout", ["grid", "list"])
def test_home_query_count_is_bounded(logged_in, editor, viewer, root, pdf_asset, django_assert_max_num_queries, layout):
    for i in range(35):
        services.create_asset(
            editor, title=f"Link {i}", link_url=f"https://example.com/{i}", collections=[root], tags=["t1", f"x{i % 3}"]
        )
    for user in (viewer, editor):
        client = logged_in(user)
        with django_assert_max_num_queries(12):
            response = client.get(HOME, {"view": layout})
        assert response.status_code == 200
        assert len(response.context["page"].object_list) == 24
