"""Merging a duplicate into its twin: nothing is lost, the duplicate's URL leads to the twin.

What moves to the twin: tags, facet values and the collections the actor may add it to (union); usage events
(its views and downloads count for the twin); the duplicate's file versions, appended after the twin's own as
non-current versions (their numbers continue the twin's, so no existing version URL changes meaning; each keeps
its upload date and says where it came from). What stays on the duplicate: its row (merged_into = twin, out of
every listing and search), its audit history and approval trail (a waiting review request is withdrawn, with
the reason in its trail). Pointers to the duplicate (`replaced_by`, earlier merges) are moved to the twin;
similarity.DuplicateFlag rows between the two are marked merged."""

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Q, QuerySet

from quiver.core import audit, events
from quiver.insights.models import UsageEvent
from quiver.library import policy
from quiver.library.models import Asset, AssetTag, AssetVersion
from quiver.taxonomy.models import AssetFacetValue
from quiver.taxonomy.services import AUTOMATIC_FIELDS, add_facet_values

from ..events import fire
from .approval import withdraw_pending
from .common import now_or


def _check(user, duplicate: Asset, twin: Asset) -> None:
    if duplicate.pk == twin.pk:
        raise ValidationError("An asset cannot be merged into itself.")
    for asset in (duplicate, twin):
        if asset.deleted_at is not None or asset.merged_into_id is not None:
            raise ValidationError(f"“{asset.title}” is in the trash or already merged.")
    if not policy.can_merge(user, duplicate, twin):
        raise PermissionDenied("You may not merge these assets (you must be able to edit both).")


def _tags(duplicate: Asset, twin: Asset) -> int:
    have = set(twin.tags.values_list("pk", flat=True))
    by_source = defaultdict(list)
    for row in AssetTag.objects.filter(asset=duplicate).exclude(tag_id__in=have).select_related("tag"):
        by_source[row.source].append(row.tag)
    for source, tags in by_source.items():
        twin.tags.add(*tags, through_defaults={"source": source})
    if by_source:
        events.publish(
            events.AssetRetagged(
                asset_ids=(twin.pk,),
                added=tuple(t.pk for ts in by_source.values() for t in ts),
                sources=frozenset(by_source),
            )
        )
    return sum(len(t) for t in by_source.values())


def _collections(user, duplicate: Asset, twin: Asset) -> tuple[int, int]:
    """Collections the actor may add assets to; the others are skipped (the twin's readers must not change
    behind the back of whoever controls a collection)."""
    missing = duplicate.collections.exclude(pk__in=twin.collections.values("pk"))
    allowed = list(missing.filter(pk__in=policy.editable_collections(user).values("pk")))
    if allowed:
        twin.collections.add(*allowed)
    return len(allowed), missing.count() - len(allowed)


def _facets(user, duplicate: Asset, twin: Asset) -> int:
    """Facet values of the duplicate the twin lacks (single-select fields the twin has already filled, and the
    automatic asset-type and language fields, keep the twin's value)."""
    twin_rows = list(AssetFacetValue.objects.filter(asset=twin).select_related("value"))
    have_values = {r.value_id for r in twin_rows}
    have_fields = {r.value.field_id for r in twin_rows}
    by_source = defaultdict(list)
    for row in AssetFacetValue.objects.filter(asset=duplicate).select_related("value__field"):
        field = row.value.field
        if row.value_id in have_values or field.slug in AUTOMATIC_FIELDS:
            continue
        if not field.multi_select and field.pk in have_fields:
            continue
        have_fields.add(field.pk)
        by_source[row.source].append(row.value)
    return sum(add_facet_values(user, twin, values, source=source) for source, values in by_source.items())


def _versions(duplicate: Asset, twin: Asset) -> int:
    start = twin.versions.aggregate(n=Max("number"))["n"] or 0
    moved = list(AssetVersion.objects.filter(asset=duplicate).order_by("number"))
    for offset, version in enumerate(moved, start=1):
        note = f"Merged from “{duplicate.title}” (asset {duplicate.pk}, v{version.number})"
        if version.change_note:
            note += f": {version.change_note}"
        version.asset, version.number, version.change_note = twin, start + offset, note[:500]
        version.save(update_fields=["asset", "number", "change_note"])
    return len(moved)


def _move_usage(duplicate: Asset, twin: Asset) -> int:
    """Usage events are append-only; a merge is the one re-attribution allowed (recorded in the audit log),
    done with the plain QuerySet.update so the append-only guard stays in place for everything else."""
    return QuerySet.update(UsageEvent.objects.filter(asset=duplicate), asset=twin)


def _mark_flags(user, duplicate: Asset, twin: Asset, now) -> int:
    from quiver.similarity.models import DuplicateFlag

    pair = Q(asset=duplicate, twin=twin) | Q(asset=twin, twin=duplicate)
    return DuplicateFlag.objects.filter(pair).update(status="merged", decided_by=user, decided_at=now)


def merge(user, duplicate: Asset, twin: Asset, *, now=None) -> Asset:
    """Merge `duplicate` into `twin`; returns the twin. See the module docstring for what moves."""
    _check(user, duplicate, twin)
    now = now_or(now)
    moved = {"tags": _tags(duplicate, twin)}
    moved["collections"], moved["collections_skipped"] = _collections(user, duplicate, twin)
    moved["facet_values"] = _facets(user, duplicate, twin)
    moved["versions"] = _versions(duplicate, twin)
    moved["usage_events"] = _move_usage(duplicate, twin)
    moved["duplicate_flags"] = _mark_flags(user, duplicate, twin, now)
    Asset.objects.filter(replaced_by=duplicate).update(replaced_by=twin)
    Asset.objects.filter(merged_into=duplicate).update(merged_into=twin)
    duplicate.merged_into, duplicate.current_version, duplicate.updated_at = twin, None, now
    duplicate.save(update_fields=["merged_into", "current_version", "updated_at"])
    withdraw_pending(user, duplicate, f"Withdrawn: merged into “{twin.title}” (asset {twin.pk}).", now=now)
    twin.updated_at = now
    twin.save(update_fields=["updated_at"])
    audit.record(user, "asset.merge", duplicate, before={"merged_into": None}, after={"merged_into": twin.pk, **moved})
    audit.record(user, "asset.merged_from", twin, after={"duplicate": duplicate.pk, "title": duplicate.title, **moved})
    actor_id = getattr(user, "pk", None)
    events.publish(
        events.AssetChanged(
            asset_id=duplicate.pk, actor_id=actor_id, fields=frozenset({"merged_into", "current_version", "updated_at"})
        )
    )
    events.publish(
        events.AssetChanged(
            asset_id=twin.pk, actor_id=actor_id, fields=frozenset({"collections", "versions", "updated_at"})
        )
    )
    fire(duplicate, "merged", user, into=twin.pk, moved=moved)
    return twin
