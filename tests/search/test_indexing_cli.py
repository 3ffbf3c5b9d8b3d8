"""`quiver reindex` rebuilds the index from the database (stale entries go, missing ones come back)."""

import pytest
from typer.testing import CliRunner

# each import registers its commands with the Typer app
import quiver.cli.admin
import quiver.cli.library
import quiver.cli.search
import quiver.cli.serve  # noqa: F401
from quiver.cli import app
from quiver.search.documents import documents_by_ids
from quiver.search.engine import Permission, SearchQuery

pytestmark = pytest.mark.django_db


def _ids(backend, text=""):
    result = backend.search(SearchQuery(text=text, permission=Permission.everything(), page_size=100))
    return {hit.id for hit in result.hits}


def test_reindex_rebuilds_from_the_database(search_index, library):
    everything = {a.pk for a in library["assets"].values()}
    assert _ids(search_index) == everything
    stale = documents_by_ids([library["assets"]["roi"].pk])[0]
    search_index.clear()
    from dataclasses import replace

    search_index.index([replace(stale, id=999_999)])  # an asset that does not exist
    result = CliRunner().invoke(app, ["reindex"], catch_exceptions=False)
    assert result.exit_code == 0 and f"indexed {len(everything)} assets" in result.output
    assert _ids(search_index) == everything
    assert _ids(search_index, "zephyr") == {library["assets"]["deck"].pk}


def test_reindex_queue_runs_through_the_task(search_index, library):
    search_index.clear()
    result = CliRunner().invoke(app, ["reindex", "--queue"], catch_exceptions=False)
    assert result.exit_code == 0 and "queued" in result.output
    assert _ids(search_index) == {a.pk for a in library["assets"].values()}  # tests run tasks at once
