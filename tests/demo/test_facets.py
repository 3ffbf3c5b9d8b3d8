"""The demo library gets facet values from its own metadata: every asset is filed, required facets are filled."""

from collections import Counter

import pytest
from django.test import override_settings

from quiver.demo.catalog import build_catalog
from quiver.demo.facets import assign_demo_facets, facets_for
from quiver.demo.loader import load_catalog
from quiver.demo.spec import DemoAsset
from quiver.library.models import Asset, Collection
from quiver.taxonomy import selectors
from quiver.taxonomy.models import AssetFacetValue, FacetValue, SmartMembership

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []}}


@pytest.fixture(scope="module")
def catalog():
    return build_catalog(seed=7)


def _mini_catalog() -> list[DemoAsset]:
    """Demo-shaped assets (as the generator writes them) without building files: web links."""

    def link(key, title, asset_type, tags, collections, text=""):
        return DemoAsset(
            key=key,
            title=title,
            description="",
            asset_type=asset_type,
            tags=tuple(tags),
            link_url=f"https://www.corvana.example/{key}",
            collections=tuple(collections),
            text=text,
            owner="maria",
        )

    return [
        link(
            "bc",
            "Battlecard: Corvana Flow vs Tessaro",
            "battlecard",
            ["Corvana Flow", "vs Tessaro", "Evaluation"],
            ["Competitive/vs Tessaro"],
        ),
        link(
            "cs",
            "Harborview Trust Bank: close in 5 days",
            "case_study",
            ["Corvana Ledger", "Financial services", "CFO", "Customer story", "Proposal"],
            ["Customer stories", "Industries/Financial services"],
            text="Customer Harborview Industry Financial services Region Nordics",
        ),
        link(
            "dk",
            "Replacing Keystream: the migration pitch",
            "deck",
            ["vs Keystream", "Migration", "Evaluation"],
            ["Competitive/vs Keystream"],
            text="Moving from a cloud point solution to Corvana Pulse",
        ),
    ]


def test_facets_for_reads_metadata_and_text():
    got = facets_for(
        "Battlecard: Corvana Ledger vs Vantorix",
        "How to win",
        ["Corvana Ledger", "vs Vantorix", "Competitive", "Evaluation"],
        ["Competitive", "vs Vantorix"],
        "",
    )
    assert got["product"] == ["Corvana Ledger"] and got["competitor"] == ["Vantorix"]
    assert got["sales-stage"] == ["Evaluation"] and got["region"] == ["Global"]
    got = facets_for(
        "Acme: 30% faster close",
        "",
        ["Corvana Pulse", "Retail", "CISO"],
        ["Customer stories"],
        "Customer Acme Industry Retail Region DACH",
    )
    assert got["industry"] == ["Retail"] and got["region"] == ["DACH"] and got["persona"] == ["CISO"]
    assert facets_for("Notes for the CIO", "", [], [], "")["persona"] == ["CIO"]  # not CISO


@override_settings(TASKS=DUMMY_TASKS)
def test_mini_catalog_facets_and_smart_refile(db, admin_user, root):
    from quiver.taxonomy import smart

    load_catalog(_mini_catalog(), enqueue=False)  # the loader assigns facets (quiver.demo.loader)
    competitive = Collection.objects.get(name="Competitive")
    smart.set_rule(admin_user, competitive, {"values": [FacetValue.objects.get(name="Financial services").pk]})
    by_title = {a.title: selectors.asset_facet_map(a) for a in Asset.objects.all()}
    card = by_title["Battlecard: Corvana Flow vs Tessaro"]
    assert card["product"] == ["Corvana Flow"] and card["competitor"] == ["Tessaro"]
    story = by_title["Harborview Trust Bank: close in 5 days"]
    assert (
        story["region"] == ["Nordics"] and story["industry"] == ["Financial services"] and story["persona"] == ["CFO"]
    )
    deck = by_title["Replacing Keystream: the migration pitch"]
    assert deck["product"] == ["Corvana Pulse"] and deck["topic"] == ["Migration"]
    assert FacetValue.objects.get(name="Corvana Flow").color  # products get colors
    assert list(SmartMembership.objects.filter(collection=competitive).values_list("asset__title", flat=True)) == [
        "Harborview Trust Bank: close in 5 days"
    ]  # filed by the assignment
    assert assign_demo_facets(_mini_catalog()) == 0  # idempotent


@pytest.mark.corpus
@override_settings(TASKS=DUMMY_TASKS)
def test_demo_assets_get_facets(db, catalog, committed):
    with committed():  # ensure_demo loads in one transaction; automatic facets (type, language) follow its commit
        load_catalog(catalog, enqueue=False)  # the loader assigns facets (quiver.demo.loader)
    assets = list(Asset.objects.all())
    assert AssetFacetValue.objects.count() > len(assets) * 5
    fields_by_asset = {}
    for asset_id, slug in AssetFacetValue.objects.values_list("asset_id", "value__field__slug"):
        fields_by_asset.setdefault(asset_id, set()).add(slug)
    coverage = Counter(slug for slugs in fields_by_asset.values() for slug in slugs)
    n = len(assets)
    assert coverage["asset-type"] == n and coverage["region"] == n
    assert coverage["product"] >= 0.9 * n and coverage["sales-stage"] >= 0.7 * n
    assert coverage["persona"] >= 0.4 * n and coverage["industry"] >= 0.3 * n and coverage["topic"] >= 0.3 * n
    battlecards = [a for a in assets if a.asset_type == "battlecard"]
    assert battlecards and all("competitor" in fields_by_asset[a.pk] for a in battlecards)
    missing = selectors.missing_required_by_asset(assets)
    assert sum(1 for fields in missing.values() if fields) <= 0.1 * n  # a few left for the review queue
    assert assign_demo_facets(catalog) == 0  # idempotent
