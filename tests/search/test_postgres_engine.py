"""What only the PostgreSQL engine has: bulk loads with a deferred typo vocabulary, vendor-guarded tables."""

import pytest
from django.db import connection

from .conftest import _postgres_backend, doc, ids, search


@pytest.fixture
def pg(db):
    return _postgres_backend()


def test_bulk_load_then_refresh_lexemes(pg):
    pg.index([doc(1, "Retrieval evaluation", "benchmarks")], lexemes=False)
    assert ids(search(pg, "retreival")) == []  # no vocabulary yet: no typo tolerance
    pg.refresh_lexemes()
    assert ids(search(pg, "retreival")) == [1]


def test_large_document_is_truncated_not_refused(pg):
    huge = [f"word{i} " * 20 for i in range(3000)]
    pg.index([doc(1, "Huge", huge)])
    assert ids(search(pg, "huge")) == [1]


def test_tables_exist_only_on_postgresql(pg):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('search_document') IS NOT NULL")
        assert cursor.fetchone()[0]


def test_ranking_is_bounded_to_head_matches_first(pg, monkeypatch):
    from quiver.search.backends.postgres import sql as postgres_sql

    monkeypatch.setattr(postgres_sql, "RANK_CANDIDATES", 3)
    pg.index(
        [doc(i, f"Note {i}", "renewal mentioned in the body " * (i % 3 + 1)) for i in range(1, 9)]
        + [doc(20, "Renewal playbook", "how to run it")]
    )
    result = search(pg, "renewal", page_size=5)
    assert result.total == 9 and ids(result)[0] == 20 and len(result.hits) == 5
    deep = search(pg, "renewal", page=2, page_size=5)
    assert len(deep.hits) == 4 and not set(ids(deep)) & set(ids(result))


def test_migration_0005_converts_wide_rows_in_place_and_back(pg):
    """Indexes written in the old shape (one wide row) keep working after the in-place conversion: no reindex."""
    from django.db.migrations.executor import MigrationExecutor

    from quiver.search.engine import Permission

    pg.index(
        [
            doc(
                1,
                "Renewal playbook",
                "renewal steps",
                collection_ids=(3,),
                status="draft",
                owner_id=9,
                facets={"topic": ("ROI",)},
            ),
            doc(2, "Pricing sheet", "renewal pricing", collection_ids=(4,), facets={"topic": ("Pricing",)}),
        ]
    )
    with connection.cursor() as cursor:  # the deferred foreign-key checks of these writes, before altering tables
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    MigrationExecutor(connection).migrate([("search", "0004_reindex_for_scope")])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title, keys @> ARRAY['topic=ROI', 'status=draft'] FROM search_document WHERE asset_id = 1"
        )
        assert cursor.fetchone() == ("Renewal playbook", True)
    MigrationExecutor(connection).migrate([("search", "0005_postgres_narrow_rows")])
    editor = Permission(collection_ids=frozenset({3}), statuses=None)
    viewer = Permission(collection_ids=frozenset({3, 4}))
    owner = Permission(collection_ids=frozenset(), user_id=9)
    assert ids(search(pg, "renewal", permission=editor)) == [1]
    assert ids(search(pg, "renewal", permission=viewer)) == [2]
    assert ids(search(pg, "renewal", permission=owner)) == [1]
    result = search(pg, "renewal", facets=("topic",), filters={"topic": ("ROI",)})
    assert ids(result) == [1] and result.hits[0].title == "Renewal playbook"
    assert dict(result.facets["topic"]) == {"ROI": 1}
    pg.index([doc(3, "Renewal deck", "renewal slides", facets={"topic": ("ROI",)})])  # writes in the new shape
    assert dict(search(pg, "renewal", facets=("topic",)).facets["topic"]) == {"ROI": 2, "Pricing": 1}
