"""Editing an asset's facet values (whoever may edit the asset)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from quiver.library import policy
from quiver.library.models import Asset

from .. import selectors
from ..forms import AssetFacetsForm
from .admin import _apply_errors


@login_required
def asset_facets(request, pk):
    asset = policy.visible_assets(request.user, Asset.objects.all()).filter(pk=pk).first()
    if asset is None:
        raise Http404("No such asset.")
    if not policy.can_edit_asset(request.user, asset):
        raise PermissionDenied("You may not change this asset.")
    form = AssetFacetsForm(asset, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.save(request.user)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Facets saved.")
            return redirect(asset.get_absolute_url())
    return render(
        request,
        "taxonomy/asset_facets.html",
        {
            "asset": asset,
            "form": form,
            "missing": selectors.missing_required_facets(asset),
            "automatic": [
                row for row in selectors.asset_facet_rows(asset) if row.field.slug in ("asset-type", "language")
            ],
        },
        status=400 if form.errors else 200,
    )
