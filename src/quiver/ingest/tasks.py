"""Background tasks of the ingest pipeline: text first, previews after, each on its own queue (quiver.core.queues)
so neither waits behind the other; a worker consuming both (`quiver worker` alone) still takes the text first."""

from django_tasks import task

from quiver.core.queues import INGEST, PREVIEWS

PREVIEW_PRIORITY = -10


@task(queue_name=INGEST)
def process_version(version_id: int) -> str:
    from .pipeline import process_version as run

    return run(version_id)


@task(priority=PREVIEW_PRIORITY, queue_name=PREVIEWS)
def render_previews(version_id: int) -> str:
    from .pipeline import render_previews as run

    return run(version_id)


@task()
def sweep_leases() -> dict[str, int]:
    """Periodic: re-queue versions whose worker stopped mid-work, or whose task was lost (ingest.leases)."""
    from .leases import sweep

    return sweep()
