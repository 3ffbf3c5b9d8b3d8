"""The search page (instant results with htmx), result clicks, and saved searches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from quiver.library import policy
from quiver.library.models import Asset

from . import records
from .models import SavedSearch, SearchLog
from .params import from_query
from .selectors import run_search

PAGE_SIZE = 20


def _rows(user, outcome) -> list[dict]:
    """Hits with their asset (type, thumbnail), position in the whole list and click-through target page."""
    hits = outcome.result.hits
    assets = (
        policy.visible_assets(user, Asset.objects.filter(pk__in=[h.id for h in hits]))
        .select_related("current_version", "replaced_by")
        .in_bulk()
    )
    start = (outcome.params.page - 1) * outcome.params.page_size
    return [
        {"hit": hit, "asset": assets[hit.id], "position": start + i + 1}
        for i, hit in enumerate(hits)
        if hit.id in assets
    ]


@login_required
@require_GET
@vary_on_headers("HX-Request", "HX-Target")
def search(request):
    outcome = run_search(request.user, from_query(request.GET, page_size=PAGE_SIZE))
    params = outcome.params  # unknown filter fields dropped
    total = outcome.result.total
    log = records.log_search(request.user, params, total) if params.is_search else None
    pages = max(1, -(-total // params.page_size))
    context = {
        "params": params,
        "outcome": outcome,
        "rows": _rows(request.user, outcome),
        "log": log,
        "total": total,
        "has_prev": params.page > 1,
        "has_next": params.page < min(pages, 500),
        "pages": pages,
        "prev_qs": params.querystring(page=params.page - 1),
        "next_qs": params.querystring(page=params.page + 1),
        "saved": SavedSearch.objects.filter(user=request.user)[:50],
        "sorts": [("relevance", "Relevance"), ("newest", "Newest"), ("updated", "Recently updated")],
    }
    partial = request.htmx and request.htmx.target == "search-results"
    response = render(request, "search/search.html#results" if partial else "search/search.html", context)
    if partial:  # the address bar shows the short form of the search (no empty or default parameters)
        query = params.querystring()
        response["HX-Push-Url"] = reverse("search:search") + (f"?{query}" if query else "")
    return response


def _int(raw) -> int | None:
    try:
        return int(str(raw)[:12])
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def click(request, log_id: int):
    """A result opened from a search: logged with its position, then on to the asset page at the matched page."""
    log = get_object_or_404(SearchLog, pk=log_id, user=request.user)
    asset_id, position, page = (
        _int(request.GET.get("asset")),
        _int(request.GET.get("position")),
        _int(request.GET.get("page")),
    )
    if asset_id is None or position is None:
        raise Http404("Not a search result.")
    asset = policy.visible_assets(request.user, Asset.objects.filter(pk=asset_id)).first()
    if asset is None:
        raise Http404("No such asset.")
    page = page if page and page > 0 else None
    records.log_click(request.user, log, asset.pk, min(max(position, 1), 100_000), page)
    url = asset.get_absolute_url() + (f"?page={page}" if page else "")
    return HttpResponseRedirect(url)


@login_required
def saved_list(request):
    """GET: my saved searches; POST: save the search given in the form (name + the search's query string)."""
    if request.method == "POST":
        form = request.POST.copy()
        for key in ("name", "csrfmiddlewaretoken"):
            form.pop(key, None)
        params = from_query(form, page_size=PAGE_SIZE)
        try:
            saved = records.save_search(request.user, request.POST.get("name", ""), params)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(reverse("search:search") + ("?" + params.querystring() if params.is_search else ""))
        messages.success(request, f"Saved “{saved.name}”.")
        return redirect(reverse("search:search") + "?" + saved.params)
    return render(request, "search/saved.html", {"saved": SavedSearch.objects.filter(user=request.user)})


@login_required
@require_GET
def saved_run(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    return redirect(reverse("search:search") + "?" + saved.params)


@login_required
@require_POST
def saved_delete(request, pk: int):
    if not records.delete_saved(request.user, pk):
        raise Http404("No such saved search.")
    messages.success(request, "Saved search deleted.")
    return redirect("search:saved")
