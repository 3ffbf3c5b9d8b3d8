from django.template import Context, Template
from django.test import RequestFactory

from quiver.library import services as library
from quiver.taxonomy import selectors, smart
from quiver.taxonomy.models import FacetField, FacetValue, SmartCollectionRule, SmartMembership

from .conftest import value


def login(client, user):
    client.force_login(user)
    return client


def test_admin_pages(client, admin_user):
    c = login(client, admin_user)
    r = c.get("/taxonomy/facets/")
    assert r.status_code == 200 and b"Sales stage" in r.content
    r = c.post("/taxonomy/facets/", {"name": "Deal size", "position": "", "required_for": ["deck"]})
    field = FacetField.objects.get(name="Deal size")
    assert r.status_code == 302 and field.required_for == ["deck"] and not field.multi_select
    r = c.post(f"/taxonomy/facets/{field.pk}/values/", {"name": "Large", "color": "#00aa00"})
    assert r.status_code == 302
    large = field.values.get(name="Large")
    r = c.post(f"/taxonomy/facets/{field.pk}/values/", {"name": "Huge", "parent": large.pk, "color": "#00aa00"})
    assert field.values.get(name="Huge").parent == large
    r = c.post(f"/taxonomy/facets/{field.pk}/values/", {"name": "Bad", "color": "green"})
    assert r.status_code == 400 and not field.values.filter(name="Bad").exists()
    r = c.get(f"/taxonomy/facets/{field.pk}/")
    assert r.status_code == 200 and b'type="color"' in r.content and b"Huge" in r.content
    r = c.post(
        f"/taxonomy/facets/{field.pk}/values/{large.pk}/", {"name": "Large", "parent": field.values.get(name="Huge").pk}
    )  # below its own child: refused (not even offered)
    assert r.status_code == 400 and FacetValue.objects.get(pk=large.pk).parent is None
    r = c.post(f"/taxonomy/facets/{field.pk}/values/{large.pk}/", {"name": "Big", "position": "5", "color": ""})
    assert r.status_code == 302 and FacetValue.objects.get(pk=large.pk).name == "Big"
    r = c.post(f"/taxonomy/facets/{field.pk}/", {"name": "Deal band", "multi_select": "on", "position": "1"})
    field.refresh_from_db()
    assert r.status_code == 302 and field.name == "Deal band" and field.multi_select and field.required_for == []


def test_non_admins_cannot_manage_facets(client, editor, viewer):
    field = FacetField.objects.get(slug="topic")
    v = field.values.first()
    for user in (editor, viewer):
        c = login(client, user)
        assert c.get("/taxonomy/facets/").status_code == 403
        assert c.post("/taxonomy/facets/", {"name": "X"}).status_code == 403
        assert c.post(f"/taxonomy/facets/{field.pk}/", {"name": "X"}).status_code == 403
        assert c.post(f"/taxonomy/facets/{field.pk}/values/", {"name": "X"}).status_code == 403
        assert c.post(f"/taxonomy/facets/{field.pk}/values/{v.pk}/", {"name": "X"}).status_code == 403
    assert not FacetField.objects.filter(name="X").exists() and not FacetValue.objects.filter(name="X").exists()
    client.logout()
    assert client.get("/taxonomy/facets/").status_code == 302


def test_asset_facets_edit(client, editor, viewer, make_link, products):
    asset = make_link("Card", asset_type="battlecard")
    c = login(client, editor)
    r = c.get(f"/taxonomy/assets/{asset.pk}/facets/")
    assert r.status_code == 200 and b"Product (required)" in r.content
    data = {
        "facet-product": [products["Ledger"].pk, products["Pulse"].pk],
        "facet-region": [value("region", "DACH").pk],
    }
    r = c.post(f"/taxonomy/assets/{asset.pk}/facets/", data)
    assert r.status_code == 302
    assert selectors.asset_facet_map(asset)["product"] == ["Ledger", "Pulse"]
    login(client, viewer)
    assert client.get(f"/taxonomy/assets/{asset.pk}/facets/").status_code == 403
    assert client.post(f"/taxonomy/assets/{asset.pk}/facets/", {"facet-product": []}).status_code == 403
    assert selectors.asset_facet_map(asset)["product"] == ["Ledger", "Pulse"]


def test_asset_panel_include(rf, editor, viewer, make_link, products, admin_user, root):
    asset = make_link("Card", asset_type="battlecard")
    coll = library.create_collection(admin_user, name="Cards", parent=root)
    smart.set_rule(admin_user, coll, {"asset_types": ["battlecard"]})
    template = Template("{% load taxonomy_tags %}{% asset_facets_panel asset %}")
    for user, can_edit in ((editor, True), (viewer, False)):
        request = RequestFactory().get("/")
        request.user = user
        html = template.render(Context({"request": request, "asset": asset}))
        assert "Battlecard" in html and "Missing for a battlecard: Product, Competitor" in html
        assert ("Edit facets" in html) is can_edit and "Cards" in html


def test_rule_edit_and_preview(client, editor, viewer, admin_user, root, make_link):
    secret = library.create_collection(admin_user, name="Secret", parent=None)
    make_link("Hidden plan", tags=["plan"], collections=[secret], user=admin_user)
    make_link("Shown plan", tags=["plan"])
    coll = library.create_collection(admin_user, name="Plans", parent=root)
    c = login(client, editor)
    assert c.get(f"/taxonomy/collections/{coll.pk}/rule/").status_code == 200
    r = c.get(f"/taxonomy/collections/{coll.pk}/rule/preview/", {"mode": "smart", "tags": "plan"})
    assert r.status_code == 200 and b"<strong>1</strong>" in r.content and b"Hidden" not in r.content
    r = c.post(f"/taxonomy/collections/{coll.pk}/rule/", {"mode": "smart", "tags": ""})
    assert r.status_code == 400 and not SmartCollectionRule.objects.exists()
    r = c.post(
        f"/taxonomy/collections/{coll.pk}/rule/",
        {"mode": "smart", "tags": "plan", "facet-region": [value("region", "EMEA").pk]},
    )
    assert r.status_code == 302 and SmartCollectionRule.objects.get(collection=coll).query["tags"] == ["plan"]
    r = c.post(f"/taxonomy/collections/{coll.pk}/rule/", {"mode": "manual"})
    assert r.status_code == 302 and not SmartCollectionRule.objects.exists()
    assert not SmartMembership.objects.filter(collection=coll).exists()
    login(client, viewer)
    assert client.get(f"/taxonomy/collections/{coll.pk}/rule/").status_code == 403
    assert client.get(f"/taxonomy/collections/{coll.pk}/rule/preview/", {"tags": "plan"}).status_code == 403
    assert client.post(f"/taxonomy/collections/{coll.pk}/rule/", {"mode": "smart", "tags": "x"}).status_code == 403
    login(client, editor)
    assert client.get(f"/taxonomy/collections/{secret.pk}/rule/").status_code == 404
    assert client.get(f"/taxonomy/collections/{secret.pk}/rule/preview/", {"tags": "plan"}).status_code == 404


def test_collection_panel_include(editor, viewer, admin_user, root):
    coll = library.create_collection(admin_user, name="Plans", parent=root)
    smart.set_rule(admin_user, coll, {"tags": ["plan"], "text": "pricing"})
    template = Template("{% load taxonomy_tags %}{% collection_rule_panel collection %}")
    request = RequestFactory().get("/")
    request.user = editor
    html = template.render(Context({"request": request, "collection": coll}))
    assert "Smart collection" in html and "Tags: plan" in html and "Edit the rule" in html
    request.user = viewer
    html = template.render(Context({"request": request, "collection": coll}))
    assert "Smart collection" in html and "Edit the rule" not in html
