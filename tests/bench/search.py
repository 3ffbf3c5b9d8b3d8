"""Speed benchmark: a synthetic library searched through the Python search interface, beside the raw engine.

    make bench-search   (python -m tests.bench.search [--assets 100000] [--queries 300] [--engines tantivy,postgres]
                         [--dir D])   BENCH_ARGS="--assets 1000000 --engines tantivy --dir /big/disk" for 1M

The library: N assets of 500-5,000 words (uniform; pages of 4 paragraphs, ~300 words), 6 facets, ~10 tags,
20 collections; a viewer granted 10 collections searches (published only). Text: every document draws its
paragraphs from a pool of 20,000 paragraphs of 40-110 words generated from a 40,000-word Zipf vocabulary (s=1.05),
so generation costs ~0.1 ms per document and a 1,000,000-asset library (~12 GB of text) needs no reduction.
Measured through SearchBackend.search (permission filter, snippets with page, facet counts); tests.bench.search_http
measures the same over HTTP. The floor is the raw engine query (same text, no permission, no snippets) with the
same facet aggregation / filters. PostgreSQL runs when QUIVER_DATABASE_URL points at PostgreSQL, in a throwaway
database created next to it (dropped afterwards).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import os
import random
import resource
import tempfile
import time

from quiver.search.engine import Permission, SearchDocument, SearchQuery

FACETS = {"topic": 30, "product": 12, "industry": 15, "persona": 8, "sales_stage": 6, "region": 7}
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "ar", "en", "is")]


def _vocabulary(rng, size=40_000):
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    words = sorted(words, key=lambda w: (len(w), w))  # short words are the frequent ones, as in real text
    cum, total = [], 0.0
    for rank in range(1, size + 1):
        total += 1.0 / rank**1.05
        cum.append(total)
    return words, cum


class Library:
    """Deterministic synthetic assets (streamed: nothing but a paragraph pool is held in memory)."""

    def __init__(self, n: int, seed: int = 42, words: tuple[int, int] = (500, 5000)):
        self.n, self.rng, self.words_per_doc = n, random.Random(seed), words
        self.words, self.cum = _vocabulary(self.rng)
        self.paragraphs = [self._sentence(self.rng.randint(40, 110)) for _ in range(20_000)]
        self.tags = [f"tag-{self.words[300 + i]}" for i in range(600)]
        self.values = {name: [f"{name}-{i}" for i in range(count)] for name, count in FACETS.items()}

    def _sentence(self, k: int) -> str:
        words, cum, rnd = self.words, self.cum, self.rng.random
        top = cum[-1]
        return " ".join(words[bisect.bisect(cum, rnd() * top)] for _ in range(k))

    def documents(self):
        rng, t0 = random.Random(7), dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
        for pk in range(1, self.n + 1):
            target, pages, page, count = rng.randint(*self.words_per_doc), [], [], 0
            while count < target:
                para = rng.choice(self.paragraphs)
                page.append(para)
                count += para.count(" ") + 1
                if len(page) == 4:
                    pages.append((len(pages) + 1, "\n".join(page)))
                    page = []
            if page:
                pages.append((len(pages) + 1, "\n".join(page)))
            created = t0 + dt.timedelta(minutes=rng.randint(0, 1_500_000))
            yield SearchDocument(
                id=pk,
                title=self._title(rng),
                description=rng.choice(self.paragraphs)[:300],
                pages=tuple(pages),
                tags=tuple({self.tags[min(int(rng.paretovariate(1.2)) - 1, 599)] for _ in range(10)}),
                facets={name: tuple(rng.sample(vals, rng.choice((1, 1, 2)))) for name, vals in self.values.items()},
                collection_ids=tuple(rng.sample(range(1, 21), rng.choice((1, 1, 2)))),
                status="published" if rng.random() < 0.85 else rng.choice(("draft", "archived")),
                owner_id=rng.randint(1, 50),
                created_by_id=rng.randint(1, 50),
                created_at=created,
                updated_at=created + dt.timedelta(days=rng.randint(0, 300)),
                asset_type=rng.choice(("deck", "case_study", "one_pager", "datasheet")),
                language="en",
            )

    def _title(self, rng):
        return " ".join(self.words[rng.randint(20, 8000)] for _ in range(rng.randint(3, 8))).capitalize()

    def queries(self, count: int):
        rng = random.Random(11)
        out = []
        for _ in range(count):
            words = [self.words[rng.randint(30, 6000)] for _ in range(rng.choice((1, 1, 2, 2, 3)))]
            filters = dict(rng.sample([(name, (rng.choice(vals),)) for name, vals in self.values.items()], 2))
            out.append((" ".join(words), filters))
        return out


VIEWER = Permission(collection_ids=frozenset(range(1, 11)))
FACET_FIELDS = ("topic", "product", "industry")


def percentiles(samples):
    samples = sorted(samples)
    return samples[len(samples) // 2] * 1000, samples[min(int(len(samples) * 0.95), len(samples) - 1)] * 1000


def measure(fn, queries):
    fn(*queries[0])  # warm
    times = []
    for text, filters in queries:
        started = time.perf_counter()
        fn(text, filters)
        times.append(time.perf_counter() - started)
    return percentiles(times)


def report(engine_name, rows):
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n{engine_name}: p50 / p95 in ms (interface vs raw engine floor); load average {load} on "
        f"{os.cpu_count()} CPUs (other work on the machine inflates the tails)"
    )
    print(f"{'case':<34}{'p50':>8}{'p95':>8}{'floor p50':>11}{'floor p95':>11}{'p95 ratio':>11}")
    for case, (p50, p95), (f50, f95) in rows:
        print(f"{case:<34}{p50:>8.1f}{p95:>8.1f}{f50:>11.1f}{f95:>11.1f}{p95 / f95 if f95 else 0:>11.2f}")


def interface_cases(engine):
    def top(text, filters):
        engine.search(SearchQuery(text=text, permission=VIEWER))

    def facets(text, filters):
        engine.search(SearchQuery(text=text, permission=VIEWER, facets=FACET_FIELDS))

    def filtered(text, filters):
        engine.search(SearchQuery(text=text, permission=VIEWER, facets=FACET_FIELDS, filters=filters))

    return top, facets, filtered


def _progress(docs, n, started, every=100_000):
    """Pass documents through, printing the indexing rate every `every` documents (large builds take long)."""
    for doc in docs:
        yield doc
        if doc.id % every == 0 and doc.id < n:
            seconds = time.perf_counter() - started
            print(f"  {doc.id} documents in {seconds:.0f} s ({doc.id / seconds:.0f}/s)", flush=True)


def bench_tantivy(library, queries, workdir):
    import tantivy

    from quiver.search.backends.tantivy import TantivyBackend

    engine = TantivyBackend(workdir, writer_threads=2, writer_heap=1024 * 1024 * 1024)
    started = time.perf_counter()
    count = engine.index_many(_progress(library.documents(), library.n, started), batch=20_000, fresh=True)
    engine.close_writer()
    seconds = time.perf_counter() - started
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(workdir) for f in fs)
    print(f"tantivy: indexed {count} documents in {seconds:.0f} s ({count / seconds:.0f}/s), index {size / 1e9:.2f} GB")
    index, schema = engine.tindex, engine.schema
    index.reload()
    searcher = index.searcher()
    aggs = {f: {"terms": {"field": f"f.{f}", "size": 50}} for f in FACET_FIELDS}

    def raw(text):  # every word required, as the interface does first
        return index.parse_query(" ".join(f"+{w}" for w in text.split()), ["title", "body"])

    def floor_top(text, filters):
        searcher.search(raw(text), 20)

    def floor_facets(text, filters):
        q = raw(text)
        searcher.search(q, 20)
        searcher.aggregate(q, aggs)

    def floor_filtered(text, filters):
        clauses = [(tantivy.Occur.Must, raw(text))] + [
            (tantivy.Occur.Must, tantivy.Query.term_set_query(schema, f"f.{k}", list(v))) for k, v in filters.items()
        ]
        q = tantivy.Query.boolean_query(clauses)
        searcher.search(q, 20)
        searcher.aggregate(q, aggs)

    top, facets, filtered = interface_cases(engine)
    report(
        "tantivy",
        [
            ("top-20", measure(top, queries), measure(floor_top, queries)),
            ("top-20 + 3 facet counts", measure(facets, queries), measure(floor_facets, queries)),
            ("top-20 + 3 facets + 2 filters", measure(filtered, queries), measure(floor_filtered, queries)),
        ],
    )


def _pg_setup(url: str, dbname: str):
    """Point Django at a throwaway database next to `url` and create the search tables in it."""
    import django
    from django.core.management import call_command

    os.environ["QUIVER_DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + dbname
    os.environ.setdefault("QUIVER_DATA_DIR", tempfile.mkdtemp(prefix="quiver-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "quiver.settings"
    django.setup()
    call_command("migrate", "search", verbosity=0)


def _pg_index_worker(args):
    url, dbname, n, part, parts, batch = args
    _pg_setup(url, dbname)
    from quiver.search.backends.postgres import PostgresBackend

    engine, chunk, count = PostgresBackend(), [], 0
    for doc in Library(n).documents():
        if doc.id % parts == part:
            chunk.append(doc)
            if len(chunk) == batch:
                engine.index(chunk, lexemes=False)
                count, chunk = count + len(chunk), []
    if chunk:
        engine.index(chunk, lexemes=False)
        count += len(chunk)
    return count


def bench_postgres(library, queries, url, workers=2, keep=False):
    import multiprocessing

    import psycopg

    dbname = f"quiver_bench_search_{library.n}"
    admin = psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True)
    exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
    if exists and keep:
        print(f"\npostgres: reusing the database {dbname} (--keep)")
        _pg_setup(url, dbname)
        try:
            return _pg_measure(queries)
        finally:
            from django.db import connections

            connections.close_all()
    admin.execute(f"DROP DATABASE IF EXISTS {dbname}")
    admin.execute(f"CREATE DATABASE {dbname}")
    try:
        started = time.perf_counter()
        _pg_setup(url, dbname)
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            count = sum(pool.map(_pg_index_worker, [(url, dbname, library.n, i, workers, 200) for i in range(workers)]))
        from django.db import connection

        from quiver.search.backends.postgres import PostgresBackend

        PostgresBackend().refresh_lexemes()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_document")
            cursor.execute("VACUUM ANALYZE search_text")
            cursor.execute("VACUUM ANALYZE search_page")
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            size = cursor.fetchone()[0]
        seconds = time.perf_counter() - started
        print(f"\npostgres: indexed {count} documents in {seconds:.0f} s ({count / seconds:.0f}/s), database {size}")
        _pg_measure(queries)
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            admin.execute(f"DROP DATABASE IF EXISTS {dbname}")
        admin.close()


def pg_floors():
    """The raw PostgreSQL floor of each case: the same words, no permission, no snippets, every match ranked."""
    from django.db import connection

    facet_sql = """
        WITH m AS MATERIALIZED (SELECT asset_id, fkeys, ts_rank_cd(tsv, q) AS r FROM search_document,
                                websearch_to_tsquery('english', %s) q WHERE tsv @@ q {extra})
        SELECT 0, NULL, count(*) FROM m
        UNION ALL (SELECT 1, asset_id::text, r FROM m ORDER BY r DESC LIMIT 20)
        UNION ALL (SELECT 2, k.key, count(*) FROM m, unnest(fkeys) i JOIN search_key k ON k.id = i
                   WHERE k.field = ANY(%s) GROUP BY k.key)
    """

    def run(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    def floor_top(text, filters):
        run(
            "SELECT asset_id FROM search_document, websearch_to_tsquery('english', %s) q WHERE tsv @@ q "
            "ORDER BY ts_rank_cd(tsv, q) DESC LIMIT 20",
            [text],
        )

    def floor_facets(text, filters):
        run(facet_sql.format(extra=""), [text, list(FACET_FIELDS)])

    def floor_filtered(text, filters):
        extra = " AND fkeys && ARRAY(SELECT id FROM search_key WHERE key = ANY(%s))" * len(filters)
        params = [[f"{k}={v}" for v in vals] for k, vals in filters.items()]
        run(facet_sql.format(extra=extra), [text, *params, list(FACET_FIELDS)])

    return floor_top, floor_facets, floor_filtered


def _pg_measure(queries):
    from quiver.search.backends.postgres import PostgresBackend

    engine = PostgresBackend()
    floor_top, floor_facets, floor_filtered = pg_floors()
    top, facets, filtered = interface_cases(engine)
    report(
        "postgres",
        [
            ("top-20", measure(top, queries), measure(floor_top, queries)),
            ("top-20 + 3 facet counts", measure(facets, queries), measure(floor_facets, queries)),
            ("top-20 + 3 facets + 2 filters", measure(filtered, queries), measure(floor_filtered, queries)),
        ],
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n",
        "--assets",
        dest="n",
        type=int,
        default=100_000,
        help="synthetic assets (1000000 builds a ~13 GB Tantivy index: point --dir at a big disk)",
    )
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--words", default="500-5000", help="words per document, uniform (a reduction: say so)")
    parser.add_argument("--engines", default="tantivy,postgres")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database (and reuse a kept one)")
    parser.add_argument("--dir", default=None, help="where the Tantivy index is built (a temporary directory)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    words = tuple(int(x) for x in args.words.split("-", 1))
    library = Library(args.n, words=words)
    queries = library.queries(args.queries)
    print(
        f"synthetic library: {args.n} assets, {words[0]:,}-{words[1]:,} words, {len(FACETS)} facets, ~10 tags, "
        f"20 collections; "
        f"{len(queries)} queries of 1-3 words as a viewer granted 10 collections (through the Python interface)",
        flush=True,
    )
    engines = args.engines.split(",")
    if "tantivy" in engines:
        with tempfile.TemporaryDirectory(dir=args.dir) as workdir:
            bench_tantivy(library, queries, workdir)
    url = os.environ.get("QUIVER_DATABASE_URL", "")
    if "postgres" in engines:
        if url.startswith(("postgres://", "postgresql://")):
            bench_postgres(library, queries, url, keep=args.keep)
        else:
            print("\npostgres: skipped (set QUIVER_DATABASE_URL=postgres://... to measure the PostgreSQL engine)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\ntotal {time.perf_counter() - started:.0f} s, peak memory of this process {peak:.0f} MB")


if __name__ == "__main__":
    main()
