"""Relevance benchmark: the Cranfield collection through the search engine vs. a plain SQLite FTS5 BM25 baseline.

    make bench-relevance            (python -m tests.bench.relevance [--data DIR] [--depth 100])

Documents are stored as library assets in a throwaway SQLite database (title -> title, abstract -> the text of page
1 of the current version; authors and bibliography are indexed by neither system) and go to the engine through the
product's document builder (search.documents); `--direct` skips the database and builds search documents
directly. Not yet through ingest and the HTTP API (those come with the search API).
Queries: the 225 of cran.qry, numbered by POSITION (cranqrel numbers them
1..225 in file order while cran.qry ids run 001-365 with gaps). Relevance grades 1 (complete answer) .. 4
(minimum interest) become gains 4..1; -1 and 5 are not relevant. MAP and nDCG@10 over the top `depth` results.
"""

from __future__ import annotations

import argparse
import math
import re
import sqlite3
import statistics
import time
from collections import defaultdict
from pathlib import Path

from quiver.search.backends.tantivy_backend import TantivyBackend
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
    idcg = sum((2 ** g - 1) / math.log2(i + 1) for i, g in enumerate(ideal, 1))
    return dcg / idcg if idcg else 0.0


def fts5_baseline(docs, queries, depth):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE d USING fts5(title, body)")
    db.executemany("INSERT INTO d (rowid, title, body) VALUES (?, ?, ?)",
                   [(int(d["I"]), d.get("T", ""), d.get("W", "")) for d in docs])
    runs = []
    for text in queries:
        words = re.findall(r"\w+", text.lower())
        match = " OR ".join(f'"{w}"' for w in words)
        rows = db.execute("SELECT rowid FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT ?", (match, depth))
        runs.append([r[0] for r in rows])
    return runs


def direct_documents(docs):
    return [SearchDocument(id=int(d["I"]), title=" ".join(d.get("T", "").split()), pages=((1, d.get("W", "")),))
            for d in docs]


def built_documents(docs):
    """Cranfield documents as library assets (a fresh SQLite library), then through the document builder."""
    import hashlib
    import os
    import tempfile

    os.environ["QUIVER_DATA_DIR"] = tempfile.mkdtemp(prefix="quiver-cranfield-")
    os.environ.pop("QUIVER_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "quiver.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from quiver.library.models import Asset, AssetPage, AssetVersion
    from quiver.search.documents import documents_for

    call_command("migrate", verbosity=0)
    now = timezone.now()
    assets = Asset.objects.bulk_create([
        Asset(title=" ".join(d.get("T", "").split())[:300], created_at=now, updated_at=now) for d in docs])
    cran_ids = {asset.pk: int(d["I"]) for asset, d in zip(assets, docs)}
    versions = AssetVersion.objects.bulk_create([
        AssetVersion(asset=asset, number=1, file=f"cranfield/{cran_ids[asset.pk]}.txt", status="ready",
                     original_filename=f"{cran_ids[asset.pk]}.txt", size=len(d.get("W", "")),
                     sha256=hashlib.sha256(d.get("W", "").encode()).hexdigest())
        for asset, d in zip(assets, docs)])
    AssetPage.objects.bulk_create([AssetPage(version=v, number=1, text=d.get("W", "")) for v, d in zip(versions, docs)])
    for asset, version in zip(assets, versions):
        asset.current_version = version
    Asset.objects.bulk_update(assets, ["current_version"])
    return [SearchDocument(**{**doc.__dict__, "id": cran_ids[doc.id]}) for doc in documents_for()]


def engine_runs(docs, queries, depth, direct=True):
    engine = TantivyBackend(None)
    engine.index(direct_documents(docs) if direct else built_documents(docs))
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--depth", type=int, default=100)
    parser.add_argument("--direct", action="store_true", help="skip the library and the document builder")
    args = parser.parse_args(argv)
    docs, queries, qrels = load(args.data)
    assert len(docs) == 1400 and len(queries) == 225, (len(docs), len(queries))
    base_map, base_ndcg = score(fts5_baseline(docs, queries, args.depth), qrels)
    runs, modes, seconds = engine_runs(docs, queries, args.depth, direct=args.direct)
    eng_map, eng_ndcg = score(runs, qrels)
    print(f"Cranfield: {len(docs)} documents, {len(queries)} queries, judged {len(qrels)}, depth {args.depth}, "
          f"{'search documents built directly' if args.direct else 'library assets through the document builder'}")
    print(f"{'system':<34}{'MAP':>8}{'nDCG@10':>10}")
    print(f"{'SQLite FTS5 bm25 (baseline)':<34}{base_map:>8.4f}{base_ndcg:>10.4f}")
    print(f"{'Quiver search (Tantivy)':<34}{eng_map:>8.4f}{eng_ndcg:>10.4f}")
    ratio = eng_ndcg / base_ndcg if base_ndcg else float("inf")
    print(f"nDCG@10 ratio {ratio:.3f} (target >= 1.10): {'PASS' if ratio >= 1.10 else 'FAIL'}")
    print("query modes: " + ", ".join(f"{k} {v}" for k, v in sorted(modes.items())))
    seconds.sort()
    print(f"engine query time p50 {seconds[len(seconds) // 2] * 1000:.1f} ms, "
          f"p95 {seconds[int(len(seconds) * 0.95)] * 1000:.1f} ms")
    return 0 if ratio >= 1.10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
