"""The same engine suite runs on every backend: Tantivy always, PostgreSQL when the database is PostgreSQL."""

import datetime as dt
import os

import pytest
from django.db import connection

from quiver.search.backends.tantivy import TantivyBackend
from quiver.search.engine import Permission, SearchDocument, SearchQuery
from tests.conftest import require

T0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def _postgres_backend():
    # The suite runs twice (scripts/test): SQLite, then PostgreSQL. In the SQLite pass the PostgreSQL engine is
    # covered by the PostgreSQL pass; it may skip only when that pass is scheduled, or locally.
    if connection.vendor != "postgresql":
        require(
            bool(os.environ.get("QUIVER_TEST_POSTGRES_URL")),
            "PostgreSQL search engine: run with QUIVER_DATABASE_URL=postgres://... (scripts/test does)",
        )
        pytest.skip("PostgreSQL search engine runs in the PostgreSQL pass of the suite")
    from quiver.search.backends.postgres import PostgresBackend

    return PostgresBackend()


@pytest.fixture(params=["tantivy", "postgres"])
def engine(request, db, tmp_path):
    if request.param == "tantivy":
        backend = TantivyBackend(tmp_path / "search")
        yield backend
        backend.close_writer()
    else:
        yield _postgres_backend()


def doc(pk: int, title: str = "", body: str | list[str] = "", **kwargs) -> SearchDocument:
    pages = [body] if isinstance(body, str) else body
    kwargs.setdefault("collection_ids", (1,))
    kwargs.setdefault("created_at", T0 + dt.timedelta(days=pk))
    kwargs.setdefault("updated_at", T0 + dt.timedelta(days=pk))
    return SearchDocument(
        id=pk,
        title=title or f"Document {pk}",
        pages=tuple((i + 1, text) for i, text in enumerate(pages) if text),
        **kwargs,
    )


def search(engine, text: str = "", **kwargs):
    kwargs.setdefault("permission", Permission.everything())
    return engine.search(SearchQuery(text=text, **kwargs))


def ids(result) -> list[int]:
    return [hit.id for hit in result.hits]


from tests.search.index_fixtures import library, search_index, search_index_each_engine  # noqa: E402,F401
