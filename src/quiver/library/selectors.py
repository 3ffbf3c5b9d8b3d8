"""Queries of the library (web UI and API). Every asset query starts from `Asset.objects.visible_to(user)`."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from . import policy, providers
from .models import Asset, AssetPage, AssetStatus, AssetVersion, Collection, ProcessingStatus

SORTS = {
    "updated": ("-updated_at", "-id"),
    "created": ("-created_at", "-id"),
    "title": ("title", "id"),
}


@dataclass
class AssetFilters:
    """The filters of an asset listing, the same for the web library and `GET /api/v1/assets`."""

    q: str = ""  # in the title or description
    asset_type: str = ""
    collection: Collection | None = None  # the collection and its sub-collections
    owner_id: int | None = None
    status: str = ""  # the lifecycle; archived assets only when asked for (or with include_archived)
    processing: str = ""  # of the current version: ready (web links too) / processing / failed
    sort: str = "updated"
    include_archived: bool = False


def _in_collection_tree(collection: Collection):
    through = Asset.collections.through
    return Exists(through.objects.filter(asset_id=OuterRef("pk"), collection__path__startswith=collection.path))


def asset_listing(user, filters: AssetFilters, *, base: QuerySet | None = None) -> QuerySet:
    """The one asset listing (library home, collection pages, `GET /api/v1/assets`): the assets `user` may see
    (`visible_to`), filtered and sorted, listing-ready (`with_listing`: a page costs the same few queries
    whatever its length). `base` narrows the candidates first (e.g. a collection's members)."""
    qs = Asset.objects.visible_to(user) if base is None else base.visible_to(user)
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
    elif not filters.include_archived:
        qs = qs.exclude(status=AssetStatus.ARCHIVED)
    if filters.processing == ProcessingStatus.READY:
        qs = qs.filter(Q(current_version__isnull=True) | Q(current_version__status=ProcessingStatus.READY))
    elif filters.processing:
        qs = qs.filter(current_version__status=filters.processing)
    return qs.with_listing().order_by(*SORTS.get(filters.sort, SORTS["updated"]))


def collection_assets(collection: Collection, user, *, include_archived: bool = False) -> QuerySet:
    """Assets `user` may see in `collection` (filed by hand, or matched by its smart rule where the taxonomy
    answers providers.collection_members); listing-ready, ordered by title."""
    filters = AssetFilters(sort="title", include_archived=include_archived)
    return asset_listing(user, filters, base=providers.collection_members(collection))


def version_counts(asset_ids) -> dict[int, int]:
    """{asset id: number of versions} for a page of assets, in one query."""
    rows = (
        AssetVersion.objects.filter(asset_id__in=list(asset_ids))
        .values("asset_id")
        .annotate(n=Count("pk"))
        .values_list("asset_id", "n")
    )
    return dict(rows)


def owners_of_visible_assets(user) -> QuerySet:
    User = get_user_model()
    visible = Asset.objects.visible_to(user).filter(owner_id=OuterRef("pk"))
    return User.objects.filter(Exists(visible)).order_by("first_name", "last_name", "username")


def visible_asset(user, pk: int) -> Asset | None:
    return (
        Asset.objects.visible_to(user)
        .select_related("owner", "created_by", "current_version")
        .prefetch_related("tags", "collections")
        .filter(pk=pk)
        .first()
    )


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
    counts = dict(
        Asset.collections.through.objects.filter(asset_id__in=visible)
        .values("collection_id")
        .annotate(n=Count("asset_id"))
        .values_list("collection_id", "n")
    )
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
