"""Bulk retagging: assets ticked on a listing (search results, library, collection) get tags and facet values
added or removed through services.bulk_edit, which skips the assets the user may not edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from quiver.library import policy

from .. import services
from ..forms import MAX_BULK, BulkEditForm
from .common import REFUSALS, editors_only, next_url, reason


def _selected(user, ids: list[int]):
    """The selected assets the user can see, to list on the form (the others are not named)."""
    ids = [i for i in ids if isinstance(i, int)][:MAX_BULK]
    visible = policy.visible_assets(user).filter(pk__in=ids).order_by("title")
    editable = set(policy.editable_assets(user, visible).values_list("pk", flat=True))
    return [(asset, asset.pk in editable) for asset in visible.only("pk", "title")]


def _ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()]


@editors_only
def bulk(request):
    """GET (or POST with `review`, the no-JS path from a listing): the form for the assets in `asset`;
    POST: apply it and go back to `next`."""
    if request.method == "POST" and request.POST.get("review"):  # from a listing without JS: show the form
        ids = _ids(request.POST.getlist("asset"))
        form, status = BulkEditForm(initial={"asset": ids}), 200
    elif request.method == "POST":
        form = BulkEditForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    counts = services.bulk_edit(request.user, form.cleaned_data["asset"], **form.changes())
            except REFUSALS as exc:
                form.add_error(None, ValidationError(reason(exc)))
            else:
                changed, skipped = counts.get("changed", 0), counts.get("skipped", 0)
                text = f"Changed {changed} asset{'s' if changed != 1 else ''}"
                text += f", skipped {skipped} (no edit permission)." if skipped else "."
                (messages.success if changed or not skipped else messages.warning)(request, text)
                return redirect(next_url(request, reverse("categorize:bulk")))
        ids = _ids(request.POST.getlist("asset"))
        status = 400
    else:
        ids = _ids(request.GET.getlist("asset"))
        form = BulkEditForm(initial={"asset": ids})
        status = 200
    return render(
        request,
        "categorize/bulk/page.html",
        {
            "form": form,
            "selected": _selected(request.user, ids),
            "next": next_url(request, ""),
        },
        status=status,
    )


@editors_only
@require_GET
def bulk_fields(request):
    """The action fields of a listing's bulk bar (htmx loads them into the bar)."""
    return render(request, "categorize/bulk/fields.html", {"form": BulkEditForm()})
