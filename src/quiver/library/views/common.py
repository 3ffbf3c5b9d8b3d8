"""Helpers shared by the library views: ids in URLs are never trusted."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .. import policy, providers, selectors
from ..models import Asset


def visible_asset_or_404(user, pk: int) -> Asset:
    """The asset if the user may see it; 404 otherwise (a hidden asset does not exist for them)."""
    asset = selectors.visible_asset(user, pk)
    if asset is None:
        raise Http404("No such asset.")
    return asset


def merged_into(user, pk: int) -> Asset | None:
    """The surviving twin of a merged duplicate (when `user` may see it), else None."""
    return providers.merge_target(user, pk)


def editable_asset_or_403(user, pk: int) -> Asset:
    asset = visible_asset_or_404(user, pk)
    if not policy.can_edit_asset(user, asset):
        raise PermissionDenied("You may not change this asset.")
    return asset


def version_or_404(asset: Asset, number: int):
    version = selectors.version_by_number(asset, number)
    if version is None:
        raise Http404("No such version.")
    return version


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def clamp_page(raw, count: int) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    return min(max(number, 1), max(count, 1))
