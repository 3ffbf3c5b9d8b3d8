"""Facet values for the demo library, read from what each demo asset already says about itself: its tags and
collections ("Products/Corvana Ledger", "Competitive/vs Vantorix", "Industries/Retail"), its title and
description and, when the loader passes the catalog, the text written into its file (a case study's "Region"
row, the product a displacement deck pitches). Called once by quiver.demo.loader after the assets exist:

    from quiver.demo.facets import assign_demo_facets
    assign_demo_facets(catalog)
"""

import re
from functools import lru_cache

from django.db.models import Prefetch

from quiver.core import events
from quiver.library.models import Asset, Collection
from quiver.taxonomy.models import AssetFacetValue, AssignmentSource, FacetField, FacetValue
from quiver.taxonomy.smart import refile_assets

from .content.stories import REGIONS
from .world import COMPETITORS, INDUSTRIES, PERSONAS, PRODUCTS, STAGES, TOPICS

PRODUCT_COLORS = ("#1f6feb", "#8250df", "#1a7f37", "#bf8700", "#cf222e", "#0a7ea4")
# Words that say which topic or stage an asset serves, beyond the value names themselves.
TOPIC_WORDS = {
    "Product overview": ("Overview", "product page", "datasheet"),
    "Training": ("Training", "bootcamp", "Onboarding", "enablement"),
    "Pricing": ("Pricing", "price list"),
    "Security": ("Trust center",),
    "ROI": ("ROI calculator", "business case"),
}
STAGE_WORDS = {
    "Expansion": ("Renewal", "retention", "Quarterly business review", "Expansion"),
    "Closing": ("kick-off",),
    "Evaluation": ("Battlecard", "datasheet"),
    "Negotiation": ("price list",),
    "Prospecting": ("Webinar", "Thought leadership", "Website"),
}


@lru_cache(maxsize=512)
def _pattern(name: str) -> re.Pattern:
    flags = 0 if name.isupper() else re.IGNORECASE  # "CIO" must not match "cio" inside a word or "CISO"
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", flags)


def _found(names, *texts: str) -> list[str]:
    return [name for name in names if any(_pattern(name).search(t) for t in texts if t)]


def ensure_demo_values() -> None:
    """The demo world's products and competitors become values (other lists are seeded already)."""
    for slug, names in (
        ("product", [p.name for p in PRODUCTS]),
        ("competitor", [c.name for c in COMPETITORS]),
        ("industry", [i.name for i in INDUSTRIES]),
        ("persona", [p.title for p in PERSONAS]),
        ("sales-stage", list(STAGES)),
        ("topic", list(TOPICS)),
        ("region", list(REGIONS)),
    ):
        field = FacetField.objects.filter(slug=slug).first()
        if field is None:
            continue
        have = set(field.values.values_list("name", flat=True))
        for i, name in enumerate(names):
            if name not in have:
                color = PRODUCT_COLORS[i % len(PRODUCT_COLORS)] if slug == "product" else ""
                FacetValue.objects.create(
                    field=field,
                    name=name,
                    slug=re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:120],
                    position=(i + 1) * 10,
                    color=color,
                )


def facets_for(title: str, description: str, tags: list[str], places: list[str], text: str = "") -> dict:
    """{field slug: [value names]} for one demo asset. `places` are its collections' names and their parents'."""
    meta = " | ".join([title, description, *tags, *places])
    tag_text = " | ".join(tags + places + [title])
    products = _found([p.name for p in PRODUCTS], meta) or _found([p.name for p in PRODUCTS], text)[:1]
    competitors = _found([c.name for c in COMPETITORS], meta) or _found([c.name for c in COMPETITORS], text)[:1]
    topics = _found(TOPICS, " | ".join(tags))
    topics += [t for t, words in TOPIC_WORDS.items() if _found(words, tag_text) and t not in topics]
    stages = _found(STAGES, " | ".join(tags + [title]))
    stages += [s for s, words in STAGE_WORDS.items() if not stages and _found(words, tag_text)]
    regions = _found(REGIONS, text) or _found(["EMEA"], meta) or ["Global"]
    return {
        "product": products,
        "competitor": competitors,
        "industry": _found([i.name for i in INDUSTRIES], meta),
        "persona": _found([p.title for p in PERSONAS], " | ".join(tags + [title, description])),
        "sales-stage": stages,
        "topic": topics,
        "region": regions[:1],
    }


def assign_demo_facets(catalog=None) -> int:
    """Give every asset facet values from its metadata (source "automatic"). Returns how many were added."""
    ensure_demo_values()
    texts = {item.title: item.text for item in catalog or []}
    names = dict(Collection.objects.values_list("pk", "name"))
    values = {(v.field.slug, v.name): v for v in FacetValue.objects.select_related("field")}
    single = set(FacetField.objects.filter(multi_select=False).values_list("slug", flat=True))
    rows = []
    assets = Asset.objects.prefetch_related(
        "tags", Prefetch("collections", queryset=Collection.objects.only("pk", "name", "path"))
    )
    for asset in assets:
        places = [
            names[int(pk)]
            for c in asset.collections.all()
            for pk in c.path.strip("/").split("/")
            if pk and int(pk) in names
        ]
        wanted = facets_for(
            asset.title, asset.description, [t.name for t in asset.tags.all()], places, texts.get(asset.title, "")
        )
        for slug, chosen in wanted.items():
            for name in chosen[:1] if slug in single else chosen:
                value = values.get((slug, name))
                if value is not None:
                    rows.append(AssetFacetValue(asset=asset, value=value, source=AssignmentSource.AUTOMATIC))
    before = AssetFacetValue.objects.count()
    AssetFacetValue.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    added = AssetFacetValue.objects.count() - before
    if added:
        ids = list(Asset.objects.values_list("pk", flat=True))
        refile_assets(ids)
        events.publish(events.FacetsChanged(asset_ids=tuple(ids)))
    return added
