"""Fingerprint an existing library (assets uploaded before quiver.similarity, or after a change of parameters).

from quiver.similarity.services import backfill
backfill()  # -> {"versions": n, "flags": n, "seconds": s, "per_second": r}
"""

import time

from quiver.library.models import Asset, AssetVersion

from ..models import Fingerprint
from .fingerprint import fingerprint_version


def backfill(*, only_missing: bool = True, progress=None, batch: int = 200) -> dict:
    """Fingerprint the current version of every live asset (ready ones; others get their exact-copy flags);
    `progress(done, total)` is called after each batch."""
    ids = Asset.objects.filter(
        deleted_at__isnull=True, merged_into__isnull=True, current_version__isnull=False
    ).values_list("current_version_id", flat=True)
    versions = AssetVersion.objects.filter(pk__in=ids)
    if only_missing:
        versions = versions.exclude(pk__in=Fingerprint.objects.values("version_id"))
    todo = list(versions.order_by("pk").values_list("pk", flat=True))
    started, flags = time.perf_counter(), 0
    for offset in range(0, len(todo), batch):
        for pk in todo[offset : offset + batch]:
            flags += len(fingerprint_version(AssetVersion(pk=pk)))
        if progress:
            progress(min(offset + batch, len(todo)), len(todo))
    seconds = time.perf_counter() - started
    return {
        "versions": len(todo),
        "flags": flags,
        "seconds": round(seconds, 3),
        "per_second": round(len(todo) / seconds, 1) if seconds else None,
    }
