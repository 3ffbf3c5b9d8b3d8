"""Search documents carry facet values (with their ancestors) through the provider the taxonomy registers."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quiver.search.documents import documents_for, facet_providers
from quiver.taxonomy import services
from quiver.taxonomy.search_facets import facets_of


def test_documents_carry_facets_with_ancestors(make_link, editor, products):
    a = make_link("Alpha", asset_type="battlecard")
    b = make_link("Beta")
    services.set_asset_facets(editor, a, {"region": ["DACH"], "product": ["Ledger", "Pulse"]})
    services.set_asset_facets(editor, b, {"region": ["Japan"]})
    assert facets_of in facet_providers
    with CaptureQueriesContext(connection) as ctx:
        docs = {d.id: d for d in documents_for()}
    assert len(ctx.captured_queries) <= 12  # prefetched: no query per asset
    assert docs[a.pk].facets["region"] == ("DACH", "EMEA")
    assert docs[a.pk].facets["product"] == ("Ledger", "Pulse")
    assert docs[a.pk].facets["asset_type"] == ("Battlecard",)  # engine field names: no hyphen
    assert docs[b.pk].facets["region"] == ("Japan", "APAC")


def test_facets_changed_event_is_published(make_link, editor, django_capture_on_commit_callbacks):
    from quiver.core.events import FacetsChanged

    asset = make_link("Alpha")
    with django_capture_on_commit_callbacks() as callbacks:
        services.set_asset_facets(editor, asset, {"industry": ["Retail"]})
        services.set_asset_facets(editor, asset, {"industry": ["Retail"]})  # no change: no event
    got = [e for cb in callbacks for e in getattr(cb, "events", ()) if isinstance(e, FacetsChanged)]
    assert got == [FacetsChanged(asset_ids=(asset.pk,), source="manual", actor_id=editor.pk)]
