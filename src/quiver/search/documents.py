"""Build search documents from library assets (read-only use of the library models)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from quiver.library.models import Asset, AssetPage

from .engine import SearchDocument

# Apps that own facets (the taxonomy) register a callable: asset -> {field: [values]}. Each must read only what
# `documents_for` prefetches, or prefetch in its own `prepare(queryset)` attribute, to keep the build N+1-free.
FacetProvider = Callable[[Asset], dict[str, list[str]]]
facet_providers: list[FacetProvider] = []


def assets_for_indexing(queryset: QuerySet | None = None) -> QuerySet:
    qs = Asset.objects.all() if queryset is None else queryset
    # Trashed assets and merged duplicates have no document: index_assets removes them from the index.
    qs = qs.filter(deleted_at__isnull=True, merged_into__isnull=True)
    qs = qs.select_related("current_version").prefetch_related(
        "tags",
        "collections",
        Prefetch("current_version__pages", queryset=AssetPage.objects.only("version_id", "number", "text")),
    )
    smart = _smart_memberships()
    if smart is not None:
        qs = qs.prefetch_related(Prefetch("smart_memberships", queryset=smart))
    for provider in facet_providers:
        prepare = getattr(provider, "prepare", None)
        if prepare is not None:
            qs = prepare(qs)
    return qs


def _smart_memberships():
    """The taxonomy's materialized smart collection membership (None without the taxonomy app)."""
    try:
        from quiver.taxonomy.models import SmartMembership
    except ImportError:
        return None
    return SmartMembership.objects.select_related("collection").only("asset_id", "collection__path")


def scope_of(asset: Asset) -> tuple[int, ...]:
    """Collections `asset` can be found in: filed by hand or by a smart rule, and every ancestor of those (from the
    materialized paths "/1/4/9/", already prefetched)."""
    paths = [c.path for c in asset.collections.all()]
    if hasattr(asset, "smart_memberships"):
        paths += [m.collection.path for m in asset.smart_memberships.all()]
    return tuple(sorted({int(part) for path in paths for part in path.split("/") if part}))


def field_name(slug: str) -> str:
    """A facet field's name in the engines (FACET_NAME: no hyphens): the taxonomy's "sales-stage" -> "sales_stage"."""
    return slug.replace("-", "_")


def build_document(asset: Asset) -> SearchDocument:
    version = asset.current_version
    pages = tuple((page.number, page.text) for page in version.pages.all()) if version else ()
    facets: dict[str, tuple[str, ...]] = {}
    for provider in facet_providers:
        for name, values in provider(asset).items():
            name = field_name(name)
            facets[name] = tuple(dict.fromkeys(facets.get(name, ()) + tuple(values)))
    return SearchDocument(
        id=asset.pk,
        title=asset.title,
        description=asset.description,
        pages=pages,
        tags=tuple(tag.name for tag in asset.tags.all()),
        facets=facets,
        collection_ids=tuple(c.pk for c in asset.collections.all()),
        scope_ids=scope_of(asset),
        status=asset.status,
        owner_id=asset.owner_id,
        created_by_id=asset.created_by_id,
        created_at=asset.created_at,
        updated_at=asset.updated_at,
        asset_type=asset.asset_type,
        language=asset.language or "",
    )


def documents_for(queryset: QuerySet | None = None, chunk: int = 500) -> Iterator[SearchDocument]:
    """Documents for every asset of `queryset` (all assets by default), streamed in chunks."""
    qs = assets_for_indexing(queryset).order_by("pk")
    last = 0
    while True:
        batch = list(qs.filter(pk__gt=last)[:chunk])
        if not batch:
            return
        yield from (build_document(asset) for asset in batch)
        last = batch[-1].pk


def documents_by_ids(ids: Iterable[int]) -> list[SearchDocument]:
    return list(documents_for(Asset.objects.filter(pk__in=list(ids))))
