"""Background work of quiver.similarity (enqueued after commit by similarity.listeners)."""

from django_tasks import task

from quiver.library.models import AssetVersion


@task()
def flag_exact_task(version_id: int) -> int:
    """Exact copies of a new version (its SHA-256 is known from upload, before parsing)."""
    from .services import flag_exact

    version = AssetVersion.objects.select_related("asset").filter(pk=version_id).first()
    return len(flag_exact(version)) if version is not None else 0


@task()
def fingerprint_version_task(version_id: int) -> int:
    """Exact and near-duplicate flags of a version that became ready."""
    from .services import fingerprint_version

    version = AssetVersion.objects.filter(pk=version_id).first()
    return len(fingerprint_version(version)) if version is not None else 0


@task(priority=-20)
def backfill_task() -> dict:
    """Fingerprint what has no fingerprint yet (a library from before quiver.similarity, a restored backup):
    a periodic job, nearly free when nothing is missing (one query)."""
    from .services import backfill

    return backfill(only_missing=True)
