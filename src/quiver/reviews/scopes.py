"""What a review session walks: the assets of its scope the user may review, in a stable order, capped."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict

from quiver.library import policy
from quiver.library.models import AssetType
from quiver.search.engine import MAX_PAGE_SIZE
from quiver.search.models import SavedSearch
from quiver.search.params import from_query
from quiver.search.selectors import run_search

from .models import ScopeKind
from .reasons import get as get_signal
from .selectors import QueueFilters, queue_assets, reviewable_assets


def _saved_search_ids(user, pk, limit: int) -> tuple[list[int], str]:
    """Run a saved search through the search service (the user's own permission applies) and keep the order."""
    saved = SavedSearch.objects.filter(user=user, pk=pk).first()
    if saved is None:
        raise ValidationError("No such saved search.")
    params = from_query(QueryDict(saved.params))
    ids: list[int] = []
    page = 1
    while len(ids) < limit * 4:  # hits the user may see but not edit are dropped below
        try:
            outcome = run_search(user, replace(params, page=page, page_size=MAX_PAGE_SIZE), facets=[])
        except Http404:  # its collection scope is gone or no longer visible
            break
        ids += [hit.id for hit in outcome.result.hits]
        if page * MAX_PAGE_SIZE >= outcome.result.total or not outcome.result.hits:
            break
        page += 1
    return ids, f"Saved search “{saved.name}”"


def _label(kind: str, value: str, user) -> str:
    if kind == ScopeKind.COLLECTION:
        collection = policy.viewable_collections(user).filter(pk=value).first()
        if collection is None:
            raise ValidationError("No such collection.")
        return f"Collection “{collection.name}”"
    if kind == ScopeKind.OWNER:
        owner = get_user_model().objects.filter(pk=value).first()
        if owner is None:
            raise ValidationError("No such owner.")
        return f"Owner {owner.display_name or owner.username}"
    if kind == ScopeKind.ASSET_TYPE:
        return f"Type: {AssetType(value).label}"
    if kind == ScopeKind.SIGNAL:
        return f"Signal: {get_signal(value).label}"
    return "The review queue"


def resolve(user, kind: str, value: str = "", filters: QueueFilters | None = None, now=None) -> tuple[list[int], str]:
    """(asset ids in walking order, a label) for a scope; a ValidationError for a scope that makes no sense."""
    limit = settings.QUIVER_REVIEW_SESSION_SIZE
    value = str(value or "").strip()
    if kind not in ScopeKind.values:
        raise ValidationError("Unknown scope.")
    if kind == ScopeKind.SAVED_SEARCH:
        ids, label = _saved_search_ids(user, int(value) if value.isdigit() else 0, limit)
        allowed = set(reviewable_assets(user).filter(pk__in=ids).values_list("pk", flat=True))
        return [pk for pk in ids if pk in allowed][:limit], label
    if kind == ScopeKind.SIGNAL and not get_signal(value):
        raise ValidationError("Unknown signal.")
    if kind == ScopeKind.ASSET_TYPE and value not in AssetType.values:
        raise ValidationError("Unknown asset type.")
    if kind in (ScopeKind.COLLECTION, ScopeKind.OWNER) and not value.isdigit():
        raise ValidationError("Choose what to review.")
    label = _label(kind, value, user)
    filters = filters or QueueFilters()
    if kind == ScopeKind.QUEUE:
        qs = queue_assets(user, filters, now)
    elif kind == ScopeKind.SIGNAL:
        qs = queue_assets(user, replace(filters, signal=value), now)
    else:
        key = {ScopeKind.COLLECTION: "collection", ScopeKind.OWNER: "owner", ScopeKind.ASSET_TYPE: "asset_type"}[kind]
        qs = QueueFilters.from_params({key: value}).apply(reviewable_assets(user), user).order_by("title", "id")
    return list(qs.values_list("pk", flat=True)[:limit]), label
