"""Nothing is lost: deletion moves to a trash (admins only), restorable for QUIVER_TRASH_DAYS (30); the
periodic purge then deletes the row, and its stored files when no other version holds the same bytes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from quiver.core import audit, events
from quiver.library import policy
from quiver.library.models import Asset, AssetPage, AssetStatus, AssetVersion

from ..events import fire
from ..selectors import purgeable
from .approval import withdraw_pending
from .common import now_or, set_fields


def trash(user, asset: Asset, *, now=None) -> Asset:
    if not policy.can_trash(user):
        raise PermissionDenied("Only admins may delete assets.")
    if asset.deleted_at is not None:
        raise ValidationError("This asset is already in the trash.")
    now = now_or(now)
    # A waiting review is closed (out of every approver's inbox); the asset goes back to draft so that a restore
    # from the trash brings back a draft to resubmit, never an asset "in review" with no request to decide.
    leaving_review = {"status": AssetStatus.DRAFT} if asset.status == AssetStatus.IN_REVIEW else {}
    set_fields(user, asset, "asset.trash", now, deleted_at=now, deleted_by=user, **leaving_review)
    withdraw_pending(user, asset, "Withdrawn: the asset was moved to the trash.", now=now)
    fire(asset, "trashed", user)
    return asset


def restore_from_trash(user, asset: Asset, *, now=None) -> Asset:
    if not policy.can_trash(user):
        raise PermissionDenied("Only admins may restore assets from the trash.")
    if asset.deleted_at is None:
        raise ValidationError("This asset is not in the trash.")
    set_fields(user, asset, "asset.untrash", now_or(now), deleted_at=None, deleted_by=None)
    fire(asset, "restored", user, source="trash")
    return asset


def _stored_files(asset: Asset) -> dict[str, set[str]]:
    """{sha256: storage names} of every version of `asset`: original, thumbnail, page images."""
    files: dict[str, set[str]] = {}
    for version in AssetVersion.objects.filter(asset=asset).only("pk", "sha256", "file", "thumbnail"):
        names = files.setdefault(version.sha256, set())
        names.update(n for n in (version.file.name, version.thumbnail.name) if n)
        names.update(
            n for n in AssetPage.objects.filter(version=version).exclude(image="").values_list("image", flat=True) if n
        )
    return files


def _delete_files(names) -> None:
    for name in sorted(names):
        try:
            default_storage.delete(name)
        except OSError:  # already gone: nothing to keep
            pass


def purge_asset(asset: Asset, now=None) -> list[str]:
    """Delete one trashed asset for good; returns the storage names that will be deleted after commit (those
    whose bytes no other version references: storage is content-addressed, one copy per SHA-256)."""
    files = _stored_files(asset)
    audit.record(
        None,
        "asset.purge",
        asset,
        before={
            "title": asset.title,
            "deleted_at": asset.deleted_at.isoformat() if asset.deleted_at else None,
            "files": sorted(files),
        },
    )
    fire(asset, "purged", None)
    asset_id = asset.pk
    asset.delete()
    events.publish(events.AssetPurged(asset_id=asset_id))
    still_used = set(AssetVersion.objects.filter(sha256__in=list(files)).values_list("sha256", flat=True))
    doomed = sorted(name for sha, names in files.items() if sha not in still_used for name in names)
    transaction.on_commit(lambda: _delete_files(doomed))
    return doomed


def purge_trash(now=None) -> int:
    """Delete the assets in the trash for longer than the retention period (the periodic job)."""
    now = now_or(now)
    count = 0
    for asset in purgeable(now).order_by("pk"):
        with transaction.atomic():
            purge_asset(asset, now)
        count += 1
    return count
