"""Review actions from the asset page's lifecycle panel, and the approvals inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from quiver.library import policy
from quiver.library.models import Asset

from .. import selectors, services
from ..forms import CommentForm, LifecycleSettingsForm
from .common import run, visible_asset_or_404


@login_required
@require_POST
def submit(request, pk):
    asset = visible_asset_or_404(request.user, pk)
    if not policy.can_submit_for_review(request.user, asset):
        raise PermissionDenied("You may not submit this asset for review.")
    comment = request.POST.get("comment", "")[:5000]
    return run(
        request,
        asset,
        lambda: services.submit_for_review(request.user, asset, comment),
        f"“{asset.title}” is submitted for review.",
    )


@login_required
@require_POST
def decide(request, pk):
    """Approve, reject or comment on the pending review (approvers decide; the asset's editors comment)."""
    asset = visible_asset_or_404(request.user, pk)
    form = CommentForm(request.POST)
    form.is_valid()
    decision, comment = form.cleaned_data.get("decision") or "comment", form.cleaned_data.get("comment", "")
    pending = selectors.current_request(asset)
    submitted_by = pending.submitted_by_id if pending else None
    may_decide = policy.can_decide_review(request.user, asset, submitted_by)
    if decision in ("approve", "reject") and not may_decide:
        raise PermissionDenied("You may not decide on this review.")
    if decision == "comment" and not (may_decide or policy.can_submit_for_review(request.user, asset)):
        raise PermissionDenied("You may not comment on this review.")
    action = {
        "approve": lambda: services.approve(request.user, asset, comment),
        "reject": lambda: services.reject(request.user, asset, comment),
        "comment": lambda: services.comment(request.user, asset, comment),
    }[decision]
    done = {"approve": "Approved.", "reject": "Rejected: it is back to draft.", "comment": "Comment added."}
    target = request.POST.get("next") == "inbox" and "lifecycle:inbox"
    return run(request, asset, action, done[decision], target=target or None)


@login_required
@require_POST
def verify(request, pk):
    asset = visible_asset_or_404(request.user, pk)
    if not policy.can_verify(request.user, asset):
        raise PermissionDenied("You may not verify this asset.")
    note = request.POST.get("note", "")[:1000]
    with transaction.atomic():
        until = services.verify(request.user, asset, note)
    messages.success(request, f"Verified until {until:%b} {until.day}, {until.year}.")
    return redirect(asset)


def _replacement(user, raw_id):
    if raw_id is None:
        return None
    found = Asset.objects.visible_to(user).filter(pk=raw_id).first()
    if found is None:
        raise ValidationError("Unknown replacement asset.")
    return found


@login_required
@require_POST
def lifecycle_settings(request, pk):
    """Schedule, expiry and replacement, internal-only flag, owner and verifier: only what changed is written."""
    asset = visible_asset_or_404(request.user, pk)
    if not policy.can_manage_lifecycle(request.user, asset):
        raise PermissionDenied("You may not change the lifecycle of this asset.")
    form = LifecycleSettingsForm(request.POST, asset=asset)
    if not form.is_valid():
        messages.error(
            request,
            "; ".join(
                f"{form.fields[k].label or k}: {' '.join(v)}" if k in form.fields else " ".join(v)
                for k, v in form.errors.items()
            ),
        )
        return redirect(asset)
    data, user = form.cleaned_data, request.user

    def apply():
        if data["publish_at"] != asset.publish_at:
            services.schedule_publish(user, asset, data["publish_at"])
        if data["expires_at"] != asset.expires_at or data["replaced_by"] != asset.replaced_by_id:
            services.set_expiry(user, asset, data["expires_at"], _replacement(user, data["replaced_by"]))
        if data["internal_only"] != asset.internal_only:
            services.set_internal_only(user, asset, data["internal_only"])
        current = {"owner": asset.owner_id, "verifier": asset.verifier_id}
        stewards = {k: data[k] for k in current if getattr(data[k], "pk", None) != current[k]}
        if "owner" in stewards and stewards["owner"] is None:
            raise ValidationError("An asset keeps an owner (choose another person instead).")
        if stewards:
            services.set_stewards(user, asset, **stewards)

    return run(request, asset, apply, "Lifecycle saved.")


@login_required
@require_GET
def inbox(request):
    """Pending reviews the user may decide (editors in approver groups, admins)."""
    if not (policy.is_admin(request.user) or policy.is_editor(request.user)):
        raise PermissionDenied("Only approvers have an approvals inbox.")
    return render(request, "lifecycle/inbox.html", {"requests": selectors.approvals_inbox(request.user)})
