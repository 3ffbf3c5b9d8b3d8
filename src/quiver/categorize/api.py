"""The categorization API: an asset's suggestions (accept, reject, revert), matching rules, thresholds, bulk runs
and the training status.

Permissions come from library.policy only: an asset the user cannot see is a 404 (never a 403: its existence
stays hidden); deciding on suggestions needs `can_edit_asset` (403); rules, bulk runs and the training status
need `can_manage_matching_rules` (editors and admins); thresholds are changed by admins."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from ninja import Router, Status

from quiver.library import policy
from quiver.library.models import Asset
from quiver.library.schemas import Error, Id, Text

from . import selectors, services
from .models import BulkRun, FieldPolicy
from .models.field_policy import DEFAULT_AUTO_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD
from .schemas import (
    BulkDecision,
    BulkResult,
    BulkRunIn,
    BulkRunOut,
    Decision,
    PolicyOut,
    PolicyPatch,
    RuleIn,
    RuleOut,
    RulePatch,
    SuggestionOut,
)

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
suggestions_router = Router(tags=["categorization"])
router = Router(tags=["categorization"])


def _suggestion_out(s) -> dict:
    return {
        "field": s.field,
        "value": s.value,
        "confidence": s.confidence,
        "evidence": s.evidence or [],
        "page": s.page,
        "source": s.source,
        "status": s.status,
    }


def _visible(request, asset_id: int) -> Asset:
    asset = policy.visible_assets(request.auth, Asset.objects.all()).filter(pk=asset_id).first()
    if asset is None:
        raise Http404
    return asset


def _editable(request, asset_id: int) -> Asset:
    asset = _visible(request, asset_id)
    if not policy.can_edit_asset(request.auth, asset):
        raise PermissionDenied("You may not change this asset.")
    return asset


def _require_rules(request) -> None:
    if not policy.can_manage_matching_rules(request.auth):
        raise PermissionDenied("Only editors and administrators may see and change matching rules.")


# --- an asset's suggestions -------------------------------------------------------------------------------------


@suggestions_router.get(
    "/{int:asset_id}/suggestions", response={200: list[SuggestionOut], **ERRORS}, url_name="asset_suggestions"
)
def list_suggestions(request, asset_id: Id, include_applied: bool = False):
    """Pending suggestions, best first: `[{field, value, confidence, evidence, page}]`; `field` is `tags` or a
    facet slug, `evidence` the words or phrases that drove it with the page/slide where they occur.
    `include_applied=true` adds the values applied automatically that are still on the asset (status
    `auto_applied`, revertible)."""
    asset = _visible(request, asset_id)
    rows = list(selectors.pending_for_asset(request.auth, asset))
    if include_applied:
        rows = sorted(rows + list(selectors.automatic_assignments(asset)), key=lambda s: (-s.confidence, s.pk))
    return [_suggestion_out(s) for s in rows]


def _decide(request, asset_id: int, payload, decision):
    """One decision on one value of an asset the caller may edit (accept, reject or revert)."""
    asset = _editable(request, asset_id)
    with transaction.atomic():
        row = decision(request.auth, asset, payload.field, payload.value)
    return _suggestion_out(row)


@suggestions_router.post(
    "/{int:asset_id}/suggestions/accept", response={200: SuggestionOut, **ERRORS}, url_name="asset_suggestion_accept"
)
def accept_suggestion(request, asset_id: Id, payload: Decision):
    return _decide(request, asset_id, payload, services.accept)


@suggestions_router.post(
    "/{int:asset_id}/suggestions/reject", response={200: SuggestionOut, **ERRORS}, url_name="asset_suggestion_reject"
)
def reject_suggestion(request, asset_id: Id, payload: Decision):
    """Never suggest this value for this asset again (an automatic assignment of it is taken off)."""
    return _decide(request, asset_id, payload, services.reject)


@suggestions_router.post(
    "/{int:asset_id}/suggestions/revert", response={200: SuggestionOut, **ERRORS}, url_name="asset_suggestion_revert"
)
def revert_assignment(request, asset_id: Id, payload: Decision):
    """Undo a value applied automatically (a replaced single-select value comes back); remembered as refused."""
    return _decide(request, asset_id, payload, services.revert)


# --- bulk decisions and the review queue ---------------------------------------------------------------------


@router.get("/suggestions", response={200: list[dict], **ERRORS}, url_name="suggestion_queue")
def review_queue(request, field: Text = "", source: Text = "", asset: Id | None = None, limit: int = 100):
    """Pending suggestions on assets you may edit, best first (at most `limit`, up to 500)."""
    rows = selectors.review_queue(request.auth, {"field": field, "source": source, "asset": asset})
    return [
        {"asset": s.asset_id, "title": s.asset.title, **_suggestion_out(s)} for s in rows[: max(1, min(limit, 500))]
    ]


@router.post("/suggestions/accept", response={200: BulkResult, **ERRORS}, url_name="suggestions_accept")
def accept_many(request, payload: BulkDecision):
    """Accept many at once: `{"items": [{asset, field, value}]}`; what you may not change is skipped."""
    return services.accept_many(request.auth, [(i.asset, i.field, i.value) for i in payload.items])


@router.post("/suggestions/reject", response={200: BulkResult, **ERRORS}, url_name="suggestions_reject")
def reject_many(request, payload: BulkDecision):
    return services.reject_many(request.auth, [(i.asset, i.field, i.value) for i in payload.items])


# --- matching rules ------------------------------------------------------------------------------------------


def _rule_out(rule) -> dict:
    return {
        "id": rule.pk,
        "field": rule.field,
        "value": rule.value,
        "algorithm": rule.algorithm,
        "pattern": rule.pattern,
        "case_sensitive": rule.case_sensitive,
        "manual_only": rule.manual_only,
        "updated_at": rule.updated_at,
    }


def _rule(request, rule_id: int):
    _require_rules(request)
    rule = selectors.rules_for(request.auth).filter(pk=rule_id).first()
    if rule is None:
        raise Http404
    return rule


@router.get("/rules", response={200: list[RuleOut], **ERRORS}, url_name="matching_rules")
def list_rules(request, field: Text = ""):
    _require_rules(request)
    rules = selectors.rules_for(request.auth)
    return [_rule_out(r) for r in rules if not field or r.field == field]


@router.post("/rules", response={201: RuleOut, **ERRORS}, url_name="matching_rule_create")
def create_rule(request, payload: RuleIn):
    """A rule for one tag (created if new) or facet value: `algorithm` any/all/exact/regex/fuzzy/learned/none,
    `pattern` (words; "quoted phrases" stay together), `case_sensitive`, `manual_only` (only ever suggested).
    Regular expressions run on RE2: patterns it cannot compile (back-references, look-around) are refused."""
    _require_rules(request)
    with transaction.atomic():
        rule = services.create_rule(request.auth, **payload.dict())
    return Status(201, _rule_out(rule))


@router.get("/rules/{int:rule_id}", response={200: RuleOut, **ERRORS}, url_name="matching_rule")
def get_rule(request, rule_id: Id):
    return _rule_out(_rule(request, rule_id))


@router.patch("/rules/{int:rule_id}", response={200: RuleOut, **ERRORS}, url_name="matching_rule_update")
def update_rule(request, rule_id: Id, payload: RulePatch):
    rule = _rule(request, rule_id)
    with transaction.atomic():
        services.update_rule(request.auth, rule, **payload.dict(exclude_unset=True))
    return _rule_out(rule)


@router.delete("/rules/{int:rule_id}", response={204: None, **ERRORS}, url_name="matching_rule_delete")
def delete_rule(request, rule_id: Id):
    rule = _rule(request, rule_id)
    with transaction.atomic():
        services.delete_rule(request.auth, rule)
    return Status(204, None)


# --- bulk runs, thresholds, training ---------------------------------------------------------------------------


def _run_out(run: BulkRun) -> dict:
    return {
        "id": run.pk,
        "kind": run.kind,
        "status": run.status,
        "total": run.total,
        "done": run.done,
        "percent": run.percent,
        "applied": run.applied,
        "suggested": run.suggested,
        "error": run.error,
        "attempts": run.attempts,
        "created_at": run.created_at,
        "started_at": run.started_at,
        "heartbeat_at": run.heartbeat_at,
        "finished_at": run.finished_at,
    }


@router.post("/runs", response={202: BulkRunOut, **ERRORS}, url_name="bulk_run_create")
def start_run(request, payload: BulkRunIn):
    """Apply the matching rules (or the whole categorization) to existing assets you may edit, in the
    background; poll `GET /taxonomy/runs/{id}` for progress."""
    _require_rules(request)
    with transaction.atomic():
        run = services.apply_rules_bulk(
            request.auth, asset_ids=payload.assets, rule_ids=payload.rules, kind=payload.kind
        )
    run.refresh_from_db()
    return Status(202, _run_out(run))


@router.get("/runs/{int:run_id}", response={200: BulkRunOut, **ERRORS}, url_name="bulk_run")
def get_run(request, run_id: Id):
    """A bulk run's progress: yours (admins: any)."""
    _require_rules(request)
    run = policy.visible_bulk_runs(request.auth, BulkRun.objects.all()).filter(pk=run_id).first()
    if run is None:
        raise Http404
    return _run_out(run)


@router.get("/policies", response={200: list[PolicyOut], **ERRORS}, url_name="field_policies")
def list_policies(request):
    """Thresholds of the fields that have their own (others: auto 0.9, suggest 0.35)."""
    _require_rules(request)
    return [
        {"field": "*", "auto_threshold": DEFAULT_AUTO_THRESHOLD, "suggest_threshold": DEFAULT_SUGGEST_THRESHOLD},
        *FieldPolicy.objects.values("field", "auto_threshold", "suggest_threshold"),
    ]


@router.patch("/policies", response={200: PolicyOut, **ERRORS}, url_name="field_policy_update")
def update_policy(request, payload: PolicyPatch):
    """Change one field's thresholds (`field`: "tags" or a facet slug): administrators."""
    changes = payload.dict(exclude_unset=True)
    field = changes.pop("field")
    with transaction.atomic():
        row = services.set_policy(request.auth, field, **changes)
    return {"field": row.field, "auto_threshold": row.auto_threshold, "suggest_threshold": row.suggest_threshold}


@router.get("/training", response={200: dict, **ERRORS}, url_name="training_status")
def training_status(request):
    """When the current model was trained, on how many assets, and whether a retraining is due."""
    _require_rules(request)
    try:
        from . import learning
    except ImportError:
        learning = None
    status = getattr(learning, "status", None)
    if status is None:
        return {"trained_at": None, "asset_count": 0, "status": "unavailable"}
    return status()
