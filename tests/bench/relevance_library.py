"""Cranfield through the product itself: a fresh library, real .txt uploads processed by the ingest pipeline, and
the 225 queries sent to GET /api/v1/search with a viewer's API token (Django test client: the whole request path,
middleware, token auth, permissions, facets off, search log included; only the socket is skipped).

Each document becomes one asset: its title is the asset title, its abstract the uploaded `<id>.txt` file (authors
and bibliography are indexed by neither this nor the baseline; the two records of cran.all.1400 with neither title
nor abstract, 471 and 995, cannot be uploaded: an empty file is refused, and they match no query in the baseline
either). Uploads go through library.services.create_asset, one transaction each, as the upload view does; then
the product's worker (`db_worker --batch`, the django-tasks database backend `quiver worker` runs) sniffs and
parses every file in the sandbox child and indexes the changes in batches, as it would after a bulk upload.
Previews are off (QUIVER_PREVIEWS=0: text files have none and search does not read them).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import Counter


def setup(engine: str, database_url: str | None) -> str:
    """Point Django at a fresh data directory (SQLite, or a throwaway PostgreSQL database) and migrate."""
    data_dir = tempfile.mkdtemp(prefix="quiver-cranfield-")
    os.makedirs(os.path.join(data_dir, "static"))  # (whitenoise warns about a missing STATIC_ROOT)
    os.environ["QUIVER_DATA_DIR"] = data_dir
    os.environ["QUIVER_SEARCH_BACKEND"] = engine
    os.environ.pop("QUIVER_TASKS_BACKEND", None)  # the database backend the worker reads
    os.environ["QUIVER_PREVIEWS"] = "0"
    if database_url:
        os.environ["QUIVER_DATABASE_URL"] = database_url
    else:
        os.environ.pop("QUIVER_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "quiver.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return data_dir


def ingest(docs) -> tuple[dict[int, int], str, dict]:
    """Upload every document; returns ({asset id: cranfield id}, a viewer's API token, statistics)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import transaction

    from quiver.accounts.services import create_user, issue_token
    from quiver.library import services
    from quiver.library.models import AssetVersion, Collection

    editor = create_user("cranfield-editor", "editor", "pw-cranfield-editor-1")
    admin = create_user("cranfield-admin", "admin", "pw-cranfield-admin-1")
    viewer = create_user("cranfield-viewer", "viewer", "pw-cranfield-viewer-1")
    root = Collection.objects.get(parent=None, name="Library")
    papers = services.create_collection(admin, name="Cranfield", parent=root)
    mapping, started = {}, time.perf_counter()
    for doc in docs:
        cran_id = int(doc["I"])
        if not (doc.get("W", "").strip() or doc.get("T", "").strip()):
            continue
        upload = SimpleUploadedFile(
            f"cranfield-{cran_id}.txt", doc.get("W", "").strip().encode("utf-8"), content_type="text/plain"
        )
        with transaction.atomic():
            asset = services.create_asset(
                editor, title=" ".join(doc.get("T", "").split())[:300], file=upload, collections=[papers]
            )
        mapping[asset.pk] = cran_id
    uploaded = time.perf_counter()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1", verbosity=0)
    seconds, upload_seconds = time.perf_counter() - started, uploaded - started
    statuses = Counter(AssetVersion.objects.values_list("status", flat=True))
    failed = list(AssetVersion.objects.filter(status="failed").values_list("original_filename", "failure_reason")[:5])
    stats = {"seconds": seconds, "upload_seconds": upload_seconds, "statuses": dict(statuses), "failed": failed}
    return mapping, issue_token(viewer), stats


def api_runs(queries, depth: int, token: str, mapping: dict[int, int]):
    """Each query through GET /api/v1/search (relevance order, no facet counts), top `depth` as Cranfield ids."""
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {token}"})
    runs, modes, seconds = [], Counter(), []
    for text in queries:
        started = time.perf_counter()
        response = client.get("/api/v1/search", {"q": text, "page_size": depth, "facets": ""})
        seconds.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"search API answered {response.status_code} for {text!r}: {response.content[:300]!r}")
        body = response.json()
        modes[body["relaxed"] or "all words"] += 1
        runs.append([mapping[hit["id"]] for hit in body["results"]])
    return runs, modes, seconds


def library_runs(docs, queries, depth: int, engine: str = "tantivy", database_url: str | None = None):
    data_dir = setup(engine, database_url)
    try:
        return _runs(docs, queries, depth)
    finally:
        from quiver.search import engine as search_engine

        for backend in search_engine._instances.values():
            getattr(backend, "close_writer", lambda: None)()
        shutil.rmtree(data_dir, ignore_errors=True)


def _runs(docs, queries, depth: int):
    mapping, token, stats = ingest(docs)
    ready = stats["statuses"].get("ready", 0)
    print(
        f"ingest: {len(mapping)} uploads in {stats['upload_seconds']:.0f} s, processed and indexed by the worker "
        f"{stats['seconds']:.0f} s after the first ({len(mapping) / stats['seconds']:.1f} files/s); versions "
        f"{stats['statuses']}" + (f"; failed e.g. {stats['failed']}" if stats["failed"] else "")
    )
    if ready != len(mapping):
        raise SystemExit(f"only {ready} of {len(mapping)} uploads were processed")
    return api_runs(queries, depth, token, mapping)
