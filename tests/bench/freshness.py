"""`make bench-freshness`: how soon an upload is ready, searchable and previewed while a long import runs, with
the worker lanes of `quiver serve` (one queue each: ingest, previews, index, default) against the old topology
(one worker, one queue: index updates at priority -5 behind ingest at 0, previews at -10), in one run.

For each topology: a fresh data directory, the real `quiver serve` as `make run` starts it (gunicorn + its
workers, default settings, no demo), an admin and its API token. One client uploads the shared corpus (used in
place) over HTTP through POST /api/v1/assets, file after file with no pause, ROUNDS times (distinct titles); each
title carries a unique word. Measured per upload, from its 201 answer:
  ready       the version left "processing" (ready or failed), seen in the server's database (read-only)
  searchable  GET /api/v1/search?q=<title word> <a word of its extracted text> lists it, unrelaxed: the TEXT is
              in the index (assets without extracted text: the title word once ready)
  preview     the thumbnail is stored (versions that get one)
and the deepest queue seen (tasks waiting, per queue and in all). The baseline is the code of --baseline-ref
(default: the commit before issue 10) extracted with `git archive`, so it really is the old topology.
Bounded: every wait has a deadline (--timeout); the servers are stopped at the end.

    python -m tests.bench.freshness [--rounds 2] [--limit N] [--topologies lanes,baseline] [--baseline-ref REF]
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.freshness_http import (
    REPO,
    Api,
    Server,
    admin_token,
    free_port,
    serve_env,
)

DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpus"
BASELINE_REF = "2b8f7ac"  # main before issue 10: one worker, one "default" queue
BOUND_SECONDS = 30  # the freshness bound: a ready asset is searchable within 30 s (p95)
SEARCH_CHECKS_PER_CYCLE = 10
WORD = re.compile(r"\b[a-z]{5,16}\b")


@dataclass
class Upload:
    asset_id: int
    word: str
    uploaded: float
    ready: float | None = None
    status: str = ""
    text_word: str = ""
    searchable: float | None = None
    preview: float | None = None
    preview_done: bool = False


@dataclass
class Run:
    name: str
    uploads: dict[int, Upload] = field(default_factory=dict)
    max_depth: dict[str, int] = field(default_factory=dict)
    max_total: int = 0
    upload_seconds: float = 0.0
    wall: float = 0.0
    refused: int = 0


def corpus_files(root: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and 0 < p.stat().st_size < 50 * 2**20)
    return files[:limit] if limit else files


def uploader(api: Api, collection: int, files: list[Path], rounds: int, run: Run, lock: threading.Lock) -> None:
    started = time.monotonic()
    for r in range(rounds):
        for i, path in enumerate(files):
            word = f"fq{r}x{i:04d}zz"
            status, body = api.upload(path.name, path.read_bytes(), collection, title=f"{path.stem} {word}")
            if status != 201:
                run.refused += 1
                continue
            with lock:
                run.uploads[body["id"]] = Upload(body["id"], word, time.monotonic())
    run.upload_seconds = time.monotonic() - started


def observe_database(db: sqlite3.Connection, run: Run, lock: threading.Lock, now: float) -> None:
    """Ready / preview states and queue depths, read from the server's database."""
    rows = db.execute(
        "SELECT a.id, v.status, v.thumbnail, v.metadata, v.id FROM library_asset a "
        "JOIN library_assetversion v ON v.id = a.current_version_id"
    ).fetchall()
    with lock:
        pending = {u.asset_id: u for u in run.uploads.values() if u.ready is None or not u.preview_done}
    for asset_id, status, thumbnail, metadata, version_id in rows:
        upload = pending.get(asset_id)
        if upload is None:
            continue
        if upload.ready is None and status != "processing":
            upload.ready, upload.status = now, status
            text = " ".join(
                t
                for (t,) in db.execute(
                    "SELECT text FROM library_assetpage WHERE version_id = ? ORDER BY number LIMIT 3", (version_id,)
                )
            )
            words = sorted(set(WORD.findall(text.lower())), key=lambda w: (-len(w), w))
            upload.text_word = words[0] if words else ""
        if upload.ready is not None and not upload.preview_done and '"pending"' not in (metadata or ""):
            upload.preview_done = True
            if thumbnail:
                upload.preview = now
    depths = dict(
        db.execute(
            "SELECT queue_name, COUNT(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status = 'READY' GROUP BY queue_name"
        ).fetchall()
    )
    for name, n in depths.items():
        run.max_depth[name] = max(run.max_depth.get(name, 0), n)
    run.max_total = max(run.max_total, sum(depths.values()))


def check_search(api: Api, run: Run, lock: threading.Lock) -> None:
    """The oldest ready-but-not-yet-found uploads (a few per cycle, so polling stays light)."""
    with lock:
        due = sorted(
            (u for u in run.uploads.values() if u.ready is not None and u.searchable is None and u.status == "ready"),
            key=lambda u: u.ready,
        )[:SEARCH_CHECKS_PER_CYCLE]
    for upload in due:
        status, body = api.get("/search", q=f"{upload.word} {upload.text_word}".strip(), page_size=5, facets="")
        if (
            status == 200
            and not body.get("relaxed")
            and any(
                item.get("id") == upload.asset_id or item.get("asset", {}).get("id") == upload.asset_id
                for item in body.get("results", body.get("items", []))
            )
        ):
            upload.searchable = time.monotonic()


def measure(name: str, src: Path, files: list[Path], rounds: int, timeout: float) -> Run:
    run, lock = Run(name), threading.Lock()
    with tempfile.TemporaryDirectory(prefix=f"quiver-fresh-{name}-") as tmp:
        env = serve_env(Path(tmp) / "var", src=src)
        token = admin_token(env)
        server = Server(env, free_port())
        try:
            server.wait_up()
            api = Api(server.port, token)
            status, collection = api.post_json("/collections", {"name": "Freshness"})
            assert status == 201, collection
            db = sqlite3.connect(f"file:{Path(tmp) / 'var' / 'quiver.sqlite3'}?mode=ro", uri=True, timeout=30)
            started = time.monotonic()
            thread = threading.Thread(target=uploader, args=(api, collection["id"], files, rounds, run, lock))
            thread.start()
            deadline = started + timeout
            while time.monotonic() < deadline:
                observe_database(db, run, lock, time.monotonic())
                check_search(api, run, lock)
                with lock:
                    done = not thread.is_alive() and all(
                        u.ready is not None and u.preview_done and (u.searchable or u.status != "ready")
                        for u in run.uploads.values()
                    )
                if done:
                    break
                time.sleep(0.5)
            run.wall = time.monotonic() - started
            thread.join(timeout=60)
        finally:
            server.stop()
    return run


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def report(run: Run) -> dict:
    ups = list(run.uploads.values())
    series = {
        "ready": [u.ready - u.uploaded for u in ups if u.ready],
        "searchable": [u.searchable - u.uploaded for u in ups if u.searchable],
        "ready->searchable": [u.searchable - u.ready for u in ups if u.searchable and u.ready],
        "preview": [u.preview - u.uploaded for u in ups if u.preview],
    }
    print(
        f"\n== {run.name}: {len(ups)} uploads in {run.upload_seconds:.0f} s ({run.refused} refused), "
        f"all settled after {run.wall:.0f} s"
    )
    for label, values in series.items():
        print(
            f"  upload -> {label:<18} p50 {pct(values, 0.5):7.1f} s  p95 {pct(values, 0.95):7.1f} s  "
            f"max {max(values, default=float('nan')):7.1f} s  (n={len(values)})"
        )
    missing = sum(1 for u in ups if u.status == "ready" and u.searchable is None)
    statuses = {s: sum(1 for u in ups if u.status == s) for s in sorted({u.status for u in ups})}
    late = sum(1 for u in ups if u.ready is None), sum(1 for u in ups if not u.preview_done)
    print(
        f"  outcomes {statuses}; by the deadline: {late[0]} not processed, {missing} ready but not found by "
        f"search, {late[1]} previews not drawn (left out of the figures above)"
    )
    print(f"  deepest queue: {run.max_total} tasks waiting; per queue {dict(sorted(run.max_depth.items()))}")
    return {k: pct(v, 0.95) for k, v in series.items()}


def baseline_src(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="upload the corpus this many times (distinct titles)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files of the corpus")
    parser.add_argument("--topologies", default="lanes,baseline")
    parser.add_argument("--baseline-ref", default=BASELINE_REF)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per topology, at most")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--src", type=Path, default=REPO / "src", help="code of the lanes topology (a snapshot)")
    args = parser.parse_args(argv)
    files = corpus_files(args.corpus, args.limit)
    print(
        f"{len(files)} files x {args.rounds} rounds from {args.corpus}; load average {os.getloadavg()}; "
        f"{os.cpu_count()} CPUs"
    )
    p95 = {}
    with tempfile.TemporaryDirectory(prefix="quiver-fresh-src-") as tmp:
        for name in args.topologies.split(","):
            src = args.src if name == "lanes" else baseline_src(args.baseline_ref, Path(tmp))
            p95[name] = report(measure(name, src, files, args.rounds, args.timeout))
            print(f"  load average after: {os.getloadavg()}")
    if {"lanes", "baseline"} <= set(p95):
        for label in p95["lanes"]:
            new, old = p95["lanes"][label], p95["baseline"][label]
            print(
                f"p95 upload -> {label}: baseline {old:.1f} s / lanes {new:.1f} s = {old / new:.1f}x"
                if new > 0
                else f"p95 upload -> {label}: baseline {old:.1f} s, lanes {new:.1f} s"
            )
    lanes = p95.get("lanes", {})
    if "ready->searchable" in lanes:
        ok = lanes["ready->searchable"] <= BOUND_SECONDS
        print(
            f"freshness bound: ready -> searchable p95 {lanes['ready->searchable']:.1f} s "
            f"(bound {BOUND_SECONDS} s){'' if ok else '  ABOVE THE BOUND'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
