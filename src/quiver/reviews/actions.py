"""What a reviewer does to the asset on screen. Each action checks the policy, calls the owning service (library,
taxonomy, lifecycle, categorize) and records the outcome on the session item, in the caller's transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from quiver.categorize import selectors as categorize_selectors
from quiver.categorize import services as categorize
from quiver.library import policy
from quiver.library import services as library
from quiver.library.models import Asset, Collection
from quiver.lifecycle import services as lifecycle
from quiver.similarity import selectors as similarity
from quiver.taxonomy import services as taxonomy
from quiver.taxonomy.models import AssetFacetValue, AssignmentSource

from .models import Outcome, ReviewItem, ReviewSession
from .services import record

EDIT_FIELDS = ("title", "description", "asset_type", "language")


def pending_suggestions(user, asset) -> list:
    """The asset's pending suggestions, best first (none when `user` cannot see it)."""
    return list(categorize_selectors.pending_for_asset(user, asset))


def suggestion_value(suggestion) -> str:
    target = suggestion.tag if suggestion.tag_id else suggestion.facet_value
    return target.name if target is not None else ""


def twins(user, asset) -> list:
    """The assets open duplicate flags say `asset` duplicates, best match first: only twins `user` may see."""
    return [flag.twin for flag in similarity.open_flags(user, asset_ids=[asset.pk])]


def editable(user, item: ReviewItem) -> Asset:
    asset = Asset.objects.filter(pk=item.asset_id).first() if item.asset_id else None
    if asset is None or not policy.can_edit_asset(user, asset):
        raise PermissionDenied("You may not change this asset.")
    if asset.deleted_at is not None or asset.merged_into_id is not None:
        raise ValidationError("This asset was merged into its twin or moved to the trash.")
    return asset


def verify(user, session: ReviewSession, item: ReviewItem, *, note: str = "", now=None) -> ReviewItem:
    asset = editable(user, item)
    until = lifecycle.verify(user, asset, note=note)
    return record(
        user,
        session,
        item,
        Outcome.VERIFIED,
        note=note,
        now=now,
        detail={"verified_until": str(until) if until else ""},
    )


def accept_all(user, session: ReviewSession, item: ReviewItem, *, note: str = "", now=None) -> ReviewItem:
    """Accept every pending suggestion of the asset (one key: `a`)."""
    asset = editable(user, item)
    pending = pending_suggestions(user, asset)
    if not pending:
        raise ValidationError("No suggestions are waiting for this asset.")
    chosen = [(asset.pk, s.field, suggestion_value(s)) for s in pending]
    categorize.accept_many(user, chosen)
    return record(
        user,
        session,
        item,
        Outcome.RETAGGED,
        note=note,
        now=now,
        detail={"accepted": [f"{field}: {value}" for _, field, value in chosen]},
    )


def decide(
    user, session: ReviewSession, item: ReviewItem, field: str, value: str, *, accept: bool, now=None
) -> ReviewItem:
    """Accept or reject one suggestion."""
    asset = editable(user, item)
    (categorize.accept if accept else categorize.reject)(user, asset, field, value)
    key = "accepted" if accept else "rejected"
    return record(user, session, item, Outcome.RETAGGED, now=now, detail={key: [f"{field}: {value}"]})


def _values_without_automatic(values: dict) -> dict:
    automatic = [f for f in values if f in taxonomy.AUTOMATIC_FIELDS]
    if automatic:
        raise ValidationError(f"{', '.join(automatic)} follows the asset itself: change it with Edit.")
    return {f: list(v) for f, v in values.items() if v}


def retag(
    user,
    session: ReviewSession,
    item: ReviewItem,
    *,
    add_tags=(),
    remove_tags=(),
    add_values=None,
    remove_values=None,
    note: str = "",
    now=None,
) -> ReviewItem:
    """Add and remove tags and facet values ({field slug: [value names]}) by hand."""
    asset = editable(user, item)
    if not (any(t.strip() for t in add_tags) or any(t.strip() for t in remove_tags) or add_values or remove_values):
        raise ValidationError("Name a tag or a facet value to add or remove.")
    add_values = _values_without_automatic(add_values or {})
    remove_values = _values_without_automatic(remove_values or {})
    drop = {t.strip().lower() for t in remove_tags if t.strip()}
    current = [t.name for t in asset.tags.all()]
    wanted = [t for t in current if t.lower() not in drop] + [t for t in add_tags if t.strip()]
    if [t.lower() for t in wanted] != [t.lower() for t in current]:
        library.update_asset(user, asset, tags=list(dict.fromkeys(wanted)))
    for values in taxonomy.resolve_values(add_values).values():
        taxonomy.add_facet_values(user, asset, values, source=AssignmentSource.MANUAL)
    for field, values in taxonomy.resolve_values(remove_values).items():
        gone = {v.pk for v in values}
        kept = AssetFacetValue.objects.filter(asset=asset, value__field=field).exclude(value_id__in=gone)
        taxonomy.set_asset_facets(user, asset, {field.slug: list(kept.values_list("value__name", flat=True))})
    detail = {
        "add_tags": list(add_tags),
        "remove_tags": list(remove_tags),
        "add_values": add_values,
        "remove_values": remove_values,
    }
    return record(
        user, session, item, Outcome.RETAGGED, note=note, now=now, detail={k: v for k, v in detail.items() if v}
    )


def add_collections(
    user, session: ReviewSession, item: ReviewItem, collection_ids, *, note: str = "", now=None
) -> ReviewItem:
    """Repurpose: file the asset into more collections (every one must be editable by the user)."""
    asset = editable(user, item)
    current = set(asset.collections.values_list("pk", flat=True))
    wanted = current | {int(pk) for pk in collection_ids}
    if wanted == current:
        raise ValidationError("Choose a collection it is not in yet.")
    if not policy.can_set_collections(user, asset, wanted):
        raise PermissionDenied("You may not add assets to that collection.")
    library.update_asset(user, asset, collections=sorted(wanted))
    names = list(Collection.objects.filter(pk__in=wanted - current).values_list("name", flat=True))
    return record(user, session, item, Outcome.REPURPOSED, note=note, now=now, detail={"collections": names})


def edit(user, session: ReviewSession, item: ReviewItem, *, note: str = "", now=None, **changes) -> ReviewItem:
    asset = editable(user, item)
    changes = {k: v for k, v in changes.items() if k in EDIT_FIELDS and v is not None}
    changed = {k: v for k, v in changes.items() if getattr(asset, k) != v}
    if not changed:
        raise ValidationError("Nothing was changed.")
    library.update_asset(user, asset, **changed)
    if "title" in changed:
        ReviewItem.objects.filter(pk=item.pk).update(asset_title=asset.title[:300])
    return record(user, session, item, Outcome.EDITED, note=note, now=now, detail={"fields": sorted(changed)})


def replace(
    user, session: ReviewSession, item: ReviewItem, file, *, change_note: str = "", note: str = "", now=None
) -> ReviewItem:
    """Upload a replacement: the file becomes the asset's new current version (address and history kept)."""
    asset = editable(user, item)
    if asset.is_link:
        raise ValidationError("A web link has no file to replace.")
    version = library.add_version(user, asset, file, change_note=change_note or "Replaced during a review")
    return record(
        user,
        session,
        item,
        Outcome.REPLACED,
        note=note,
        now=now,
        detail={"version": version.number, "file": version.original_filename},
    )


def merge(user, session: ReviewSession, item: ReviewItem, twin_id: int, *, note: str = "", now=None) -> ReviewItem:
    """Merge the asset (a duplicate) into its twin: its links then lead to the twin."""
    asset = editable(user, item)
    twin = next((t for t in twins(user, asset) if t.pk == int(twin_id)), None)
    if twin is None:
        raise ValidationError("That asset is not flagged as its twin.")
    if not policy.can_edit_asset(user, twin):
        raise PermissionDenied("You may not change its twin.")
    lifecycle.merge(user, asset, twin)
    return record(
        user, session, item, Outcome.MERGED, note=note, now=now, detail={"twin": twin.pk, "twin_title": twin.title}
    )


def archive(user, session: ReviewSession, item: ReviewItem, *, note: str = "", now=None) -> ReviewItem:
    asset = editable(user, item)
    lifecycle.archive(user, asset)
    return record(user, session, item, Outcome.ARCHIVED, note=note, now=now)


def skip(user, session: ReviewSession, item: ReviewItem, *, note: str = "", now=None) -> ReviewItem:
    return record(user, session, item, Outcome.SKIPPED, note=note, now=now)
