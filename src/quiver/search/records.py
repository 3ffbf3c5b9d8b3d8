"""Changes of the search app: the append-only search and click logs, and saved searches (per user)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from .models import SavedSearch, SearchClick, SearchLog
from .params import SearchParams

MAX_SAVED = 100


def normalize(text: str) -> str:
    return " ".join(text.lower().split())[:500]


def log_search(user, params: SearchParams, result_count: int, via: str = "web") -> SearchLog:
    return SearchLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        query=params.text[:500],
        normalized=normalize(params.text),
        filters=params.log_filters(),
        sort=params.sort,
        page=params.page,
        result_count=result_count,
        via=via,
    )


def log_click(user, search: SearchLog, asset_id: int, position: int, page: int | None) -> SearchClick:
    return SearchClick.objects.create(search=search, user=user, asset_id=asset_id, position=max(1, position), page=page)


def save_search(user, name: str, params: SearchParams) -> SavedSearch:
    """Save (or overwrite, by name) one of the user's searches."""
    name = " ".join(str(name or "").split())[:120]
    if not name:
        raise ValidationError("Give the search a name.")
    if not params.is_search:
        raise ValidationError("There is nothing to save: type a query or choose a filter first.")
    existing = SavedSearch.objects.filter(user=user, name=name).first()
    if existing is None and SavedSearch.objects.filter(user=user).count() >= MAX_SAVED:
        raise ValidationError(f"At most {MAX_SAVED} saved searches: delete one first.")
    saved = existing or SavedSearch(user=user, name=name)
    saved.params = params.querystring(page=1)[:2000]
    saved.save()
    return saved


def delete_saved(user, pk: int) -> bool:
    deleted, _ = SavedSearch.objects.filter(user=user, pk=pk).delete()
    return bool(deleted)
