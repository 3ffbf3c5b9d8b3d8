"""What the classifier learns from: the library's own assets and labels, read in a few batched queries.

Text of an asset: title, description and the page texts of its current version (capped per asset).
Labels of a field ("tags" or a facet slug): assignments made by people or by matching rules (source manual or
rule). Automatic assignments (the classifier's own output, not yet confirmed) are left out, so the model does not
learn from itself. Rejected (or reverted) suggestions are negative examples for their value on that asset.
The automatic facets (asset type, language) follow asset attributes and the detectors: not learned here."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps

from quiver.library.models import Asset, AssetPage, AssetTag
from quiver.taxonomy.models import AssetFacetValue
from quiver.taxonomy.services import AUTOMATIC_FIELDS

TAGS = "tags"
LEARNED_SOURCES = ("manual", "rule")
NEGATIVE_STATUSES = ("rejected", "reverted")
MAX_CHARS = 20_000  # text per asset used for training and prediction (the first pages)
BATCH = 500


@dataclass
class Doc:
    asset_id: int
    title: str
    description: str
    pages: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Labels:
    positives: dict[str, dict[int, set[str]]]  # field -> asset id -> values
    negatives: dict[str, dict[int, set[str]]]  # field -> asset id -> rejected values

    @property
    def asset_ids(self) -> set[int]:
        ids = set()
        for by_asset in [*self.positives.values(), *self.negatives.values()]:
            ids.update(by_asset)
        return ids


def live_assets():
    return Asset.objects.filter(deleted_at__isnull=True, merged_into__isnull=True)


def documents(asset_ids) -> dict[int, Doc]:
    """Docs for the given asset ids, in batches (two queries per batch)."""
    ids = sorted(set(asset_ids))
    docs: dict[int, Doc] = {}
    for start in range(0, len(ids), BATCH):
        rows = (
            live_assets()
            .filter(pk__in=ids[start : start + BATCH])
            .values_list("pk", "title", "description", "current_version_id")
        )
        versions = {}
        for pk, title, description, version_id in rows:
            docs[pk] = Doc(pk, title or "", description or "")
            if version_id:
                versions[version_id] = pk
        budget = dict.fromkeys(versions.values(), MAX_CHARS)
        pages = AssetPage.objects.filter(version_id__in=list(versions)).order_by("version_id", "number")
        for version_id, number, text in pages.values_list("version_id", "number", "text").iterator(chunk_size=2000):
            pk = versions[version_id]
            if budget[pk] > 0 and text:
                docs[pk].pages.append((number, text[: budget[pk]]))
                budget[pk] -= len(text)
    return docs


def labels() -> Labels:
    positives: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    negatives: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    live = live_assets().values("pk")
    for asset_id, name in AssetTag.objects.filter(source__in=LEARNED_SOURCES, asset_id__in=live).values_list(
        "asset_id", "tag__name"
    ):
        positives[TAGS][asset_id].add(name)
    facets = AssetFacetValue.objects.filter(source__in=LEARNED_SOURCES, asset_id__in=live).exclude(
        value__field__slug__in=list(AUTOMATIC_FIELDS)
    )
    for asset_id, slug, name in facets.values_list("asset_id", "value__field__slug", "value__name"):
        positives[slug][asset_id].add(name)
    rejected = (
        apps.get_model("categorize", "Suggestion")
        .objects.filter(status__in=NEGATIVE_STATUSES, asset_id__in=live)
        .values_list("asset_id", "field", "tag__name", "facet_value__name")
    )
    for asset_id, field_key, tag, value in rejected:
        name = tag if field_key == TAGS else value
        if name and name not in positives.get(field_key, {}).get(asset_id, ()):  # re-added by hand: positive
            negatives[field_key][asset_id].add(name)
    return Labels({k: dict(v) for k, v in positives.items()}, {k: dict(v) for k, v in negatives.items()})


def assigned(asset_ids) -> dict[int, set[tuple[str, str]]]:
    """(field, value) pairs already on each asset, whatever their source (nothing to suggest there)."""
    out: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for asset_id, name in AssetTag.objects.filter(asset_id__in=asset_ids).values_list("asset_id", "tag__name"):
        out[asset_id].add((TAGS, name))
    for asset_id, slug, name in AssetFacetValue.objects.filter(asset_id__in=asset_ids).values_list(
        "asset_id", "value__field__slug", "value__name"
    ):
        out[asset_id].add((slug, name))
    return out
