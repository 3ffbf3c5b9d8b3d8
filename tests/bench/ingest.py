"""`make bench-ingest`: the shared corpus through the REAL pipeline vs. raw in-process extraction, in one run.

End to end = services.create_asset (original stored, rows, audit) + process_version (copy, sandbox pool, pages,
previews unless --no-previews) on a throwaway data dir with SQLite. Raw = the same analyse() (sniff + parse) called
directly in this process: no sandbox, no database, no storage. Target: end to end >= 0.5 x raw.

    .venv/bin/python -m tests.bench.ingest [--limit N] [--no-previews] [--workers N] [--corpus PATH]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpus"


def corpus_files(root: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.stat().st_size > 0)
    return files[:limit] if limit else files


def setup_django(data_dir: str, workers: int, previews: bool) -> None:
    os.environ["QUIVER_DATA_DIR"] = data_dir
    os.environ["QUIVER_DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
    os.environ["QUIVER_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"  # we call the task ourselves
    os.environ["QUIVER_PARSE_WORKERS"] = str(workers)
    os.environ.setdefault("QUIVER_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "quiver.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.QUIVER_PREVIEWS = previews
    call_command("migrate", verbosity=0)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def end_to_end(files: list[Path]) -> dict:
    from django.db import transaction

    from quiver.accounts.services import create_user
    from quiver.ingest.pipeline import process_version
    from quiver.ingest.sandbox import get_pool
    from quiver.library import services
    from quiver.library.models import AssetVersion, Collection

    editor = create_user("bench", "editor", "bench-password-1")
    root = Collection.objects.get(parent=None)
    get_pool().run("quiver.ingest.sandbox:scratch_dir")  # the pool is pre-started in a real worker too
    times, statuses, reasons = [], {}, {}
    started = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        with open(path, "rb") as fh, transaction.atomic():
            asset = services.create_asset(editor, file=fh, filename=path.name, collections=[root])
        status = process_version(asset.current_version_id)
        times.append(time.perf_counter() - t0)
        statuses[status] = statuses.get(status, 0) + 1
    wall = time.perf_counter() - started
    for reason in AssetVersion.objects.filter(status="failed").values_list("failure_reason", flat=True):
        key = reason.split(":")[0][:40]
        reasons[key] = reasons.get(key, 0) + 1
    return {"wall": wall, "times": times, "statuses": statuses, "reasons": reasons}


def raw_extraction(files: list[Path]) -> dict:
    from quiver.ingest.analyse import analyse

    times = []
    started = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        analyse(str(path), path.name)
        times.append(time.perf_counter() - t0)
    return {"wall": time.perf_counter() - started, "times": times}


def report(label: str, result: dict, count: int, megabytes: float) -> float:
    rate = count / result["wall"]
    print(f"{label:<22} {count} files in {result['wall']:.2f} s: {rate:.1f} files/s, {megabytes / result['wall']:.2f} "
          f"MB/s, p50 {statistics.median(result['times']):.3f} s, p95 {percentile(result['times'], 0.95):.3f} s "
          f"per file")
    return rate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    parser.add_argument("--no-previews", action="store_true", help="skip previews to show the parsing ratio alone")
    parser.add_argument("--workers", type=int, default=2, help="sandbox children (QUIVER_PARSE_WORKERS)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    files = corpus_files(args.corpus, args.limit)
    megabytes = sum(p.stat().st_size for p in files) / 2**20
    with tempfile.TemporaryDirectory(prefix="quiver-bench-") as data_dir:
        setup_django(data_dir, args.workers, previews=not args.no_previews)
        from quiver.ingest.sandbox import get_pool, peak_memory_mb

        print(f"{len(files)} files, {megabytes:.1f} MB from {args.corpus}; previews "
              f"{'off' if args.no_previews else 'on'}; {args.workers} sandbox children")
        e2e = end_to_end(files)
        memory = peak_memory_mb()  # before the raw run, which parses inside this very process
        raw = raw_extraction(files)
        e2e_rate = report("end to end (pipeline)", e2e, len(files), megabytes)
        raw_rate = report("raw extraction", raw, len(files), megabytes)
        print(f"peak memory: worker {memory['worker']:.0f} MB, largest sandbox child {memory['child']:.0f} MB "
              f"(LibreOffice included), together {memory['worker'] + memory['child'] * args.workers:.0f} MB at most")
        print(f"outcomes: {e2e['statuses']}; failure reasons: {dict(sorted(e2e['reasons'].items()))}")
        ratio = e2e_rate / raw_rate
        print(f"ratio end to end / raw: {ratio:.2f} (target >= 0.5){'' if ratio >= 0.5 else '  BELOW TARGET'}")
        get_pool().close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
