"""Keeping an asset current: expiry and what replaces it, the internal-only flag, owner and verifier,
verification ("verified until", Guru-style)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from quiver.library import policy
from quiver.library.models import Asset

from ..events import fire
from ..selectors import cadence_days
from .common import now_or, set_fields

UNSET = object()


def _manage(user, asset: Asset) -> None:
    if not policy.can_manage_lifecycle(user, asset):
        raise PermissionDenied("You may not change the lifecycle of this asset.")


def set_expiry(user, asset: Asset, expires_at, replaced_by: Asset | None | object = UNSET, *, now=None) -> Asset:
    """Set (or clear, with None) the expiry date, and optionally what replaces the asset (an asset the user
    can see, not itself)."""
    _manage(user, asset)
    values = {"expires_at": expires_at}
    if replaced_by is not UNSET:
        if replaced_by is not None:
            if replaced_by.pk == asset.pk:
                raise ValidationError("An asset cannot replace itself.")
            if not policy.can_view_asset(user, replaced_by):
                raise ValidationError("Unknown replacement asset.")
        values["replaced_by"] = replaced_by
    set_fields(user, asset, "asset.expiry", now_or(now), **values)
    return asset


def set_internal_only(user, asset: Asset, internal_only: bool, *, now=None) -> Asset:
    _manage(user, asset)
    set_fields(user, asset, "asset.internal_only", now_or(now), internal_only=bool(internal_only))
    return asset


def set_stewards(user, asset: Asset, *, owner=UNSET, verifier=UNSET, now=None) -> Asset:
    """Owner and verifier: active users (the verifier may be anyone who can see the asset)."""
    _manage(user, asset)
    values = {}
    for name, person in (("owner", owner), ("verifier", verifier)):
        if person is UNSET:
            continue
        if person is not None:
            if not get_user_model().objects.filter(pk=person.pk, is_active=True).exists():
                raise ValidationError(f"Unknown {name}.")
            if name == "verifier" and not policy.can_view_asset(person, asset):
                raise ValidationError(f"{person} cannot see this asset, so cannot verify it.")
        values[name] = person
    if values:
        set_fields(user, asset, "asset.stewards", now_or(now), **values)
    return asset


def verify(user, asset: Asset, note: str = "", *, now=None):
    """Confirm the asset is still right: verified from today for its review cadence. Returns the new
    `verified_until` (a date)."""
    if not policy.can_verify(user, asset):
        raise PermissionDenied("You may not verify this asset.")
    now = now_or(now)
    days = cadence_days(asset)
    until = timezone.localdate(now) + timedelta(days=days)
    set_fields(
        user, asset, "asset.verify", now, comment=(note or "").strip()[:1000], verified_at=now, verified_until=until
    )
    fire(asset, "verified", user, verified_until=until.isoformat(), cadence_days=days, note=note)
    return until
