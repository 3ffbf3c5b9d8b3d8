"""Running a search for a user: permission from library.policy (through search.permissions), scope, filters,
facet counts. Counts of a field with selected values are taken without that field's own filter (so values of one
field can be OR-ed); every count equals the number of results that selecting the value alone would add."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import Http404

from quiver.library import policy

from .catalog import FacetField, facet_fields
from .engine import BUILTIN_FACETS, SearchQuery, SearchResult, get_backend
from .params import SearchParams
from .permissions import permission_for
from .query import parse

# Relaxing (typo-tolerant, then any word): a question typed in full (QUESTION_WORDS words or more) is relaxed when
# every word together finds fewer than RELAX_BELOW (the engines' default, tuned on Cranfield: long questions rarely
# match every word); a keyword query keeps its literal meaning and is relaxed only when it finds nothing. The step
# is chosen by the text alone -- permission and scope included, facet filters not (text_step) -- so a facet's count
# and the results after selecting the value are always taken at the same step and agree.
RELAX_BELOW = 10
QUESTION_WORDS = 4  # as backends.tantivy.feedback.MIN_WORDS


@dataclass
class FacetValueCount:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetCounts:
    field: FacetField
    values: list[FacetValueCount]


@dataclass
class Outcome:
    params: SearchParams
    result: SearchResult
    facets: list[FacetCounts]
    scope_name: str = ""


def search_scope(user, collection_id: int) -> tuple[str, str]:
    """The collection to search in (its id as the engines' `scope` value) and its name; 404 unless the user may
    see it. Its documents are those filed in it or below, by hand or by a smart rule (SearchDocument.scope_ids);
    a grant covers everything below a collection, so nothing below it is hidden from whoever sees it."""
    top = policy.viewable_collections(user).filter(pk=collection_id).only("pk", "name").first()
    if top is None:
        raise Http404("No such collection.")
    return str(top.pk), top.name


def collection_names(user) -> dict[str, str]:
    return {str(pk): name for pk, name in policy.viewable_collections(user).values_list("pk", "name")}


def engine_filters(params: SearchParams, scope: str | None) -> dict[str, tuple[str, ...]]:
    filters = {k: v for k, v in params.filters.items() if k != "scope"}
    if scope is not None:
        filters["scope"] = (scope,)
    return filters


def run_search(user, params: SearchParams, *, facets: list[str] | None = None) -> Outcome:
    """`facets`: engine names to count (None: every field of the catalogue)."""
    wanted_collections = facets is None or "collection" in facets
    fields = facet_fields(collection_names(user) if wanted_collections else None)
    known = set(BUILTIN_FACETS) | {f.name for f in fields}  # a stray `utm_source=` is ignored, not matched
    params = replace(params, filters={k: v for k, v in params.filters.items() if k in known})
    backend, permission = get_backend(), permission_for(user)
    scope, scope_name = search_scope(user, params.scope) if params.scope else (None, "")
    catalog = {f.name: f for f in fields} if facets is None or facets else {}
    names = list(catalog) if facets is None else [n for n in facets if n in catalog]
    filters = engine_filters(params, scope)
    base = SearchQuery(
        text=params.text,
        permission=permission,
        filters=filters,
        facets=tuple(names),
        sort=params.sort,
        page=params.page,
        page_size=params.page_size,
        relax_below=relax_below(params.text),
    )
    if params.text and params.filters:
        base = replace(base, step=text_step(backend, base, engine_filters(replace(params, filters={}), scope)))
    result = backend.search(base)
    counts = dict(result.facets)
    for name in names:  # a field with selected values: counted as if none of them were selected
        if name in params.filters:
            others = engine_filters(
                replace(params, filters={k: v for k, v in params.filters.items() if k != name}), scope
            )
            alone = backend.search(replace(base, filters=others, facets=(name,), page=1, page_size=1, hits=False))
            counts[name] = alone.facets.get(name, [])
    shown = [_present(catalog[name], counts.get(name, []), params) for name in names]
    return Outcome(params=params, result=result, facets=shown, scope_name=scope_name)


def relax_below(text: str) -> int:
    return RELAX_BELOW if len(parse(text).positive) >= QUESTION_WORDS else 1


def text_step(backend, query: SearchQuery, unfiltered: dict) -> str:
    """The relaxation step the text finds enough with before any facet filter narrows it."""
    return backend.relaxation_step(replace(query, filters=unfiltered))


def _present(field: FacetField, counts: list[tuple[str, int]], params: SearchParams) -> FacetCounts:
    values = [
        FacetValueCount(v, field.label_of(v), n, params.selected(field.name, v))
        for v, n in counts
        if n > 0 and field.shows(v)
    ]
    seen = {v.value for v in values}
    for v in params.filters.get(field.name, ()):  # a selected value stays visible (and can be unselected)
        if v not in seen and field.shows(v):
            values.append(FacetValueCount(v, field.label_of(v), 0, True))
    return FacetCounts(field, values)
