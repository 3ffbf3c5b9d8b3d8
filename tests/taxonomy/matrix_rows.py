"""Rows for tests/test_permission_matrix.py (owned by the taxonomy engineer): every taxonomy/ route and every
taxonomy API endpoint. Each row is Case(*row): (url name, method, expected codes in ROLES order
"anon viewer editor outsider admin", url kwargs naming world keys or literal ids, data builder, kind, note).

Facet fields and values come from the seed migration, so their ids are literal: TOPIC (field 2) and ROI (value
15, its first value); test_matrix_ids.py checks that they still are. Folded in with:
    MATRIX = API + WEB + [Case(*row) for row in TAXONOMY_ROWS]
"""

from quiver.taxonomy.models import FacetValue, SmartCollectionRule

TOPIC, ROI = 2, 15
F, FV = {"field_id": TOPIC}, {"field_id": TOPIC, "value_id": ROI}
S, H, O = {"asset_id": "shared"}, {"asset_id": "hidden"}, {"asset_id": "own"}
ROOT, SECRET = {"collection_id": "root"}, {"collection_id": "secret"}
WS, WH, WO = {"pk": "shared"}, {"pk": "hidden"}, {"pk": "own"}
WROOT, WSECRET = {"pk": "root"}, {"pk": "secret"}
ADMIN_ONLY, ADMIN_POST = "L 403 403 403 200", "L 403 403 403 302"
RULE = {"query": {"tags": ["shared-tag"]}}


def _industry(w):
    return {"industry": ["Retail"]}


def _with_rule(w):
    """A smart rule on the root made before the request (outside what the matrix compares), for DELETE."""
    SmartCollectionRule.objects.get_or_create(collection=w["root"], defaults={"query": {"tags": ["shared-tag"]}})
    return {}


def _facet_form(w):
    return {"facet-industry": [FacetValue.objects.get(field__slug="industry", name="Retail").pk]}


TAXONOMY_ROWS = [
    # API: facet fields and values (read: any login; change: admins)
    ("api:facets", "get", "401 200 200 200 200"),
    ("api:facet_create", "post", "401 403 403 403 201", {}, lambda w: {"name": "Deal size"}),
    ("api:facet", "get", "401 200 200 200 200", F),
    ("api:facet", "get", "401 404 404 404 404", {"field_id": 999999}, None, "json", "unknown"),
    ("api:facet_update", "patch", "401 403 403 403 200", F, lambda w: {"name": "Subject"}),
    ("api:facet_value_create", "post", "401 403 403 403 201", F, lambda w: {"name": "Fresh", "color": "#123456"}),
    ("api:facet_value_update", "patch", "401 403 403 403 200", FV, lambda w: {"color": "#123456"}),
    # API: an asset's facets (read: visible; change: can_edit_asset)
    ("api:asset_facets", "get", "401 200 200 404 200", S),
    ("api:asset_facets", "get", "401 404 404 404 200", H),
    ("api:asset_facets_set", "put", "401 403 200 404 200", S, _industry),
    ("api:asset_facets_set", "put", "401 404 404 404 200", H, _industry),
    ("api:asset_facets_set", "put", "401 404 404 200 200", O, _industry),
    # API: smart rules (read: viewable collection; change: can_edit_smart_rule)
    ("api:collection_rule", "get", "401 200 200 404 200", ROOT),
    ("api:collection_rule", "get", "401 404 404 404 200", SECRET),
    ("api:collection_rule_set", "put", "401 403 200 404 200", ROOT, lambda w: RULE),
    ("api:collection_rule_set", "put", "401 404 404 404 200", SECRET, lambda w: RULE),
    ("api:collection_rule_delete", "delete", "401 403 200 404 200", ROOT, _with_rule),
    ("api:collection_rule_preview", "post", "401 403 200= 404 200=", ROOT, lambda w: RULE),
    ("api:collection_rule_preview", "post", "401 404 404 404 200=", SECRET, lambda w: RULE),
    # Web: facet administration
    ("taxonomy:fields", "get", ADMIN_ONLY),
    ("taxonomy:fields", "post", ADMIN_POST, {}, lambda w: {"name": "Deal size", "multi_select": "on"}, "form"),
    ("taxonomy:field", "get", ADMIN_ONLY, {"pk": TOPIC}),
    ("taxonomy:field", "post", ADMIN_POST, {"pk": TOPIC}, lambda w: {"name": "Subject", "multi_select": "on"}, "form"),
    ("taxonomy:value_create", "post", ADMIN_POST, {"pk": TOPIC}, lambda w: {"name": "Fresh"}, "form"),
    ("taxonomy:value", "get", ADMIN_ONLY, {"pk": TOPIC, "value_pk": ROI}),
    (
        "taxonomy:value",
        "post",
        ADMIN_POST,
        {"pk": TOPIC, "value_pk": ROI},
        lambda w: {"name": "Return on investment"},
        "form",
    ),
    # Web: an asset's facets
    ("taxonomy:asset_facets", "get", "L 403 200 404 200", WS),
    ("taxonomy:asset_facets", "get", "L 404 404 404 200", WH),
    ("taxonomy:asset_facets", "get", "L 404 404 200 200", WO),
    ("taxonomy:asset_facets", "post", "L 403 302 404 302", WS, _facet_form, "form"),
    ("taxonomy:asset_facets", "post", "L 404 404 404 302", WH, _facet_form, "form"),
    # Web: smart rules and their live count
    ("taxonomy:rule", "get", "L 403 200 404 200", WROOT),
    ("taxonomy:rule", "get", "L 404 404 404 200", WSECRET),
    ("taxonomy:rule", "post", "L 403 302 404 302", WROOT, lambda w: {"mode": "smart", "tags": "shared-tag"}, "form"),
    ("taxonomy:rule", "post", "L 404 404 404 302", WSECRET, lambda w: {"mode": "smart", "tags": "shared-tag"}, "form"),
    ("taxonomy:rule_preview", "get", "L 403 200 404 200", WROOT, lambda w: {"mode": "smart", "tags": "shared-tag"}),
    ("taxonomy:rule_preview", "get", "L 404 404 404 200", WSECRET, lambda w: {"mode": "smart", "tags": "x"}),
]
