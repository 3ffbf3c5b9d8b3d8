"""Draft → in review → published: submissions, decisions, comments and scheduled publication."""

from django.core.exceptions import PermissionDenied, ValidationError

from quiver.core import audit
from quiver.library import policy
from quiver.library.models import Asset, AssetStatus

from .. import selectors
from ..events import fire
from ..models import ApprovalEvent, ApprovalRequest, EventKind, RequestStatus
from .common import now_or, set_fields


def _event(request, actor, kind, comment, now) -> ApprovalEvent:
    return ApprovalEvent.objects.create(
        request=request,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        kind=kind,
        comment=(comment or "").strip()[:5000],
        created_at=now,
    )


def _pending(asset: Asset) -> ApprovalRequest | None:
    request = asset.approval_requests.filter(status=RequestStatus.PENDING).first()
    return request if request is not None and asset.status == AssetStatus.IN_REVIEW else None


def _decidable(user, asset: Asset, verb: str) -> ApprovalRequest:
    """The pending request, once `user` may decide on it (permission first, then state)."""
    request = _pending(asset)
    if not policy.can_decide_review(user, asset, request.submitted_by_id if request else None):
        raise PermissionDenied(f"You may not {verb} this asset.")
    if request is None:
        raise ValidationError("This asset is not waiting for a review decision.")
    return request


def submit_for_review(user, asset: Asset, comment: str = "", *, now=None) -> ApprovalRequest:
    """A draft goes to review; the approvers decide. Whoever may edit the asset may submit it."""
    if not policy.can_submit_for_review(user, asset):
        raise PermissionDenied("You may not submit this asset for review.")
    if asset.status != AssetStatus.DRAFT:
        status = asset.get_status_display().lower()
        raise ValidationError(f"Only a draft can be submitted for review (this one is {status}).")
    now = now_or(now)
    asset.approval_requests.filter(status__in=[RequestStatus.PENDING, RequestStatus.APPROVED]).update(
        status=RequestStatus.SUPERSEDED
    )
    request = ApprovalRequest.objects.create(asset=asset, submitted_by=user, submitted_at=now)
    _event(request, user, EventKind.SUBMITTED, comment, now)
    set_fields(user, asset, "asset.submit", now, comment=comment, status=AssetStatus.IN_REVIEW)
    fire(asset, "submitted", user, request=request.pk, comment=comment)
    return request


def approve(user, asset: Asset, comment: str = "", *, now=None) -> ApprovalRequest:
    """Approve the pending request: published at once, or at `publish_at` when that is still ahead."""
    request = _decidable(user, asset, "approve")
    now = now_or(now)
    request.status, request.decided_by, request.decided_at = RequestStatus.APPROVED, user, now
    request.save(update_fields=["status", "decided_by", "decided_at"])
    _event(request, user, EventKind.APPROVED, comment, now)
    scheduled = asset.publish_at is not None and asset.publish_at > now
    set_fields(
        user,
        asset,
        "asset.approve",
        now,
        comment=comment,
        status=AssetStatus.DRAFT if scheduled else AssetStatus.PUBLISHED,
    )
    fire(
        asset,
        "approved",
        user,
        request=request.pk,
        comment=comment,
        publish_at=asset.publish_at.isoformat() if scheduled else None,
    )
    if not scheduled:
        _event(request, None, EventKind.PUBLISHED, "", now)
        fire(asset, "published", user, request=request.pk)
    return request


def reject(user, asset: Asset, comment: str, *, now=None) -> ApprovalRequest:
    """Send it back to draft; a rejection always says why."""
    request = _decidable(user, asset, "reject")
    if not (comment or "").strip():
        raise ValidationError("Say why it is rejected (a comment is required).")
    now = now_or(now)
    request.status, request.decided_by, request.decided_at = RequestStatus.REJECTED, user, now
    request.save(update_fields=["status", "decided_by", "decided_at"])
    _event(request, user, EventKind.REJECTED, comment, now)
    set_fields(user, asset, "asset.reject", now, comment=comment, status=AssetStatus.DRAFT)
    fire(asset, "rejected", user, request=request.pk, comment=comment)
    return request


def withdraw_pending(actor, asset: Asset, reason: str, *, now=None) -> ApprovalRequest | None:
    """Close the pending request of `asset` without a decision, because the asset left review another way
    (archived, trashed, merged): status withdrawn, closed by `actor`, and a `withdrawn` event in its trail saying
    why. None when nothing was pending. No permission check: the caller's own change (archive...) was checked."""
    request = asset.approval_requests.filter(status=RequestStatus.PENDING).first()
    if request is None:
        return None
    now = now_or(now)
    actor = actor if getattr(actor, "is_authenticated", False) else None
    request.status, request.decided_by, request.decided_at = RequestStatus.WITHDRAWN, actor, now
    request.save(update_fields=["status", "decided_by", "decided_at"])
    _event(request, actor, EventKind.WITHDRAWN, reason, now)
    audit.record(actor, "asset.review_withdrawn", asset, after={"request": request.pk, "reason": reason})
    return request


def comment(user, asset: Asset, text: str, *, now=None) -> ApprovalEvent:
    """A comment on the pending request, by its editors or its approvers."""
    if not (policy.can_submit_for_review(user, asset) or policy.can_decide_review(user, asset, None)):
        raise PermissionDenied("You may not comment on this review.")
    request = _pending(asset)
    if request is None:
        raise ValidationError("This asset is not waiting for a review decision.")
    if not (text or "").strip():
        raise ValidationError("The comment is empty.")
    return _event(request, user, EventKind.COMMENT, text, now_or(now))


def schedule_publish(user, asset: Asset, publish_at, *, now=None) -> Asset:
    """Set (or clear, with None) the publication date; an approved draft whose date has come is published."""
    if not policy.can_manage_lifecycle(user, asset):
        raise PermissionDenied("You may not schedule this asset.")
    now = now_or(now)
    set_fields(user, asset, "asset.schedule", now, publish_at=publish_at)
    if selectors.due_for_publishing(now).filter(pk=asset.pk).exists():
        _publish(asset, now, actor=user)
    return asset


def _publish(asset: Asset, now, actor=None) -> None:
    set_fields(actor, asset, "asset.publish", now, status=AssetStatus.PUBLISHED)
    request = asset.approval_requests.filter(status=RequestStatus.APPROVED).first()
    if request is not None:
        _event(request, actor, EventKind.PUBLISHED, "", now)
    fire(asset, "published", actor, request=request.pk if request else None, scheduled=True)


def publish_due(now=None) -> list[Asset]:
    """Publish every approved draft whose `publish_at` has come (the periodic job)."""
    now = now_or(now)
    published = []
    for asset in selectors.due_for_publishing(now):
        _publish(asset, now)
        published.append(asset)
    return published
