"""Work on many assets: the bulk retagging edit (in the request) and applying rules in the background (BulkRun)."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from quiver.library import policy
from quiver.library import services as library_services
from quiver.library.models import Asset, AssetTag, TagSource
from quiver.taxonomy import services as taxonomy_services
from quiver.taxonomy.models import AssetFacetValue
from quiver.taxonomy.services import AUTOMATIC_FIELDS

from .models import BulkRun, BulkRunKind, BulkRunStatus, MatchingRule, SuggestionStatus

log = logging.getLogger(__name__)


# --- bulk retagging ---------------------------------------------------------------------------------------------


def _facet_changes(asset: Asset, resolved_add: dict, resolved_remove: dict) -> dict:
    """{field slug: [value names]} for the fields this edit touches (the asset's other fields are kept)."""
    current: dict[str, list] = {}
    for a in AssetFacetValue.objects.filter(asset=asset).select_related("value__field"):
        current.setdefault(a.value.field.slug, []).append(a.value)
    out = {}
    for field in set(resolved_add) | set(resolved_remove):
        have = current.get(field.slug, [])
        adding, removing = resolved_add.get(field, []), {v.pk for v in resolved_remove.get(field, [])}
        if not field.multi_select and adding:
            new = adding[:1]
        else:
            new = have + [v for v in adding if v.pk not in {h.pk for h in have}]
        new = [v for v in new if v.pk not in removing]
        if [v.pk for v in new] != [v.pk for v in have]:
            out[field] = new
    return out


def bulk_edit(user, asset_ids, add_tags=(), remove_tags=(), add_values=None, remove_values=None) -> dict:
    """Add/remove tags and facet values on many assets ({field: [names]}); assets the user may not edit (or
    see) are skipped. Returns {"changed": n, "skipped": n}. Asset type and language are set, not removed."""
    add_values, remove_values = add_values or {}, remove_values or {}
    resolved_add = taxonomy_services.resolve_values({k: v for k, v in add_values.items() if v}) if add_values else {}
    resolved_remove = (
        taxonomy_services.resolve_values({k: v for k, v in remove_values.items() if v}) if remove_values else {}
    )
    for field, values in resolved_add.items():
        if not field.multi_select and len(values) > 1:
            raise ValidationError({field.slug: [f"{field.name} takes a single value."]})
    tags_add = library_services.tags_from_names(add_tags)
    remove_names = {" ".join(str(n).split()).lower() for n in remove_tags or []}
    ids = {int(i) for i in asset_ids}
    editable = list(
        policy.editable_assets(user, policy.visible_assets(user, Asset.objects.filter(pk__in=ids))).prefetch_related(
            "tags"
        )
    )
    changed = 0
    for asset in editable:
        with transaction.atomic():
            changed += _edit_one(user, asset, tags_add, remove_names, resolved_add, resolved_remove)
    if changed:
        from .services import mark_dirty

        mark_dirty()
    return {"changed": changed, "skipped": len(ids) - len(editable)}


def _edit_one(user, asset, tags_add, remove_names, resolved_add, resolved_remove) -> int:
    before_tags = {t.pk for t in asset.tags.all()}
    tags = [t for t in asset.tags.all() if t.name.lower() not in remove_names]
    tags += [t for t in tags_add if t.pk not in {x.pk for x in tags}]
    did = False
    if {t.pk for t in tags} != before_tags:
        library_services.update_asset(user, asset, tags=tags)
        AssetTag.objects.filter(asset=asset, tag__in=[t for t in tags_add if t.pk not in before_tags]).update(
            assigned_by=user
        )
        did = True
    changes = _facet_changes(asset, resolved_add, resolved_remove)
    plain = {f.slug: [v.name for v in vs] for f, vs in changes.items() if f.slug not in AUTOMATIC_FIELDS}
    if plain:
        taxonomy_services.set_asset_facets(user, asset, plain, source=TagSource.MANUAL)
        did = True
    attrs = {AUTOMATIC_FIELDS[f.slug]: vs[0].slug for f, vs in changes.items() if f.slug in AUTOMATIC_FIELDS and vs}
    if attrs:
        library_services.update_asset(user, asset, **attrs)
        did = True
    return int(did)


# --- applying rules in the background ---------------------------------------------------------------------------


def apply_rules_bulk(user, *, asset_ids=None, rule_ids=None, kind: str = BulkRunKind.RULES) -> BulkRun:
    """Start a background run of the matching rules (kind "rules") or of the whole categorization (kind
    "categorize") over the assets the user may edit (all of them, or `asset_ids`); progress in the BulkRun."""
    if not policy.can_manage_matching_rules(user):
        raise PermissionDenied("You may not apply matching rules.")
    if kind not in BulkRunKind.values:
        raise ValidationError({"kind": [f"One of: {', '.join(BulkRunKind.values)}."]})
    params = {}
    if asset_ids is not None:
        params["asset_ids"] = sorted({int(i) for i in asset_ids})
    if rule_ids is not None:
        params["rule_ids"] = sorted({int(i) for i in rule_ids})
    run = BulkRun.objects.create(kind=kind, params=params, started_by=user, heartbeat_at=timezone.now())
    run.total = _assets(run).count()
    run.save(update_fields=["total"])
    from .tasks import bulk_run_task

    transaction.on_commit(lambda: bulk_run_task.enqueue(run.pk, run.attempts))
    return run


def _assets(run: BulkRun):
    qs = policy.editable_assets(run.started_by, Asset.objects.filter(deleted_at__isnull=True, merged_into__isnull=True))
    if "asset_ids" in run.params:
        qs = qs.filter(pk__in=run.params["asset_ids"])
    return qs.order_by("pk")


class Superseded(Exception):
    """The run was handed to another worker (resumed) or finished elsewhere: this worker stops."""


def _claim(run_id: int, attempt: int | None) -> BulkRun | None:
    """Queued -> running for this attempt (a conditional UPDATE: a stale or duplicate task claims nothing)."""
    runs = BulkRun.objects.filter(pk=run_id, status=BulkRunStatus.QUEUED)
    run = (runs if attempt is None else runs.filter(attempts=attempt)).first()
    now = timezone.now()
    if run is None or not runs.filter(attempts=run.attempts).update(
        status=BulkRunStatus.RUNNING, heartbeat_at=now, started_at=run.started_at or now
    ):
        return None
    return BulkRun.objects.select_related("started_by").get(pk=run.pk)


def _mine(run: BulkRun):
    """The run's row while this worker still owns it."""
    return BulkRun.objects.filter(pk=run.pk, attempts=run.attempts, status=BulkRunStatus.RUNNING)


def _step(run: BulkRun, asset_id: int, rules, full: bool) -> None:
    """One asset's work and its progress in one transaction: both commit or neither (so a resumed run neither
    repeats nor double-counts it)."""
    from .engine import categorize_asset

    applied = suggested = 0
    with transaction.atomic():
        asset = Asset.objects.filter(pk=asset_id).first()
        if asset is not None:
            made = categorize_asset(asset, learned=full, detectors=full, rules=rules)
            applied = sum(s.status == SuggestionStatus.AUTO_APPLIED for s in made)
            suggested = sum(s.status == SuggestionStatus.PENDING for s in made)
        if not _mine(run).update(
            done=F("done") + 1,
            applied=F("applied") + applied,
            suggested=F("suggested") + suggested,
            cursor=asset_id,
            heartbeat_at=timezone.now(),
        ):
            raise Superseded


def run_bulk(run_id: int, attempt: int | None = None) -> str:
    """The task body: categorize each asset after the run's cursor (in a stable order, by id), each in its own
    transaction with its progress. `attempt` is the run's `attempts` when this task was enqueued (None: any)."""
    run = _claim(run_id, attempt)
    if run is None:
        return "missing"
    rules = None
    if "rule_ids" in run.params:
        rules = list(
            MatchingRule.objects.filter(pk__in=run.params["rule_ids"]).select_related("tag", "facet_value__field")
        )
    full = run.kind == BulkRunKind.CATEGORIZE
    error = ""
    try:
        for asset_id in list(_assets(run).filter(pk__gt=run.cursor).values_list("pk", flat=True)):
            _step(run, asset_id, rules, full)
    except Superseded:
        log.warning("bulk run %s: attempt %s superseded, stopping", run.pk, run.attempts)
        return "superseded"
    except Exception as exc:
        log.exception("bulk run %s failed", run.pk)
        error = f"{type(exc).__name__}: {exc}"[:1000]
    status = BulkRunStatus.FAILED if error else BulkRunStatus.DONE
    now = timezone.now()
    if not _mine(run).update(status=status, error=error, finished_at=now, heartbeat_at=now):
        return "superseded"
    return status
