"""Search requests as plain values: the query string of /search/ and of GET /api/v1/search, both ways.

    q=...&sort=relevance|newest|updated&page=N&page_size=N&in=<collection id>&<field>=<value>&<field>=<value>...

Every other parameter names a facet field and one of its values: AND across fields, OR within one field."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from .engine import FACET_NAME, MAX_PAGE, MAX_PAGE_SIZE, SORTS
from .query import clean

RESERVED = {"q", "sort", "page", "page_size", "in", "facets", "format"}
MAX_FILTER_FIELDS = 20
MAX_VALUES = 50


@dataclass(frozen=True)
class SearchParams:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    scope: int | None = None  # a collection id: search within it and below

    @property
    def is_search(self) -> bool:
        """Something was asked (the bare page lists recent assets and is not logged)."""
        return bool(self.text or self.filters or self.scope)

    def with_value(self, name: str, value: str, on: bool) -> SearchParams:
        values = [v for v in self.filters.get(name, ()) if v != value] + ([value] if on else [])
        filters = {k: v for k, v in self.filters.items() if k != name}
        if values:
            filters[name] = tuple(values)
        return replace(self, filters=filters, page=1)

    def selected(self, name: str, value: str) -> bool:
        return value in self.filters.get(name, ())

    def query_items(self, *, page: bool = True) -> list[tuple[str, str]]:
        items = [("q", self.text)] if self.text else []
        if self.scope:
            items.append(("in", str(self.scope)))
        for name in sorted(self.filters):
            items.extend((name, v) for v in self.filters[name])
        if self.sort != "relevance":
            items.append(("sort", self.sort))
        if page and self.page > 1:
            items.append(("page", str(self.page)))
        return items

    def querystring(self, **changes) -> str:
        return urlencode(replace(self, **changes).query_items() if changes else self.query_items())

    def log_filters(self) -> dict[str, list[str]]:
        out = {name: list(values) for name, values in sorted(self.filters.items())}
        if self.scope:
            out["in"] = [str(self.scope)]
        return out


def _int(raw, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(str(raw)[:12]), low), high)
    except (TypeError, ValueError):
        return default


def from_query(querydict, *, page_size: int = 20, allow_page_size: bool = False) -> SearchParams:
    """Parse a QueryDict (anything with .get and .getlist): never fails, whatever is sent."""
    filters: dict[str, tuple[str, ...]] = {}
    for name in querydict:
        if name in RESERVED or not FACET_NAME.match(str(name)) or len(filters) >= MAX_FILTER_FIELDS:
            continue
        values = [clean(v)[:200] for v in querydict.getlist(name)[:MAX_VALUES]]
        values = tuple(dict.fromkeys(v for v in values if v))
        if values:
            filters[name] = values
    sort = querydict.get("sort") or "relevance"
    scope = _int(querydict.get("in"), 0, 0, 2**62) or None
    return SearchParams(
        text=clean(querydict.get("q") or ""),
        filters=filters,
        sort=sort if sort in SORTS else "relevance",
        page=_int(querydict.get("page"), 1, 1, MAX_PAGE),
        page_size=_int(querydict.get("page_size"), page_size, 1, MAX_PAGE_SIZE) if allow_page_size else page_size,
        scope=scope,
    )
