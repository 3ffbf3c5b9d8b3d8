from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect

from quiver.library import selectors as library_selectors


def visible_asset_or_404(user, pk: int):
    asset = library_selectors.visible_asset(user, pk)
    if asset is None:
        raise Http404("No such asset.")
    return asset


def run(request, asset, action, success: str, target=None):
    """Run a service in a transaction; its refusal (ValidationError) becomes a message on the asset page.
    PermissionDenied propagates (403)."""
    try:
        with transaction.atomic():
            action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(target or asset)
