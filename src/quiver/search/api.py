"""GET /api/v1/search: the same search as the web page (permissions, filters, facet counts), logged the same.

GET /api/v1/search?q=...&<facet>=<value>...&sort=relevance|newest|updated&page=1&page_size=20
    &in=<collection id>&facets=topic,industry   (facets: which counts; absent: all; empty: none)
"""

from ninja import Router, Schema

from quiver.library.schemas import Error

from . import records
from .params import from_query
from .selectors import run_search

router = Router(tags=["search"])
ERRORS = {400: Error, 401: Error, 404: Error}


class SearchHitOut(Schema):
    id: int
    title: str
    snippet: str  # escaped HTML: matched terms in <mark>
    page: int | None  # the page/slide of the best match (None: the match is in the title, tags or description)
    score: float


class FacetCountOut(Schema):
    value: str
    count: int


class SearchOut(Schema):
    count: int
    page: int
    page_size: int
    relaxed: str  # "" (every word), "fuzzy" (typo-tolerant) or "any" (some of the words)
    search_id: int | None
    results: list[SearchHitOut]
    facets: dict[str, list[FacetCountOut]]


@router.get("", response={200: SearchOut, **ERRORS}, url_name="search")
def search(request):
    """Full-text search over what the caller may see; every other query parameter is a facet filter
    (`topic=ROI&topic=AI&industry=Retail`: AND across fields, OR within one)."""
    params = from_query(request.GET, page_size=20, allow_page_size=True)
    raw = request.GET.get("facets")
    names = None if raw is None else [n.strip() for n in raw.split(",")[:30] if n.strip()]
    outcome = run_search(request.auth, params, facets=names)
    params = outcome.params  # unknown filter fields dropped
    result = outcome.result
    log = records.log_search(request.auth, params, result.total, via="api") if params.is_search else None
    return {
        "count": result.total,
        "page": params.page,
        "page_size": params.page_size,
        "relaxed": result.relaxed,
        "search_id": log.pk if log else None,
        "results": [
            {"id": h.id, "title": h.title, "snippet": h.snippet, "page": h.page, "score": h.score} for h in result.hits
        ],
        "facets": {
            group.field.name: [{"value": v.value, "count": v.count} for v in group.values] for group in outcome.facets
        },
    }
