"""Queries of the taxonomy. Asset queries start from library.policy.visible_assets."""

from dataclasses import dataclass
from dataclasses import field as dc_field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from quiver.library import policy
from quiver.library.models import Asset, AssetType, Collection

from .models import AssetFacetValue, FacetField, FacetValue, SmartCollectionRule, SmartMembership
from .smart import matching_assets


def facet_fields() -> QuerySet:
    """Every facet field in order, its values prefetched in order."""
    return FacetField.objects.order_by("position", "name").prefetch_related(
        Prefetch("values", queryset=FacetValue.objects.order_by("position", "name"))
    )


@dataclass
class Node:
    value: FacetValue
    depth: int
    children: list["Node"] = dc_field(default_factory=list)


def value_tree(field: FacetField) -> list[Node]:
    """The values of a (prefetched) field as a forest, each level in order."""
    values = list(field.values.all())
    nodes = {v.pk: Node(v, 0) for v in values}
    roots = []
    for v in values:
        parent = nodes.get(v.parent_id)
        (parent.children if parent else roots).append(nodes[v.pk])

    def set_depth(items, depth):
        for node in items:
            node.depth = depth
            set_depth(node.children, depth + 1)

    set_depth(roots, 0)
    return roots


def flat_tree(field: FacetField) -> list[Node]:
    """The values of a field in tree order (parents before their children), with their depth."""
    out = []

    def walk(items):
        for node in items:
            out.append(node)
            walk(node.children)

    walk(value_tree(field))
    return out


def asset_facet_maps(asset_ids) -> dict[int, dict[str, list[str]]]:
    """{asset id: {field slug: [value names]}} for many assets in one query (API payloads, listings)."""
    out: dict[int, dict[str, list[str]]] = {pk: {} for pk in asset_ids}
    rows = (
        AssetFacetValue.objects.filter(asset_id__in=list(out))
        .order_by("value__field__position", "value__field__name", "value__position", "value__name")
        .values_list("asset_id", "value__field__slug", "value__name")
    )
    for asset_id, field_slug, value_name in rows:
        out[asset_id].setdefault(field_slug, []).append(value_name)
    return out


def asset_facet_map(asset: Asset) -> dict[str, list[str]]:
    return asset_facet_maps([asset.pk])[asset.pk]


@dataclass
class FieldValues:
    field: FacetField
    values: list[FacetValue]
    required: bool


def asset_facet_rows(asset: Asset) -> list[FieldValues]:
    """Every facet field with the asset's values (possibly none) and whether its type requires the field."""
    chosen: dict[int, list[FacetValue]] = {}
    for a in (
        AssetFacetValue.objects.filter(asset=asset).select_related("value").order_by("value__position", "value__name")
    ):
        chosen.setdefault(a.value.field_id, []).append(a.value)
    return [
        FieldValues(f, chosen.get(f.pk, []), f.is_required_for(asset.asset_type))
        for f in FacetField.objects.order_by("position", "name")
    ]


def missing_required_facets(asset: Asset) -> list[FacetField]:
    """The facet fields required for the asset's type on which it has no value (the review issue uses this)."""
    return missing_required_by_asset([asset])[asset.pk]


def missing_required_by_asset(assets) -> dict[int, list[FacetField]]:
    """{asset id: [required fields without a value]} for many assets in two queries."""
    assets = list(assets)
    fields = [f for f in FacetField.objects.order_by("position", "name") if f.required_for]
    filled = set(
        AssetFacetValue.objects.filter(asset__in=[a.pk for a in assets])
        .values_list("asset_id", "value__field_id")
        .distinct()
    )
    return {a.pk: [f for f in fields if f.is_required_for(a.asset_type) and (a.pk, f.pk) not in filled] for a in assets}


def assets_missing_required(queryset: QuerySet | None = None) -> QuerySet:
    """Assets (of `queryset`) missing at least one facet required for their type, as a queryset."""
    qs = Asset.objects.all() if queryset is None else queryset
    condition = Q(pk__in=[])
    for f in FacetField.objects.exclude(required_for=[]):
        has = Exists(AssetFacetValue.objects.filter(asset_id=OuterRef("pk"), value__field=f))
        condition |= Q(asset_type__in=f.required_for) & ~has
    return qs.filter(condition)


# --- collections ------------------------------------------------------------------------------------------------


def smart_rule(collection: Collection) -> SmartCollectionRule | None:
    return SmartCollectionRule.objects.filter(collection=collection).first()


def collection_members(collection: Collection) -> QuerySet:
    """Every asset in `collection`: filed there by hand or matched by its smart rule (answers the library's
    providers.collection_members, so its collection pages list both)."""
    smart = SmartMembership.objects.filter(collection=collection, asset_id=OuterRef("pk"))
    manual = Asset.collections.through.objects.filter(collection=collection, asset_id=OuterRef("pk"))
    return Asset.objects.filter(Exists(manual) | Exists(smart))


def smart_collection_ids(asset: Asset) -> list[int]:
    return list(SmartMembership.objects.filter(asset=asset).values_list("collection_id", flat=True))


def visible_smart_collections(user, asset: Asset) -> QuerySet:
    """The smart collections `asset` was filed into that `user` may see."""
    return policy.viewable_collections(user).filter(smart_members__asset=asset).order_by("path")


def preview(user, query: dict, *, include_archived: bool = False, sample: int = 5) -> tuple[int, list[Asset]]:
    """How many assets `user` may see match a (cleaned) query, and the first few by title. Hidden assets are
    never counted."""
    qs = matching_assets(query, policy.visible_assets(user, Asset.objects.all()), include_archived=include_archived)
    return qs.count(), list(qs.order_by("title", "id")[:sample])


def describe_query(query: dict) -> list[str]:
    """Human-readable conditions of a rule ("Product: Ledger or Pulse", "Tags: Retired", ...)."""
    parts = []
    values = (
        FacetValue.objects.filter(pk__in=query.get("values") or [])
        .select_related("field")
        .order_by("field__position", "position")
    )
    by_field: dict[str, list[str]] = {}
    for v in values:
        by_field.setdefault(v.field.name, []).append(v.name)
    parts += [f"{name}: {' or '.join(names)}" for name, names in by_field.items()]
    if query.get("tags"):
        parts.append("Tags: " + " or ".join(query["tags"]))
    if query.get("asset_types"):
        labels = dict(AssetType.choices)
        parts.append("Type: " + " or ".join(labels.get(t, t) for t in query["asset_types"]))
    if query.get("text"):
        parts.append(f"Text contains: {query['text']}")
    return parts
