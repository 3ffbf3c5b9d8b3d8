"""What an editor decides about a duplicate flag: keep both (dismiss) or add the upload as a new version of its
twin. Permissions are checked here (services are called by the web views, the API and the review sessions)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from quiver.core import audit, events
from quiver.library import policy
from quiver.library.models import Asset
from quiver.lifecycle.services import merge

from ..models import DuplicateFlag, FlagStatus


def _may_decide(user, asset: Asset, twin: Asset) -> None:
    """Both assets must be visible to the user (a hidden twin does not exist for them) and the upload editable."""
    visible = set(
        policy.visible_assets(user, Asset.objects.filter(pk__in=[asset.pk, twin.pk])).values_list("pk", flat=True)
    )
    if visible != {asset.pk, twin.pk} or not policy.can_edit_asset(user, asset):
        raise PermissionDenied("You may not decide about this duplicate.")


def _decide(user, flags, status: str) -> int:
    return flags.filter(status=FlagStatus.OPEN).update(status=status, decided_by=user, decided_at=timezone.now())


def dismiss(user, flag: DuplicateFlag) -> DuplicateFlag:
    """ "Keep both": the flag is closed and never raised again for this pair."""
    _may_decide(user, flag.asset, flag.twin)
    if flag.status != FlagStatus.OPEN:
        return flag
    _decide(user, DuplicateFlag.objects.filter(pk=flag.pk), FlagStatus.DISMISSED)
    audit.record(
        user, "duplicate.dismiss", flag.asset, after={"twin": flag.twin_id, "kind": flag.kind, "score": flag.score}
    )
    flag.refresh_from_db()
    return flag


def mark_merged(user, duplicate: Asset, twin: Asset) -> int:
    """Close the open flags between two assets as merged (also for quiver.lifecycle's merge)."""
    pair = Q(asset=duplicate, twin=twin) | Q(asset=twin, twin=duplicate)
    return _decide(user, DuplicateFlag.objects.filter(pair), FlagStatus.MERGED)


def add_as_new_version(user, new_asset: Asset, twin: Asset):
    """The upload's current file becomes the newest, current version of `twin`.

    Built on quiver.lifecycle's merge, so nothing is lost: every version of the upload moves to the twin
    (numbered after the twin's own, with its text, previews and fingerprint, so nothing is parsed again), with
    its tags, facet values, usage events and the collections the actor may add; the upload's row stays, merged
    into the twin (its URL leads there), with its audit history. Then the upload's current version is made the
    twin's current version. Returns that version."""
    if new_asset.pk == twin.pk:
        raise ValidationError("An asset cannot become a version of itself.")
    _may_decide(user, new_asset, twin)
    if not policy.can_edit_asset(user, twin):
        raise PermissionDenied("You may not add versions to this asset.")
    source = new_asset.current_version
    if source is None:
        raise ValidationError("This asset has no file to add as a version.")
    before = {
        "current_version": twin.current_version_id,
        "version": twin.current_version.number if twin.current_version else None,
    }
    mark_merged(user, new_asset, twin)  # decided by this user (merge marks any other flag of the pair)
    merge(user, new_asset, twin)
    source.refresh_from_db()
    twin.current_version = source
    twin.updated_at = timezone.now()
    twin.save(update_fields=["current_version", "updated_at"])
    events.publish(
        events.AssetChanged(
            asset_id=twin.pk, actor_id=getattr(user, "pk", None), fields=frozenset({"current_version", "updated_at"})
        )
    )
    audit.record(
        user,
        "duplicate.add_as_new_version",
        twin,
        before=before,
        after={
            "current_version": source.pk,
            "version": source.number,
            "from_asset": new_asset.pk,
            "file": source.original_filename,
            "sha256": source.sha256,
        },
    )
    transaction.on_commit(lambda: _refresh(source.pk))
    return source


def _refresh(version_id: int) -> None:
    """The twin's new current version is compared with the library again (its flags now belong to the twin)."""
    from ..tasks import fingerprint_version_task

    fingerprint_version_task.enqueue(version_id)
