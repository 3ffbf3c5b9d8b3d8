"""Web actions on a duplicate flag (from the banner on the asset page) and the list of open flags."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from quiver.library import policy

from . import selectors, services
from .models import FlagStatus

LIST_LIMIT = 200


def _open_flag(user, pk: int):
    flag = selectors.visible_flag(user, pk)
    if flag is None:
        raise Http404("No such duplicate.")
    if not policy.can_edit_asset(user, flag.asset):
        raise PermissionDenied("You may not change this asset.")
    return flag


@login_required
@require_POST
def flag_merge(request, pk):
    """Add as new version of the twin: the upload's file becomes the twin's newest version."""
    flag = _open_flag(request.user, pk)
    if flag.status != FlagStatus.OPEN:
        messages.info(request, "This duplicate was already decided.")
        return redirect(flag.asset)
    try:
        with transaction.atomic():
            version = services.add_as_new_version(request.user, flag.asset, flag.twin)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(flag.asset)
    messages.success(
        request, f"Added as version {version.number} of “{flag.twin.title}”; “{flag.asset.title}” is archived."
    )
    return redirect(flag.twin)


@login_required
@require_POST
def flag_dismiss(request, pk):
    """Keep both: the flag is closed and not raised again for this pair."""
    flag = _open_flag(request.user, pk)
    with transaction.atomic():
        services.dismiss(request.user, flag)
    messages.success(request, "Kept both assets.")
    return redirect(flag.asset)


@login_required
@require_GET
def flag_list(request):
    """Open duplicate flags on assets the user may edit (both sides visible to them)."""
    if not policy.can_create_assets(request.user):
        raise PermissionDenied("Only editors review duplicates.")
    editable = policy.editable_assets(request.user).values("pk")
    flags = list(selectors.open_flags(request.user).filter(asset_id__in=editable)[:LIST_LIMIT])
    return render(request, "similarity/flag_list.html", {"flags": flags, "limit": LIST_LIMIT})
