"""Relevance benchmark: the Cranfield collection through the product's search vs. a plain SQLite FTS5 BM25 baseline.

    make bench-relevance    (python -m tests.bench.relevance [--data DIR] [--depth 100] [--engine tantivy|postgres]
                             [--direct])

By default the 1,400 documents are loaded into a fresh library through the product's own ingest (real .txt
uploads processed by the ingest pipeline) and the queries go through GET /api/v1/search with a viewer's API token
(tests.bench.relevance_library). `--engine postgres` does the same on the PostgreSQL engine in a throwaway database
next to QUIVER_DATABASE_URL. `--direct` skips the library: search documents straight into a Tantivy engine (fast,
for tuning). The baseline is computed in the same run over the same title and abstract texts.
Queries: the 225 of cran.qry, numbered by POSITION (cranqrel numbers them
1..225 in file order while cran.qry ids run 001-365 with gaps). Relevance grades 1 (complete answer) .. 4
(minimum interest) become gains 4..1; -1 and 5 are not relevant. MAP and nDCG@10 over the top `depth` results.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sqlite3
import statistics
import time
from collections import defaultdict
from pathlib import Path

from quiver.search.backends.tantivy import TantivyBackend
from quiver.search.engine import Permission, SearchDocument, SearchQuery

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "search" / "cranfield"


def read_smart(path: Path) -> list[dict[str, str]]:
    """SMART format: `.I id` starts a record, `.X` starts field X."""
    records, current, key = [], None, None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(".I"):
            current = {"I": line[2:].strip()}
            records.append(current)
            key = None
        elif re.fullmatch(r"\.[A-Z]", line.strip()):
            key = line.strip()[1]
            current[key] = ""
        elif current is not None and key:
            current[key] += line + "\n"
    return records


def load(data: Path):
    docs = read_smart(data / "cran.all.1400")
    queries = [" ".join(q.get("W", "").split()) for q in read_smart(data / "cran.qry")]
    qrels: dict[int, dict[int, int]] = defaultdict(dict)
    for line in (data / "cranqrel").read_text().split("\n"):
        parts = line.split()
        if len(parts) >= 3:
            position, doc_id, grade = int(parts[0]), int(parts[1]), int(parts[2])
            qrels[position][doc_id] = 5 - grade if 1 <= grade <= 4 else 0
    return docs, queries, qrels


def average_precision(ranked: list[int], gains: dict[int, int]) -> float:
    relevant = {d for d, g in gains.items() if g > 0}
    if not relevant:
        return 0.0
    found, total = 0, 0.0
    for i, doc_id in enumerate(ranked, 1):
        if doc_id in relevant:
            found += 1
            total += found / i
    return total / len(relevant)


def ndcg(ranked: list[int], gains: dict[int, int], k: int = 10) -> float:
    dcg = sum((2 ** gains.get(d, 0) - 1) / math.log2(i + 1) for i, d in enumerate(ranked[:k], 1))
    ideal = sorted((g for g in gains.values() if g > 0), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 1) for i, g in enumerate(ideal, 1))
    return dcg / idcg if idcg else 0.0


def fts5_baseline(docs, queries, depth):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE d USING fts5(title, body)")
    db.executemany(
        "INSERT INTO d (rowid, title, body) VALUES (?, ?, ?)",
        [(int(d["I"]), d.get("T", ""), d.get("W", "")) for d in docs],
    )
    runs = []
    for text in queries:
        words = re.findall(r"\w+", text.lower())
        match = " OR ".join(f'"{w}"' for w in words)
        rows = db.execute("SELECT rowid FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT ?", (match, depth))
        runs.append([r[0] for r in rows])
    return runs


def direct_documents(docs):
    return [
        SearchDocument(id=int(d["I"]), title=" ".join(d.get("T", "").split()), pages=((1, d.get("W", "")),))
        for d in docs
    ]


def engine_runs(docs, queries, depth):
    engine = TantivyBackend(None)
    engine.index(direct_documents(docs))
    runs, modes, seconds = [], defaultdict(int), []
    for text in queries:
        started = time.perf_counter()
        result = engine.search(SearchQuery(text=text, permission=Permission.everything(), page_size=depth))
        seconds.append(time.perf_counter() - started)
        modes[result.relaxed or "all words"] += 1
        runs.append([hit.id for hit in result.hits])
    return runs, modes, seconds


def score(runs, qrels):
    aps = [average_precision(run, qrels.get(i, {})) for i, run in enumerate(runs, 1)]
    ndcgs = [ndcg(run, qrels.get(i, {})) for i, run in enumerate(runs, 1)]
    return statistics.mean(aps), statistics.mean(ndcgs)


def _throwaway_database(url: str):
    """A fresh PostgreSQL database next to `url` (dropped at exit): its URL and a drop function."""
    import psycopg

    name = f"quiver_bench_relevance_{os.getpid()}"
    admin = psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True)
    admin.execute(f"CREATE DATABASE {name}")

    def drop():
        from django.db import connections

        connections.close_all()
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.close()

    return url.rsplit("/", 1)[0] + "/" + name, drop


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--depth", type=int, default=100)
    parser.add_argument("--engine", choices=("tantivy", "postgres"), default="tantivy")
    parser.add_argument("--direct", action="store_true", help="skip the library, ingest and API (Tantivy only)")
    args = parser.parse_args(argv)
    docs, queries, qrels = load(args.data)
    assert len(docs) == 1400 and len(queries) == 225, (len(docs), len(queries))
    base_map, base_ndcg = score(fts5_baseline(docs, queries, args.depth), qrels)
    if args.direct:
        runs, modes, seconds = engine_runs(docs, queries, args.depth)
        how, engine = "search documents straight into the engine", "tantivy"
    else:
        from tests.bench.relevance_library import library_runs

        url, drop = None, None
        if args.engine == "postgres":
            base = os.environ.get("QUIVER_DATABASE_URL", "")
            if not base.startswith(("postgres://", "postgresql://")):
                raise SystemExit(
                    "--engine postgres needs QUIVER_DATABASE_URL=postgres://... (a throwaway database "
                    "is created next to it)"
                )
            url, drop = _throwaway_database(base)
        try:
            runs, modes, seconds = library_runs(docs, queries, args.depth, args.engine, url)
        finally:
            if drop:
                drop()
        how, engine = "uploads through ingest, queries through GET /api/v1/search as a viewer", args.engine
    eng_map, eng_ndcg = score(runs, qrels)
    print(f"Cranfield: {len(docs)} documents, {len(queries)} queries, judged {len(qrels)}, depth {args.depth}; {how}")
    print(f"{'system':<34}{'MAP':>8}{'nDCG@10':>10}")
    print(f"{'SQLite FTS5 bm25 (baseline)':<34}{base_map:>8.4f}{base_ndcg:>10.4f}")
    print(f"{f'Quiver search ({engine})':<34}{eng_map:>8.4f}{eng_ndcg:>10.4f}")
    ratio = eng_ndcg / base_ndcg if base_ndcg else float("inf")
    print(
        f"nDCG@10 ratio {ratio:.3f} (target >= 1.10): {'PASS' if ratio >= 1.10 else 'FAIL'}; "
        f"MAP ratio {eng_map / base_map if base_map else 0:.3f}"
    )
    print("query modes: " + ", ".join(f"{k} {v}" for k, v in sorted(modes.items())))
    seconds.sort()
    print(
        f"query time p50 {seconds[len(seconds) // 2] * 1000:.1f} ms, "
        f"p95 {seconds[int(len(seconds) * 0.95)] * 1000:.1f} ms"
    )
    return 0 if ratio >= 1.10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
