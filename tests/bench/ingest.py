"""`make bench-ingest`: the shared corpus through the REAL pipeline vs. raw in-process extraction, in one run.

End to end: this process stores every file with services.create_asset (original stored, rows, audit, task enqueued
in the database) while real `quiver worker` processes (django-tasks database backend, sandbox pool pre-started at
worker start) run process_version; the clock runs from the first upload until no version is left processing.
Raw = the same sniff + parse (ingest.analyse) called directly in this process: no sandbox, no database, no storage.
Target: end-to-end throughput >= 0.5 x raw.

    .venv/bin/python -m tests.bench.ingest [--limit N] [--no-previews] [--workers N] [--children N] [--corpus PATH]
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpus"


def corpus_files(root: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.stat().st_size > 0)
    return files[:limit] if limit else files


def configure(data_dir: str, children: int, previews: bool) -> None:
    os.environ.update(
        {
            "QUIVER_DATA_DIR": data_dir,
            "QUIVER_DATABASE_URL": f"sqlite:///{data_dir}/bench.sqlite3",
            "QUIVER_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "QUIVER_PARSE_WORKERS": str(children),
            "QUIVER_PREVIEWS": "1" if previews else "0",
            "DJANGO_SETTINGS_MODULE": "quiver.settings",
        }
    )
    os.environ.setdefault("QUIVER_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


def _descendants(pid: int) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                kids = []
            found += kids
            frontier += kids
    return found


def _hwm_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _wait_idle(timeout: float = 3600) -> None:
    from quiver.library.models import AssetVersion

    deadline = time.monotonic() + timeout
    while AssetVersion.objects.filter(status="processing").exists():
        if time.monotonic() > deadline:
            raise SystemExit("the workers did not finish")
        time.sleep(0.02)


def _stop(procs) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_previews(timeout: float = 7200) -> None:
    from quiver.library.models import AssetVersion

    deadline = time.monotonic() + timeout
    while AssetVersion.objects.filter(status="ready", metadata__preview="pending").exists():
        if time.monotonic() > deadline:
            raise SystemExit("the previews did not finish")
        time.sleep(0.1)


def end_to_end(files: list[Path], workers: int) -> dict:
    """Real `quiver worker` processes run while this process uploads (as the web server and the worker do);
    the clock stops when no version is left processing."""
    import io

    from django.db import transaction
    from django.db.models import Count, DurationField, ExpressionWrapper, F, Sum
    from django_tasks_db.models import DBTaskResult

    from quiver.accounts.services import create_user
    from quiver.demo.files import make_pdf
    from quiver.library import services
    from quiver.library.models import AssetVersion, Collection

    editor = create_user("bench", "editor", "bench-password-1")
    root = Collection.objects.get(parent=None)
    quiver = os.path.join(os.path.dirname(sys.executable), "quiver")
    procs = [subprocess.Popen([quiver, "worker"], stdout=subprocess.DEVNULL) for _ in range(workers)]
    try:
        for index in range(2 * workers):  # warm-up: workers started, pools ready, first queries done
            with transaction.atomic():
                services.create_asset(
                    editor,
                    file=io.BytesIO(make_pdf([f"warm-up {index}"])),
                    filename=f"warm-up-{index}.pdf",
                    collections=[root],
                )
        _wait_idle(300)
        first_version = AssetVersion.objects.order_by("-pk").values_list("pk", flat=True)[0]
        first_task = DBTaskResult.objects.order_by("-enqueued_at").values_list("enqueued_at", flat=True)[0]
        upload_times = []
        started = time.perf_counter()
        for path in files:
            t0 = time.perf_counter()
            with open(path, "rb") as fh, transaction.atomic():
                services.create_asset(editor, file=fh, filename=path.name, collections=[root])
            upload_times.append(time.perf_counter() - t0)
        uploaded = time.perf_counter() - started
        _wait_idle()
        text_wall = time.perf_counter() - started
        _wait_previews()
        wall = time.perf_counter() - started
        memory = [(_hwm_mb(p.pid), [_hwm_mb(c) for c in _descendants(p.pid)]) for p in procs]
    finally:
        _stop(procs)
    tasks = DBTaskResult.objects.filter(enqueued_at__gt=first_task)
    spent = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    busy = {
        row["task_path"].rsplit(".", 2)[-2] + "." + row["task_path"].rsplit(".", 1)[-1]: (
            (row["t"] or timedelta()).total_seconds(),
            row["n"],
        )
        for row in tasks.values("task_path").annotate(t=Sum(spent), n=Count("id"))
    }
    rows = list(
        AssetVersion.objects.filter(pk__gt=first_version).values_list("status", "failure_reason", "processing_seconds")
    )
    statuses, reasons = {}, {}
    for status, reason, _ in rows:
        statuses[status] = statuses.get(status, 0) + 1
        if reason:
            key = reason.split(":")[0][:40]
            reasons[key] = reasons.get(key, 0) + 1
    return {
        "wall": wall,
        "text_wall": text_wall,
        "uploaded": uploaded,
        "upload_times": upload_times,
        "busy_text": busy.get("tasks.process_version", (0, 0))[0] / workers,
        "busy_previews": busy.get("tasks.render_previews", (0, 0))[0] / workers,
        "busy": busy,
        "statuses": statuses,
        "reasons": reasons,
        "times": [s for _, _, s in rows if s is not None],
        "memory": memory,
    }


def raw_extraction(files: list[Path]) -> dict:
    from quiver.ingest.analyse import analyse

    times = []
    started = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        analyse(str(path), path.name)
        times.append(time.perf_counter() - t0)
    return {"wall": time.perf_counter() - started, "times": times}


def line(label: str, wall: float, times: list[float], count: int, megabytes: float) -> float:
    rate = count / wall
    print(
        f"{label:<24} {rate:6.1f} files/s {megabytes / wall:6.2f} MB/s  ({count} files in {wall:.2f} s; "
        f"p50 {statistics.median(times):.3f} s, p95 {percentile(times, 0.95):.3f} s per file)"
    )
    return rate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    parser.add_argument("--no-previews", action="store_true", help="skip previews: the parsing ratio alone")
    parser.add_argument("--workers", type=int, default=1, help="`quiver worker` processes (embedded mode: 1)")
    parser.add_argument("--children", type=int, default=2, help="sandbox children per worker (QUIVER_PARSE_WORKERS)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the workers on the way out
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    files = corpus_files(args.corpus, args.limit)
    megabytes = sum(p.stat().st_size for p in files) / 2**20
    with tempfile.TemporaryDirectory(prefix="quiver-bench-") as data_dir:
        configure(data_dir, args.children, previews=not args.no_previews)
        print(
            f"{len(files)} files, {megabytes:.1f} MB from {args.corpus}; previews "
            f"{'off' if args.no_previews else 'on'}; {args.workers} worker(s) x {args.children} sandbox children"
        )
        e2e = end_to_end(files, args.workers)
        raw = raw_extraction(files)
        n = len(files)
        both = [a + b for a, b in zip(e2e["upload_times"], e2e["times"])]
        text_rate = line("end to end, text ready", e2e["text_wall"], both, n, megabytes)
        if not args.no_previews:
            line("end to end, + previews", e2e["wall"], both, n, megabytes)
        line(" - uploads alone", e2e["uploaded"], e2e["upload_times"], n, megabytes)
        capacity = line(" - worker capacity, text", e2e["busy_text"], e2e["times"], n, megabytes)
        if not args.no_previews:
            print(
                f"{' - worker, previews':<24} {e2e['busy_previews']:.2f} s in preview tasks "
                f"({n / max(e2e['busy_previews'], 1e-9):.1f} files/s)"
            )
        raw_rate = line("raw extraction", raw["wall"], raw["times"], n, megabytes)
        print(
            "worker time by task: "
            + ", ".join(f"{name} {seconds:.1f} s / {count}" for name, (seconds, count) in sorted(e2e["busy"].items()))
        )
        print(
            "(uploads and workers run at the same time; previews are a separate lower-priority task, so text is "
            "ready first; 'worker capacity' counts only time spent in tasks; per-file p50/p95: upload + "
            "processing, upload, processing, parse)"
        )
        for index, (worker_mb, children_mb) in enumerate(e2e["memory"]):
            print(
                f"peak memory worker {index + 1}: {worker_mb:.0f} MB + sandbox children "
                f"{' + '.join(f'{c:.0f}' for c in children_mb) or '0'} MB = {worker_mb + sum(children_mb):.0f} MB"
            )
        print(f"outcomes: {e2e['statuses']}; failures: {dict(sorted(e2e['reasons'].items()))}")
        for label, rate in (("end to end (text ready)", text_rate), ("worker capacity (text)", capacity)):
            ratio = rate / raw_rate
            print(f"ratio {label} / raw: {ratio:.2f} (target >= 0.5){'' if ratio >= 0.5 else '  below target'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
