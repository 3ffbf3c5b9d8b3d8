"""Queries of the lifecycle: approval policies and requests, cadences, due work, the trash."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from quiver.library import policy
from quiver.library.models import Asset, AssetStatus, Collection

from .models import ApprovalEvent, ApprovalPolicy, ApprovalRequest, LifecycleNotice, RequestStatus, ReviewCadence


def _path_ids(collection: Collection) -> list[int]:
    """The collection and its ancestors, nearest first."""
    return [int(p) for p in reversed(collection.path.strip("/").split("/")) if p]


def _nearest(collections, by_collection: dict) -> list:
    """For each collection, the nearest row up its tree in `by_collection` ({collection id: row})."""
    found = []
    for collection in collections:
        for pk in _path_ids(collection):
            if pk in by_collection:
                found.append((collection.depth, by_collection[pk]))
                break
    return found


def approval_policy_for(asset: Asset, policies: dict | None = None) -> ApprovalPolicy | None:
    """The nearest policy up the tree of the asset's collections (the deepest collection wins), else the
    default policy, else None. `policies` ({collection id or None: policy}) may be passed preloaded."""
    if policies is None:
        policies = {p.collection_id: p for p in ApprovalPolicy.objects.all()}
    nearest = _nearest(asset.collections.all(), {k: v for k, v in policies.items() if k is not None})
    if nearest:
        return max(nearest, key=lambda pair: (pair[0], -pair[1].pk))[1]
    return policies.get(None)


def cadence_days(asset: Asset) -> int:
    """Days between verifications: the asset's collection (nearest cadence up the tree; with several
    collections, the strictest), then its asset type, then the default (180)."""
    cadences = list(ReviewCadence.objects.filter(Q(collection__isnull=False) | Q(asset_type=asset.asset_type)))
    nearest = _nearest(asset.collections.all(), {c.collection_id: c for c in cadences if c.collection_id})
    if nearest:
        return min(c.days for _, c in nearest)
    by_type = [c for c in cadences if not c.collection_id]
    return by_type[0].days if by_type else settings.QUIVER_VERIFY_DEFAULT_DAYS


def current_request(asset: Asset) -> ApprovalRequest | None:
    return asset.approval_requests.select_related("submitted_by", "decided_by").first()


def decision_trail(asset: Asset) -> list[ApprovalEvent]:
    """Every submission, comment and decision on the asset, oldest first."""
    return list(
        ApprovalEvent.objects.filter(request__asset=asset)
        .select_related("actor", "request")
        .order_by("created_at", "id")
    )


def approvals_inbox(user) -> list[ApprovalRequest]:
    """Pending requests `user` may decide, oldest first (a few queries whatever the inbox size)."""
    if not policy.has_approvals_inbox(user):
        return []
    visible = Asset.objects.visible_to(user).filter(status=AssetStatus.IN_REVIEW)
    requests = list(
        ApprovalRequest.objects.filter(status=RequestStatus.PENDING, asset__in=visible)
        .select_related("asset", "asset__owner", "submitted_by")
        .prefetch_related(Prefetch("asset__collections", queryset=Collection.objects.only("pk", "path", "depth")))
        .order_by("submitted_at", "id")
    )
    if policy.is_admin(user):
        return requests
    policies = {p.collection_id: p for p in ApprovalPolicy.objects.all()}
    group_ids = set(user.groups.values_list("pk", flat=True))
    editable = set(
        policy.editable_assets(user, Asset.objects.filter(pk__in=[r.asset_id for r in requests])).values_list(
            "pk", flat=True
        )
    )
    out = []
    for request in requests:
        found = approval_policy_for(request.asset, policies)
        if policy.approver_rule(user, request.submitted_by_id, found, group_ids, may_edit=request.asset_id in editable):
            out.append(request)
    return out


def due_for_publishing(now) -> QuerySet:
    """Approved drafts whose publication date has come."""
    approved = ApprovalRequest.objects.filter(asset_id=OuterRef("pk"), status=RequestStatus.APPROVED)
    return (
        Asset.objects.filter(
            status=AssetStatus.DRAFT, publish_at__lte=now, deleted_at__isnull=True, merged_into__isnull=True
        )
        .filter(Exists(approved))
        .order_by("publish_at", "pk")
    )


def _not_noticed(qs: QuerySet, event: str) -> list[Asset]:
    assets = list(qs.select_related("owner", "verifier", "replaced_by"))
    seen = set(
        LifecycleNotice.objects.filter(asset__in=[a.pk for a in assets], event=event).values_list("asset_id", "key")
    )
    return [a for a in assets if (a.pk, notice_key(a)) not in seen]


def notice_key(asset: Asset) -> str:
    return asset.expires_at.isoformat() if asset.expires_at else ""


def _live(now) -> QuerySet:
    return Asset.objects.filter(deleted_at__isnull=True, merged_into__isnull=True).exclude(status=AssetStatus.ARCHIVED)


def expiring_unnoticed(now, days: int | None = None) -> list[Asset]:
    """Assets expiring within `days` (not yet expired) that have not had their `expiring` event."""
    days = settings.QUIVER_EXPIRING_DAYS if days is None else days
    qs = _live(now).filter(expires_at__gt=now, expires_at__lte=now + timedelta(days=days))
    return _not_noticed(qs, "expiring")


def expired_unnoticed(now) -> list[Asset]:
    return _not_noticed(_live(now).filter(expires_at__lte=now), "expired")


def trashed_assets(user) -> QuerySet:
    """The trash, newest deletions first: admins only (everyone else gets nothing)."""
    if not policy.can_trash(user):
        return Asset.objects.none()
    return (
        Asset.objects.filter(deleted_at__isnull=False)
        .select_related("owner", "deleted_by", "current_version")
        .order_by("-deleted_at", "-pk")
    )


def trashed_asset(user, pk: int) -> Asset | None:
    return trashed_assets(user).filter(pk=pk).first()


def purgeable(now) -> QuerySet:
    return Asset.objects.filter(deleted_at__lte=now - timedelta(days=settings.QUIVER_TRASH_DAYS))


def merge_target(user, pk: int) -> Asset | None:
    """Where the URL of a merged duplicate leads: its twin (following merges of merges), if `user` may see it."""
    seen = set()
    asset = Asset.objects.filter(pk=pk, merged_into__isnull=False).only("pk", "merged_into").first()
    while asset is not None and asset.merged_into_id and asset.pk not in seen:
        seen.add(asset.pk)
        asset = Asset.objects.filter(pk=asset.merged_into_id).only("pk", "merged_into", "deleted_at").first()
    if asset is None or asset.merged_into_id:
        return None
    return policy.visible_assets(user, Asset.objects.filter(pk=asset.pk)).first()
