"""Archive and un-archive (reversible): library.services does the change and announces the lifecycle event;
these add the permission check for callers outside a view (review sessions).

Archiving withdraws a pending review request (library.services.update_asset, whatever the path); un-archiving
under an approval policy by someone who may not publish directly (`policy.can_publish_directly`) makes a draft
submitted for review, as their upload would (library.services.restore_asset)."""

from django.core.exceptions import PermissionDenied, ValidationError

from quiver.library import policy
from quiver.library import services as library
from quiver.library.models import Asset, AssetStatus


def archive(user, asset: Asset) -> Asset:
    if not policy.can_edit_asset(user, asset):
        raise PermissionDenied("You may not archive this asset.")
    if asset.status == AssetStatus.ARCHIVED:
        raise ValidationError("This asset is already archived.")
    return library.archive_asset(user, asset)


def unarchive(user, asset: Asset) -> Asset:
    if not policy.can_edit_asset(user, asset):
        raise PermissionDenied("You may not restore this asset.")
    if asset.status != AssetStatus.ARCHIVED:
        raise ValidationError("This asset is not archived.")
    return library.restore_asset(user, asset)
