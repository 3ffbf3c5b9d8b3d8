"""Queries of the library web UI. Every asset query starts from `Asset.objects.visible_to(user)`."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from . import policy
from .models import Asset, AssetPage, AssetStatus, AssetVersion, Collection

SORTS = {
    "updated": ("-updated_at", "-id"),
    "created": ("-created_at", "-id"),
    "title": ("title", "id"),
}


@dataclass
class AssetFilters:
    q: str = ""
    asset_type: str = ""
    collection: Collection | None = None
    owner_id: int | None = None
    status: str = ""
    processing: str = ""
    sort: str = "updated"


def _in_collection_tree(collection: Collection):
    through = Asset.collections.through
    return Exists(through.objects.filter(asset_id=OuterRef("pk"), collection__path__startswith=collection.path))


def library_assets(user, filters: AssetFilters) -> QuerySet:
    """The assets of the library home: visible ones only, filtered and sorted, ready for a listing."""
    qs = Asset.objects.visible_to(user).select_related("owner", "current_version", "replaced_by")
    if filters.q:
        qs = qs.filter(Q(title__icontains=filters.q) | Q(description__icontains=filters.q))
    if filters.asset_type:
        qs = qs.filter(asset_type=filters.asset_type)
    if filters.collection is not None:
        qs = qs.filter(_in_collection_tree(filters.collection))
    if filters.owner_id:
        qs = qs.filter(owner_id=filters.owner_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    else:
        qs = qs.exclude(status=AssetStatus.ARCHIVED)  # archived assets only when asked for
    if filters.processing == "ready":
        qs = qs.filter(Q(current_version__isnull=True) | Q(current_version__status="ready"))
    elif filters.processing:
        qs = qs.filter(current_version__status=filters.processing)
    return qs.order_by(*SORTS.get(filters.sort, SORTS["updated"])).prefetch_related("tags")


def owners_of_visible_assets(user) -> QuerySet:
    User = get_user_model()
    visible = Asset.objects.visible_to(user).filter(owner_id=OuterRef("pk"))
    return User.objects.filter(Exists(visible)).order_by("first_name", "last_name", "username")


def visible_asset(user, pk: int) -> Asset | None:
    return (Asset.objects.visible_to(user).select_related("owner", "created_by", "current_version")
            .prefetch_related("tags", "collections").filter(pk=pk).first())


def asset_versions(asset: Asset) -> QuerySet:
    return asset.versions.select_related("uploaded_by").order_by("-number")


def version_by_number(asset: Asset, number: int) -> AssetVersion | None:
    return asset.versions.filter(number=number).first()


def version_pages(version: AssetVersion | None) -> QuerySet:
    if version is None:
        return AssetPage.objects.none()
    return version.pages.order_by("number")


def collection_tree(user) -> list[Collection]:
    """Viewable collections as a forest: each node gets `.nodes` (its viewable children, by name) and
    `.n_assets` (visible, non-archived assets filed directly in it). Two queries whatever the tree size."""
    collections = list(policy.viewable_collections(user).order_by("depth", "name"))
    visible = Asset.objects.visible_to(user).exclude(status=AssetStatus.ARCHIVED).values("pk")
    counts = dict(Asset.collections.through.objects.filter(asset_id__in=visible).values("collection_id")
                  .annotate(n=Count("asset_id")).values_list("collection_id", "n"))
    by_id = {c.pk: c for c in collections}
    roots = []
    for c in collections:
        c.nodes, c.n_assets = [], counts.get(c.pk, 0)
    for c in collections:
        parent = by_id.get(c.parent_id)
        (parent.nodes if parent else roots).append(c)
    return roots


def viewable_collection(user, pk: int) -> Collection | None:
    return policy.viewable_collections(user).filter(pk=pk).first()


def sub_collections(user, collection: Collection) -> QuerySet:
    return policy.viewable_collections(user).filter(parent=collection).order_by("name")


def collection_breadcrumbs(collection: Collection) -> list[Collection]:
    return list(collection.ancestors())


def asset_collections_visible_to(user, asset: Asset) -> list:
    """The collections of `asset` that `user` may see (a page never names a collection the reader has no grant on)."""
    return list(policy.viewable_collections(user).filter(assets=asset).order_by("path"))


def hidden_collection_ids(user, asset: Asset) -> list[int]:
    """Collections of `asset` that `user` cannot see: a move keeps them, since the user was never shown them."""
    if policy.is_admin(user) or not asset.pk:
        return []
    viewable = policy.viewable_collections(user).values("pk")
    return sorted(asset.collections.exclude(pk__in=viewable).values_list("pk", flat=True))


INGEST_TASK = "quiver.ingest.tasks.process_version"


def ingest_position(version) -> dict | None:
    """Where a processing version stands in the ingest queue: {"state": "running"}, {"state": "queued", "ahead": n,
    ...} ("queued behind n"), or None (done, or not known to the task backend)."""
    if version is None or version.status != "processing":
        return None
    from quiver.core.queue_selectors import position

    return position(INGEST_TASK, version.pk)
