import pytest

from quiver.library import policy, services
from quiver.library.models import Asset, AssetStatus


@pytest.fixture
def sub(root, admin_user):
    return services.create_collection(admin_user, name="Sub", parent=root)


def test_viewer_sees_published_only_and_never_edits(root, editor, viewer):
    pub = services.create_asset(editor, title="Pub", link_url="https://example.com/a", collections=[root])
    draft = services.create_asset(
        editor, title="Draft", link_url="https://example.com/b", collections=[root], status=AssetStatus.DRAFT
    )
    assert list(Asset.objects.visible_to(viewer)) == [pub]
    assert set(Asset.objects.visible_to(editor)) == {pub, draft}
    assert not policy.can_edit_asset(viewer, pub)
    assert policy.can_edit_asset(editor, pub)


def test_asset_without_grant_is_hidden(root, sub, editor, viewer, admin_user):
    from django.contrib.auth.models import Group

    from quiver.library.models import CollectionGrant

    CollectionGrant.objects.filter(collection=root, group=Group.objects.get(name="Sales")).delete()
    asset = services.create_asset(editor, title="Hidden", link_url="https://example.com/h", collections=[sub])
    assert not policy.can_view_asset(viewer, asset)
    CollectionGrant.objects.create(collection=sub, group=Group.objects.get(name="Sales"), level="view")
    assert policy.can_view_asset(viewer, asset)
    assert policy.can_view_asset(admin_user, asset)


def test_collection_paths(root, sub, admin_user):
    leaf = services.create_collection(admin_user, name="Leaf", parent=sub)
    assert leaf.path == f"{root.path}{sub.pk}/{leaf.pk}/"
    assert leaf.depth == 2
    assert list(leaf.ancestors()) == [root, sub]
    assert set(root.descendants()) >= {root, sub, leaf}
