"""Grant paths are read once per GET request, and never cached outside a request (services see fresh grants)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quiver.core.policy import read_cache
from quiver.library import policy, services


@pytest.fixture
def shared_asset(editor, root):
    return services.create_asset(editor, title="Grant cache", link_url="https://example.com/", collections=[root])


def _grant_queries(ctx) -> int:
    return sum("library_collectiongrant" in q["sql"] for q in ctx.captured_queries)


def test_grants_are_read_once_inside_a_read_cache(db, editor, shared_asset):
    with read_cache(), CaptureQueriesContext(connection) as ctx:
        for _ in range(3):
            assert policy.can_view_asset(editor, shared_asset)
            assert policy.can_edit_asset(editor, shared_asset)
    assert _grant_queries(ctx) == 2  # one per level set (view+edit, edit)


def test_without_a_cache_every_check_reads_the_grants(db, editor, shared_asset):
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(3):
            assert policy.can_view_asset(editor, shared_asset)
    assert _grant_queries(ctx) == 3
