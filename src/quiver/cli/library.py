"""`quiver import PATH` (bulk ingest of a folder tree) and `quiver demo` (load the demo library)."""

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from . import app, setup_django

FULL_TABLE_LIMIT = 200  # above this many files, the summary lists only the files that did not import


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}"),
        console=console,
        transient=False,
    )


@app.command("import")
def import_(
    path: Path = typer.Argument(..., help="A folder (sub-folders become collections) or a single file."),
    collection: str = typer.Option(
        None, "--collection", "-c", help="Import below this collection path, e.g. 'Imports/2025' (created if missing)."
    ),
    owner: str = typer.Option(None, "--owner", "-o", help="Username recorded as owner and uploader."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=32, help="Files processed in parallel."),
) -> None:
    """Bulk ingest a folder tree: each file is stored, then processed, and a summary is printed."""
    console, errors = Console(), Console(stderr=True)
    if not path.exists() and not path.is_symlink():
        errors.print(f"[red]error:[/red] {escape(str(path))} does not exist", highlight=False)
        raise typer.Exit(1)
    if path.is_symlink():
        errors.print(f"[red]error:[/red] {escape(str(path))} is a symbolic link; pass the real folder", highlight=False)
        raise typer.Exit(1)
    setup_django()
    from django.db import DatabaseError

    from quiver.accounts.models import User
    from quiver.library.models import Collection

    from .importer import resolve_collection, run_import

    try:
        ready = Collection.objects.filter(parent=None, name="Library").exists()
    except DatabaseError:
        ready = False
    if not ready:
        errors.print("[red]error:[/red] the database is not set up; run `quiver migrate` first", highlight=False)
        raise typer.Exit(1)
    user = None
    if owner:
        user = User.objects.filter(username=owner, is_active=True).first()
        if user is None:
            errors.print(f"[red]error:[/red] no active user named {escape(repr(owner))}", highlight=False)
            raise typer.Exit(1)
    target = resolve_collection(user, collection)
    with _progress(console) as bar:
        task = bar.add_task("Importing", total=None, current="")

        def on_done(outcome) -> None:
            bar.update(task, advance=1, current=escape(outcome.rel[-50:]))

        outcomes = run_import(
            path,
            target,
            owner=user,
            workers=workers,
            on_start=lambda total: bar.update(task, total=total),
            on_done=on_done,
        )
        bar.update(task, current="")
    _summary(console, outcomes, target)


def _summary(console: Console, outcomes, target) -> None:
    from .importer import FAILED, OK, PRESENT, SKIPPED

    counts = {kind: sum(1 for o in outcomes if o.result == kind) for kind in (OK, FAILED, PRESENT, SKIPPED)}
    shown = outcomes if len(outcomes) <= FULL_TABLE_LIMIT else [o for o in outcomes if o.result != OK]
    if shown:
        table = Table(title="Import summary", show_lines=False)
        table.add_column("file", overflow="fold")
        table.add_column("result")
        table.add_column("reason", overflow="fold")
        colour = {OK: "green", FAILED: "red", PRESENT: "cyan", SKIPPED: "yellow"}
        for outcome in sorted(shown, key=lambda o: (o.result == OK, o.rel)):
            table.add_row(escape(outcome.rel), f"[{colour[outcome.result]}]{outcome.result}[/]", escape(outcome.reason))
        console.print(table)
    console.print(
        f"Imported into '{escape(target.name)}': {counts[OK]} ok, {counts[FAILED]} failed, "
        f"{counts[PRESENT]} already present, {counts[SKIPPED]} skipped."
    )


@app.command()
def demo(
    process: bool = typer.Option(
        False, "--process", help="Process the files now, with a progress bar, instead of leaving them to the worker."
    ),
) -> None:
    """Generate and load the demo library (only into an empty library), then print the demo logins."""
    from .serve import migrate

    migrate()
    from quiver.demo.loader import ensure_demo

    console = Console()
    if not process:
        ensure_demo(echo=typer.echo)
        return
    with _progress(console) as bar:
        task = bar.add_task("Processing", total=None, current="")
        ensure_demo(
            echo=bar.console.print,
            process=True,
            progress=lambda done, total, status: bar.update(task, completed=done, total=total, current=status),
        )
