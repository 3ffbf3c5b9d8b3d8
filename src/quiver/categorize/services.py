"""State changes of automatic categorization: run it, decide on suggestions, revert, bulk edits.

Services check permissions through library.policy (PermissionDenied), write audit entries, and leave the
transaction to their caller; background work and the learning hook run on commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from quiver.library import policy
from quiver.library.models import Asset, TagSource

from .bulk import apply_rules_bulk, bulk_edit
from .engine import categorize_asset as _categorize
from .models import Suggestion, SuggestionSource, SuggestionStatus
from .rules import create_rule, delete_rule, set_policy, update_rule
from .targets import Target, assign, assigned_keys, record, resolve, unassign

__all__ = [
    "accept",
    "accept_many",
    "apply_rules_bulk",
    "bulk_edit",
    "categorize_asset",
    "create_rule",
    "delete_rule",
    "reject",
    "reject_many",
    "revert",
    "set_policy",
    "update_rule",
]


def categorize_asset(asset: Asset, *, learned: bool = True, detectors: bool = True, rules=None) -> list[Suggestion]:
    """Rules, learned predictions and detectors on one asset; applies what passes each field's auto threshold
    (unless manual-only or rejected), keeps the rest above the suggest threshold as pending suggestions."""
    return _categorize(asset, learned=learned, detectors=detectors, rules=rules)


def mark_dirty() -> None:
    """Tell the learning part (if present) that assignments changed, once the transaction commits."""

    def hook():
        try:
            from . import learning
        except ImportError:
            return
        if hasattr(learning, "mark_dirty"):
            learning.mark_dirty()

    transaction.on_commit(hook)


def _require_edit(user, asset: Asset) -> None:
    if not policy.can_edit_asset(user, asset):
        raise PermissionDenied("You may not change this asset.")


def _row(asset: Asset, target: Target) -> Suggestion:
    row = Suggestion.objects.filter(asset=asset, **target.suggestion_kwargs()).first()
    return row or Suggestion(
        asset=asset, field=target.field, source=SuggestionSource.RULE, confidence=0, **target.suggestion_kwargs()
    )


def _decided(row: Suggestion, user, status: str) -> Suggestion:
    row.status, row.decided_by, row.decided_at = status, user, timezone.now()
    row.save()
    return row


def accept(user, asset: Asset, field: str, value: str) -> Suggestion:
    """Put a suggested value on the asset (a manual assignment by `user`)."""
    _require_edit(user, asset)
    target = resolve(field, value)
    row = _row(asset, target)
    if row.pk is None or row.status not in (SuggestionStatus.PENDING, SuggestionStatus.ACCEPTED):
        raise ValidationError({"value": ["There is no pending suggestion of this value for this asset."]})
    if target.key not in assigned_keys(asset):
        row.replaced = assign(user, asset, target, source=TagSource.MANUAL)
    record(user, asset, "categorize.accept", target, suggested_by=row.source, confidence=row.confidence)
    mark_dirty()
    return _decided(row, user, SuggestionStatus.ACCEPTED)


def reject(user, asset: Asset, field: str, value: str) -> Suggestion:
    """Refuse a value for the asset: never suggested again; an automatic assignment of it is taken off."""
    _require_edit(user, asset)
    target = resolve(field, value)
    row = _row(asset, target)
    source = assigned_keys(asset).get(target.key)
    if source is not None and source != TagSource.MANUAL:
        unassign(user, asset, target, restore=row.replaced)
    record(user, asset, "categorize.reject", target, suggested_by=row.source if row.pk else "")
    mark_dirty()
    return _decided(row, user, SuggestionStatus.REJECTED)


def revert(user, asset: Asset, field: str, value: str) -> Suggestion:
    """Undo an automatic assignment (a replaced single-select value comes back) and remember it as refused."""
    _require_edit(user, asset)
    target = resolve(field, value)
    source = assigned_keys(asset).get(target.key)
    row = _row(asset, target)
    if source is None or (source == TagSource.MANUAL and row.status != SuggestionStatus.AUTO_APPLIED):
        raise ValidationError({"value": ["This value was not assigned automatically."]})
    unassign(user, asset, target, restore=row.replaced)
    record(user, asset, "categorize.revert", target, source=source, restored=row.replaced)
    mark_dirty()
    return _decided(row, user, SuggestionStatus.REVERTED)


def _as_id(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _many(user, items, action) -> dict:
    """Run accept/reject for [(asset_id, field, value)]; what the user may not change (or see) is skipped."""
    items = [(_as_id(i[0]), i[1], i[2]) for i in items]
    ids = {i[0] for i in items if i[0]}
    assets = {
        a.pk: a for a in policy.editable_assets(user, policy.visible_assets(user, Asset.objects.filter(pk__in=ids)))
    }
    done = skipped = 0
    for asset_id, field, value in items:
        asset = assets.get(asset_id)
        if asset is None:
            skipped += 1
            continue
        try:
            with transaction.atomic():
                action(user, asset, field, value)
            done += 1
        except (ValidationError, PermissionDenied):
            skipped += 1
    return {"done": done, "skipped": skipped}


def accept_many(user, items) -> dict:
    """{"done": n, "skipped": n} for [(asset_id, field, value)]."""
    return _many(user, items, accept)


def reject_many(user, items) -> dict:
    return _many(user, items, reject)
