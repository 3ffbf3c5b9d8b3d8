"""Background tasks of the ingest pipeline: text first, previews after (at a lower priority, so a batch of uploads
becomes searchable before its thumbnails are drawn)."""

from django_tasks import task

PREVIEW_PRIORITY = -10


@task()
def process_version(version_id: int) -> str:
    from .pipeline import process_version as run

    return run(version_id)


@task(priority=PREVIEW_PRIORITY)
def render_previews(version_id: int) -> str:
    from .pipeline import render_previews as run

    return run(version_id)


@task()
def sweep_leases() -> dict[str, int]:
    """Periodic: re-queue versions whose worker stopped mid-work, or whose task was lost (ingest.leases)."""
    from .leases import sweep

    return sweep()
