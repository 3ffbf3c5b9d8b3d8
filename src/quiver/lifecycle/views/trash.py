"""The trash: delete with confirmation, the list of deleted assets, restore. Admins only."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quiver.library import policy

from .. import selectors, services
from ..forms import TrashConfirmForm
from .common import visible_asset_or_404


def _admin(user) -> None:
    if not policy.can_trash(user):
        raise PermissionDenied("Only admins may delete assets or see the trash.")


@login_required
@require_http_methods(["GET", "POST"])
def trash_asset(request, pk):
    asset = visible_asset_or_404(request.user, pk)
    _admin(request.user)
    form = TrashConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            services.trash(request.user, asset)
        messages.success(
            request, f"“{asset.title}” is in the trash. It can be restored for {settings.QUIVER_TRASH_DAYS} days."
        )
        return redirect("lifecycle:trash")
    return render(
        request, "lifecycle/trash_confirm.html", {"asset": asset, "form": form, "days": settings.QUIVER_TRASH_DAYS}
    )


@login_required
@require_GET
def trash_list(request):
    _admin(request.user)
    return render(
        request,
        "lifecycle/trash.html",
        {"assets": selectors.trashed_assets(request.user), "days": settings.QUIVER_TRASH_DAYS},
    )


@login_required
@require_POST
def trash_restore(request, pk):
    _admin(request.user)
    asset = selectors.trashed_asset(request.user, pk)
    if asset is None:
        raise Http404("Not in the trash.")
    with transaction.atomic():
        services.restore_from_trash(request.user, asset)
    messages.success(request, f"“{asset.title}” is restored.")
    return redirect(asset)
