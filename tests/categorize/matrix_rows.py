"""Rows for tests/test_permission_matrix.py (owned by categorize-core): every categorization API endpoint. Same
shape as tests/taxonomy/matrix_rows.py: Case(*row) with (url name, method, expected codes in ROLES order
"anon viewer editor outsider admin", url kwargs, data builder, kind, note).

The world has no suggestions, rules or runs, so data builders make them before each request (outside what the
matrix compares); rules and runs get fixed ids (RULE, SECRET_RULE, RUN) so that their URLs can name them.
Suggestions are made on the shared asset and on the hidden one: nobody but admins may see the latter named."""

from quiver.categorize.models import BulkRun, MatchingRule, Suggestion
from quiver.library.models import Tag
from quiver.taxonomy.models import FacetValue

RULE, SECRET_RULE, RUN = 424242, 424243, 424244
S, H, D = {"asset_id": "shared"}, {"asset_id": "hidden"}, {"asset_id": "draft"}
DECISION = {"field": "industry", "value": "Retail"}


def _retail():
    return FacetValue.objects.get(field__slug="industry", name="Retail")


def _pending(w, status="pending"):
    """A suggestion of the industry Retail on the shared, draft and hidden assets."""
    for key in ("shared", "draft", "hidden"):
        Suggestion.objects.get_or_create(
            asset=w[key],
            facet_value=_retail(),
            defaults={
                "field": "industry",
                "confidence": 0.6,
                "status": status,
                "source": "learned",
                "evidence": [{"text": "retail", "page": 1}],
            },
        )
    return dict(DECISION)


def _applied(w):
    """Retail applied automatically (by a rule) on the shared and hidden assets."""
    from quiver.taxonomy.models import AssetFacetValue

    for key in ("shared", "hidden"):
        AssetFacetValue.objects.get_or_create(asset=w[key], value=_retail(), defaults={"source": "rule"})
    return _pending(w, status="auto_applied")


def _items(w):
    _pending(w)
    return {"items": [{"asset": w[k].pk, **DECISION} for k in ("shared", "hidden")]}


def _queue(w):
    _pending(w)
    return {}


def _rules(w):
    """A rule on a facet value (everyone with rule rights reads it) and one on the tag only the hidden asset
    carries (its name is not shown to those who cannot see that asset)."""
    MatchingRule.objects.get_or_create(
        pk=RULE, defaults={"facet_value": _retail(), "algorithm": "any", "pattern": "retail stores"}
    )
    MatchingRule.objects.get_or_create(
        pk=SECRET_RULE, defaults={"tag": Tag.objects.get(name="secret-tag"), "algorithm": "exact", "pattern": "board"}
    )
    return {}


def _patch(w):
    _rules(w)
    return {"algorithm": "all", "pattern": "retail chains"}


def _run(w):
    BulkRun.objects.get_or_create(pk=RUN, defaults={"started_by": w["editor_user"], "total": 3, "done": 1})
    return {}


CATEGORIZE_API_ROWS = [
    # an asset's suggestions: visible (404 otherwise), decisions need edit rights (403)
    ("api:asset_suggestions", "get", "401 200 200 404 200", S, _queue),
    ("api:asset_suggestions", "get", "401 404 200 404 200", D, _queue),
    ("api:asset_suggestions", "get", "401 404 404 404 200", H, _queue),
    ("api:asset_suggestion_accept", "post", "401 403 200 404 200", S, _pending),
    ("api:asset_suggestion_accept", "post", "401 404 404 404 200", H, _pending),
    (
        "api:asset_suggestion_accept",
        "post",
        "401 403 400 404 400",
        S,
        lambda w: dict(DECISION),
        "json",
        "nothing pending",
    ),
    ("api:asset_suggestion_reject", "post", "401 403 200 404 200", S, _pending),
    ("api:asset_suggestion_reject", "post", "401 404 404 404 200", H, _pending),
    ("api:asset_suggestion_revert", "post", "401 403 200 404 200", S, _applied),
    ("api:asset_suggestion_revert", "post", "401 404 404 404 200", H, _applied),
    # the review queue and bulk decisions: only assets the user may edit (the rest skipped)
    ("api:suggestion_queue", "get", "401 200 200 200 200", {}, _queue),
    ("api:suggestions_accept", "post", "401 200= 200 200= 200", {}, _items),
    ("api:suggestions_reject", "post", "401 200= 200 200= 200", {}, _items),
    # matching rules: editors and admins
    ("api:matching_rules", "get", "401 403 200 200 200", {}, _rules),
    (
        "api:matching_rule_create",
        "post",
        "401 403 201 201 201",
        {},
        lambda w: {"field": "tags", "value": "fresh-rule", "algorithm": "any", "pattern": "fresh words"},
    ),
    (
        "api:matching_rule_create",
        "post",
        "401 403 400 400 400",
        {},
        lambda w: {"field": "topic", "value": "ROI", "algorithm": "regex", "pattern": r"(a)\1"},
        "json",
        "regex RE2 refuses",
    ),
    ("api:matching_rule", "get", "401 403 200 200 200", {"rule_id": RULE}, _rules),
    ("api:matching_rule", "get", "401 403 404 404 200", {"rule_id": SECRET_RULE}, _rules),
    ("api:matching_rule_update", "patch", "401 403 200 200 200", {"rule_id": RULE}, _patch),
    ("api:matching_rule_update", "patch", "401 403 404 404 200", {"rule_id": SECRET_RULE}, _patch),
    ("api:matching_rule_delete", "delete", "401 403 204 204 204", {"rule_id": RULE}, _rules),
    ("api:matching_rule_delete", "delete", "401 403 404 404 204", {"rule_id": SECRET_RULE}, _rules),
    # bulk runs (nothing compared changes: the run waits for the worker), thresholds, training
    ("api:bulk_run_create", "post", "401 403 202~ 202~ 202~", {}, lambda w: {"kind": "rules"}),
    ("api:bulk_run", "get", "401 403 200 404 200", {"run_id": RUN}, _run),
    ("api:field_policies", "get", "401 403 200 200 200"),
    (
        "api:field_policy_update",
        "patch",
        "401 403 403 403 200",
        {},
        lambda w: {"field": "tags", "auto_threshold": 0.95},
    ),
    (
        "api:field_policy_update",
        "patch",
        "401 403 403 403 400",
        {},
        lambda w: {"field": "no-such-field", "auto_threshold": 0.95},
        "json",
        "unknown field",
    ),
    ("api:training_status", "get", "401 403 200 200 200"),
]
