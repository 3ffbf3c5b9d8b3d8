"""The parts built beside reviews (lifecycle, categorize, similarity), imported lazily: until a part exists, its
actions are unavailable (a clear message) and its data is empty, never an error page."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.core.exceptions import ValidationError


class Unavailable(ValidationError):
    """The action needs a part of Quiver that is not installed (yet): a 400 / a message, never a 500."""


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _function(module: str, name: str):
    found = getattr(_module(module), name, None)
    return found if callable(found) else None


def need(module: str, name: str, what: str):
    function = _function(module, name)
    if function is None:
        raise Unavailable(f"{what} is not available in this installation.")
    return function


def has(module: str, name: str) -> bool:
    return _function(module, name) is not None


def model(app_label: str, name: str):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


# --- lifecycle --------------------------------------------------------------------------------------------------

def verify(user, asset, note: str = ""):
    return need("quiver.lifecycle.services", "verify", "Verification")(user, asset, note=note)


def merge(user, duplicate, twin):
    return need("quiver.lifecycle.services", "merge", "Merging")(user, duplicate, twin)


def archive(user, asset):
    """Archive through lifecycle when it has its own service (it announces the event), else the library's."""
    lifecycle_archive = _function("quiver.lifecycle.services", "archive")
    if lifecycle_archive is not None:
        return lifecycle_archive(user, asset)
    from quiver.library.services import archive_asset

    return archive_asset(user, asset)


# --- categorize -------------------------------------------------------------------------------------------------

def pending_suggestions(user, asset) -> list:
    pending = _function("quiver.categorize.selectors", "pending_for_asset")
    return list(pending(user, asset)) if pending else []


def suggestion_value(suggestion) -> str:
    target = suggestion.tag if getattr(suggestion, "tag_id", None) else suggestion.facet_value
    return target.name if target is not None else ""


def accept(user, asset, field: str, value: str):
    return need("quiver.categorize.services", "accept", "Accepting suggestions")(user, asset, field, value)


def reject(user, asset, field: str, value: str):
    return need("quiver.categorize.services", "reject", "Rejecting suggestions")(user, asset, field, value)


def accept_many(user, items: list[tuple[int, str, str]]):
    return need("quiver.categorize.services", "accept_many", "Accepting suggestions")(user, items)


# --- similarity -------------------------------------------------------------------------------------------------

def twins(user, asset) -> list:
    """The assets open duplicate flags say `asset` duplicates, best match first: only twins `user` may see
    (similarity.selectors.open_flags)."""
    open_flags = _function("quiver.similarity.selectors", "open_flags")
    if open_flags is None:
        return []
    return [flag.twin for flag in open_flags(user, asset_ids=[asset.pk])]
