"""Queries of quiver.similarity. Every selector that takes a user shows only flags whose BOTH assets the user
may see: a viewer or editor must never learn that a hidden twin exists."""

from django.db.models import Q, QuerySet

from quiver.library import policy
from quiver.library.models import Asset

from .models import DuplicateFlag, FlagStatus


def _live() -> Q:
    return Q(
        asset__deleted_at__isnull=True,
        asset__merged_into__isnull=True,
        twin__deleted_at__isnull=True,
        twin__merged_into__isnull=True,
    )


def _visible_to(qs: QuerySet, user) -> QuerySet:
    if policy.is_admin(user):
        return qs
    visible = policy.visible_assets(user, Asset.objects.all()).values("pk")
    return qs.filter(asset_id__in=visible, twin_id__in=visible)


def open_flags(user=None, asset_ids=None) -> QuerySet:
    """Open duplicate flags (both assets live), strongest first; only those `user` may see both sides of when a
    user is given; `asset_ids` limits to flags whose upload (`asset`) is one of them."""
    qs = DuplicateFlag.objects.filter(_live(), status=FlagStatus.OPEN)
    if asset_ids is not None:
        qs = qs.filter(asset_id__in=list(asset_ids))
    if user is not None:
        qs = _visible_to(qs, user)
    return qs.select_related("asset", "twin").order_by("-score", "-created_at", "-pk")


def duplicates_of(asset: Asset, user=None) -> QuerySet:
    """Open flags involving `asset` on either side (as the upload or as its twin), strongest first."""
    qs = DuplicateFlag.objects.filter(_live(), Q(asset=asset) | Q(twin=asset), status=FlagStatus.OPEN)
    if user is not None:
        qs = _visible_to(qs, user)
    return qs.select_related("asset", "twin").order_by("-score", "-created_at", "-pk")


def visible_flag(user, pk: int) -> DuplicateFlag | None:
    """A flag (any status) whose two assets the user may see, else None."""
    return _visible_to(DuplicateFlag.objects.filter(pk=pk), user).select_related("asset", "twin").first()


def open_count(asset_ids) -> dict[int, int]:
    """{asset id: open flags where it is the upload} for a listing (one query)."""
    from django.db.models import Count

    rows = (
        DuplicateFlag.objects.filter(_live(), status=FlagStatus.OPEN, asset_id__in=list(asset_ids))
        .values("asset_id")
        .annotate(n=Count("pk"))
    )
    return {row["asset_id"]: row["n"] for row in rows}


def upload_hints(user, asset: Asset, limit: int = 3) -> list[dict]:
    """Right after an upload (before any task ran): other assets the user may see holding the very same file
    (same SHA-256). Near-duplicates need the text, so they appear on the asset page once it is processed."""
    version = asset.current_version
    if version is None or not version.sha256:
        return []
    twins = (
        policy.visible_assets(user, Asset.objects.exclude(pk=asset.pk))
        .filter(versions__sha256=version.sha256)
        .distinct()
        .order_by("created_at", "pk")[:limit]
    )
    return [
        {"id": twin.pk, "title": twin.title, "url": twin.get_absolute_url(), "kind": "exact", "label": "exact copy"}
        for twin in twins
    ]
