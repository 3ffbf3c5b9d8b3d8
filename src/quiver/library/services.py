"""State changes of the library. Services take plain arguments, check invariants, write audit entries,
and leave the transaction to their caller; background work is enqueued on commit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from quiver.core import audit, events

from . import policy, providers
from .filenames import clean_filename, title_from_filename
from .models import Asset, AssetStatus, AssetType, AssetVersion, Collection, ProcessingStatus, Tag
from .storage import store_original

AUDITED_FIELDS = [
    "title",
    "description",
    "asset_type",
    "owner",
    "status",
    "language",
    "link_url",
    "collections",
    "tags",
]
EDITABLE_FIELDS = {"title", "description", "asset_type", "owner", "status", "language", "link_url"}


def _enqueue_processing(version: AssetVersion) -> None:
    transaction.on_commit(lambda: providers.process_version(version.pk))


def tags_from_names(names) -> list[Tag]:
    tags = []
    for raw in names or []:
        name = " ".join(str(raw).split())[:80]
        if name:
            tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
            tags.append(tag)
    return tags


def _tags(tags) -> list[Tag]:
    """Tag names (created when new) or Tag objects."""
    tags = list(tags or [])
    return tags_from_names(tags) if tags and isinstance(tags[0], str) else tags


def create_asset(
    actor,
    *,
    title: str = "",
    description: str = "",
    asset_type: str | None = None,
    owner=None,
    status: str = AssetStatus.PUBLISHED,
    language: str = "en",
    link_url: str = "",
    collections=(),
    tags=(),
    file=None,
    filename: str = "",
    change_note: str = "",
    created_at=None,
    enqueue: bool = True,
) -> Asset:
    """Create an asset from a file (stored, then processed in the background) or from a web link.

    `enqueue=False` leaves processing to the caller (bulk import and the demo process inline)."""
    if file is None and not link_url:
        raise ValidationError("An asset needs a file or a link URL.")
    filename = clean_filename(filename or getattr(file, "name", ""))
    stored = store_original(file) if file is not None else None  # refuse bad files before creating anything
    now = created_at or timezone.now()
    # A title given is kept whole or refused by full_clean (it says the limit); only derived titles are shortened.
    asset = Asset(
        title=(title or "").strip() or (title_from_filename(filename) if file else link_url[:300]),
        description=description or "",
        asset_type=asset_type or (AssetType.LINK if not file else AssetType.DOCUMENT),
        owner=owner or (actor if getattr(actor, "is_authenticated", False) else None),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        status=status,
        language=language or "",
        link_url=link_url or "",
        created_at=now,
        updated_at=now,
    )
    asset.full_clean(exclude=["current_version", "owner", "created_by"])
    asset.save()
    asset.collections.set(list(collections))
    tag_list = _tags(tags)
    asset.tags.set(tag_list)
    user = actor if getattr(actor, "is_authenticated", False) else None
    through_review = asset.status == AssetStatus.PUBLISHED and not policy.can_publish_directly(user, asset)
    if through_review:  # an approval policy covers it and the uploader is not an approver: a draft, submitted
        asset.status = AssetStatus.DRAFT
        asset.save(update_fields=["status"])
    version = None
    if file is not None:
        version = add_version(
            actor,
            asset,
            file,
            filename=filename,
            change_note=change_note,
            _audit=False,
            _now=now,
            _stored=stored,
            enqueue=enqueue,
            _publish=False,
        )
    audit.record(actor, "asset.create", asset, after=audit.snapshot(asset, AUDITED_FIELDS))
    events.publish(
        events.AssetCreated(
            asset_id=asset.pk,
            actor_id=user and user.pk,
            version_id=version and version.pk,
            tag_ids=tuple(t.pk for t in tag_list),
        )
    )
    if through_review:
        providers.submit_for_review(user, asset, "Submitted for publication on upload.")
    return asset


def add_version(
    actor,
    asset: Asset,
    file,
    *,
    filename: str = "",
    change_note: str = "",
    _audit: bool = True,
    _now=None,
    _stored=None,
    enqueue: bool = True,
    _publish: bool = True,
) -> AssetVersion:
    """Store the original first (nothing is lost whatever parsing does), then enqueue processing."""
    name, sha, size = _stored or store_original(file)
    number = (asset.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = AssetVersion.objects.create(
        asset=asset,
        number=number,
        file=name,
        sha256=sha,
        size=size,
        original_filename=clean_filename(filename or getattr(file, "name", "")),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        change_note=(change_note or "")[:500],
        status=ProcessingStatus.PROCESSING,
    )
    asset.current_version = version
    asset.updated_at = _now or timezone.now()
    asset.save(update_fields=["current_version", "updated_at"])
    if _audit:
        audit.record(
            actor,
            "asset.version",
            asset,
            after={
                "version": number,
                "file": version.original_filename,
                "sha256": sha,
                "change_note": version.change_note,
            },
        )
    if enqueue:
        _enqueue_processing(version)
    if _publish:
        events.publish(events.VersionAdded(version_id=version.pk, asset_id=asset.pk, actor_id=version.uploaded_by_id))
    return version


RETRY_REFUSALS = {
    "ready": "Version {n} is ready (not failed); there is nothing to retry.",
    "active": "Version {n} is being processed right now (a worker holds it until {until:%H:%M:%S} UTC and keeps "
    "renewing that); it can be retried if its worker stops.",
    "queued": "Version {n} is waiting for a worker (queued at {queued:%H:%M:%S} UTC); it can be retried if no worker "
    "picks it up.",
}


def retry_version(actor, version: AssetVersion) -> AssetVersion:
    """Process a failed version again, or one stuck in processing (its worker stopped: the claim expired; or its
    task was lost). A version actively being processed, waiting in the queue, or ready is refused (ValidationError)."""
    now = timezone.now()
    state = version.processing_state(now)
    if state in RETRY_REFUSALS:
        raise ValidationError(
            RETRY_REFUSALS[state].format(n=version.number, until=version.lease_expires_at, queued=version.queued_at)
        )
    # Conditional on the state seen: a worker (or another retry) that moved meanwhile wins, and this one says so.
    if not AssetVersion.objects.filter(
        pk=version.pk, status=version.status, attempts=version.attempts, lease_expires_at=version.lease_expires_at
    ).update(
        status=ProcessingStatus.PROCESSING, failure_reason="", lease_expires_at=None, interruptions=0, queued_at=now
    ):
        raise ValidationError(f"Version {version.number} changed meanwhile; reload and try again.")
    version.status, version.failure_reason, version.lease_expires_at = ProcessingStatus.PROCESSING, "", None
    version.interruptions, version.queued_at = 0, now
    audit.record(actor, "version.retry", version.asset, after={"version": version.number, "was": state})
    _enqueue_processing(version)
    return version


def update_asset(actor, asset: Asset, *, collections=None, tags=None, **changes) -> Asset:
    """Change metadata, collections (move) and tags; one audit entry with before/after."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    _check_lifecycle(actor, asset, changes.get("status"))
    archiving = changes.get("status") == AssetStatus.ARCHIVED and asset.status != AssetStatus.ARCHIVED
    before = audit.snapshot(asset, AUDITED_FIELDS)
    tag_rows = (
        dict(asset.tags.through.objects.filter(asset=asset).values_list("tag_id", "source")) if tags is not None else {}
    )
    for field, value in changes.items():
        setattr(asset, field, value if value is not None else "")
    asset.full_clean(exclude=["current_version", "owner", "created_by"])
    asset.updated_at = timezone.now()
    asset.save()
    if collections is not None:
        asset.collections.set(list(collections))
    if tags is not None:
        asset.tags.set(_tags(tags))
    after = audit.snapshot(asset, AUDITED_FIELDS)
    if after != before:
        audit.record(actor, "asset.update", asset, before=before, after=after)
    _publish_update(actor, asset, before, after, tag_rows)
    if archiving:  # every way of archiving: a waiting review request is closed, with the reason in its trail
        providers.withdraw_pending(actor, asset, "Withdrawn: the asset was archived.")
    return asset


def _publish_update(actor, asset: Asset, before: dict, after: dict, tag_rows: dict) -> None:
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    changed = frozenset(k for k in after if after[k] != before.get(k)) | {"updated_at"}
    published = [events.AssetChanged(asset_id=asset.pk, actor_id=actor_id, fields=changed)]
    if "tags" in changed:
        now = dict(asset.tags.through.objects.filter(asset=asset).values_list("tag_id", "source"))
        added, removed = sorted(set(now) - set(tag_rows)), sorted(set(tag_rows) - set(now))
        published.append(
            events.AssetRetagged(
                asset_ids=(asset.pk,),
                actor_id=actor_id,
                added=tuple(added),
                removed=tuple(removed),
                sources=frozenset([now[t] for t in added] + [tag_rows[t] for t in removed]),
            )
        )
    events.publish(*published)  # delivered together: one facet sync, one index update


def _check_lifecycle(actor, asset: Asset, status: str | None) -> None:
    """Review goes through quiver.lifecycle (a request and its trail); where an approval policy covers the asset,
    a draft is published by approval, not by editing its status."""
    if not status or status == asset.status:
        return
    if status == AssetStatus.IN_REVIEW or (asset.status == AssetStatus.IN_REVIEW and status != AssetStatus.ARCHIVED):
        raise ValidationError("Review is done from the asset page: submit it for review, then approve or reject.")
    if (
        status == AssetStatus.PUBLISHED
        and asset.status == AssetStatus.DRAFT
        and not policy.can_publish_directly(actor if getattr(actor, "is_authenticated", False) else None, asset)
    ):
        raise ValidationError("Assets here are published through review: submit the draft for approval.")
    if (
        status == AssetStatus.PUBLISHED
        and asset.status == AssetStatus.ARCHIVED
        and not policy.can_publish_directly(actor if getattr(actor, "is_authenticated", False) else None, asset)
    ):
        raise ValidationError("Assets here are published through review: restore it, and it is submitted for approval.")


def _lifecycle_step(actor, asset: Asset, step: str, **data) -> None:
    """The lifecycle's event (notifications, webhooks), as quiver.lifecycle.events.fire publishes it."""
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    events.publish(events.LifecycleChanged(asset_id=asset.pk, actor_id=actor_id, step=step, data=data))


def archive_asset(actor, asset: Asset) -> Asset:
    update_asset(actor, asset, status=AssetStatus.ARCHIVED)
    _lifecycle_step(actor, asset, "archived")
    return asset


def restore_asset(actor, asset: Asset) -> Asset:
    """Published again; under an approval policy, a non-approver's restore is a draft submitted for review (as
    an upload is): the returned asset's status says which (published or in_review)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    through_review = asset.status == AssetStatus.ARCHIVED and not policy.can_publish_directly(user, asset)
    update_asset(actor, asset, status=AssetStatus.DRAFT if through_review else AssetStatus.PUBLISHED)
    _lifecycle_step(actor, asset, "restored", source="archive", through_review=through_review)
    if through_review:
        providers.submit_for_review(user, asset, "Submitted for publication on restore from the archive.")
    return asset


def create_collection(actor, *, name: str, parent: Collection | None = None, description: str = "") -> Collection:
    collection = Collection(name=name.strip()[:120], parent=parent, description=description)
    collection.full_clean(exclude=["path", "depth"])
    collection.save()
    audit.record(
        actor, "collection.create", collection, after={"name": collection.name, "parent": parent and parent.pk}
    )
    return collection
