"""`quiver serve` (web server + one worker per lane, supervised: the embedded mode) and `quiver worker`."""

import os
import sys

import typer

from quiver.core.queues import ALL, INDEX, LANES, SANDBOXED

from . import app, setup_django
from .supervise import Child, listen, supervise


def _manage(*args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "django",
        *args,
        "--settings",
        os.environ.get("DJANGO_SETTINGS_MODULE", "quiver.settings"),
    ]


@app.command()
def migrate() -> None:
    """Create or upgrade the database."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


@app.command()
def worker(
    queues: str = typer.Option("", help="Comma-separated queues to consume (default: QUIVER_WORKER_QUEUES, else all)."),
    periodic: bool = typer.Option(
        True, "--periodic/--no-periodic", help="Also run the periodic jobs' thread (one worker of a machine is enough)."
    ),
    max_tasks: int = typer.Option(0, help="Exit after this many tasks (0: run forever)."),
) -> None:
    """Run one background worker (ingest, previews, search index, everything else: see quiver.core.queues)."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    names = [q.strip() for q in queues.split(",") if q.strip()] or settings.QUIVER_WORKER_QUEUES or list(ALL)
    allowed = settings.TASKS["default"].get("QUEUES") or ALL
    unknown = sorted(set(names) - set(allowed))
    if not names or unknown:
        raise typer.BadParameter(
            f"unknown queue(s) {', '.join(unknown) or '(none given)'}; choose among {', '.join(allowed)}",
            param_hint="--queues",
        )
    args = ["--interval", "0.5", "--no-startup-delay", "--queue-name", ",".join(names)]
    if SANDBOXED & set(names):
        from quiver.ingest.sandbox import start_pool

        start_pool()  # the parsing sandbox's children are pre-started, not spawned per file
    if INDEX in names:
        from quiver.search.models import PendingIndex
        from quiver.search.tasks import update_index

        if PendingIndex.objects.exists():  # changes queued while no worker ran
            update_index.enqueue([])
    if periodic:
        # Finished task rows pile up (~3 per upload): keep a week of successes, a month of failures.
        call_command("prune_db_task_results", "--min-age-days", "7", "--failed-min-age-days", "30", verbosity=0)
        from quiver.core.periodic import start_thread

        start_thread()  # publish/expire schedules, digests, retraining...: see quiver.core.periodic
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
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
    with_worker: bool = typer.Option(True, "--with-worker/--no-worker", help="Also run the background workers."),
    single_worker: bool = typer.Option(
        False,
        "--single-worker/--worker-lanes",
        help="One worker for every queue instead of one per lane (less memory; "
        "search and previews then wait behind a long import).",
    ),
) -> None:
    """Serve the web UI and API with gunicorn, plus one supervised worker per lane (embedded mode)."""
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
    sock = listen(host, port)
    children = [
        Child(
            "web server",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "quiver.wsgi:application",
                "--bind",
                f"fd://{sock.fileno()}",
                "--workers",
                str(workers),
                "--threads",
                "4",
                "--timeout",
                "120",
                "--access-logfile",
                "-",
                "--no-control-socket",
            ],
            pass_fds=(sock.fileno(),),
        )
    ]
    if with_worker:
        children += worker_children(single_worker or settings.QUIVER_SINGLE_WORKER)
    typer.echo(f"Quiver is serving at http://{host}:{port}/  (Ctrl-C to stop)")
    supervise(children)


def worker_children(single: bool) -> list[Child]:
    """One worker per lane (quiver.core.queues.LANES), or one for everything."""
    command = [sys.executable, "-m", "quiver.cli.entry", "worker"]
    if single:
        return [Child("worker", command)]
    return [
        Child(
            f"worker {name!r}", [*command, "--queues", ",".join(queues), "--periodic" if periodic else "--no-periodic"]
        )
        for name, (queues, periodic) in LANES.items()
    ]
