"""The lifecycle API: review (submit, approve, reject, comment), verification, lifecycle settings, merge, the
approvals inbox and the trash. DELETE /api/v1/assets/{id} (to the trash) lives in library.api beside GET."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from ninja import Router

from quiver.library import availability, policy
from quiver.library.models import Asset
from quiver.library.schemas import Error, Id

from . import selectors, services
from .schemas import ApprovalOut, CommentIn, LifecycleOut, LifecyclePatch, MergeIn, TrashedOut, VerifiedOut, VerifyIn
from .services.care import UNSET

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}
router = Router(tags=["lifecycle"])
trash_router = Router(tags=["lifecycle"])
approvals_router = Router(tags=["lifecycle"])


def _name(user) -> str | None:
    return user.username if user else None


def _visible(user, asset_id: int) -> Asset:
    asset = Asset.objects.visible_to(user).select_related("owner", "verifier").filter(pk=asset_id).first()
    if asset is None:
        raise Http404
    return asset


def _out(user, asset: Asset) -> dict:
    current = selectors.current_request(asset)
    trail = (
        selectors.decision_trail(asset)
        if policy.can_manage_lifecycle(user, asset) or (current and current.status == "pending")
        else []
    )
    return {
        "id": asset.pk,
        "title": asset.title,
        "lifecycle": asset.status,
        "publish_at": asset.publish_at,
        "expires_at": asset.expires_at,
        "expired": availability.is_expired(asset),
        "replaced_by": asset.replaced_by_id
        if asset.replaced_by_id and policy.visible_assets(user).filter(pk=asset.replaced_by_id).exists()
        else None,
        "internal_only": asset.internal_only,
        "owner": asset.owner_id,
        "verifier": asset.verifier_id,
        "verified_at": asset.verified_at,
        "verified_until": asset.verified_until,
        "cadence_days": selectors.cadence_days(asset),
        "can_download": policy.can_download(user, asset),
        "request": None
        if current is None
        else {
            "id": current.pk,
            "status": current.status,
            "submitted_by": _name(current.submitted_by),
            "submitted_at": current.submitted_at,
            "decided_by": _name(current.decided_by),
            "decided_at": current.decided_at,
        },
        "trail": [
            {"kind": e.kind, "actor": _name(e.actor), "comment": e.comment, "created_at": e.created_at} for e in trail
        ],
    }


def _act(request, asset_id: int, action) -> dict:
    asset = _visible(request.auth, asset_id)
    with transaction.atomic():
        action(asset)
    return _out(request.auth, _visible(request.auth, asset_id))


@router.get("/{int:asset_id}/lifecycle", response={200: LifecycleOut, **ERRORS}, url_name="asset_lifecycle")
def get_lifecycle(request, asset_id: Id):
    """Status, schedule, expiry and replacement, verification, the current review request and its trail."""
    return _out(request.auth, _visible(request.auth, asset_id))


@router.patch("/{int:asset_id}/lifecycle", response={200: LifecycleOut, **ERRORS}, url_name="asset_lifecycle_update")
def update_lifecycle(request, asset_id: Id, payload: LifecyclePatch):
    """Change only the fields sent (null clears publish_at, expires_at, replaced_by, verifier)."""
    user, changes = request.auth, payload.dict(exclude_unset=True)

    def apply(asset):
        if not policy.can_manage_lifecycle(user, asset):
            raise PermissionDenied("You may not change the lifecycle of this asset.")
        if "publish_at" in changes:
            services.schedule_publish(user, asset, changes["publish_at"])
        if "expires_at" in changes or "replaced_by" in changes:
            replaced_by = UNSET
            if "replaced_by" in changes:
                replaced_by = (
                    None
                    if changes["replaced_by"] is None
                    else Asset.objects.visible_to(user).filter(pk=changes["replaced_by"]).first()
                )
                if changes["replaced_by"] is not None and replaced_by is None:
                    raise ValidationError("Unknown replacement asset.")
            services.set_expiry(user, asset, changes.get("expires_at", asset.expires_at), replaced_by)
        if changes.get("internal_only") is not None:
            services.set_internal_only(user, asset, changes["internal_only"])
        if "verifier" in changes:
            verifier = (
                None
                if changes["verifier"] is None
                else get_user_model().objects.filter(pk=changes["verifier"], is_active=True).first()
            )
            if changes["verifier"] is not None and verifier is None:
                raise ValidationError("Unknown verifier.")
            services.set_stewards(user, asset, verifier=verifier)

    return _act(request, asset_id, apply)


@router.post("/{int:asset_id}/submit", response={200: LifecycleOut, **ERRORS}, url_name="asset_submit")
def submit(request, asset_id: Id, payload: CommentIn | None = None):
    """Submit a draft for review (whoever may edit it)."""
    comment = payload.comment if payload else ""
    return _act(request, asset_id, lambda asset: services.submit_for_review(request.auth, asset, comment))


@router.post("/{int:asset_id}/approve", response={200: LifecycleOut, **ERRORS}, url_name="asset_approve")
def approve(request, asset_id: Id, payload: CommentIn | None = None):
    """Approve the pending review (approvers of the asset's approval policy; admins)."""
    comment = payload.comment if payload else ""
    return _act(request, asset_id, lambda asset: services.approve(request.auth, asset, comment))


@router.post("/{int:asset_id}/reject", response={200: LifecycleOut, **ERRORS}, url_name="asset_reject")
def reject(request, asset_id: Id, payload: CommentIn):
    """Reject the pending review with a reason (required): the asset goes back to draft."""
    return _act(request, asset_id, lambda asset: services.reject(request.auth, asset, payload.comment))


@router.post("/{int:asset_id}/comment", response={200: LifecycleOut, **ERRORS}, url_name="asset_comment")
def comment(request, asset_id: Id, payload: CommentIn):
    return _act(request, asset_id, lambda asset: services.comment(request.auth, asset, payload.comment))


@router.post("/{int:asset_id}/verify", response={200: VerifiedOut, **ERRORS}, url_name="asset_verify")
def verify(request, asset_id: Id, payload: VerifyIn | None = None):
    """Confirm the asset is still right: verified until today + its review cadence."""
    asset = _visible(request.auth, asset_id)
    with transaction.atomic():
        until = services.verify(request.auth, asset, payload.note if payload else "")
    return {"id": asset.pk, "verified_until": until, "cadence_days": selectors.cadence_days(asset)}


@router.post("/{int:asset_id}/merge", response={200: LifecycleOut, **ERRORS}, url_name="asset_merge")
def merge(request, asset_id: Id, payload: MergeIn):
    """Merge this asset (a duplicate) into `into`; the answer describes the twin."""
    user = request.auth
    duplicate = _visible(user, asset_id)
    if not policy.can_edit_asset(user, duplicate):
        raise PermissionDenied("You may not merge this asset.")
    twin = Asset.objects.visible_to(user).filter(pk=payload.into).first()
    if twin is None:
        raise ValidationError("Unknown twin asset.")
    with transaction.atomic():
        services.merge(user, duplicate, twin)
    return _out(user, _visible(user, twin.pk))


@approvals_router.get("", response={200: list[ApprovalOut], **ERRORS}, url_name="approvals")
def approvals(request):
    """Pending reviews the caller may decide, oldest first (editors and admins)."""
    if not policy.has_approvals_inbox(request.auth):
        raise PermissionDenied("Only approvers have an approvals inbox.")
    return [
        {
            "request": r.pk,
            "asset": r.asset_id,
            "title": r.asset.title,
            "submitted_by": _name(r.submitted_by),
            "submitted_at": r.submitted_at,
        }
        for r in selectors.approvals_inbox(request.auth)
    ]


@trash_router.get("", response={200: list[TrashedOut], **ERRORS}, url_name="trash")
def trash_list(request):
    """Deleted assets, restorable until `purge_after` (admins only)."""
    if not policy.can_trash(request.auth):
        raise PermissionDenied("Only admins may see the trash.")
    days = timedelta(days=settings.QUIVER_TRASH_DAYS)
    return [
        {
            "id": a.pk,
            "title": a.title,
            "deleted_at": a.deleted_at,
            "deleted_by": _name(a.deleted_by),
            "purge_after": a.deleted_at + days,
        }
        for a in selectors.trashed_assets(request.auth)
    ]


@trash_router.post("/{int:asset_id}/restore", response={200: LifecycleOut, **ERRORS}, url_name="trash_restore")
def trash_restore(request, asset_id: Id):
    if not policy.can_trash(request.auth):
        raise PermissionDenied("Only admins may restore assets from the trash.")
    asset = selectors.trashed_asset(request.auth, asset_id)
    if asset is None:
        raise Http404
    with transaction.atomic():
        services.restore_from_trash(request.auth, asset)
    return _out(request.auth, _visible(request.auth, asset_id))
