"""Speed over HTTP: the search API served by gunicorn on loopback, beside the engine measured in the same run.

    make bench-search-http      (python -m tests.bench.search_http [--n 100000] [--queries 200])

A fresh data directory gets a migrated SQLite database, 20 top-level collections with the Sales group granted view
on 10 of them, a viewer and its API token, and a Tantivy index of N synthetic assets from tests.bench.search (500-
5,000 words, 6 facets, ~10 tags; the assets live in the index only: the API answers from the engine). gunicorn
(2 workers, as `quiver serve`) listens on 127.0.0.1; one keep-alive client sends each query in turn. Cases:
top-20 (`facets=`), + 3 facet counts (topic, product, industry), + 2 facet filters. Each row shows HTTP p50/p95,
the Python interface in this process (SearchBackend.search with the viewer's permission), the raw engine floor
(same words, no permission, no snippets, same aggregations/filters), and the p95 ratio HTTP / floor.
Bounded: a fixed number of requests, each with a timeout; loopback only; the server is stopped at the end.

PostgreSQL mode (tests.bench.search_http_postgres): `--engine postgres --keep` with QUIVER_DATABASE_URL=postgres://...
serves the kept database of `tests.bench.search --engines postgres --keep` (quiver_bench_search_N) with
QUIVER_SEARCH_BACKEND=postgres; the floor is that module's raw SQL (websearch_to_tsquery, no permission).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from urllib.parse import urlencode

from tests.bench.search import FACET_FIELDS, Library, _progress, measure

REQUEST_TIMEOUT = 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup_library(n: int) -> tuple[str, dict[int, int], object]:
    """Migrate, collections, grants, a viewer; returns the viewer's token, {synthetic id: collection pk}, viewer."""
    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from quiver.accounts.services import create_user, issue_token
    from quiver.library import services
    from quiver.library.models import CollectionGrant

    call_command("migrate", interactive=False, verbosity=0)
    admin = create_user("bench-admin", "admin", "pw-bench-admin-1")
    viewer = create_user("bench-viewer", "viewer", "pw-bench-viewer-1")
    sales = Group.objects.get(name="Sales")
    mapping = {}
    for i in range(1, 21):
        collection = services.create_collection(admin, name=f"Bench {i}", parent=None)
        mapping[i] = collection.pk
        if i <= 10:
            CollectionGrant.objects.create(collection=collection, group=sales, level="view")
    return issue_token(viewer), mapping, viewer


def build_index(library: Library, mapping: dict[int, int]) -> None:
    from django.conf import settings

    from quiver.search.backends.tantivy import TantivyBackend

    engine = TantivyBackend(settings.QUIVER_SEARCH_DIR, writer_threads=2, writer_heap=1024 * 1024 * 1024)
    started = time.perf_counter()
    docs = (
        replace(doc, collection_ids=tuple(mapping[c] for c in doc.collection_ids))
        for doc in _progress(library.documents(), library.n, started)
    )
    count = engine.index_many(docs, batch=20_000, fresh=True)
    engine.close_writer()
    directory = settings.QUIVER_SEARCH_DIR
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(directory) for f in fs)
    print(f"indexed {count} documents in {time.perf_counter() - started:.0f} s, index {size / 1e9:.2f} GB")


def start_server(port: int, env: dict) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "quiver.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "120",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("gunicorn did not start within 60 s")


def http_cases(port: int, token: str):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    headers = {"Authorization": f"Bearer {token}"}

    def get(params):
        for attempt in (1, 2):  # gunicorn closes a connection idle for 2 s (as between cases): reconnect once
            try:
                conn.request("GET", "/api/v1/search?" + urlencode(params, doseq=True), headers=headers)
                response = conn.getresponse()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                conn.close()
                if attempt == 2:
                    raise
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {body[:300]!r}")
        return json.loads(body)

    def top(text, filters):
        return get({"q": text, "facets": ""})

    def facets(text, filters):
        return get({"q": text, "facets": ",".join(FACET_FIELDS)})

    def filtered(text, filters):
        return get({"q": text, "facets": ",".join(FACET_FIELDS), **{k: list(v) for k, v in filters.items()}})

    return top, facets, filtered, conn


def interface_and_floor(viewer):
    """The engine in this process: through the interface with the viewer's permission, and raw."""
    import tantivy
    from django.conf import settings

    from quiver.search.backends.tantivy import TantivyBackend
    from quiver.search.engine import SearchQuery
    from quiver.search.permissions import permission_for
    from quiver.search.selectors import RELAX_BELOW

    engine = TantivyBackend(settings.QUIVER_SEARCH_DIR)
    perm = permission_for(viewer)
    index, schema, searcher = engine.tindex, engine.schema, engine.tindex.searcher()
    aggs = {f: {"terms": {"field": f"f.{f}", "size": 50}} for f in FACET_FIELDS}

    def query(text, facets=(), filters=None):
        return engine.search(
            SearchQuery(text=text, permission=perm, facets=facets, filters=filters or {}, relax_below=RELAX_BELOW)
        )

    def raw(text):
        return index.parse_query(" ".join(f"+{w}" for w in text.split()), ["title", "body"])

    def floor_filtered(text, filters):
        clauses = [(tantivy.Occur.Must, raw(text))] + [
            (tantivy.Occur.Must, tantivy.Query.term_set_query(schema, f"f.{k}", list(v))) for k, v in filters.items()
        ]
        q = tantivy.Query.boolean_query(clauses)
        searcher.search(q, 20)
        searcher.aggregate(q, aggs)

    def floor_facets(text, filters):
        q = raw(text)
        searcher.search(q, 20)
        searcher.aggregate(q, aggs)

    interface = (lambda t, f: query(t), lambda t, f: query(t, FACET_FIELDS), lambda t, f: query(t, FACET_FIELDS, f))
    floor = (lambda t, f: searcher.search(raw(t), 20), floor_facets, floor_filtered)
    return interface, floor


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--dir", default=None, help="parent of the temporary data directory")
    parser.add_argument(
        "--engine",
        choices=("tantivy", "postgres"),
        default="tantivy",
        help="postgres: the kept bench database of tests.bench.search (QUIVER_DATABASE_URL)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="postgres: reuse a kept quiver_bench_search_N (else built, ~40 min) and keep it",
    )
    args = parser.parse_args(argv)
    if args.engine == "postgres":
        return main_postgres(args)
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="quiver-bench-http-") as data_dir:
        env = {
            **os.environ,
            "QUIVER_DATA_DIR": data_dir,
            "QUIVER_SEARCH_BACKEND": "tantivy",
            "DJANGO_SETTINGS_MODULE": "quiver.settings",
        }
        env.pop("QUIVER_DATABASE_URL", None)
        env.pop("QUIVER_SEARCH_DIR", None)
        os.environ.update({k: env[k] for k in ("QUIVER_DATA_DIR", "QUIVER_SEARCH_BACKEND", "DJANGO_SETTINGS_MODULE")})
        os.environ.pop("QUIVER_DATABASE_URL", None)
        os.environ.pop("QUIVER_SEARCH_DIR", None)
        token, mapping, viewer = setup_library(args.n)
        library = Library(args.n)
        queries = library.queries(args.queries)
        print(
            f"synthetic library: {args.n} assets; {len(queries)} queries of 1-3 words as a viewer granted 10 of "
            f"20 collections, over HTTP (gunicorn, 2 workers, loopback, keep-alive)"
        )
        build_index(library, mapping)
        report(serve_and_measure(env, token, queries, lambda: interface_and_floor(viewer)))


def main_postgres(args):
    from tests.bench import search_http_postgres as pg

    url = os.environ.get("QUIVER_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("--engine postgres needs QUIVER_DATABASE_URL=postgres://... (the server holding the bench database)")
    library = Library(args.n)
    queries = library.queries(args.queries)
    reused = pg.ensure_database(library, queries, url, args.keep)
    db_url = pg.bench_url(url, args.n)
    try:
        with tempfile.TemporaryDirectory(dir=args.dir, prefix="quiver-bench-http-") as data_dir:
            token, viewer = pg.setup_library(db_url, data_dir)
            print(
                f"synthetic library: {args.n} assets (PostgreSQL, {'kept' if reused else 'new'} database); "
                f"{len(queries)} queries of 1-3 words as a viewer granted 10 of 20 collections, over HTTP "
                f"(gunicorn, 2 workers, loopback, keep-alive)"
            )
            env = {
                **os.environ,
                "QUIVER_DATABASE_URL": db_url,
                "QUIVER_DATA_DIR": data_dir,
                "QUIVER_SEARCH_BACKEND": "postgres",
                "DJANGO_SETTINGS_MODULE": "quiver.settings",
            }
            env.pop("QUIVER_SEARCH_DIR", None)
            report(serve_and_measure(env, token, queries, lambda: pg.interface_and_floor(viewer)), "postgres")
    finally:
        if not args.keep:
            pg.drop_database(url, args.n)


def serve_and_measure(env, token, queries, in_process):
    """gunicorn on a free loopback port; each case over HTTP, then through `in_process()`'s interface and floor."""
    port = _free_port()
    server = start_server(port, env)
    try:
        top, facets, filtered, conn = http_cases(port, token)
        sample = facets(*queries[0])
        print(f"first query: {sample['count']} results, facets {sorted(sample['facets'])}")
        interface, floor = in_process()
        rows = []
        for name, http_fn, iface_fn, floor_fn in zip(
            ("top-20", "top-20 + 3 facet counts", "top-20 + 3 facets + 2 filters"),
            (top, facets, filtered),
            interface,
            floor,
        ):
            rows.append((name, measure(http_fn, queries), measure(iface_fn, queries), measure(floor_fn, queries)))
        conn.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return rows


def report(rows, engine="tantivy"):
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n{engine}: HTTP (API, gunicorn) vs the Python interface vs the raw engine floor: p50 / p95 in ms; "
        f"load average {load} on {os.cpu_count()} CPUs"
    )
    print(
        f"{'case':<32}{'http p50':>9}{'http p95':>9}{'iface p50':>10}{'iface p95':>10}{'floor p50':>10}"
        f"{'floor p95':>10}{'p95 http/floor':>15}"
    )
    for case, (h50, h95), (i50, i95), (f50, f95) in rows:
        print(
            f"{case:<32}{h50:>9.1f}{h95:>9.1f}{i50:>10.1f}{i95:>10.1f}{f50:>10.1f}{f95:>10.1f}"
            f"{h95 / f95 if f95 else 0:>15.2f}"
        )


if __name__ == "__main__":
    main()
