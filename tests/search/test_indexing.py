"""The index follows the library: create, edit, retag, move, archive, delete, facet changes -- through the real
signals, tasks (run at commit in tests) and engine."""

import pytest

from quiver.library import services
from quiver.search.engine import Permission, SearchQuery
from quiver.search.permissions import permission_for
from tests.search.index_fixtures import search_index  # noqa: F401

pytestmark = pytest.mark.django_db


def find(backend, text="", user=None, **kwargs):
    perm = permission_for(user) if user is not None else Permission.everything()
    return backend.search(SearchQuery(text=text, permission=perm, relax_below=0, **kwargs))


def ids(result):
    return {hit.id for hit in result.hits}


def test_created_asset_is_indexed_after_commit(search_index, editor, root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        asset = services.create_asset(editor, title="Zebra pricing playbook", link_url="https://example.com/z",
                                      collections=[root], tags=["zoo"])
        assert ids(find(search_index, "zebra")) == set()  # nothing before commit
    assert len(callbacks) >= 1
    assert ids(find(search_index, "zebra")) == {asset.pk}
    assert ids(find(search_index, "", filters={"tag": ("zoo",)})) == {asset.pk}
