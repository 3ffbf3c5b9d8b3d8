"""The facet fields shown beside results: the asset type, the taxonomy's fields, tags and collections, with
labels for their values. Names are engine field names (documents.field_name of a taxonomy slug)."""

from __future__ import annotations

from dataclasses import dataclass

from quiver.library.models import AssetType

from .documents import field_name

AUTOMATIC = {"asset-type", "language"}  # taxonomy fields that mirror a built-in (the built-in is indexed)


@dataclass(frozen=True)
class FacetField:
    name: str
    label: str
    labels: dict | None = None  # value -> label (None: the value is its own label)
    hide_unknown: bool = False  # values without a label are never shown (collections the user may not see)

    def label_of(self, value: str) -> str:
        return (self.labels or {}).get(value, value)

    def shows(self, value: str) -> bool:
        return not self.hide_unknown or value in (self.labels or {})


def facet_fields(collection_names: dict[str, str] | None = None) -> list[FacetField]:
    """Every countable field in display order. `collection_names`: {id: name} of the collections the user sees."""
    fields = [FacetField("asset_type", "Asset type", dict(AssetType.choices))]
    try:
        from quiver.taxonomy.models import FacetField as TaxonomyField
    except ImportError:  # taxonomy not installed
        taxonomy = []
    else:
        taxonomy = (
            TaxonomyField.objects.order_by("position", "name").exclude(slug__in=AUTOMATIC).values_list("slug", "name")
        )
    fields += [FacetField(field_name(slug), name) for slug, name in taxonomy]
    fields.append(FacetField("tag", "Tags"))
    if collection_names is not None:
        fields.append(FacetField("collection", "Collection", collection_names, hide_unknown=True))
    return fields
