"""Changing an asset: metadata, collections and tags, archive and restore, retrying a failed or stuck version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from .. import policy, selectors, services
from ..forms import AssetEditForm
from ..models import AssetStatus
from .common import editable_asset_or_403, version_or_404

FIELDS = ["title", "description", "asset_type", "owner", "status", "language", "link_url"]


@login_required
@require_http_methods(["GET", "POST"])
def asset_edit(request, pk):
    asset = editable_asset_or_403(request.user, pk)
    form = AssetEditForm(request.POST or None, instance=asset, user=request.user)
    if request.method == "POST" and form.is_valid():
        # Collections the editor cannot see are kept as they are: the form never offered them.
        collections = [c.pk for c in form.cleaned_data["collections"]] + selectors.hidden_collection_ids(
            request.user, asset
        )
        if not policy.can_set_collections(request.user, asset, set(collections)):
            form.add_error("collections", "You may not move the asset into or out of these collections.")
        else:
            changes = {f: form.cleaned_data[f] for f in FIELDS}
            if changes["owner"] is None:
                changes.pop("owner")
            try:
                with transaction.atomic():
                    # The ModelForm already wrote its values on `asset`; the service needs the stored state
                    # to record before/after in the audit log.
                    stored = type(asset).objects.select_for_update().get(pk=asset.pk)
                    services.update_asset(
                        request.user, stored, collections=collections, tags=form.cleaned_data["tags"], **changes
                    )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, "Changes saved.")
                return redirect(asset)
    if form.errors:
        asset.refresh_from_db()  # the form wrote its values on the instance; show the stored title
    return render(request, "library/asset_edit.html", {"asset": asset, "form": form})


def _confirm(request, pk, *, action: str):
    asset = editable_asset_or_403(request.user, pk)
    if request.method == "POST":
        with transaction.atomic():
            if action == "archive":
                services.archive_asset(request.user, asset)
                messages.success(request, f"“{asset.title}” is archived. Viewers no longer see it.")
            else:
                services.restore_asset(request.user, asset)
                if asset.status == AssetStatus.PUBLISHED:
                    messages.success(request, f"“{asset.title}” is restored and published.")
                else:  # an approval policy covers it and the user is not one of its approvers
                    messages.success(
                        request,
                        f"“{asset.title}” is restored as a draft and submitted for review: "
                        "it is published once an approver approves it.",
                    )
        return redirect(asset)
    through_review = action == "restore" and not policy.can_publish_directly(request.user, asset)
    return render(
        request, "library/asset_confirm.html", {"asset": asset, "action": action, "through_review": through_review}
    )


@login_required
@require_http_methods(["GET", "POST"])
def asset_archive(request, pk):
    return _confirm(request, pk, action="archive")


@login_required
@require_http_methods(["GET", "POST"])
def asset_restore(request, pk):
    return _confirm(request, pk, action="restore")


@login_required
@require_POST
def version_retry(request, pk, number):
    asset = editable_asset_or_403(request.user, pk)
    version = version_or_404(asset, number)
    try:
        with transaction.atomic():
            services.retry_version(request.user, version)
    except ValidationError as exc:  # being processed, waiting for a worker, or ready
        messages.info(request, " ".join(exc.messages))
    else:
        messages.info(request, f"Version {version.number} is being processed again.")
    return redirect(asset)
