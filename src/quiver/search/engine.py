"""The search interface every engine implements, and the values that cross it.

A document is engine-neutral and flat; facets are generic ({field: [values]}) so the taxonomy can grow without
touching the engines. Built-in facet fields derived from the document: `tag`, `asset_type`, `language`,
`collection` (ids as strings), `status`, and `scope` (not a facet shown to anyone: what "search in a collection"
filters on).

`collection_ids` are the collections an asset is filed in by hand: they carry the grants, so they decide who sees
it. `scope_ids` are every collection it can be found in: those, the smart collections whose rule it matches, and
every ancestor of both (a grant covers the collection and everything below it, so searching in a collection is
one term: `scope=<id>`). A document without scope_ids is scoped by its collection_ids alone.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

SORTS = ("relevance", "newest", "updated")
MAX_PAGE_SIZE = 100
MAX_PAGE = 500
BUILTIN_FACETS = ("tag", "asset_type", "language", "collection", "status")
FACET_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")  # facet field names engines accept (others match nothing)


@dataclass(frozen=True)
class SearchDocument:
    id: int
    title: str
    description: str = ""
    pages: tuple[tuple[int, str], ...] = ()
    tags: tuple[str, ...] = ()
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    collection_ids: tuple[int, ...] = ()
    scope_ids: tuple[int, ...] = ()
    status: str = "published"
    owner_id: int | None = None
    created_by_id: int | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    asset_type: str = "document"
    language: str = "en"

    def facet_values(self) -> dict[str, list[str]]:
        """Every filterable/countable field of the document, custom facets and built-ins alike."""
        values = {name: sorted({str(v) for v in vals if str(v)}) for name, vals in self.facets.items()}
        values["tag"] = sorted(set(self.tags))
        values["asset_type"] = [self.asset_type] if self.asset_type else []
        values["language"] = [self.language] if self.language else []
        values["collection"] = sorted({str(c) for c in self.collection_ids})
        values["scope"] = sorted({str(c) for c in self.scope_ids or self.collection_ids})
        values["status"] = [self.status]
        return {name: vals for name, vals in values.items() if vals}

    def facet_text(self) -> str:
        """Tag and custom facet values as searchable text (built-in codes like asset_type excluded)."""
        words = list(self.tags)
        for vals in self.facets.values():
            words.extend(str(v) for v in vals)
        return "\n".join(words)

    def timestamp(self, which: str) -> int:
        value = self.created_at if which == "created" else self.updated_at
        return int(value.timestamp()) if value else 0


@dataclass(frozen=True)
class Permission:
    """Which documents a user may see, mirroring library.policy.visible_assets.

    unrestricted: admins. Otherwise a document is visible when it sits in one of `collection_ids` and its status is
    in `statuses` (None: any status), or when `user_id` is its owner or creator (editors' escape; None: no escape).
    """

    unrestricted: bool = False
    collection_ids: frozenset[int] = frozenset()
    statuses: frozenset[str] | None = frozenset({"published"})
    user_id: int | None = None

    @classmethod
    def everything(cls) -> Permission:
        return cls(unrestricted=True)

    @classmethod
    def nothing(cls) -> Permission:
        return cls()

    def allows(self, doc: SearchDocument) -> bool:
        if self.unrestricted:
            return True
        if self.user_id is not None and self.user_id in (doc.owner_id, doc.created_by_id):
            return True
        in_collection = bool(self.collection_ids.intersection(doc.collection_ids))
        return in_collection and (self.statuses is None or doc.status in self.statuses)


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    permission: Permission = field(default_factory=Permission.nothing)
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    facets: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facet_size: int = 50
    relax_below: int = 10  # fewer hits than this with every word: retry typo-tolerant, then with any word
    step: str | None = None  # run only this relaxation step ("", "fuzzy", "any"): see relaxation_ladder
    feedback: bool = True  # relaxed (any-word) queries are re-ranked with terms of their top documents
    fields: tuple[str, ...] = ()  # extra field names `field:value` may address in the text
    hits: bool = True  # False: the total, facet counts and relaxation step only (no ranking, no snippets)

    def __post_init__(self):
        object.__setattr__(self, "sort", self.sort if self.sort in SORTS else "relevance")
        object.__setattr__(self, "page", min(max(int(self.page), 1), MAX_PAGE))
        object.__setattr__(self, "page_size", min(max(int(self.page_size), 1), MAX_PAGE_SIZE))
        filters = {_safe(k): tuple(_safe(v) for v in vals) for k, vals in self.filters.items() if vals}
        object.__setattr__(self, "filters", filters)
        object.__setattr__(self, "facets", tuple(dict.fromkeys(_safe(f) for f in self.facets)))

    def filterable_fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(BUILTIN_FACETS + tuple(self.facets) + tuple(self.filters) + self.fields))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def _safe(value) -> str:
    """Filter names and values as engines accept them: text without NUL, bounded."""
    return str(value).replace("\x00", "")[:300]


@dataclass(frozen=True)
class Hit:
    id: int
    score: float
    title: str
    snippet: str  # escaped HTML; matched terms wrapped in <mark>
    page: int | None  # page/slide of the best match in the body, None when the match is not in the body


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    relaxed: str = ""  # "", "fuzzy" or "any": which fallback produced the hits


class SearchBackend(ABC):
    """One engine. Writers: the worker (index/remove/clear). Readers: every web process (search).
    Engines are named in settings.SEARCH_BACKENDS (one package each under backends/)."""

    name = "abstract"

    @classmethod
    def from_settings(cls, settings) -> SearchBackend:
        """The process's instance, configured from Django settings."""
        return cls()

    @classmethod
    def configuration_problems(cls, settings) -> list[str]:
        """What keeps this engine from running with these settings (the system check quiver.search.E002)."""
        return []

    @abstractmethod
    def index(self, docs: list[SearchDocument]) -> None:
        """Add or replace documents (by id)."""

    @abstractmethod
    def remove(self, ids: list[int]) -> None:
        """Remove documents by id (unknown ids are ignored)."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """Ranked, permission-filtered, faceted and paginated hits."""

    def relaxation_step(self, query: SearchQuery) -> str:
        """The step of relaxation_ladder that `query` stops at (SearchResult.relaxed), without its hits or facets.
        Engines that can tell "at least relax_below matches" without counting them all override this."""
        from dataclasses import replace

        return self.search(replace(query, facets=(), page=1, page_size=1, feedback=False, hits=False)).relaxed


def relaxation_ladder(parsed, typos: bool = True, step: str | None = None):
    """(name, fuzzy, any_term) steps: every word required; then typo-tolerant; then any word (ranking puts documents
    with more of the words first). A search stops at the first step with enough hits (SearchQuery.relax_below).
    `typos`: some word is rare enough for the typo-tolerant step to matter (else it is skipped).
    `step`: only that step (SearchQuery.step; engines stop after the first step they run). A step the query does
    not have (one word cannot be relaxed to "any") is the exact step; "fuzzy" keeps the exact step behind it for an
    engine that finds no typo candidate to run it with."""
    steps = [("", False, False)]
    if not parsed.is_empty:
        if typos:
            steps.append(("fuzzy", True, False))
        if len(parsed.positive) > 1:
            steps.append(("any", False, True))
    if step is not None:
        chosen = [s for s in steps if s[0] == step]
        steps = chosen + steps[:1] if step == "fuzzy" and chosen else (chosen or steps[:1])
    yield from steps


def get_backend(name: str | None = None) -> SearchBackend:
    """The configured engine (QUIVER_SEARCH_BACKEND): one instance per process."""
    from django.conf import settings

    from .backends import backend_class

    name = name or settings.QUIVER_SEARCH_BACKEND
    if name not in _instances:
        _instances[name] = backend_class(name).from_settings(settings)
    return _instances[name]


_instances: dict[str, SearchBackend] = {}
