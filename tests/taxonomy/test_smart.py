import pytest
from django.core.exceptions import ValidationError

from quiver.library import services as library
from quiver.library.selectors import collection_assets
from quiver.taxonomy import selectors, services, smart
from quiver.taxonomy.models import SmartMembership

from .conftest import value


def members(collection):
    return set(SmartMembership.objects.filter(collection=collection).values_list("asset__title", flat=True))


@pytest.fixture
def smart_coll(admin_user, root):
    return library.create_collection(admin_user, name="Smart", parent=root)


def test_retagging_refiles(make_link, editor, admin_user, smart_coll, committed):
    a = make_link("Alpha", tags=["pricing"])
    b = make_link("Beta", tags=["other"])
    smart.set_rule(admin_user, smart_coll, {"tags": ["Pricing"]})
    assert members(smart_coll) == {"Alpha"}
    with committed():
        library.update_asset(editor, b, tags=["pricing", "x"])  # retag: files in
    assert members(smart_coll) == {"Alpha", "Beta"}
    with committed():
        library.update_asset(editor, a, tags=["nothing"])  # no longer matches: leaves
    assert members(smart_coll) == {"Beta"}
    with committed():
        library.update_asset(editor, b, tags=[])
    assert members(smart_coll) == set()


def test_facet_change_refiles_with_hierarchy(make_link, editor, admin_user, smart_coll, products):
    a, b = make_link("Alpha"), make_link("Beta")
    smart.set_rule(admin_user, smart_coll, {"values": [value("region", "EMEA").pk, products["Ledger"].pk]})
    assert members(smart_coll) == set()
    services.set_asset_facets(editor, a, {"region": ["DACH"]})  # a child of EMEA, but no product yet
    assert members(smart_coll) == set()
    services.set_asset_facets(editor, a, {"product": ["Ledger"]})  # AND across fields
    assert members(smart_coll) == {"Alpha"}
    services.set_asset_facets(editor, b, {"region": ["EMEA", "APAC"], "product": ["Ledger", "Pulse"]})
    assert members(smart_coll) == {"Alpha", "Beta"}
    services.set_asset_facets(editor, a, {"region": ["Japan"]})  # leaves
    assert members(smart_coll) == {"Beta"}


def test_type_and_text_conditions_and_archived(make_link, editor, admin_user, smart_coll, committed):
    a = make_link("Ledger battlecard", asset_type="battlecard", description="Win against Vantorix")
    make_link("Ledger deck", asset_type="deck", description="Vantorix too")
    smart.set_rule(admin_user, smart_coll, {"asset_types": ["battlecard"], "text": "vantorix"})
    assert members(smart_coll) == {"Ledger battlecard"}
    with committed():
        library.archive_asset(editor, a)
    assert members(smart_coll) == set()
    smart.set_rule(admin_user, smart_coll, {"asset_types": ["battlecard"], "text": "vantorix"}, include_archived=True)
    assert members(smart_coll) == {"Ledger battlecard"}
    with committed():
        library.update_asset(editor, a, asset_type="deck")  # type change re-files
    assert members(smart_coll) == set()


def test_many_collections_and_manual_again(make_link, admin_user, root, smart_coll):
    other = library.create_collection(admin_user, name="Other smart", parent=root)
    make_link("Alpha", tags=["x"])
    smart.set_rule(admin_user, smart_coll, {"tags": ["x"]})
    smart.set_rule(admin_user, other, {"text": "alpha"})
    assert members(smart_coll) == members(other) == {"Alpha"}
    assert smart.remove_rule(admin_user, other)
    assert members(other) == set() and members(smart_coll) == {"Alpha"}


def test_empty_or_bad_rules_refused(admin_user, smart_coll):
    for bad in (
        {},
        {"text": "   "},
        {"values": [999999]},
        {"asset_types": ["spaceship"]},
        {"tags": "x"},
        {"colour": ["x"]},
        {"values": ["abc"]},
    ):
        with pytest.raises(ValidationError):
            smart.set_rule(admin_user, smart_coll, bad)
    assert selectors.smart_rule(smart_coll) is None


def test_smart_membership_never_grants_visibility(make_link, admin_user, viewer, editor, root, smart_coll):
    secret = library.create_collection(admin_user, name="Secret", parent=None)
    hidden = make_link("Hidden plan", tags=["plan"], collections=[secret], user=admin_user)
    shown = make_link("Shown plan", tags=["plan"])
    smart.set_rule(admin_user, smart_coll, {"tags": ["plan"]})
    assert members(smart_coll) == {"Hidden plan", "Shown plan"}  # materialized for everyone...
    assert list(collection_assets(smart_coll, viewer)) == [shown]  # ...shown only to who may see
    assert set(collection_assets(smart_coll, admin_user)) == {hidden, shown}
    count, sample = selectors.preview(viewer, smart.clean_query({"tags": ["plan"]}))
    assert count == 1 and sample == [shown]
    # manual members are listed too
    manual = make_link("Filed by hand", collections=[smart_coll])
    assert set(collection_assets(smart_coll, viewer)) == {shown, manual}


def test_refile_on_processed_text(make_link, editor, admin_user, smart_coll, committed):
    asset = make_link("Plain")
    smart.set_rule(admin_user, smart_coll, {"text": "kubernetes"})
    assert members(smart_coll) == set()
    from django.core.files.base import ContentFile

    from tests.factories import make_pdf

    with committed():  # processed at commit (tests run tasks at once); its text is ready after
        version = library.add_version(editor, asset, ContentFile(make_pdf(["Runs on Kubernetes"]), name="x.pdf"))
    version.refresh_from_db()
    assert version.status == "ready" and members(smart_coll) == {"Plain"}
