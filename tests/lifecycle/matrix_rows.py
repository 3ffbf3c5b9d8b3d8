"""Rows for tests/test_permission_matrix.py (owned by the lifecycle engineer): every lifecycle/ route and the
lifecycle API. Each row is Case(*row): (url name, method, expected codes in ROLES order "anon viewer editor
outsider admin", url kwargs naming world keys, data builder, kind, note).

Order of refusals everywhere: an asset the role cannot see is 404, one it sees but may not act on is 403, an
action its state refuses is 400 (API) or a redirect with a message and nothing changed (web, `302=`). The world
has no asset in review or in the trash (the matrix compares asset statuses), so deciding a pending review and
restoring are covered role by role in tests/lifecycle/test_views.py and test_api.py."""

S, H, D, O = {"asset_id": "shared"}, {"asset_id": "hidden"}, {"asset_id": "draft"}, {"asset_id": "own"}
WS, WH, WD, WO = {"pk": "shared"}, {"pk": "hidden"}, {"pk": "draft"}, {"pk": "own"}


def _comment(w):
    return {"comment": "Looks right"}


def _approve(w):
    return {"decision": "approve", "comment": "ok"}


def _settings(w):
    """The lifecycle settings form with one change (internal only) against the world's `shared` asset."""
    return {
        "publish_at": "",
        "expires_at": "",
        "replaced_by": "",
        "internal_only": "on",
        "owner": w["editor_user"].pk,
        "verifier": "",
    }


def _cadence(w):
    return {"kind": "cadence", "collection": w["root"].pk, "days": 30}


def _into_link(w):
    return {"into": w["link"].pk}


def _into_hidden(w):
    return {"into": w["hidden"].pk}


LIFECYCLE_ROWS = [
    # web
    ("lifecycle:inbox", "get", "L 403 200 200 200"),
    ("lifecycle:submit", "post", "L 404 302 404 302", WD, _comment, "form"),
    ("lifecycle:submit", "post", "L 403 302= 404 302=", WS, _comment, "form", "not a draft"),
    ("lifecycle:submit", "post", "L 404 404 404 302=", WH, _comment, "form", "not a draft"),
    ("lifecycle:submit", "post", "L 404 404 302= 302=", WO, _comment, "form", "not a draft"),
    ("lifecycle:decide", "post", "L 404 302= 404 302=", WD, _approve, "form", "not in review"),
    ("lifecycle:decide", "post", "L 403 302= 404 302=", WS, _approve, "form", "not in review"),
    ("lifecycle:decide", "post", "L 404 404 404 302=", WH, _approve, "form", "not in review"),
    ("lifecycle:verify", "post", "L 403 302 404 302", WS),
    ("lifecycle:verify", "post", "L 404 404 404 302", WH),
    ("lifecycle:verify", "post", "L 404 404 302 302", WO),
    ("lifecycle:settings", "post", "L 403 302 404 302", WS, _settings, "form"),
    ("lifecycle:settings", "post", "L 404 404 404 302", WH, _settings, "form"),
    ("lifecycle:trash_asset", "get", "L 403 403 404 200", WS),
    ("lifecycle:trash_asset", "post", "L 403 403 404 302", WS, lambda w: {"confirm": "on"}, "form"),
    ("lifecycle:trash_asset", "post", "L 403 403 404 200=", WS, lambda w: {}, "form", "not confirmed"),
    ("lifecycle:trash_asset", "post", "L 404 404 404 302", WH, lambda w: {"confirm": "on"}, "form"),
    ("lifecycle:trash", "get", "L 403 403 403 200"),
    ("lifecycle:trash_restore", "post", "L 403 403 403 404", WS, None, "form", "not in the trash"),
    ("lifecycle:rules", "get", "L 403 403 403 200"),
    ("lifecycle:rules", "post", "L 403 403 403 302", {}, _cadence, "form"),
    (
        "lifecycle:rules",
        "post",
        "L 403 403 403 200=",
        {},
        lambda w: {"kind": "cadence", "days": 5},
        "form",
        "neither collection nor type",
    ),
    ("lifecycle:policy_delete", "post", "L 403 403 403 404", {"pk": 999999}),
    ("lifecycle:cadence_delete", "post", "L 403 403 403 404", {"pk": 999999}),
    # API
    ("api:asset_lifecycle", "get", "401 200 200 404 200", S),
    ("api:asset_lifecycle", "get", "401 404 200 404 200", D),
    ("api:asset_lifecycle", "get", "401 404 404 404 200", H),
    ("api:asset_lifecycle_update", "patch", "401 403 200 404 200", S, lambda w: {"internal_only": True}),
    ("api:asset_lifecycle_update", "patch", "401 404 404 404 200", H, lambda w: {"expires_at": "2030-01-01T00:00:00Z"}),
    ("api:asset_submit", "post", "401 404 200 404 200", D, _comment),
    ("api:asset_submit", "post", "401 403 400 404 400", S, _comment, "json", "not a draft"),
    ("api:asset_submit", "post", "401 404 404 404 400", H, _comment, "json", "not a draft"),
    ("api:asset_approve", "post", "401 404 400 404 400", D, _comment, "json", "not in review"),
    ("api:asset_approve", "post", "401 403 400 404 400", S, _comment, "json", "not in review"),
    ("api:asset_reject", "post", "401 404 400 404 400", D, _comment, "json", "not in review"),
    ("api:asset_reject", "post", "401 403 400 404 400", S, _comment, "json", "not in review"),
    ("api:asset_comment", "post", "401 403 400 404 400", S, _comment, "json", "not in review"),
    ("api:asset_verify", "post", "401 403 200 404 200", S),
    ("api:asset_verify", "post", "401 404 404 404 200", H),
    ("api:asset_merge", "post", "401 403 200 404 200", S, _into_link),
    ("api:asset_merge", "post", "401 403 400 404 200", S, _into_hidden, "json", "into a hidden asset"),
    ("api:asset_trash", "delete", "401 403 403 404 204", S),
    ("api:asset_trash", "delete", "401 404 404 404 204", H),
    ("api:trash", "get", "401 403 403 403 200"),
    ("api:trash_restore", "post", "401 403 403 403 404", S, None, "json", "not in the trash"),
    ("api:approvals", "get", "401 403 200 200 200"),
]
