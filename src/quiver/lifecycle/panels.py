"""The lifecycle panels of the asset page: a banner (expired, internal only, in review, scheduled) and the
lifecycle panel in the aside (status, review actions, schedule, expiry, stewards, verification, trail)."""

from django.utils import timezone

from quiver.library import availability, policy
from quiver.library.panels import Panel, register

from . import selectors
from .forms import LifecycleSettingsForm
from .models import RequestStatus


def banner_context(request, asset):
    now = timezone.now()
    expired = availability.is_expired(asset, now)
    if not (
        expired
        or asset.internal_only
        or asset.status == "in_review"
        or (asset.publish_at and asset.publish_at > now and asset.status == "draft")
    ):
        return None
    replaced_by = None
    if asset.replaced_by_id:
        replaced_by = policy.visible_assets(request.user).filter(pk=asset.replaced_by_id).first()
    return {
        "asset": asset,
        "expired": expired,
        "replaced_by": replaced_by,
        "may_download": policy.can_download(request.user, asset),
        "now": now,
    }


def lifecycle_context(request, asset):
    user = request.user
    now = timezone.now()
    current = selectors.current_request(asset)
    pending = current if current and current.status == RequestStatus.PENDING else None
    can_manage = policy.can_manage_lifecycle(user, asset)
    verified_until = asset.verified_until
    return {
        "asset": asset,
        "request": current,
        "pending": pending,
        "trail": selectors.decision_trail(asset) if current is not None and (can_manage or pending) else [],
        "can_submit": asset.status == "draft" and can_manage and policy.can_submit_for_review(user, asset),
        "can_decide": pending is not None and policy.can_decide_review(user, asset, pending.submitted_by_id),
        "can_manage": can_manage,
        "can_verify": can_manage or policy.can_verify(user, asset),
        "can_trash": policy.can_trash(user),
        "expired": availability.is_expired(asset, now),
        "verify_overdue": verified_until is not None and verified_until < timezone.localdate(now),
        "cadence_days": selectors.cadence_days(asset) if can_manage else None,
        "form": LifecycleSettingsForm(asset=asset) if can_manage else None,
    }


def register_panels() -> None:
    register(Panel("lifecycle-banner", "lifecycle/panels/banner.html", banner_context, slot="banner", order=5))
    register(Panel("lifecycle", "lifecycle/panels/lifecycle.html", lifecycle_context, slot="side", order=10))
