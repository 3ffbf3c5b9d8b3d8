"""Facet values in search documents: registers a provider with quiver.search.documents.

Each document gets {field slug: [value names]}; a value also carries the names of its ancestors, so filtering on
"EMEA" finds assets tagged "DACH"."""

from django.db.models import Prefetch

from .models import AssetFacetValue


def prepare(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "facet_assignments",
            queryset=AssetFacetValue.objects.select_related("value__field", "value__parent__parent").order_by(
                "value__field__position", "value__position"
            ),
        )
    )


def facets_of(asset) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for assignment in asset.facet_assignments.all():
        value = assignment.value
        names = out.setdefault(value.field.slug, [])
        node, depth = value, 0
        while node is not None and depth < 3:  # the value and up to two ancestors (prefetched)
            if node.name not in names:
                names.append(node.name)
            node, depth = node.parent, depth + 1
    return out


facets_of.prepare = prepare


def register() -> None:
    try:
        from quiver.search.documents import facet_providers
    except ImportError:  # search not installed
        return
    if facets_of not in facet_providers:
        facet_providers.append(facets_of)
