"""`quiver reindex`: rebuild the search index from the database."""

import time

import typer

from . import app, setup_django


@app.command()
def reindex(
    queue: bool = typer.Option(
        False,
        "--queue",
        help="Leave the rebuild to the background worker "
        "(use while `quiver serve` or `quiver worker` runs: it holds the index)",
    ),
) -> None:
    """Empty the search index and load every asset again (after a restore, an upgrade, or a change of engine)."""
    setup_django()
    from django.conf import settings

    from quiver.search.services import rebuild_index
    from quiver.search.tasks import rebuild_index as rebuild_task

    if queue:
        rebuild_task.enqueue()
        typer.echo("rebuild queued: the worker rebuilds the index")
        return
    started = time.monotonic()
    try:
        count = rebuild_index()
    except ValueError as exc:
        if "Lock" not in str(exc):
            raise
        typer.echo(
            "error: another process (the worker) holds the search index; stop it or run `quiver reindex --queue`",
            err=True,
        )
        raise typer.Exit(1) from exc
    typer.echo(
        f"indexed {count} assets in {time.monotonic() - started:.1f} s ({settings.QUIVER_SEARCH_BACKEND} engine)"
    )
