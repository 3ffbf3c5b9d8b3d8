"""One asset's suggestions (the asset page panel): accept, reject, revert an automatic value. Plain POSTs that
redirect back to the asset page; htmx requests get the redrawn panel instead."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from quiver.library.views.common import editable_asset_or_403, visible_asset_or_404

from .. import (
    panels,  # (a module import: panels imports views.rows at app start)
    services,
)
from .common import REFUSALS, next_url, reason

ACTIONS = {
    "accept": (services.accept, "Accepted"),
    "reject": (services.reject, "Rejected"),
    "revert": (services.revert, "Reverted"),
}


def _respond(request, asset, notice: str, ok: bool):
    """htmx: the redrawn panel saying what happened; else the message and back to where the form was."""
    if request.htmx:
        ctx = panels.panel_context(request, asset, partial=True)
        ctx.update({"notice": notice, "notice_ok": ok})
        return render(request, panels.TEMPLATE, {"panel": ctx})  # htmx swaps only 2xx: the notice says it
    (messages.success if ok else messages.error)(request, notice)
    return redirect(next_url(request, asset.get_absolute_url()))


def _decide(request, pk: int, action: str):
    asset = editable_asset_or_403(request.user, pk)
    field, value = request.POST.get("field", "").strip(), request.POST.get("value", "").strip()
    if not field or not value:
        return HttpResponseBadRequest("A field and a value are required.")
    service, verb = ACTIONS[action]
    try:
        with transaction.atomic():
            service(request.user, asset, field, value)
    except REFUSALS as exc:
        return _respond(request, asset, f"Nothing changed: {reason(exc)}", ok=False)
    return _respond(request, asset, f"{verb}: {value}.", ok=True)


@login_required
@require_POST
def accept(request, pk):
    return _decide(request, pk, "accept")


@login_required
@require_POST
def reject(request, pk):
    return _decide(request, pk, "reject")


@login_required
@require_POST
def revert(request, pk):
    return _decide(request, pk, "revert")


@login_required
@require_GET
def panel(request, pk):
    """The panel alone (htmx refresh); anyone who can see the asset sees what they could on its page."""
    asset = visible_asset_or_404(request.user, pk)
    return render(request, panels.TEMPLATE, {"panel": panels.panel_context(request, asset, partial=True)})
