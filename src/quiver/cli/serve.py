"""`quiver serve` (web server + one worker, the embedded mode) and `quiver worker`."""

import os
import signal
import subprocess
import sys
import time

import typer

from . import app, setup_django


def _manage(*args: str) -> list[str]:
    return [sys.executable, "-m", "django", *args, "--settings", os.environ.get("DJANGO_SETTINGS_MODULE",
                                                                               "quiver.settings")]


@app.command()
def migrate() -> None:
    """Create or upgrade the database."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


@app.command()
def worker(max_tasks: int = typer.Option(0, help="Exit after this many tasks (0: run forever).")) -> None:
    """Run one background worker (ingest, previews)."""
    setup_django()
    from django.core.management import call_command

    args = ["--interval", "0.5", "--no-startup-delay"]
    from quiver.ingest.sandbox import start_pool

    start_pool()  # the parsing sandbox's children are pre-started, not spawned per file
    from quiver.search.models import PendingIndex
    from quiver.search.tasks import update_index

    if PendingIndex.objects.exists():  # changes queued while no worker ran
        update_index.enqueue([])
    # Finished task rows pile up (~3 per upload): keep a week of successes, a month of failures.
    call_command("prune_db_task_results", "--min-age-days", "7", "--failed-min-age-days", "30", verbosity=0)
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
    from quiver.core.periodic import start_thread

    start_thread()  # publish/expire schedules, digests, retraining...: see quiver.core.periodic
    call_command(_quiet_db_worker(), *args)


def _quiet_db_worker():
    """django-tasks' db_worker sets its loggers to INFO whatever the settings say (one line per task state):
    keep them at QUIVER_TASKS_LOG_LEVEL (WARNING by default: failures still show)."""
    import logging

    from django.conf import settings
    from django_tasks_db.management.commands import db_worker

    class Command(db_worker.Command):
        def configure_logging(self, verbosity: int) -> None:
            super().configure_logging(verbosity)
            level = settings.QUIVER_TASKS_LOG_LEVEL.upper()
            for name in (db_worker.TASKS_LOGGER, db_worker.logger.name):
                logging.getLogger(name).setLevel(level)

    return Command()


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", envvar="HOST"),
    port: int = typer.Option(8000, envvar="PORT"),
    workers: int = typer.Option(0, help="gunicorn worker processes (0: QUIVER_WEB_WORKERS, 2 by default)"),
    demo: bool = typer.Option(False, help="Load the demo library if the library is empty."),
    with_worker: bool = typer.Option(True, "--with-worker/--no-worker", help="Also run one background worker."),
) -> None:
    """Serve the web UI and API with gunicorn, plus one background worker (embedded mode)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quiver.settings")
    migrate()
    from django.conf import settings
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    if demo:
        from quiver.demo.loader import ensure_demo

        ensure_demo(echo=typer.echo)
    typer.echo(f"Data directory: {settings.DATA_DIR}")
    workers = workers or settings.QUIVER_WEB_WORKERS
    procs = [subprocess.Popen([sys.executable, "-m", "gunicorn", "quiver.wsgi:application", "--bind",
                               f"{host}:{port}", "--workers", str(workers), "--threads", "4", "--timeout", "120",
                               "--access-logfile", "-"])]
    if with_worker:
        procs.append(subprocess.Popen([sys.executable, "-m", "quiver.cli.entry", "worker"]))
    typer.echo(f"Quiver is serving at http://{host}:{port}/  (Ctrl-C to stop)")
    _supervise(procs)


def _supervise(procs: list[subprocess.Popen]) -> None:
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and all(p.poll() is None for p in procs):
        time.sleep(0.5)
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
