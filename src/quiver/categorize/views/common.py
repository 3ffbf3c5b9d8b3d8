"""Helpers of the categorization views: where to go back to, what a service refusal becomes."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.http import url_has_allowed_host_and_scheme

from quiver.accounts.decorators import allowed_if
from quiver.library import policy

# Deciding, bulk editing and rule editing are for the roles that can edit assets at all (editors, admins);
# each asset is then checked again by the services (policy.can_edit_asset / editable_assets).
editors_only = allowed_if(policy.can_create_assets)
admins_only = allowed_if(policy.can_manage_taxonomy)

REFUSALS = (ValidationError, ObjectDoesNotExist, ValueError, LookupError)


def next_url(request, default: str) -> str:
    """The `next` the form carried, if it is a path on this site; else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or "That value cannot be used."
