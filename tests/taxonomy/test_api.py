from django.db import connection
from django.test.utils import CaptureQueriesContext

from quiver.library import services as library
from quiver.taxonomy import selectors
from quiver.taxonomy.models import FacetField, FacetValue, SmartMembership

from .conftest import value

J = "application/json"


def test_list_facets_ordered_with_hierarchy(api, viewer):
    with CaptureQueriesContext(connection) as ctx:
        body = api(viewer).get("/api/v1/facets").json()
    assert len(ctx.captured_queries) <= 6  # no N+1 over fields or values
    assert [f["slug"] for f in body][:3] == ["asset-type", "topic", "product"]
    region = next(f for f in body if f["slug"] == "region")
    emea = next(v for v in region["values"] if v["name"] == "EMEA")
    assert "DACH" in [c["name"] for c in emea["children"]] and emea["children"][0]["depth"] == 1
    assert "DACH" not in [v["name"] for v in region["values"]]
    assert api(viewer).get("/api/v1/facets").status_code == 200


def test_admin_creates_and_changes_fields_and_values(api, admin_user):
    c = api(admin_user)
    r = c.post("/api/v1/facets", {"name": "Deal size", "multi_select": False, "required_for": ["deck"]}, content_type=J)
    assert r.status_code == 201, r.content
    field = r.json()
    assert field["slug"] == "deal-size" and field["required_for"] == ["deck"]
    r = c.post(f"/api/v1/facets/{field['id']}/values", {"name": "Large", "color": "#cf222e"}, content_type=J)
    assert r.status_code == 201
    large = r.json()["id"]
    r = c.post(f"/api/v1/facets/{field['id']}/values", {"name": "Huge", "parent": large}, content_type=J)
    assert r.json()["parent"] == large and r.json()["depth"] == 1
    assert (
        c.post(f"/api/v1/facets/{field['id']}/values", {"name": "Bad", "color": "red"}, content_type=J).status_code
        == 422
    )
    other_field_value = value("region", "EMEA").pk
    assert (
        c.post(
            f"/api/v1/facets/{field['id']}/values", {"name": "X", "parent": other_field_value}, content_type=J
        ).status_code
        == 400
    )
    r = c.patch(f"/api/v1/facets/{field['id']}/values/{large}", {"color": "#00ff00", "position": 1}, content_type=J)
    assert r.status_code == 200 and FacetValue.objects.get(pk=large).color == "#00ff00"
    r = c.patch(f"/api/v1/facets/{field['id']}", {"name": "Deal band", "required_for": []}, content_type=J)
    assert r.json()["name"] == "Deal band" and FacetField.objects.get(pk=field["id"]).required_for == []
    assert (
        c.patch(f"/api/v1/facets/{field['id']}/values/{other_field_value}", {"name": "x"}, content_type=J).status_code
        == 404
    )


def test_non_admins_cannot_change_taxonomy(api, editor, viewer):
    field = FacetField.objects.get(slug="topic")
    for user in (editor, viewer):
        c = api(user)
        assert c.post("/api/v1/facets", {"name": "X"}, content_type=J).status_code == 403
        assert c.patch(f"/api/v1/facets/{field.pk}", {"name": "X"}, content_type=J).status_code == 403
        assert c.post(f"/api/v1/facets/{field.pk}/values", {"name": "X"}, content_type=J).status_code == 403
        v = field.values.first()
        assert c.patch(f"/api/v1/facets/{field.pk}/values/{v.pk}", {"name": "X"}, content_type=J).status_code == 403
    assert not FacetField.objects.filter(name="X").exists() and field.values.filter(name="X").count() == 0


def test_asset_facets_get_put(api, editor, viewer, make_link, products):
    asset = make_link("Card", asset_type="battlecard")
    url = f"/api/v1/assets/{asset.pk}/facets"
    body = api(viewer).get(url).json()
    assert body["facets"]["asset-type"] == ["Battlecard"] and body["missing_required"] == ["product", "competitor"]
    r = api(editor).put(url, {"product": ["Ledger", "pulse"], "Industry": ["Retail"]}, content_type=J)
    assert r.status_code == 200, r.content
    assert r.json()["facets"]["product"] == ["Ledger", "Pulse"] and r.json()["missing_required"] == ["competitor"]
    assert api(editor).put(url, {"language": ["English", "French"]}, content_type=J).status_code == 400
    assert api(editor).put(url, {"product": ["Nope"]}, content_type=J).status_code == 400
    assert api(viewer).put(url, {"product": []}, content_type=J).status_code == 403
    assert selectors.asset_facet_map(asset)["product"] == ["Ledger", "Pulse"]


def test_hidden_asset_facets_are_404(api, admin_user, editor, make_link):
    secret = library.create_collection(admin_user, name="Secret", parent=None)
    hidden = make_link("Hidden", collections=[secret], user=admin_user)
    url = f"/api/v1/assets/{hidden.pk}/facets"
    assert api(editor).get(url).status_code == 404
    assert api(editor).put(url, {"industry": ["Retail"]}, content_type=J).status_code == 404
    assert api(admin_user).put(url, {"industry": ["Retail"]}, content_type=J).status_code == 200


def test_rule_crud_and_preview_never_counts_hidden(api, admin_user, editor, viewer, root, make_link):
    secret = library.create_collection(admin_user, name="Secret", parent=None)
    make_link("Hidden plan", tags=["plan"], collections=[secret], user=admin_user)
    make_link("Shown plan", tags=["plan"])
    coll = library.create_collection(admin_user, name="Plans", parent=root)
    url = f"/api/v1/collections/{coll.pk}/rule"
    assert api(viewer).get(url).json()["smart"] is False
    rule = {"query": {"tags": ["plan"]}}
    assert api(editor).post(url + "/preview", rule, content_type=J).json()["members"] == 1
    assert api(admin_user).post(url + "/preview", rule, content_type=J).json()["members"] == 2
    assert api(viewer).post(url + "/preview", rule, content_type=J).status_code == 403
    assert api(viewer).put(url, rule, content_type=J).status_code == 403
    r = api(editor).put(url, rule, content_type=J)
    assert r.status_code == 200 and r.json()["smart"] and r.json()["members"] == 1
    assert r.json()["conditions"] == ["Tags: plan"]
    assert SmartMembership.objects.filter(collection=coll).count() == 2
    assert api(viewer).get(url).json()["members"] == 1
    assert api(editor).put(url, {"query": {}}, content_type=J).status_code == 400
    assert api(viewer).delete(url).status_code == 403
    assert api(editor).delete(url).json()["smart"] is False
    assert api(editor).delete(url).status_code == 404
    assert api(editor).get(f"/api/v1/collections/{secret.pk}/rule").status_code == 404
    assert api(editor).put(f"/api/v1/collections/{secret.pk}/rule", rule, content_type=J).status_code == 404
