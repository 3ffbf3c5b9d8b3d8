"""What an editor decides about a duplicate flag: keep both (dismiss) or add the upload as a new version of its
twin. Permissions are checked here (services are called by the web views, the API and the review sessions)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone

from quiver.core import audit
from quiver.library import policy
from quiver.library import services as library
from quiver.library.models import Asset, AssetStatus

from ..models import DuplicateFlag, FlagStatus


def _may_decide(user, asset: Asset, twin: Asset) -> None:
    """Both assets must be visible to the user (a hidden twin does not exist for them) and the upload editable."""
    visible = set(policy.visible_assets(user, Asset.objects.filter(pk__in=[asset.pk, twin.pk]))
                  .values_list("pk", flat=True))
    if visible != {asset.pk, twin.pk} or not policy.can_edit_asset(user, asset):
        raise PermissionDenied("You may not decide about this duplicate.")


def _decide(user, flags, status: str) -> int:
    return flags.filter(status=FlagStatus.OPEN).update(status=status, decided_by=user, decided_at=timezone.now())


def dismiss(user, flag: DuplicateFlag) -> DuplicateFlag:
    """"Keep both": the flag is closed and never raised again for this pair."""
    _may_decide(user, flag.asset, flag.twin)
    if flag.status != FlagStatus.OPEN:
        return flag
    _decide(user, DuplicateFlag.objects.filter(pk=flag.pk), FlagStatus.DISMISSED)
    audit.record(user, "duplicate.dismiss", flag.asset, after={"twin": flag.twin_id, "kind": flag.kind,
                                                              "score": flag.score})
    flag.refresh_from_db()
    return flag


def mark_merged(user, duplicate: Asset, twin: Asset) -> int:
    """Close the open flags between two assets as merged (also for quiver.lifecycle's merge)."""
    pair = Q(asset=duplicate, twin=twin) | Q(asset=twin, twin=duplicate)
    return _decide(user, DuplicateFlag.objects.filter(pair), FlagStatus.MERGED)


def add_as_new_version(user, new_asset: Asset, twin: Asset):
    """The upload's current file becomes a new version of `twin`; the upload is archived and marked as merged
    into the twin (its URL follows, its record and other versions stay). The twin gains the upload's tags (not
    its collections: that would widen who sees the twin). Returns the twin's new version."""
    if new_asset.pk == twin.pk:
        raise ValidationError("An asset cannot become a version of itself.")
    _may_decide(user, new_asset, twin)
    if not policy.can_edit_asset(user, twin):
        raise PermissionDenied("You may not add versions to this asset.")
    if new_asset.merged_into_id or twin.merged_into_id or new_asset.deleted_at or twin.deleted_at:
        raise ValidationError("One of these assets was already merged or deleted.")
    source = new_asset.current_version
    if source is None:
        raise ValidationError("This asset has no file to add as a version.")
    version = library.add_version(
        user, twin, None, filename=source.original_filename,
        change_note=f"Added from the duplicate upload “{new_asset.title}” (asset {new_asset.pk})",
        _stored=(source.file.name, source.sha256, source.size))
    new_tags = [t for t in new_asset.tags.all() if not twin.tags.filter(pk=t.pk).exists()]
    if new_tags:
        library.update_asset(user, twin, tags=[*twin.tags.all(), *new_tags])
    library.update_asset(user, new_asset, status=AssetStatus.ARCHIVED)
    Asset.objects.filter(pk=new_asset.pk).update(merged_into=twin)
    new_asset.merged_into = twin
    mark_merged(user, new_asset, twin)
    audit.record(user, "duplicate.add_as_new_version", twin,
                 after={"from_asset": new_asset.pk, "version": version.number, "sha256": source.sha256})
    audit.record(user, "duplicate.merged_into", new_asset, before={"merged_into": None},
                 after={"merged_into": twin.pk, "as_version": version.number})
    return version
