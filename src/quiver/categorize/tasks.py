"""Background tasks of automatic categorization."""

from django.db import transaction
from django_tasks import task


@task()
def categorize_asset_task(asset_id: int) -> int:
    """Categorize one asset (after its version became ready); returns how many suggestions were made or applied."""
    from quiver.library.models import Asset

    from .engine import categorize_asset

    asset = (
        Asset.objects.filter(pk=asset_id, deleted_at__isnull=True, merged_into__isnull=True)
        .select_related("current_version")
        .first()
    )
    if asset is None or (asset.current_version is not None and asset.current_version.status != "ready"):
        return 0  # gone, or a file not processed yet (its version's turn to ready enqueues it again)
    with transaction.atomic():
        return len(categorize_asset(asset))


@task(priority=-5)
def bulk_run_task(run_id: int, attempt: int | None = None) -> str:
    """A bulk run (or its resumption `attempt`; a task for an older attempt does nothing)."""
    from .bulk import run_bulk

    return run_bulk(run_id, attempt)


@task()
def resume_stale_runs_task() -> list[int]:
    """Periodic: resume bulk runs whose worker stopped (categorize.recovery)."""
    from .recovery import resume_stale_runs

    return resume_stale_runs()
