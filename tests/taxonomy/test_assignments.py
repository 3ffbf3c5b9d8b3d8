import pytest
from django.core.exceptions import ValidationError

from quiver.core.models import AuditEntry
from quiver.library import services as library
from quiver.taxonomy import selectors, services
from quiver.taxonomy.models import AssetFacetValue, FacetField

from .conftest import value


def test_automatic_facets_follow_type_and_language(make_link, editor, committed):
    asset = make_link(asset_type="deck")
    assert selectors.asset_facet_map(asset) == {"asset-type": ["Presentation deck"], "language": ["English"]}
    with committed():
        library.update_asset(editor, asset, asset_type="battlecard", language="de")
    assert selectors.asset_facet_map(asset) == {"asset-type": ["Battlecard"], "language": ["German"]}
    with committed():
        library.update_asset(editor, asset, language="xx")  # no such language value: the facet is emptied
    assert "language" not in selectors.asset_facet_map(asset)


def test_set_facets_replaces_named_fields_only(make_link, editor, products):
    asset = make_link()
    services.set_asset_facets(editor, asset, {"product": ["Ledger", "pulse"], "industry": ["Retail"]})
    result = services.set_asset_facets(editor, asset, {"Product": ["Shield"]})
    assert result["product"] == ["Shield"] and result["industry"] == ["Retail"]
    row = AssetFacetValue.objects.get(asset=asset, value=products["Shield"])
    assert row.assigned_by == editor and row.source == "manual"
    entry = AuditEntry.objects.filter(action="asset.facets").latest("pk")
    assert entry.before["facets"]["product"] == ["Ledger", "Pulse"] and entry.after["facets"]["product"] == ["Shield"]


def test_single_select_enforced(make_link, editor, admin_user):
    asset = make_link()
    services.update_field(admin_user, FacetField.objects.get(slug="industry"), multi_select=False)
    with pytest.raises(ValidationError) as exc:
        services.set_asset_facets(editor, asset, {"industry": ["Retail", "Healthcare"]})
    assert "single value" in str(exc.value)
    assert not AssetFacetValue.objects.filter(asset=asset, value__field__slug="industry").exists()
    services.add_facet_values(None, asset, [value("industry", "Retail")])
    services.add_facet_values(None, asset, [value("industry", "Healthcare")])  # replaces, never adds a second
    assert selectors.asset_facet_map(asset)["industry"] == ["Healthcare"]


def test_switching_to_single_select_refused_while_assets_hold_several(make_link, editor, admin_user):
    asset = make_link()
    services.set_asset_facets(editor, asset, {"industry": ["Retail", "Healthcare"]})
    field = FacetField.objects.get(slug="industry")
    with pytest.raises(ValidationError):
        services.update_field(admin_user, field, multi_select=False)
    field.refresh_from_db()
    assert field.multi_select


def test_unknown_fields_and_values_refused(make_link, editor):
    asset = make_link()
    with pytest.raises(ValidationError):
        services.set_asset_facets(editor, asset, {"nope": ["x"]})
    with pytest.raises(ValidationError):
        services.set_asset_facets(editor, asset, {"industry": ["Space travel"]})
    with pytest.raises(ValidationError):  # the asset type facet follows the asset's type
        services.set_asset_facets(editor, asset, {"asset-type": ["Battlecard"]})
    services.set_asset_facets(editor, asset, {"asset-type": ["Presentation deck"]})  # unchanged: accepted


def test_missing_required_facets(make_link, editor, products):
    battlecard = make_link("Card", asset_type="battlecard")
    link = make_link("Site", asset_type="link")
    missing = {f.slug for f in selectors.missing_required_facets(battlecard)}
    assert missing == {"product", "competitor"}
    assert selectors.missing_required_facets(link) == []
    services.set_asset_facets(editor, battlecard, {"product": ["Ledger"]})
    assert [f.slug for f in selectors.missing_required_facets(battlecard)] == ["competitor"]
    assert set(selectors.assets_missing_required()) == {battlecard}
    by_asset = selectors.missing_required_by_asset([battlecard, link])
    assert [f.slug for f in by_asset[battlecard.pk]] == ["competitor"] and by_asset[link.pk] == []
