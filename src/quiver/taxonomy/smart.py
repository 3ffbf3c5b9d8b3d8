"""Smart collections: validating a saved query, matching assets against it, and keeping the materialized
membership (SmartMembership) in sync. Re-filing is called by taxonomy.services after facet changes and by
taxonomy.listeners after an asset, its tags or its extracted text change (see quiver.listeners)."""

from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet

from quiver.core import audit
from quiver.library.models import Asset, AssetPage, AssetStatus, AssetType, Collection

from .models import AssetFacetValue, FacetValue, SmartCollectionRule, SmartMembership

MAX_TEXT = 200
MAX_ITEMS = 100


def clean_query(raw) -> dict:
    """A normalized query {"values": [ids], "tags": [names], "asset_types": [...], "text": str}, or
    ValidationError. At least one condition is required (an empty rule would file the whole library)."""
    raw = raw if isinstance(raw, dict) else {}
    unknown = set(raw) - {"values", "tags", "asset_types", "text"}
    if unknown:
        raise ValidationError(f"Unknown rule keys: {', '.join(sorted(map(str, unknown)))}.")
    values = _list(raw.get("values"), "values")
    try:
        ids = sorted({int(v) for v in values})
    except (TypeError, ValueError):
        raise ValidationError("Facet values are given by id.") from None
    found = set(FacetValue.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    if found != set(ids):
        raise ValidationError(f"Unknown facet values: {', '.join(map(str, sorted(set(ids) - found)))}.")
    tags = sorted({" ".join(str(t).split())[:80] for t in _list(raw.get("tags"), "tags")} - {""}, key=str.lower)
    types = sorted(set(map(str, _list(raw.get("asset_types"), "asset_types"))))
    if set(types) - set(AssetType.values):
        raise ValidationError(f"Unknown asset types: {', '.join(sorted(set(types) - set(AssetType.values)))}.")
    text = " ".join(str(raw.get("text") or "").replace("\x00", "").split())[:MAX_TEXT]
    query = {"values": ids, "tags": tags, "asset_types": types, "text": text}
    if not (ids or tags or types or text):
        raise ValidationError("A smart collection needs at least one condition.")
    return query


def _list(value, name: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise ValidationError(f"`{name}` must be a list.")
    if len(value) > MAX_ITEMS:
        raise ValidationError(f"At most {MAX_ITEMS} {name}.")
    return list(value)


def _with_descendants(values: list[FacetValue]) -> dict[int, set[int]]:
    """Value ids grouped by field, each value widened to every value below it."""
    chosen = {v.pk for v in values}
    fields = {v.field_id for v in values}
    everything = list(FacetValue.objects.filter(field_id__in=fields).values_list("pk", "parent_id", "field_id"))
    parent = {pk: parent_id for pk, parent_id, _ in everything}
    grouped: dict[int, set[int]] = {}
    for pk, _, field_id in everything:
        node = pk
        while node is not None:
            if node in chosen:
                grouped.setdefault(field_id, set()).add(pk)
                break
            node = parent.get(node)
    return grouped


def _text_condition(word: str):
    through = Asset.tags.through
    return (
        Q(title__icontains=word)
        | Q(description__icontains=word)
        | Exists(through.objects.filter(asset_id=OuterRef("pk"), tag__name__icontains=word))
        | Exists(AssetPage.objects.filter(version_id=OuterRef("current_version_id"), text__icontains=word))
    )


def matching_assets(query: dict, queryset: QuerySet | None = None, *, include_archived: bool = False) -> QuerySet:
    """Assets of `queryset` (all by default) matching a cleaned query. No permission filter: callers add one."""
    qs = Asset.objects.all() if queryset is None else queryset
    if not (query.get("values") or query.get("tags") or query.get("asset_types") or query.get("text")):
        return qs.none()
    if not include_archived:
        qs = qs.exclude(status=AssetStatus.ARCHIVED)
    values = list(FacetValue.objects.filter(pk__in=query.get("values") or []))
    for ids in _with_descendants(values).values():  # AND across fields, OR within one field
        qs = qs.filter(Exists(AssetFacetValue.objects.filter(asset_id=OuterRef("pk"), value_id__in=ids)))
    if query.get("tags"):
        names = reduce(or_, (Q(tag__name__iexact=name) for name in query["tags"]))
        qs = qs.filter(Exists(Asset.tags.through.objects.filter(names, asset_id=OuterRef("pk"))))
    if query.get("asset_types"):
        qs = qs.filter(asset_type__in=query["asset_types"])
    for word in (query.get("text") or "").split()[:10]:
        qs = qs.filter(_text_condition(word))
    return qs


def rule_matches(rule: SmartCollectionRule, queryset: QuerySet | None = None) -> QuerySet:
    return matching_assets(rule.query or {}, queryset, include_archived=rule.include_archived)


# --- keeping membership in sync --------------------------------------------------------------------------------


def refile_collection(collection: Collection) -> tuple[int, int]:
    """Recompute a smart collection's members from its rule (none when it has no rule). Returns (added, removed)."""
    rule = SmartCollectionRule.objects.filter(collection=collection).first()
    wanted = set(rule_matches(rule).values_list("pk", flat=True)) if rule else set()
    current = set(SmartMembership.objects.filter(collection=collection).values_list("asset_id", flat=True))
    SmartMembership.objects.filter(collection=collection, asset_id__in=current - wanted).delete()
    SmartMembership.objects.bulk_create(
        [SmartMembership(collection=collection, asset_id=pk) for pk in sorted(wanted - current)], ignore_conflicts=True
    )
    _members_changed(wanted ^ current)
    return len(wanted - current), len(current - wanted)


def _members_changed(asset_ids) -> None:
    from quiver.core import events

    if asset_ids:
        events.publish(events.SmartMembersChanged(asset_ids=tuple(sorted(asset_ids))))


def refile_assets(asset_ids) -> None:
    """Re-evaluate every smart rule for these assets (after a change of their facets, tags, type or text)."""
    asset_ids = sorted(set(asset_ids))
    rules = list(SmartCollectionRule.objects.all())
    if not asset_ids or not rules:
        if asset_ids:
            deleted, _ = SmartMembership.objects.filter(asset_id__in=asset_ids).delete()
            if deleted:
                _members_changed(asset_ids)
        return
    current = set(SmartMembership.objects.filter(asset_id__in=asset_ids).values_list("collection_id", "asset_id"))
    wanted = set()
    scope = Asset.objects.filter(pk__in=asset_ids)
    for rule in rules:
        wanted |= {(rule.collection_id, pk) for pk in rule_matches(rule, scope).values_list("pk", flat=True)}
    stale = current - wanted
    if stale:
        SmartMembership.objects.filter(reduce(or_, (Q(collection_id=c, asset_id=a) for c, a in stale))).delete()
    SmartMembership.objects.bulk_create(
        [SmartMembership(collection_id=c, asset_id=a) for c, a in sorted(wanted - current)], ignore_conflicts=True
    )
    _members_changed({a for _, a in stale | (wanted - current)})


# --- rule services -----------------------------------------------------------------------------------------------


def set_rule(actor, collection: Collection, query, *, include_archived: bool = False) -> SmartCollectionRule:
    """Make `collection` smart (or change its rule) and re-file. Permission checks belong to the caller."""
    cleaned = clean_query(query)
    rule = SmartCollectionRule.objects.filter(collection=collection).first()
    before = {"query": rule.query, "include_archived": rule.include_archived} if rule else {}
    rule = rule or SmartCollectionRule(collection=collection)
    rule.query, rule.include_archived = cleaned, bool(include_archived)
    rule.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    rule.save()
    added, removed = refile_collection(collection)
    after = {"query": cleaned, "include_archived": rule.include_archived}
    if after != before:
        audit.record(
            actor,
            "collection.smart_rule",
            collection,
            before=before,
            after={**after, "added": added, "removed": removed},
        )
    return rule


def remove_rule(actor, collection: Collection) -> bool:
    """Make `collection` manual again: its smart members leave it (its manually filed assets stay)."""
    rule = SmartCollectionRule.objects.filter(collection=collection).first()
    if rule is None:
        return False
    before = {"query": rule.query, "include_archived": rule.include_archived}
    rule.delete()
    members = SmartMembership.objects.filter(collection=collection)
    _members_changed(set(members.values_list("asset_id", flat=True)))
    members.delete()
    audit.record(actor, "collection.smart_rule_remove", collection, before=before)
    return True
