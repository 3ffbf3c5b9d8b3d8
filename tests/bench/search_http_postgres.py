"""PostgreSQL mode of tests.bench.search_http: the API over the 100,000 documents of a kept bench database.

    QUIVER_DATABASE_URL=postgres://... python -m tests.bench.search_http --engine postgres --keep

The documents come from tests.bench.search (`--engines postgres --keep` keeps `quiver_bench_search_N`; building
it takes ~40 minutes at 100,000). Their collection ids are the synthetic 1..20, so the library gets collections
with exactly those ids: 1 is the root "Library" (created by the library's migration, Sales granted view on it),
2..20 top-level collections made through library.services; Sales is granted view on 2..10, so the viewer sees
1..10 -- the permission the Python-interface measurement of tests.bench.search uses (VIEWER). Idempotent: a
re-run finds the collections, grants and users it made, and replaces only the bench token.
"""

from __future__ import annotations

import os

from tests.bench.search import FACET_FIELDS, pg_floors

COLLECTIONS, GRANTED = range(1, 21), range(1, 11)
TOKEN_NAME = "bench-http"


def bench_url(url: str, n: int) -> str:
    return url.rsplit("/", 1)[0] + f"/quiver_bench_search_{n}"


def ensure_database(library, queries, url: str, keep: bool) -> bool:
    """True when the kept database is reused; otherwise it is built (and kept) by tests.bench.search."""
    import psycopg

    dbname = f"quiver_bench_search_{library.n}"
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
    if exists and keep:
        print(f"postgres: reusing the database {dbname} (--keep)")
        return True
    from tests.bench.search import bench_postgres

    print(f"postgres: building the database {dbname} (tests.bench.search; ~40 min at 100,000)", flush=True)
    bench_postgres(library, queries, url, keep=True)
    return False


def drop_database(url: str, n: int) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS quiver_bench_search_{n}")


def setup_library(db_url: str, data_dir: str):
    """Migrate the bench database, then collections 1..20, Sales grants on 1..10, a viewer and a fresh token."""
    os.environ.update(
        {
            "QUIVER_DATABASE_URL": db_url,
            "QUIVER_DATA_DIR": data_dir,
            "QUIVER_SEARCH_BACKEND": "postgres",
            "DJANGO_SETTINGS_MODULE": "quiver.settings",
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from quiver.accounts.models import ApiToken
    from quiver.accounts.services import create_user, issue_token
    from quiver.library import services
    from quiver.library.models import Collection, CollectionGrant
    from quiver.search.permissions import permission_for

    call_command("migrate", interactive=False, verbosity=0)
    User = get_user_model()
    admin = User.objects.filter(username="bench-admin").first() or create_user("bench-admin", "admin")
    viewer = User.objects.filter(username="bench-viewer").first() or create_user("bench-viewer", "viewer")
    root = Collection.objects.filter(pk=1, parent=None).first()
    if root is None:
        raise RuntimeError("collection 1 is not the library root: this database was not set up by this benchmark")
    for i in COLLECTIONS[1:]:
        if not Collection.objects.filter(pk=i).exists():
            made = services.create_collection(admin, name=f"Bench {i}", parent=None)
            if made.pk != i:
                raise RuntimeError(f"collection 'Bench {i}' got id {made.pk}, not {i}: the documents use 1..20")
    sales = Group.objects.get(name="Sales")
    for i in GRANTED:
        CollectionGrant.objects.get_or_create(collection_id=i, group=sales, level="view")
    ApiToken.objects.filter(user=viewer, name=TOKEN_NAME).delete()  # the raw value of an old one is gone
    token = issue_token(viewer, TOKEN_NAME)
    seen = permission_for(viewer).collection_ids
    if seen != frozenset(GRANTED):
        raise RuntimeError(f"the viewer sees collections {sorted(seen)}, expected {list(GRANTED)}")
    return token, viewer


def interface_and_floor(viewer):
    """PostgresBackend in this process with the viewer's permission, and the raw SQL floor of tests.bench.search."""
    from quiver.search.backends.postgres import PostgresBackend
    from quiver.search.engine import SearchQuery
    from quiver.search.permissions import permission_for
    from quiver.search.selectors import RELAX_BELOW

    engine, perm = PostgresBackend(), permission_for(viewer)

    def query(text, facets=(), filters=None):
        return engine.search(
            SearchQuery(text=text, permission=perm, facets=facets, filters=filters or {}, relax_below=RELAX_BELOW)
        )

    interface = (lambda t, f: query(t), lambda t, f: query(t, FACET_FIELDS), lambda t, f: query(t, FACET_FIELDS, f))
    return interface, pg_floors()
