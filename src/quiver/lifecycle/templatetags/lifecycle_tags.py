"""Lifecycle badges for listings, search results and the asset page (no HTML built from user text here)."""

from datetime import timedelta

from django import template
from django.conf import settings
from django.utils import timezone

from quiver.library import availability

register = template.Library()


@register.inclusion_tag("lifecycle/partials/badges.html")
def lifecycle_badges(asset):
    """Expired (and what replaces it, when already loaded: listings select_related("replaced_by")), internal
    only, verified until / verification overdue."""
    now = timezone.now()
    replaced_by = None
    if asset.replaced_by_id and type(asset).replaced_by.is_cached(asset):
        replaced_by = asset.replaced_by
    until = asset.verified_until
    return {
        "asset": asset,
        "expired": availability.is_expired(asset, now),
        "replaced_by": replaced_by,
        "internal_only": asset.internal_only,
        "verified_until": until,
        "overdue": until is not None and until < timezone.localdate(now),
    }


@register.filter
def purge_date(asset):
    return asset.deleted_at + timedelta(days=settings.QUIVER_TRASH_DAYS) if asset.deleted_at else None
