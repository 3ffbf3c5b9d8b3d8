"""The library home: visible assets as a grid or a list, with filters, sort and pagination (htmx-aware)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from .. import policy, selectors
from ..forms import FilterForm

PER_PAGE = 24


@login_required
@require_GET
@vary_on_headers("HX-Request", "HX-Target")  # the same URL answers a full page or the results fragment
def home(request):
    user = request.user
    form = FilterForm(
        request.GET or None,
        user=user,
        collections=policy.viewable_collections(user).order_by("path"),
        owners=selectors.owners_of_visible_assets(user),
    )
    filters = form.filters() if request.GET else selectors.AssetFilters()
    assets = selectors.asset_listing(user, filters)
    page = Paginator(assets, PER_PAGE).get_page(request.GET.get("page"))
    layout = "list" if request.GET.get("view") == "list" else "grid"
    context = {
        "form": form,
        "page": page,
        "layout": layout,
        "htmx_results": True,
        "filtered": any(request.GET.get(k) for k in ("q", "asset_type", "collection", "owner", "status", "processing")),
    }
    partial = request.htmx and request.htmx.target == "results"
    template = "library/home.html#results" if partial else "library/home.html"
    return render(request, template, context)
