"""Periodic lifecycle work (registered in apps.py, enqueued by the worker's periodic thread)."""

from django.db import transaction
from django_tasks import task


@task()
def sweep_task() -> dict:
    """Publish approved drafts whose date has come; fire `expiring` / `expired` once per asset."""
    from .services import sweep

    with transaction.atomic():
        return sweep()


@task()
def purge_trash_task() -> int:
    """Delete assets in the trash for longer than QUIVER_TRASH_DAYS (each in its own transaction)."""
    from .services import purge_trash

    return purge_trash()
